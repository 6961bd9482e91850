import { describe, expect, it } from "vitest";

import { type RoomInputs, type RoomOutputs, room, roomPatch } from "../../provider/runtime/room";
import { UNKNOWN } from "../../provider/runtime/validation";
import {
  daysFromNow,
  normalEndpoint,
  roomsClientFor,
  setStackConfig,
  useEmulator,
} from "./support";

const emulator = useEmulator();

/** Inputs as check leaves them: the resource name, the flag default, the emulator's key. */
function inputs(extra: Partial<RoomInputs> = {}): RoomInputs {
  return {
    __resourceName: "main",
    pstnDialOutEnabled: false,
    connectionString: emulator().connectionString,
    ...extra,
  };
}

async function createRoom(extra: Partial<RoomInputs> = {}): Promise<RoomOutputs> {
  const created = await room.create(inputs(extra));
  emulator().requests.reset();
  return created.outs as RoomOutputs;
}

describe("Room create", () => {
  it("creates a room with the declared window and flag and reports ISO UTC outputs", async () => {
    const result = await room.create(
      inputs({
        validFrom: "2026-12-24T10:00:00+01:00",
        validUntil: "2026-12-24T12:30:00+01:00",
        pstnDialOutEnabled: true,
      }),
    );

    expect(result.id).toMatch(/^\d{16,17}$/);
    expect(result.outs).toEqual({
      __resourceName: "main",
      roomId: result.id,
      validFrom: "2026-12-24T09:00:00.000Z",
      validUntil: "2026-12-24T11:30:00.000Z",
      pstnDialOutEnabled: true,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      endpoint: normalEndpoint(emulator()),
      connectionString: emulator().connectionString,
    });
    expect(emulator().requests.counts()).toEqual({ "rooms.create": 1 });
  });

  it("leaves undeclared times out, so the service's defaults become outputs", async () => {
    const before = Date.now();

    const { outs } = await room.create(inputs());

    const validFrom = Date.parse(outs?.validFrom as string);
    expect(validFrom).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(outs?.validUntil as string) - validFrom).toBe(180 * 24 * 60 * 60 * 1000);
  });

  it("stores no connectionString when the key came from the stack config", async () => {
    await setStackConfig({ "acsRooms:connectionString": emulator().connectionString });

    const { outs } = await room.create({ __resourceName: "main", pstnDialOutEnabled: false });

    expect(outs).not.toHaveProperty("connectionString");
    expect(outs?.endpoint).toBe(normalEndpoint(emulator()));
  });

  it("fails with the service's inner messages, not only the generic outer one", async () => {
    await expect(
      room.create(
        inputs({ validFrom: "2020-01-01T00:00:00Z", validUntil: "2020-01-02T00:00:00Z" }),
      ),
    ).rejects.toThrow(
      `Room "main": could not create a room on ${normalEndpoint(emulator())}: the service ` +
        "answered 400 BadRequest: The request could not be understood by the server due to " +
        "malformed syntax. Details: ValidUntil: The time range end is in the past.",
    );
  });

  it("fails with the service's 401 when the key is wrong", async () => {
    const wrongKey = `endpoint=${emulator().endpoint};accesskey=${btoa("wrong")}`;

    await expect(room.create(inputs({ connectionString: wrongKey }))).rejects.toThrow(
      new RegExp(
        `^Room "main": could not create a room on ${normalEndpoint(emulator())}: the service ` +
          "answered 401 Denied: ",
      ),
    );
  });
});

describe("Room diff", () => {
  const olds: RoomOutputs = {
    __resourceName: "main",
    roomId: "99123456789012345",
    validFrom: "2026-12-24T09:00:00.000Z",
    validUntil: "2026-12-24T11:00:00.000Z",
    pstnDialOutEnabled: false,
    createdAt: "2026-12-01T00:00:00.000Z",
    endpoint: "https://contoso.communication.azure.com",
    connectionString: "endpoint=https://contoso.communication.azure.com/;accesskey=a2V5",
  };
  const same: RoomInputs = {
    __resourceName: "main",
    validFrom: "2026-12-24T09:00:00Z",
    validUntil: "2026-12-24T11:00:00Z",
    pstnDialOutEnabled: false,
    connectionString: olds.connectionString,
  };
  const noChange = { changes: false, replaces: [], deleteBeforeReplace: false };
  const update = { changes: true, replaces: [], deleteBeforeReplace: false };

  it("finds no change when the declared values match", async () => {
    expect(await room.diff(olds.roomId, olds, same)).toEqual(noChange);
  });

  it("compares times as instants, not as text", async () => {
    const news = {
      ...same,
      validFrom: "2026-12-24T10:00:00+01:00",
      validUntil: "2026-12-24T12:00:00.000+01:00",
    };

    expect(await room.diff(olds.roomId, olds, news)).toEqual(noChange);
  });

  it("never reports values the service chose for inputs that were left out", async () => {
    const news = { ...same, validFrom: undefined, validUntil: undefined };

    expect(await room.diff(olds.roomId, olds, news)).toEqual(noChange);
  });

  it("updates in place for a new time or a new flag", async () => {
    expect(
      await room.diff(olds.roomId, olds, { ...same, validUntil: "2026-12-24T12:00:00Z" }),
    ).toEqual(update);
    expect(await room.diff(olds.roomId, olds, { ...same, pstnDialOutEnabled: true })).toEqual(
      update,
    );
  });

  it("updates in place, never replaces, when only the key changes", async () => {
    const rotated = "endpoint=https://contoso.communication.azure.com/;accesskey=bmV3LWtleQ==";

    expect(await room.diff(olds.roomId, olds, { ...same, connectionString: rotated })).toEqual(
      update,
    );
  });

  it("replaces the room when the endpoint changes to another ACS resource", async () => {
    const other = "endpoint=https://fabrikam.communication.azure.com/;accesskey=a2V5";

    expect(await room.diff(olds.roomId, olds, { ...same, connectionString: other })).toEqual({
      changes: true,
      replaces: ["endpoint"],
      deleteBeforeReplace: false,
    });
  });

  it("replaces the room when the stack config moves to another ACS resource", async () => {
    await setStackConfig({ "acsRooms:endpoint": "https://fabrikam.communication.azure.com" });
    const fromConfig = { ...olds, connectionString: undefined };

    const result = await room.diff(olds.roomId, fromConfig, {
      ...same,
      connectionString: undefined,
    });

    expect(result.replaces).toEqual(["endpoint"]);
  });

  it("reports unknown values as changes, an unknown endpoint as a replacement", async () => {
    expect(await room.diff(olds.roomId, olds, { ...same, validUntil: UNKNOWN })).toEqual(update);
    expect(await room.diff(olds.roomId, olds, { ...same, connectionString: UNKNOWN })).toEqual({
      changes: true,
      replaces: ["endpoint"],
      deleteBeforeReplace: false,
    });
  });

  it("ignores adoptRoomId of its own room, and replaces for another room", async () => {
    expect(await room.diff(olds.roomId, olds, { ...same, adoptRoomId: olds.roomId })).toEqual(
      noChange,
    );
    expect(
      await room.diff(olds.roomId, olds, { ...same, adoptRoomId: "99000000000000001" }),
    ).toEqual({ changes: true, replaces: ["adoptRoomId"], deleteBeforeReplace: false });
  });

  it("makes no network call", async () => {
    await room.diff(olds.roomId, olds, { ...same, validUntil: "2026-12-24T12:00:00Z" });

    expect(emulator().requests.counts()).toEqual({});
  });
});

describe("roomPatch", () => {
  const current = {
    validFrom: "2026-12-24T09:00:00.000Z",
    validUntil: "2026-12-24T11:00:00.000Z",
    pstnDialOutEnabled: false,
  };

  it("sends both times whenever one of them changes", () => {
    expect(
      roomPatch(current, { __resourceName: "main", validUntil: "2026-12-24T12:00:00Z" }),
    ).toEqual({
      validFrom: new Date("2026-12-24T09:00:00.000Z"),
      validUntil: new Date("2026-12-24T12:00:00Z"),
    });
  });

  it("sends the flag alone when only the flag changes", () => {
    expect(roomPatch(current, { __resourceName: "main", pstnDialOutEnabled: true })).toEqual({
      pstnDialOutEnabled: true,
    });
  });

  it("sends nothing when the declared values already hold", () => {
    expect(
      roomPatch(current, { __resourceName: "main", validFrom: "2026-12-24T10:00:00+01:00" }),
    ).toBeUndefined();
  });
});

describe("Room update", () => {
  it("changes the window in place and keeps the room id, in one call", async () => {
    const olds = await createRoom({ validFrom: daysFromNow(1), validUntil: daysFromNow(2) });
    const validUntil = daysFromNow(3);

    const { outs } = await room.update(olds.roomId, olds, inputs({ validUntil }));

    expect(outs?.roomId).toBe(olds.roomId);
    expect(outs?.validFrom).toBe(olds.validFrom);
    expect(outs?.validUntil).toBe(new Date(validUntil).toISOString());
    expect(emulator().requests.counts()).toEqual({ "rooms.update": 1 });
  });

  it("changes only the flag in one call", async () => {
    const olds = await createRoom();

    const { outs } = await room.update(olds.roomId, olds, inputs({ pstnDialOutEnabled: true }));

    expect(outs).toEqual({ ...olds, pstnDialOutEnabled: true });
    expect(emulator().requests.counts()).toEqual({ "rooms.update": 1 });
  });

  it("stores a rotated connection string after proving it with one read", async () => {
    const olds = await createRoom();
    // The same key spelled differently: a new connection string for the same resource.
    const rotated = `Endpoint=${emulator().endpoint};AccessKey=${emulator().accessKey}`;

    const { outs } = await room.update(olds.roomId, olds, inputs({ connectionString: rotated }));

    expect(outs).toEqual({ ...olds, connectionString: rotated });
    expect(emulator().requests.counts()).toEqual({ "rooms.get": 1 });
  });

  it("refuses to move a room to another ACS resource", async () => {
    const olds = await createRoom();
    const other = "endpoint=https://fabrikam.communication.azure.com/;accesskey=a2V5";

    await expect(
      room.update(olds.roomId, olds, inputs({ connectionString: other })),
    ).rejects.toThrow(
      `Room "main": room ${olds.roomId} lives on ${normalEndpoint(emulator())}, but the ` +
        "connectionString input now names https://fabrikam.communication.azure.com; a room " +
        "cannot move between ACS resources, so run `pulumi up` again to replace it, or point " +
        `the settings back at ${normalEndpoint(emulator())}.`,
    );
  });

  it("names the room id and the service's inner messages when the service refuses", async () => {
    const olds = await createRoom();

    await expect(
      room.update(
        olds.roomId,
        olds,
        inputs({ validFrom: daysFromNow(1), validUntil: daysFromNow(0.5) }),
      ),
    ).rejects.toThrow(
      `Room "main": could not update room ${olds.roomId} on ${normalEndpoint(emulator())}: the ` +
        "service answered 400 BadRequest: The request could not be understood by the server due " +
        "to malformed syntax. Details: ValidUntil: The time range is incorrect, or larger than " +
        "180 days.",
    );
  });
});

describe("Room read", () => {
  it("returns the room as the service holds it, so out-of-band changes show as drift", async () => {
    const olds = await createRoom({ validFrom: daysFromNow(1), validUntil: daysFromNow(2) });
    const changedUntil = new Date(daysFromNow(5));
    await roomsClientFor(emulator()).updateRoom(olds.roomId, {
      validFrom: new Date(olds.validFrom),
      validUntil: changedUntil,
      pstnDialOutEnabled: true,
    });

    const result = await room.read(olds.roomId, olds);

    expect(result).toEqual({
      id: olds.roomId,
      props: { ...olds, validUntil: changedUntil.toISOString(), pstnDialOutEnabled: true },
    });
    const drift = await room.diff(olds.roomId, result.props as RoomOutputs, {
      ...inputs({ validFrom: daysFromNow(1), validUntil: olds.validUntil }),
    });
    expect(drift.changes).toBe(true);
  });

  it("returns no id for a room deleted out of band, so refresh drops it", async () => {
    const olds = await createRoom();
    await roomsClientFor(emulator()).deleteRoom(olds.roomId);

    expect(await room.read(olds.roomId, olds)).toEqual({});
  });

  it("uses the stored endpoint and a matching key from the stack config", async () => {
    await setStackConfig({ "acsRooms:connectionString": emulator().connectionString });
    const { outs } = await room.create({ __resourceName: "main", pstnDialOutEnabled: false });

    const result = await room.read(outs?.roomId as string, outs as RoomOutputs);

    expect(result.id).toBe(outs?.roomId);
  });

  it("points at adoption when asked to read without stored state, as an import would", async () => {
    await expect(room.read("99123456789012345", undefined)).rejects.toThrow(
      "Room 99123456789012345: reading needs the state a create stored, which an import lacks; " +
        "the import option does not work for dynamic resources, so adopt the room with the " +
        "adoptRoomId input of a Room or an authoritative RoomParticipantSet instead (see " +
        "ADOPTION.md).",
    );
  });
});

describe("Room delete", () => {
  it("deletes the room", async () => {
    const olds = await createRoom();

    await room.delete(olds.roomId, olds);

    expect(emulator().store.rooms()).toBe(0);
    expect(emulator().requests.counts()).toEqual({ "rooms.delete": 1 });
  });

  it("succeeds when the room is already gone", async () => {
    const olds = await createRoom();
    await roomsClientFor(emulator()).deleteRoom(olds.roomId);

    await expect(room.delete(olds.roomId, olds)).resolves.toBeUndefined();
  });
});

describe("Room adoption", () => {
  it("takes over an existing room and brings it to the declared window and flag", async () => {
    const existing = await roomsClientFor(emulator()).createRoom({});
    emulator().requests.reset();
    const validFrom = daysFromNow(1);
    const validUntil = daysFromNow(2);

    const result = await room.create(
      inputs({ adoptRoomId: existing.id, validFrom, validUntil, pstnDialOutEnabled: true }),
    );

    expect(result).toEqual({
      id: existing.id,
      outs: {
        __resourceName: "main",
        roomId: existing.id,
        validFrom: new Date(validFrom).toISOString(),
        validUntil: new Date(validUntil).toISOString(),
        pstnDialOutEnabled: true,
        createdAt: existing.createdOn.toISOString(),
        endpoint: normalEndpoint(emulator()),
        connectionString: emulator().connectionString,
        adoptRoomId: existing.id,
      },
    });
    expect(emulator().store.rooms()).toBe(1);
    expect(emulator().requests.counts()).toEqual({ "rooms.get": 1, "rooms.update": 1 });
  });

  it("only reads a room whose values already match", async () => {
    const existing = await roomsClientFor(emulator()).createRoom({});
    emulator().requests.reset();

    await room.create(inputs({ adoptRoomId: existing.id }));

    expect(emulator().requests.counts()).toEqual({ "rooms.get": 1 });
  });

  it("fails clearly, creating nothing, when the room to adopt does not exist", async () => {
    await expect(room.create(inputs({ adoptRoomId: "99123456789012345" }))).rejects.toThrow(
      `Room "main": adoptRoomId "99123456789012345" names no room on ` +
        `${normalEndpoint(emulator())}; check the id (listRooms() lists the rooms there) or ` +
        "remove adoptRoomId to create a new room.",
    );
    expect(emulator().store.rooms()).toBe(0);
  });
});
