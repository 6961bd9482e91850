// `npm start`: deploys the demo stack and shows that a refresh finds no drift.
//
// Steps: start the embedded ACS emulator (unless the stack is configured for a real ACS
// resource), run `pulumi up` through the Automation API with a file backend under .pulumi-demo/,
// print the rooms, run `pulumi preview --refresh --expect-no-changes`, and say how to point the
// same stack at a real resource. Everything it keeps lives in .pulumi-demo/, so a second run
// finds the same emulator data and the same stack, and changes nothing.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";

import { startEmulator, type RunningEmulator } from "../emulator";
import { conference, type RoomSummary } from "./conference";

const REPO = path.resolve(__dirname, "../..");
/** Everything the demo keeps between runs; tests point it elsewhere. */
const STATE_DIR = path.resolve(process.env.ACS_DEMO_STATE_DIR ?? path.join(REPO, ".pulumi-demo"));
const ENGINE_ROOT = path.join(REPO, ".engine");
// Stack settings live in Pulumi.<stack>.yaml beside Pulumi.yaml; tests use stacks of their own.
const STACK = process.env.ACS_DEMO_STACK ?? "dev";
const PROJECT = "acs-rooms-demo";
/** A fixed port, so the rooms in the stack's state stay on the same endpoint across runs. */
const DEFAULT_EMULATOR_PORT = 47380;
/** The demo's secrets passphrase unless PULUMI_CONFIG_PASSPHRASE is set; not a secret itself. */
const DEMO_PASSPHRASE = "acs-rooms-demo";
const CONFERENCE_DAYS = 3;

main().catch((err: unknown) => {
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

async function main(): Promise<void> {
  fs.mkdirSync(path.join(STATE_DIR, "backend"), { recursive: true });
  const env = demoEnv();
  const stack = await openStack(env);

  const realResource = (await stack.getAllConfig())["acsRooms:connectionString"] !== undefined;
  const emulator = realResource ? undefined : await startDemoEmulator();
  try {
    if (emulator) {
      // The providers read the emulator's connection string from the environment, so it never
      // lands in the stack's config or state.
      stack.workspace.envVars.ACS_CONNECTION_STRING = emulator.connectionString;
      console.log(
        `ACS emulator listening on ${emulator.endpoint} (data in ${shortPath(STATE_DIR)})`,
      );
    } else {
      console.log("Stack is configured for a real ACS resource (acsRooms:connectionString).");
    }

    const eventStart = await ensureEventStart(stack);
    console.log(`Conference starts ${eventStart.toISOString().slice(0, 10)}.\n`);

    const drift = await findDrift(stack);
    if (drift.length > 0) printDrift(drift);

    console.log(drift.length > 0 ? "pulumi up --refresh ..." : "pulumi up ...");
    const up = await stack.up({ refresh: drift.length > 0 });
    console.log(`Resources: ${describeChanges(up.summary.resourceChanges ?? {})}`);
    printRooms(up.outputs.rooms.value as RoomSummary[]);

    console.log("\npulumi preview --refresh --expect-no-changes ...");
    const preview = await stack.preview({ refresh: true, expectNoChanges: true });
    const unchanged = preview.changeSummary.same ?? 0;
    console.log(`No drift: all ${unchanged} resources match the service.`);

    printNextSteps(realResource);
  } finally {
    await emulator?.close();
  }
}

/** A resource whose refreshed state differs from what the program declares. */
interface Drift {
  name: string;
  type: string;
  op: string;
}

/**
 * On a stack that has been deployed before, a refreshing preview: anything it would change is
 * a room or list that no longer matches the program, most often because someone changed it by
 * hand. A first deployment has nothing to compare.
 */
async function findDrift(stack: Stack): Promise<Drift[]> {
  const deployed = (await stack.exportStack()).deployment?.resources ?? [];
  if (deployed.length === 0) return [];

  const drift: Drift[] = [];
  await stack.preview({
    refresh: true,
    onEvent: (event) => {
      const step = event.resourcePreEvent?.metadata;
      if (!step || ["same", "refresh", "read"].includes(step.op)) return;
      const name = step.urn.split("::").pop() ?? step.urn;
      drift.push({ name, type: step.type.split(":").pop() ?? step.type, op: step.op });
    },
  });
  return drift;
}

function printDrift(drift: Drift[]): void {
  console.log("pulumi preview --refresh found resources that no longer match the program:");
  for (const d of drift) console.log(`  ${d.name} (${d.type}): ${d.op}`);
  console.log("Putting the declared state back.\n");
}

/** The demo's engine environment: offline, with its own file backend and PULUMI_HOME. */
function demoEnv(): Record<string, string> {
  return {
    PATH: `${path.join(ENGINE_ROOT, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(STATE_DIR, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(STATE_DIR, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? DEMO_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

async function openStack(env: Record<string, string>): Promise<Stack> {
  const pulumiCommand = await PulumiCommand.get({ root: ENGINE_ROOT });
  return LocalWorkspace.createOrSelectStack(
    { stackName: STACK, workDir: REPO },
    { pulumiCommand, pulumiHome: env.PULUMI_HOME, envVars: env, program: program() },
  );
}

/** The same program the root Pulumi.yaml names, run in this process. */
function program() {
  return async () => {
    const eventStart = new Date(new pulumi.Config().require("eventStart"));
    return conference(eventStart);
  };
}

/**
 * Starts the emulator on a fixed port with a data file and an access key kept in .pulumi-demo/,
 * so a second run serves the rooms the first one created.
 */
async function startDemoEmulator(): Promise<RunningEmulator> {
  const keyFile = path.join(STATE_DIR, "emulator-access-key");
  if (!fs.existsSync(keyFile)) {
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  const port = Number(process.env.ACS_DEMO_EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT);
  return startEmulator({
    port,
    accessKey: fs.readFileSync(keyFile, "utf8").trim(),
    dataFile: path.join(STATE_DIR, "emulator-data.json"),
  });
}

/**
 * The first day of the conference, kept in stack config so that every run declares the same
 * rooms. Set on the first run to the Monday at least a week ahead; moved forward the same way
 * once the conference is over, because the service refuses windows that end in the past.
 */
async function ensureEventStart(stack: Stack): Promise<Date> {
  const stored = (await stack.getAllConfig())[`${PROJECT}:eventStart`]?.value;
  const now = new Date();
  if (stored) {
    const start = new Date(stored);
    const end = new Date(start.getTime() + CONFERENCE_DAYS * 86_400_000);
    if (end > now) return start;
    console.log(`The conference of ${stored.slice(0, 10)} is over; moving it forward.`);
  }
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 7));
  start.setUTCDate(start.getUTCDate() + ((8 - start.getUTCDay()) % 7));
  await stack.setConfig("eventStart", { value: start.toISOString() });
  return start;
}

function printRooms(rooms: RoomSummary[]): void {
  const rows = rooms.map((room) => [
    room.name,
    room.roomId,
    `${shortTime(room.validFrom)} → ${shortTime(room.validUntil)}`,
    String(room.participants),
    room.pstnDialOutEnabled ? "yes" : "no",
  ]);
  const header = ["room", "room id", "window (UTC)", "people", "dial-out"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();

  console.log(`\n${rooms.length} rooms deployed:\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
}

function printNextSteps(realResource: boolean): void {
  const cli = shortPath(path.join(ENGINE_ROOT, "bin", "pulumi"));
  const backend = shortPath(path.join(STATE_DIR, "backend"));
  console.log("\nNext:");
  if (realResource) {
    console.log("- This stack deploys to the ACS resource in acsRooms:connectionString.");
  } else {
    console.log("- To deploy the same stack to a real Azure Communication Services resource:");
  }
  console.log(
    `    PULUMI_BACKEND_URL=file://${backend} PULUMI_CONFIG_PASSPHRASE=${DEMO_PASSPHRASE} \\\n` +
      `    ${cli} config set --secret acsRooms:connectionString ` +
      `"endpoint=https://<resource>.communication.azure.com/;accesskey=<key>" --stack ${STACK}\n` +
      "    npm start",
  );
  console.log(
    "- Change a room by hand, then run `npm start` again: the refresh reports the drift.",
  );
  console.log(`- Start over: rm -rf ${shortPath(STATE_DIR)} Pulumi.${STACK}.yaml`);
}

/** A path relative to the current folder when it lies inside it, else absolute. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : `$PWD/${relative}`;
}

function shortTime(iso: string): string {
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** "4 created, 10 unchanged": the engine's counts, in a fixed order. */
function describeChanges(changes: Record<string, number>): string {
  const words: [string, string][] = [
    ["create", "created"],
    ["update", "updated"],
    ["replace", "replaced"],
    ["delete", "deleted"],
    ["same", "unchanged"],
  ];
  const known = new Set(words.map(([op]) => op));
  const others = Object.keys(changes).filter((op) => !known.has(op));
  return [...words, ...others.map((op): [string, string] => [op, op])]
    .filter(([op]) => changes[op])
    .map(([op, word]) => `${changes[op]} ${word}`)
    .join(", ");
}
