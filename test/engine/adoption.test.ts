// Adoption through the real engine: the import option cannot work for dynamic resources, so a
// Room takes over an existing room with adoptRoomId, and an authoritative RoomParticipantSet
// takes over that room's list.
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
} from "./support";

const lib = loadBuiltLibrary();

const FROM = hourFromNow(72);
const UNTIL = hourFromNow(75);

describe("adopting an existing room through the real engine", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  const existing = { roomId: "", keep: "", drop: "" };
  // What the program declares; tests change it between engine runs.
  const declared: { adoptRoomId?: string } = {};

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    const { rooms, identity } = outOfBand(emulator);
    existing.roomId = (await rooms.createRoom({ pstnDialOutEnabled: true })).id;
    existing.keep = (await identity.createUser()).communicationUserId;
    existing.drop = (await identity.createUser()).communicationUserId;
    await rooms.addOrUpdateParticipants(existing.roomId, [
      { id: { communicationUserId: existing.keep }, role: "Attendee" },
      { id: { communicationUserId: existing.drop }, role: "Presenter" },
    ]);

    engine = await createEngineStack({
      projectName: "rooms-adoption",
      program: async () => {
        const room = new lib.Room("town-hall", {
          adoptRoomId: declared.adoptRoomId,
          validFrom: FROM,
          validUntil: UNTIL,
        });
        new lib.RoomParticipantSet("town-hall-people", {
          roomId: room.roomId,
          participants: [{ id: existing.keep, role: "Presenter" }],
        });
        const outputs: Record<string, pulumi.Output<string>> = { roomId: room.roomId };
        return outputs;
      },
      config: emulatorConfig(emulator),
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await emulator?.close();
  });

  it("fails clearly, recording nothing, when the room to adopt does not exist", async () => {
    declared.adoptRoomId = "99000000000000001";

    await expect(engine.stack.up()).rejects.toThrow(
      `Room "town-hall": adoptRoomId "99000000000000001" names no room on ` +
        `${emulator.endpoint.replace(/\/$/, "")}; check the id (listRooms() lists the rooms ` +
        "there) or remove adoptRoomId to create a new room.",
    );
    expect(emulator.store.rooms()).toBe(1);
  });

  it("takes over the room and its list, bringing both to the declared state", async () => {
    declared.adoptRoomId = existing.roomId;

    const result = await engine.stack.up();

    expect(result.outputs.roomId.value).toBe(existing.roomId);
    expect(emulator.store.rooms()).toBe(1);
    const { rooms } = outOfBand(emulator);
    const room = await rooms.getRoom(existing.roomId);
    expect([room.validFrom.toISOString(), room.validUntil.toISOString()]).toEqual([FROM, UNTIL]);
    expect(room.pstnDialOutEnabled).toBe(false);
    expect(await participantsOf(rooms, existing.roomId)).toEqual([
      { id: existing.keep, role: "Presenter" },
    ]);
  });

  it("changes nothing when adoptRoomId is removed afterwards", async () => {
    declared.adoptRoomId = undefined;

    const result = await engine.stack.preview({ expectNoChanges: true });

    expect(result.changeSummary).toEqual({ same: 3 });
  });

  it("deletes the adopted room on destroy, as it now belongs to the stack", async () => {
    await engine.stack.destroy();

    expect(emulator.store.rooms()).toBe(0);
  });
});
