// A stack's whole story through the real engine: up, a quiet preview, drift made out of band and
// caught by a refreshing preview, a refreshing up that restores it, an in-place update, a room
// deleted out of band, and destroy. One stack keeps the engine runs few on two cores.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack } from "../harness/engine";
import {
  emulatorConfig,
  hourFromNow,
  loadBuiltLibrary,
  outOfBand,
  participantsOf,
  stateResource,
  stateResources,
  withPlusOneOffset,
} from "./support";

const lib = loadBuiltLibrary();

const FROM = hourFromNow(48);
const UNTIL = hourFromNow(50);

describe("rooms, participants and users through the real engine", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  // What the program declares; tests change it between engine runs.
  const declared = { validUntil: withPlusOneOffset(UNTIL), pstnDialOutEnabled: false };
  const ids = { main: "", side: "", alice: "", bob: "", stranger: "" };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, pageSize: 2 });
    engine = await createEngineStack({
      projectName: "rooms-lifecycle",
      program: async () => {
        const alice = new lib.CommunicationUser("alice");
        const bob = new lib.CommunicationUser("bob");
        const main = new lib.Room("main", {
          validFrom: new Date(FROM),
          validUntil: declared.validUntil,
          pstnDialOutEnabled: declared.pstnDialOutEnabled,
        });
        const side = new lib.Room("side", { validFrom: FROM });
        new lib.RoomParticipantSet("people", {
          roomId: main.roomId,
          participants: [{ id: alice.communicationUserId, role: "Presenter" }, { id: bob.id }],
        });
        const outputs: Record<string, pulumi.Output<string>> = {
          main: main.roomId,
          side: side.roomId,
          alice: alice.communicationUserId,
          bob: bob.communicationUserId,
        };
        return outputs;
      },
      config: emulatorConfig(emulator),
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await emulator?.close();
  });

  const expectedPeople = () =>
    [
      { id: ids.alice, role: "Presenter" },
      { id: ids.bob, role: "Attendee" },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));

  it("creates the rooms, the users and the participant list on up", async () => {
    const result = await engine.stack.up();

    expect(result.summary.resourceChanges).toEqual({ create: 6 });
    ids.main = result.outputs.main.value;
    ids.side = result.outputs.side.value;
    ids.alice = result.outputs.alice.value;
    ids.bob = result.outputs.bob.value;
    expect(emulator.store.rooms()).toBe(2);
    expect(emulator.store.users()).toBe(2);
    const { rooms } = outOfBand(emulator);
    const room = await rooms.getRoom(ids.main);
    expect([room.validFrom.toISOString(), room.validUntil.toISOString()]).toEqual([FROM, UNTIL]);
    expect(await participantsOf(rooms, ids.main)).toEqual(expectedPeople());
  });

  it("finds nothing to change on a preview right after up", async () => {
    const result = await engine.stack.preview({ expectNoChanges: true });

    expect(result.changeSummary).toEqual({ same: 6 });
  });

  it("keeps keys out of the state and stores one small provider text per type", () => {
    const text = engine.stateText();
    expect(text).not.toContain(emulator.accessKey);
    expect(text).not.toContain(emulator.connectionString);

    const resources = stateResources(text).filter((r) => r.type.includes("acs-rooms"));
    const providerOf = (name: string) => stateResource(text, name).inputs?.__provider as string;
    expect(providerOf("side")).toBe(providerOf("main"));
    expect(providerOf("bob")).toBe(providerOf("alice"));
    for (const resource of resources) {
      expect((resource.inputs?.__provider as string).length, resource.urn).toBeLessThanOrEqual(
        2048,
      );
      expect(resource.outputs?.__provider).toBe(resource.inputs?.__provider);
    }

    const report = resources.map((r) => ({
      type: r.type.split(":").pop(),
      providerBytes: (r.inputs?.__provider as string).length,
      stateBytes: JSON.stringify(r).length,
    }));
    console.info("__provider and state sizes per resource:", JSON.stringify(report));
  });

  it("fails a refreshing preview on out-of-band drift, naming the resources", async () => {
    const { rooms, identity } = outOfBand(emulator);
    const stranger = (await identity.createUser()).communicationUserId;
    ids.stranger = stranger;
    await rooms.updateRoom(ids.main, {
      validFrom: new Date(FROM),
      validUntil: new Date(hourFromNow(51)),
    });
    await rooms.addOrUpdateParticipants(ids.main, [{ id: { communicationUserId: stranger } }]);

    const preview = engine.stack.preview({ refresh: true, expectNoChanges: true });

    await expect(preview).rejects.toThrow(/exit code 7/);
    const message = await preview.then(
      () => "",
      (error: Error) => error.message,
    );
    expect(message).toMatch(/~ +pulumi-nodejs:dynamic\/acs-rooms:Room main update/);
    expect(message).toMatch(/~ +pulumi-nodejs:dynamic\/acs-rooms:RoomParticipantSet people update/);
    expect(message).not.toMatch(/acs-rooms:Room side update/);
  });

  it("restores the declared values with a refreshing up", async () => {
    const result = await engine.stack.up({ refresh: true });

    expect(result.summary.resourceChanges).toEqual({ update: 2, same: 4 });
    const { rooms } = outOfBand(emulator);
    expect((await rooms.getRoom(ids.main)).validUntil.toISOString()).toBe(UNTIL);
    expect(await participantsOf(rooms, ids.main)).toEqual(expectedPeople());
  });

  it("updates a room in place, keeping its id, when its window or flag change", async () => {
    declared.validUntil = hourFromNow(52);
    declared.pstnDialOutEnabled = true;

    const result = await engine.stack.up();

    expect(result.summary.resourceChanges).toEqual({ update: 1, same: 5 });
    expect(result.outputs.main.value).toBe(ids.main);
    const room = await outOfBand(emulator).rooms.getRoom(ids.main);
    expect([room.validUntil.toISOString(), room.pstnDialOutEnabled]).toEqual([
      declared.validUntil,
      true,
    ]);
  });

  it("drops a room deleted out of band on refresh; up recreates it and its list", async () => {
    const { rooms } = outOfBand(emulator);
    await rooms.deleteRoom(ids.main);

    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ delete: 2, same: 4 });
    expect(stateResources(engine.stateText()).map((r) => r.urn.split("::").pop())).not.toContain(
      "main",
    );

    const result = await engine.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2, same: 4 });
    const recreated = result.outputs.main.value;
    expect(recreated).not.toBe(ids.main);
    expect(await participantsOf(rooms, recreated)).toEqual(expectedPeople());
  });

  it("leaves nothing in the service after destroy", async () => {
    await outOfBand(emulator).identity.deleteUser({ communicationUserId: ids.stranger });

    const result = await engine.stack.destroy();

    expect(result.summary.resourceChanges).toEqual({ delete: 6 });
    expect(emulator.store.rooms()).toBe(0);
    expect(emulator.store.users()).toBe(0);
    expect(stateResources(engine.stateText())).toEqual([]);
  });
});
