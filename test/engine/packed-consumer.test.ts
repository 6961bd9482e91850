// The library as users get it: `npm pack`, installed into a fresh project beside
// @pulumi/pulumi, and deployed by a program of that project through the real engine. The program
// runs in its own Node process (with the consumer's own @pulumi/pulumi), so nothing here leans
// on this repository's node_modules or on the self-link that `npm run build` makes.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RunningEmulator, startEmulator } from "../../emulator";
import { ENGINE_ROOT, engineEnv } from "../harness/engine";
import { hourFromNow, stateResources } from "./support";

const run = promisify(execFile);
const REPO = path.resolve(__dirname, "../..");
const INSTALL_TIMEOUT_MS = 300_000;

// The consumer's program and a tiny Automation API driver: `node deploy.js up|destroy` prints
// the summary as JSON on its last line.
const DEPLOY_JS = `"use strict";
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
const acs = require("pulumi-acs-rooms");

async function program() {
  const room = new acs.Room("consumer-room", { validFrom: process.env.ROOM_FROM });
  const user = new acs.CommunicationUser("consumer-user");
  new acs.RoomParticipantSet("consumer-people", {
    roomId: room.roomId,
    participants: [{ id: user.communicationUserId, role: "Presenter" }],
  });
  const found = acs.getRoomOutput({ roomId: room.roomId });
  return { roomId: room.roomId, foundValidFrom: found.validFrom };
}

async function main(command) {
  const pulumiCommand = await PulumiCommand.get({ root: process.env.ENGINE_ROOT });
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: "consumer", stackName: "test", program },
    {
      workDir: __dirname,
      pulumiCommand,
      projectSettings: { name: "consumer", runtime: "nodejs" },
    },
  );
  await stack.setConfig("acsRooms:connectionString", {
    value: process.env.CONSUMER_CONNECTION_STRING,
    secret: true,
  });
  const result = command === "up" ? await stack.up() : await stack.destroy();
  const outputs = Object.fromEntries(
    Object.entries(result.outputs ?? {}).map(([key, output]) => [key, output.value]),
  );
  console.log(JSON.stringify({ changes: result.summary.resourceChanges, outputs }));
}

main(process.argv[2]).catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

describe("the packed tarball in a fresh consumer project", () => {
  let root: string;
  let consumer: string;
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  const backendDir = () => path.join(root, "backend");
  const validFrom = hourFromNow(30);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "acs-rooms-consumer-"));
    consumer = path.join(root, "consumer");
    fs.mkdirSync(consumer);
    fs.mkdirSync(backendDir());

    const packed = await run("npm", ["pack", "--silent", "--pack-destination", root], {
      cwd: REPO,
    });
    const tarball = packed.stdout.trim().split("\n").pop() as string;
    fs.writeFileSync(
      path.join(consumer, "package.json"),
      JSON.stringify({
        name: "consumer",
        version: "1.0.0",
        private: true,
        dependencies: {
          "@pulumi/pulumi": "3.248.0",
          "pulumi-acs-rooms": `file:../${tarball}`,
        },
      }),
    );
    fs.writeFileSync(path.join(consumer, "deploy.js"), DEPLOY_JS);
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: consumer,
      timeout: INSTALL_TIMEOUT_MS,
    });

    emulator = await startEmulator({ port: 0 });
    env = {
      ...engineEnv({ backendDir: backendDir(), home: path.join(root, "home") }),
      ENGINE_ROOT,
      ROOM_FROM: validFrom,
      CONSUMER_CONNECTION_STRING: emulator.connectionString,
    };
  }, INSTALL_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await emulator?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  async function deploy(command: "up" | "destroy") {
    const { stdout } = await run("node", ["deploy.js", command], {
      cwd: consumer,
      env: { ...process.env, ...env },
    });
    return JSON.parse(stdout.trim().split("\n").pop() as string);
  }

  it("installs a package that holds the built library and no sources", () => {
    const installed = path.join(consumer, "node_modules/pulumi-acs-rooms");

    expect(fs.realpathSync(installed).startsWith(consumer)).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist/provider/runtime/index.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "provider"))).toBe(false);
  });

  it("gives the consumer the acs-rooms-emulator command", async () => {
    const { stdout } = await run("npx", ["--no-install", "acs-rooms-emulator", "--help"], {
      cwd: consumer,
    });

    expect(stdout).toMatch(/^Usage: acs-rooms-emulator \[options\]/);
  });

  it("deploys rooms, users and participants from the consumer's program", async () => {
    const result = await deploy("up");

    expect(result.changes).toEqual({ create: 4 });
    expect(result.outputs.foundValidFrom).toBe(validFrom);
    expect(emulator.store.rooms()).toBe(1);
    expect(emulator.store.users()).toBe(1);

    const state = fs.readFileSync(
      path.join(backendDir(), ".pulumi/stacks/consumer/test.json"),
      "utf8",
    );
    expect(state).not.toContain(emulator.accessKey);
    for (const resource of stateResources(state).filter((r) => r.type.includes("acs-rooms"))) {
      const provider = resource.inputs?.__provider as string;
      expect(provider.length, resource.type).toBeLessThanOrEqual(2048);
      expect(provider).toContain('require("pulumi-acs-rooms/runtime")');
    }
  });

  it("destroys everything it made", async () => {
    const result = await deploy("destroy");

    expect(result.changes).toEqual({ delete: 4 });
    expect(emulator.store.rooms()).toBe(0);
    expect(emulator.store.users()).toBe(0);
  });
});
