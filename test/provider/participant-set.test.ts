import type { RoomsClient } from "@azure/communication-rooms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  type ParticipantSetInputs,
  type ParticipantSetOutputs,
  participantSet,
  participantSetProvider,
} from "../../provider/runtime/participant-set";
import { PartialFailureError } from "../../provider/runtime/errors";
import { UNKNOWN } from "../../provider/runtime/validation";
import {
  applyPlan,
  generatedClient,
  type Participant,
  type Role,
} from "../../provider/runtime/participants";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { createUsers, normalEndpoint, roomsClientFor, useEmulator } from "./support";

// Pages of three make every list of four or more span several pages.
const emulator = useEmulator({ pageSize: 3 });

function inputs(
  roomId: string,
  participants: Participant[],
  extra: Partial<ParticipantSetInputs> = {},
) {
  return {
    __resourceName: "people",
    roomId,
    participants,
    mode: "authoritative",
    connectionString: emulator().connectionString,
    ...extra,
  } as ParticipantSetInputs;
}

async function newRoom(): Promise<string> {
  return (await roomsClientFor(emulator()).createRoom({})).id;
}

async function roomList(roomId: string): Promise<Participant[]> {
  const found: Participant[] = [];
  for await (const p of roomsClientFor(emulator()).listParticipants(roomId)) {
    found.push({ id: (p.id as { communicationUserId: string }).communicationUserId, role: p.role });
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function addByHand(roomId: string, ids: string[], role: Role = "Attendee"): Promise<void> {
  await roomsClientFor(emulator()).addOrUpdateParticipants(
    roomId,
    ids.map((id) => ({ id: { communicationUserId: id }, role })),
  );
}

const as = (role: Role) => (id: string) => ({ id, role });

describe("RoomParticipantSet create", () => {
  it("puts the declared people in the room with one list read and one PATCH", async () => {
    const roomId = await newRoom();
    const [alice, bob] = await createUsers(emulator(), 2);
    emulator().requests.reset();

    const result = await participantSet.create(
      inputs(roomId, [as("Presenter")(alice), as("Attendee")(bob)]),
    );

    expect(result).toEqual({
      id: roomId,
      outs: {
        __resourceName: "people",
        roomId,
        mode: "authoritative",
        participants: [as("Presenter")(alice), as("Attendee")(bob)],
        endpoint: normalEndpoint(emulator()),
        connectionString: emulator().connectionString,
      },
    });
    expect(emulator().requests.counts()).toEqual({
      "participants.list": 1,
      "participants.update": 1,
    });
    expect(await roomList(roomId)).toEqual([as("Presenter")(alice), as("Attendee")(bob)]);
  });

  it("takes over a room's whole list when authoritative, reading every page", async () => {
    const roomId = await newRoom();
    const [alice, bob, carol, dave, eve, frank] = await createUsers(emulator(), 6);
    await addByHand(roomId, [alice, bob, carol, dave, eve]);
    emulator().requests.reset();

    await participantSet.create(
      inputs(roomId, [as("Attendee")(alice), as("Presenter")(bob), as("Attendee")(frank)]),
    );

    // Two pages of the list (five people, three a page), then one PATCH that adds frank, makes
    // bob a presenter and removes carol, dave and eve; alice is left alone.
    expect(emulator().requests.counts()).toEqual({
      "participants.list": 2,
      "participants.update": 1,
    });
    expect(await roomList(roomId)).toEqual([
      as("Attendee")(alice),
      as("Presenter")(bob),
      as("Attendee")(frank),
    ]);
  });

  it("leaves other participants alone when additive", async () => {
    const roomId = await newRoom();
    const [alice, bob] = await createUsers(emulator(), 2);
    await addByHand(roomId, [alice]);

    const { outs } = await participantSet.create(
      inputs(roomId, [as("Presenter")(bob)], { mode: "additive" }),
    );

    expect(outs?.participants).toEqual([as("Presenter")(bob)]);
    expect(await roomList(roomId)).toEqual([as("Attendee")(alice), as("Presenter")(bob)]);
  });

  it("fails clearly when the room does not exist", async () => {
    const [alice] = await createUsers(emulator(), 1);

    await expect(
      participantSet.create(inputs("99123456789012345", [as("Attendee")(alice)])),
    ).rejects.toThrow(
      `RoomParticipantSet "people": roomId "99123456789012345" names no room on ` +
        `${normalEndpoint(emulator())}; pass the roomId of an existing room (a Room's roomId ` +
        "output, or one listed by listRooms()).",
    );
  });

  it("splits a large list into PATCHes of the configured size", async () => {
    const provider = participantSetProvider({ participantsPerPatch: 2 });
    const roomId = await newRoom();
    const users = await createUsers(emulator(), 5);
    emulator().requests.reset();

    await provider.create(inputs(roomId, users.map(as("Attendee"))));

    expect(emulator().requests.counts()).toEqual({
      "participants.list": 1,
      "participants.update": 3,
    });
    expect(await roomList(roomId)).toEqual(users.map(as("Attendee")));
  });
});

async function createSet(
  roomId: string,
  participants: Participant[],
  extra: Partial<ParticipantSetInputs> = {},
): Promise<ParticipantSetOutputs> {
  const { outs } = await participantSet.create(inputs(roomId, participants, extra));
  emulator().requests.reset();
  return outs as ParticipantSetOutputs;
}

describe("RoomParticipantSet diff", () => {
  const alice = "8:acs:1b5cc06b-f352-4571-b1e6-d9b259b7c776_00000007-0464-274b-b274-5a3a0d000101";
  const bob = "8:acs:1b5cc06b-f352-4571-b1e6-d9b259b7c776_00000007-0464-274b-b274-5a3a0d000102";
  const key = "endpoint=https://contoso.communication.azure.com/;accesskey=a2V5";
  const olds: ParticipantSetOutputs = {
    __resourceName: "people",
    roomId: "99123456789012345",
    mode: "authoritative",
    participants: [as("Presenter")(alice), as("Attendee")(bob)],
    endpoint: "https://contoso.communication.azure.com",
    connectionString: key,
  };
  const same: ParticipantSetInputs = {
    __resourceName: "people",
    roomId: olds.roomId,
    participants: [as("Attendee")(bob), as("Presenter")(alice)],
    mode: "authoritative",
    connectionString: key,
  };
  const noChange = { changes: false, replaces: [], deleteBeforeReplace: false };
  const update = { changes: true, replaces: [], deleteBeforeReplace: false };

  it("finds no change for the same people and roles in another order", async () => {
    expect(await participantSet.diff(olds.roomId, olds, same)).toEqual(noChange);
  });

  it("updates in place for an added, removed or re-roled person, a mode or a key", async () => {
    const variants: ParticipantSetInputs[] = [
      { ...same, participants: [as("Presenter")(alice)] },
      { ...same, participants: [as("Presenter")(alice), as("Consumer")(bob)] },
      { ...same, mode: "additive" },
      { ...same, connectionString: `${key}x` },
      { ...same, participants: [as("Presenter")(alice), { id: UNKNOWN, role: "Attendee" }] },
    ];
    for (const news of variants) {
      expect(await participantSet.diff(olds.roomId, olds, news)).toEqual(update);
    }
  });

  it("replaces the set for a new room, or a room id a preview does not know yet", async () => {
    const replaceRoom = { changes: true, replaces: ["roomId"], deleteBeforeReplace: false };

    expect(
      await participantSet.diff(olds.roomId, olds, { ...same, roomId: "99000000000000001" }),
    ).toEqual(replaceRoom);
    expect(await participantSet.diff(olds.roomId, olds, { ...same, roomId: UNKNOWN })).toEqual(
      replaceRoom,
    );
  });

  it("replaces the set when the endpoint moves to another ACS resource", async () => {
    const other = "endpoint=https://fabrikam.communication.azure.com/;accesskey=a2V5";

    expect(
      await participantSet.diff(olds.roomId, olds, { ...same, connectionString: other }),
    ).toEqual({
      changes: true,
      replaces: ["endpoint"],
      deleteBeforeReplace: false,
    });
  });

  it("makes no network call", async () => {
    await participantSet.diff(olds.roomId, olds, { ...same, participants: [] });

    expect(emulator().requests.counts()).toEqual({});
  });
});

describe("RoomParticipantSet update", () => {
  it("sends only the difference, removals, adds and roles together, in one PATCH", async () => {
    const roomId = await newRoom();
    const [alice, bob, carol, dave] = await createUsers(emulator(), 4);
    const olds = await createSet(roomId, [
      as("Presenter")(alice),
      as("Attendee")(bob),
      as("Attendee")(carol),
    ]);
    const declared = [as("Attendee")(alice), as("Attendee")(bob), as("Attendee")(dave)];

    const { outs } = await participantSet.update(roomId, olds, inputs(roomId, declared));

    expect(emulator().requests.counts()).toEqual({
      "participants.list": 1,
      "participants.update": 1,
    });
    expect(outs).toEqual({ ...olds, participants: declared });
    expect(await roomList(roomId)).toEqual(declared);
  });

  it("sends a single PATCH when people are only added", async () => {
    const roomId = await newRoom();
    const [alice, bob] = await createUsers(emulator(), 2);
    const olds = await createSet(roomId, [as("Attendee")(alice)]);

    await participantSet.update(
      roomId,
      olds,
      inputs(roomId, [as("Attendee")(alice), as("Attendee")(bob)]),
    );

    expect(emulator().requests.counts()).toEqual({
      "participants.list": 1,
      "participants.update": 1,
    });
  });

  it("sends no PATCH when the room already holds the declared list", async () => {
    const roomId = await newRoom();
    const [alice] = await createUsers(emulator(), 1);
    const olds = await createSet(roomId, [as("Attendee")(alice)]);

    await participantSet.update(roomId, olds, inputs(roomId, [as("Attendee")(alice)]));

    expect(emulator().requests.counts()).toEqual({ "participants.list": 1 });
  });

  it("removes participants added by hand when authoritative", async () => {
    const roomId = await newRoom();
    const [alice, intruder] = await createUsers(emulator(), 2);
    const olds = await createSet(roomId, [as("Attendee")(alice)]);
    await addByHand(roomId, [intruder]);

    await participantSet.update(roomId, olds, inputs(roomId, [as("Attendee")(alice)]));

    expect(await roomList(roomId)).toEqual([as("Attendee")(alice)]);
  });

  it("removes only its own dropped entries when additive, no one else", async () => {
    const roomId = await newRoom();
    const [alice, bob, guest] = await createUsers(emulator(), 3);
    const additive = { mode: "additive" as const };
    const olds = await createSet(roomId, [as("Attendee")(alice), as("Attendee")(bob)], additive);
    await addByHand(roomId, [guest], "Consumer");

    const { outs } = await participantSet.update(
      roomId,
      olds,
      inputs(roomId, [as("Presenter")(alice)], additive),
    );

    expect(outs?.participants).toEqual([as("Presenter")(alice)]);
    expect(await roomList(roomId)).toEqual([as("Presenter")(alice), as("Consumer")(guest)]);
  });
});

describe("RoomParticipantSet read", () => {
  it("shows the room's whole list when authoritative, so hand-made changes are drift", async () => {
    const roomId = await newRoom();
    const [alice, bob, intruder] = await createUsers(emulator(), 3);
    const declared = [as("Attendee")(alice), as("Attendee")(bob)];
    const olds = await createSet(roomId, declared);
    await addByHand(roomId, [intruder]);
    await addByHand(roomId, [bob], "Presenter");

    const result = await participantSet.read(roomId, olds);

    expect(result).toEqual({
      id: roomId,
      props: {
        ...olds,
        participants: [as("Attendee")(alice), as("Presenter")(bob), as("Attendee")(intruder)],
      },
    });
    const drift = await participantSet.diff(
      roomId,
      result.props as ParticipantSetOutputs,
      inputs(roomId, declared),
    );
    expect(drift.changes).toBe(true);
  });

  it("shows only its own entries when additive; missing or re-roled ones are drift", async () => {
    const roomId = await newRoom();
    const [alice, bob, guest] = await createUsers(emulator(), 3);
    const additive = { mode: "additive" as const };
    const declared = [as("Attendee")(alice), as("Attendee")(bob)];
    const olds = await createSet(roomId, declared, additive);
    await addByHand(roomId, [guest]);

    const untouched = await participantSet.read(roomId, olds);
    expect(untouched.props?.participants).toEqual(declared);

    await roomsClientFor(emulator()).removeParticipants(roomId, [{ communicationUserId: bob }]);
    await addByHand(roomId, [alice], "Presenter");
    const drifted = await participantSet.read(roomId, olds);

    expect(drifted.props?.participants).toEqual([as("Presenter")(alice)]);
    const drift = await participantSet.diff(
      roomId,
      drifted.props as ParticipantSetOutputs,
      inputs(roomId, declared, additive),
    );
    expect(drift.changes).toBe(true);
  });

  it("returns no id when the room is gone", async () => {
    const roomId = await newRoom();
    const olds = await createSet(roomId, []);
    await roomsClientFor(emulator()).deleteRoom(roomId);

    expect(await participantSet.read(roomId, olds)).toEqual({});
  });
});

describe("RoomParticipantSet delete", () => {
  it("empties the room when authoritative, hand-added people included", async () => {
    const roomId = await newRoom();
    const [alice, intruder] = await createUsers(emulator(), 2);
    const olds = await createSet(roomId, [as("Attendee")(alice)]);
    await addByHand(roomId, [intruder]);
    emulator().requests.reset();

    await participantSet.delete(roomId, olds);

    expect(emulator().requests.counts()).toEqual({
      "participants.list": 1,
      "participants.update": 1,
    });
    expect(await roomList(roomId)).toEqual([]);
  });

  it("removes only its own entries when additive, without reading the list", async () => {
    const roomId = await newRoom();
    const [alice, guest] = await createUsers(emulator(), 2);
    const olds = await createSet(roomId, [as("Attendee")(alice)], { mode: "additive" });
    await addByHand(roomId, [guest]);
    emulator().requests.reset();

    await participantSet.delete(roomId, olds);

    expect(emulator().requests.counts()).toEqual({ "participants.update": 1 });
    expect(await roomList(roomId)).toEqual([as("Attendee")(guest)]);
  });

  it("succeeds when the room is already gone", async () => {
    for (const mode of ["authoritative", "additive"] as const) {
      const roomId = await newRoom();
      const [alice] = await createUsers(emulator(), 1);
      const olds = await createSet(roomId, [as("Attendee")(alice)], { mode });
      await roomsClientFor(emulator()).deleteRoom(roomId);

      await expect(participantSet.delete(roomId, olds), mode).resolves.toBeUndefined();
    }
  });
});

describe("RoomParticipantSet in rooms that hold at most three people", () => {
  // Rooms of this emulator hold at most three people, so a fourth is refused with a 400.
  let small: RunningEmulator;
  beforeAll(async () => {
    small = await startEmulator({ port: 0, maxParticipantsPerRoom: 3 });
  });
  afterAll(async () => {
    await small.close();
  });

  const reason =
    "the service answered 400 BadRequest: The number of participants in a room cannot exceed 3.";

  async function createOn(roomId: string, participants: Participant[]): Promise<unknown> {
    const provider = participantSetProvider({ participantsPerPatch: 2 });
    const args = inputs(roomId, participants, { connectionString: small.connectionString });
    return provider.create({ ...args, __provider: "<provider text>" }).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it("removes before it adds, so a full room has space for newcomers", async () => {
    const client = roomsClientFor(small);
    const roomId = (await client.createRoom({})).id;
    const [alice, bob, carol, dave] = await createUsers(small, 4);
    await client.addOrUpdateParticipants(
      roomId,
      [alice, bob, carol].map((id) => ({ id: { communicationUserId: id } })),
    );

    const failure = await createOn(roomId, [alice, bob, dave].map(as("Attendee")));

    expect(failure).toBeUndefined();
  });

  it("records what it changed when a later PATCH fails, so nothing is orphaned", async () => {
    const roomId = (await roomsClientFor(small).createRoom({})).id;
    const users = await createUsers(small, 4);

    const failure = await createOn(roomId, users.map(as("Attendee")));

    expect(failure).toBeInstanceOf(PartialFailureError);
    const partial = failure as PartialFailureError;
    expect(partial.message).toBe(
      `RoomParticipantSet "people": could not update the participants of room ${roomId} on ` +
        `${normalEndpoint(small)}: ${reason} (2 of 4 changes were made; the next \`pulumi up\` ` +
        "makes the rest)",
    );
    expect(partial.id).toBe(roomId);
    expect(partial.properties).toEqual({
      __resourceName: "people",
      roomId,
      mode: "authoritative",
      participants: users.slice(0, 2).map(as("Attendee")),
      endpoint: normalEndpoint(small),
      connectionString: small.connectionString,
      __provider: "<provider text>",
    });
    expect(partial.reasons).toEqual([partial.message]);
  });

  it("throws a plain error when nothing was changed, so the engine records nothing", async () => {
    const client = roomsClientFor(small);
    const roomId = (await client.createRoom({})).id;
    const users = await createUsers(small, 4);
    await client.addOrUpdateParticipants(
      roomId,
      users.slice(0, 3).map((id) => ({ id: { communicationUserId: id } })),
    );

    const failure = await createOn(roomId, users.map(as("Attendee")));

    expect(failure).not.toBeInstanceOf(PartialFailureError);
    expect((failure as Error).message).toBe(
      `RoomParticipantSet "people": could not update the participants of room ${roomId} on ` +
        `${normalEndpoint(small)}: ${reason}`,
    );
  });
});

describe("sending a participant plan", () => {
  it(
    "mixes removals and upserts in each PATCH of the configured size, " + "removals first",
    async () => {
      const roomId = await newRoom();
      const [alice, bob, carol, dave, eve] = await createUsers(emulator(), 5);
      await addByHand(roomId, [alice, bob, carol]);
      emulator().requests.reset();
      const applied = { upserts: [], removals: [] };

      await applyPlan(
        roomsClientFor(emulator()),
        roomId,
        {
          removals: [alice, bob],
          upserts: [as("Presenter")(carol), ...[dave, eve].map(as("Consumer"))],
        },
        3,
        applied,
      );

      // Five changes, three a PATCH: [alice, bob, carol] then [dave, eve].
      expect(emulator().requests.counts()).toEqual({ "participants.update": 2 });
      expect(applied).toEqual({
        removals: [alice, bob],
        upserts: [as("Presenter")(carol), as("Consumer")(dave), as("Consumer")(eve)],
      });
      expect(await roomList(roomId)).toEqual([
        as("Presenter")(carol),
        as("Consumer")(dave),
        as("Consumer")(eve),
      ]);
    },
  );

  it(
    "falls back to one PATCH of each kind " + "when the SDK has no generated client to reach",
    async () => {
      const roomId = await newRoom();
      const [alice, bob] = await createUsers(emulator(), 2);
      await addByHand(roomId, [alice]);
      // The public methods of a real client, as a future SDK might offer them without the field.
      const sdk = roomsClientFor(emulator());
      const client = {
        removeParticipants: sdk.removeParticipants.bind(sdk),
        addOrUpdateParticipants: sdk.addOrUpdateParticipants.bind(sdk),
      } as unknown as RoomsClient;
      expect(generatedClient(client)).toBeUndefined();
      emulator().requests.reset();

      await applyPlan(client, roomId, { removals: [alice], upserts: [as("Attendee")(bob)] }, 100, {
        upserts: [],
        removals: [],
      });

      expect(emulator().requests.counts()).toEqual({ "participants.update": 2 });
      expect(await roomList(roomId)).toEqual([as("Attendee")(bob)]);
    },
  );
});
