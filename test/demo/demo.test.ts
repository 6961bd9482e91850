// `npm start` as a new user runs it: twice in a row, against the embedded emulator. The demo
// keeps its state in a folder and a stack of this test's own, so it never touches .pulumi-demo.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

import { RoomsClient } from "@azure/communication-rooms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmulator } from "../../emulator";

const run = promisify(execFile);
const REPO = path.resolve(__dirname, "../..");
const DEMO = path.join(REPO, "dist/demo/run.js");

describe("the demo stack (npm start)", () => {
  const stack = `demo-test-${process.pid}`;
  let stateDir: string;
  let env: NodeJS.ProcessEnv;
  let first: string;
  let second: string;
  let third: string;
  let movedUntil: string;

  beforeAll(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "acs-rooms-demo-"));
    env = {
      ...process.env,
      ACS_DEMO_STATE_DIR: stateDir,
      ACS_DEMO_STACK: stack,
      ACS_DEMO_EMULATOR_PORT: String(await freePort()),
    };
    first = (await run("node", [DEMO], { cwd: REPO, env })).stdout;
    second = (await run("node", [DEMO], { cwd: REPO, env })).stdout;
    movedUntil = await extendKeynoteByHand(roomTable(first)[0].roomId);
    third = (await run("node", [DEMO], { cwd: REPO, env })).stdout;
  }, 600_000);

  /**
   * Someone moves the keynote's end by an hour through the SDK, against the demo's emulator
   * data (same port, key and data file), while the demo is not running.
   */
  async function extendKeynoteByHand(roomId: string): Promise<string> {
    const emulator = await startEmulator({
      port: Number(env.ACS_DEMO_EMULATOR_PORT),
      accessKey: fs.readFileSync(path.join(stateDir, "emulator-access-key"), "utf8").trim(),
      dataFile: path.join(stateDir, "emulator-data.json"),
    });
    try {
      const rooms = new RoomsClient(emulator.connectionString, { allowInsecureConnection: true });
      const room = await rooms.getRoom(roomId);
      const validUntil = new Date(room.validUntil.getTime() + 3_600_000);
      await rooms.updateRoom(roomId, { validFrom: room.validFrom, validUntil });
      return validUntil.toISOString();
    } finally {
      await emulator.close();
    }
  }

  afterAll(() => {
    fs.rmSync(stateDir, { recursive: true, force: true });
    fs.rmSync(path.join(REPO, `Pulumi.${stack}.yaml`), { force: true });
  });

  it("deploys the conference's rooms, users and participant sets on the first run", () => {
    expect(first).toContain("4 rooms deployed");
    // 4 rooms, 4 participant sets, 5 users and the stack itself.
    expect(first).toMatch(/Resources: 14 created/);
    expect(roomTable(first).map((row) => [row.name, row.people, row.dialOut])).toEqual([
      ["keynote-hall", "4", "no"],
      ["workshop-a", "3", "no"],
      ["speakers-lounge", "3", "yes"],
      ["closing-panel", "5", "no"],
    ]);
  });

  it("finds no drift after deploying", () => {
    expect(first).toContain("No drift: all 14 resources match the service.");
    expect(second).toContain("No drift: all 14 resources match the service.");
  });

  it("changes nothing and keeps every room id when run a second time", () => {
    expect(second).toMatch(/Resources: 14 unchanged/);
    expect(second).not.toMatch(/created/);
    expect(roomTable(second)).toEqual(roomTable(first));
  });

  it("reports a room changed by hand and puts the declared window back", () => {
    expect(movedUntil.slice(11, 16)).toBe("13:00");
    expect(third).toContain(
      "pulumi preview --refresh found resources that no longer match the program:\n" +
        "  keynote-hall (Room): update\n",
    );
    expect(third).toContain("pulumi up --refresh ...\nResources: 1 updated, 13 unchanged");
    expect(roomTable(third)).toEqual(roomTable(first));
    expect(third).toContain("No drift: all 14 resources match the service.");
  });

  it("ends by saying how to point the stack at a real ACS resource", () => {
    expect(first).toContain("config set --secret acsRooms:connectionString");
  });
});

interface RoomRow {
  name: string;
  roomId: string;
  people: string;
  dialOut: string;
}

/** The rows of the summary table the demo prints after `up`. */
function roomTable(output: string): RoomRow[] {
  const lines = output.split("\n");
  const header = lines.findIndex((line) => line.startsWith("room "));
  const rows: RoomRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.trim()) break;
    const cells = line.split(/\s{2,}/);
    rows.push({ name: cells[0], roomId: cells[1], people: cells[3], dialOut: cells[4] });
  }
  return rows;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
