// A participant set whose first PATCH went through but whose second the service refused: the
// engine must record the set as it now is (not forget it, which would orphan the change), and
// a later up finishes the job. A PATCH carries at most 100 changes, so a list of a hundred and
// more people needs two.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack } from "../harness/engine";
import {
  emulatorConfig,
  loadBuiltLibrary,
  outOfBand,
  participantsOf,
  stateResource,
} from "./support";

const lib = loadBuiltLibrary();

describe("a participant set that failed half way, through the real engine", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  const users: string[] = [];
  let roomId = "";
  // What the program declares; tests change it between engine runs.
  const declared = { people: 0 };

  beforeAll(async () => {
    // Rooms of this emulator hold at most a hundred people.
    emulator = await startEmulator({ port: 0, maxParticipantsPerRoom: 100 });
    const { rooms, identity } = outOfBand(emulator);
    for (let i = 0; i < 103; i++) users.push((await identity.createUser()).communicationUserId);
    users.sort();
    roomId = (await rooms.createRoom({})).id;
    await rooms.addOrUpdateParticipants(
      roomId,
      users.slice(0, 2).map((id) => ({ id: { communicationUserId: id } })),
    );

    engine = await createEngineStack({
      projectName: "rooms-partial",
      program: async () => {
        const set = new lib.RoomParticipantSet("crowd", {
          roomId,
          participants: users.slice(2, 2 + declared.people).map((id) => ({ id })),
        });
        const outputs: Record<string, pulumi.Output<unknown>> = { people: set.participants };
        return outputs;
      },
      config: emulatorConfig(emulator),
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await emulator?.close();
  });

  it("records the set with the list as it is when the second PATCH is refused", async () => {
    declared.people = 101;

    // The first PATCH removes the two people added by hand and adds 98; the second would add
    // three more, one past the room's limit.
    await expect(engine.stack.up()).rejects.toThrow(
      `RoomParticipantSet "crowd": could not update the participants of room ${roomId} on ` +
        `${emulator.endpoint.replace(/\/$/, "")}: the service answered 400 BadRequest: The ` +
        "number of participants in a room cannot exceed 100. (100 of 103 changes were made; " +
        "the next `pulumi up` makes the rest)",
    );

    const inRoom = users.slice(2, 100).map((id) => ({ id, role: "Attendee" }));
    const set = stateResource(engine.stateText(), "crowd");
    expect(set.id).toBe(roomId);
    expect(set.outputs?.participants).toEqual(inRoom);
    expect(await participantsOf(outOfBand(emulator).rooms, roomId)).toEqual(inRoom);
  });

  it("finishes on the next up once the declared list fits", async () => {
    declared.people = 100;

    const result = await engine.stack.up();

    expect(result.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(await participantsOf(outOfBand(emulator).rooms, roomId)).toEqual(
      users.slice(2, 102).map((id) => ({ id, role: "Attendee" })),
    );
  });

  it("empties the room on destroy", async () => {
    await engine.stack.destroy();

    expect(await participantsOf(outOfBand(emulator).rooms, roomId)).toEqual([]);
  });
});
