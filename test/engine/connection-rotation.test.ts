// Connection settings through the real engine: a per-resource connection string stays a secret
// in state, rotating the key of the same ACS resource never replaces anything (neither for a
// per-resource key nor for the stack config), and a plain-http endpoint is refused by check.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack } from "../harness/engine";
import { emulatorConfig, hourFromNow, loadBuiltLibrary, stateResource } from "./support";

const lib = loadBuiltLibrary();

const KEYED_FROM = hourFromNow(24);
const NEW_KEY = Buffer.from("the rotated access key of the same resource").toString("base64");

describe("connection settings through the real engine", () => {
  let dataDir: string;
  let emulator: RunningEmulator;
  let engine: EngineStack;
  // What the program declares; tests change it between engine runs.
  const declared = { connectionString: "", extraEndpoint: undefined as string | undefined };
  const ids = { keyed: "", configured: "" };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "acs-rooms-rotation-"));
    emulator = await startEmulator({ port: 0, dataFile: path.join(dataDir, "acs.json") });
    declared.connectionString = emulator.connectionString;
    engine = await createEngineStack({
      projectName: "rooms-rotation",
      program: async () => {
        const keyed = new lib.Room("keyed", {
          validFrom: KEYED_FROM,
          connectionString: declared.connectionString,
        });
        const guest = new lib.CommunicationUser("guest", {
          connectionString: declared.connectionString,
        });
        const configured = new lib.Room("configured");
        if (declared.extraEndpoint) new lib.Room("insecure", { endpoint: declared.extraEndpoint });
        const outputs: Record<string, pulumi.Output<string>> = {
          keyed: keyed.roomId,
          configured: configured.roomId,
          guest: guest.communicationUserId,
        };
        return outputs;
      },
      config: emulatorConfig(emulator),
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps a per-resource connection string secret in state", async () => {
    const result = await engine.stack.up();

    expect(result.summary.resourceChanges).toEqual({ create: 4 });
    ids.keyed = result.outputs.keyed.value;
    ids.configured = result.outputs.configured.value;
    const text = engine.stateText();
    expect(text).not.toContain(emulator.accessKey);
    const keyed = stateResource(text, "keyed");
    for (const props of [keyed.inputs, keyed.outputs]) {
      expect(props?.connectionString).toMatchObject({
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      });
    }
  });

  it("updates, never replaces, when the key of the same resource is rotated", async () => {
    const port = Number(new URL(emulator.endpoint).port);
    await emulator.close();
    emulator = await startEmulator({
      port,
      accessKey: NEW_KEY,
      dataFile: path.join(dataDir, "acs.json"),
    });
    declared.connectionString = emulator.connectionString;
    await engine.stack.setConfig("acsRooms:connectionString", {
      value: emulator.connectionString,
      secret: true,
    });

    const preview = await engine.stack.preview();
    expect(preview.changeSummary).toEqual({ update: 2, same: 2 });

    const result = await engine.stack.up();
    expect(result.summary.resourceChanges).toEqual({ update: 2, same: 2 });
    expect([result.outputs.keyed.value, result.outputs.configured.value]).toEqual([
      ids.keyed,
      ids.configured,
    ]);
    expect(engine.stateText()).not.toContain(NEW_KEY);
  });

  it("reads every resource with the rotated keys on a refreshing preview", async () => {
    const result = await engine.stack.preview({ refresh: true, expectNoChanges: true });

    expect(result.changeSummary).toEqual({ same: 4 });
  });

  it("refuses a non-loopback http endpoint in check, before any call", async () => {
    declared.extraEndpoint = "http://acs.example.com";
    emulator.requests.reset();

    await expect(engine.stack.preview()).rejects.toThrow(
      'Room "insecure": endpoint "http://acs.example.com" uses plain http, which is only ' +
        "accepted for a loopback emulator (127.0.0.1, localhost or [::1]); use the https:// " +
        "endpoint of your ACS resource.",
    );
    expect(emulator.requests.counts()).toEqual({});
    declared.extraEndpoint = undefined;
  });

  it("destroys everything with the rotated keys", async () => {
    const result = await engine.stack.destroy();

    expect(result.summary.resourceChanges).toEqual({ delete: 4 });
    expect(emulator.store.rooms()).toBe(0);
    expect(emulator.store.users()).toBe(0);
  });
});
