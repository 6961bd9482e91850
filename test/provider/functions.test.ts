import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";

import {
  getRoom,
  getRoomOutput,
  listParticipants,
  listParticipantsOutput,
  listRooms,
  listRoomsOutput,
} from "../../provider/functions";
import { createUsers, normalEndpoint, roomsClientFor, useEmulator } from "./support";

// Pages of two make every list of three or more span several pages.
const emulator = useEmulator({ pageSize: 2 });

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("getRoom", () => {
  it("returns the room with ISO UTC times and the endpoint", async () => {
    const created = await roomsClientFor(emulator()).createRoom({
      validFrom: new Date("2026-12-24T09:00:00Z"),
      validUntil: new Date("2026-12-24T10:00:00Z"),
    });

    const found = await getRoom({
      roomId: created.id,
      connectionString: emulator().connectionString,
    });

    expect(found).toEqual({
      roomId: created.id,
      validFrom: "2026-12-24T09:00:00.000Z",
      validUntil: "2026-12-24T10:00:00.000Z",
      pstnDialOutEnabled: false,
      createdAt: created.createdOn.toISOString(),
      endpoint: normalEndpoint(emulator()),
    });
  });

  it("rejects with the id and the endpoint when the room does not exist", async () => {
    await expect(
      getRoom({ roomId: "99123456789012345", connectionString: emulator().connectionString }),
    ).rejects.toThrow(
      `getRoom("99123456789012345"): no room 99123456789012345 exists on ` +
        `${normalEndpoint(emulator())}; check the id (listRooms() lists the rooms there) and the ` +
        "connection settings.",
    );
  });

  it("takes Inputs and returns an Output in its Output form", async () => {
    const created = await roomsClientFor(emulator()).createRoom({});

    const found = getRoomOutput({
      roomId: pulumi.output(Promise.resolve(created.id)),
      connectionString: pulumi.output(emulator().connectionString),
    });

    expect((await resolved(found)).roomId).toBe(created.id);
  });
});

describe("listRooms", () => {
  afterEach(() => {
    pulumi.runtime.setConfig("acsRooms:connectionString", "");
  });

  it("follows every page", async () => {
    const client = roomsClientFor(emulator());
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await client.createRoom({})).id);
    emulator().requests.reset();

    const { rooms } = await listRooms({ connectionString: emulator().connectionString });

    expect(rooms.map((r) => r.roomId).sort()).toEqual(ids.sort());
    expect(emulator().requests.counts()).toEqual({ "rooms.list": 3 });
  });

  it("uses the program's stack config when no settings are passed", async () => {
    await roomsClientFor(emulator()).createRoom({});
    pulumi.runtime.setConfig("acsRooms:connectionString", emulator().connectionString);

    const { rooms } = await resolved(listRoomsOutput());

    expect(rooms).toHaveLength(1);
  });

  it("uses the environment after the stack config", async () => {
    vi.stubEnv("ACS_CONNECTION_STRING", emulator().connectionString);

    const { rooms } = await listRooms();

    expect(rooms).toEqual([]);
  });

  it("rejects with the setting that is wrong", async () => {
    await expect(listRooms({ endpoint: "http://acs.example.com" })).rejects.toThrow(
      'listRooms(): the endpoint input "http://acs.example.com" uses plain http, which is only ' +
        "accepted for a loopback emulator (127.0.0.1, localhost or [::1]); use the https:// " +
        "endpoint of your ACS resource.",
    );
  });
});

describe("listParticipants", () => {
  it("follows every page and sorts by id", async () => {
    const client = roomsClientFor(emulator());
    const roomId = (await client.createRoom({})).id;
    const users = await createUsers(emulator(), 5);
    await client.addOrUpdateParticipants(
      roomId,
      users.map((id, i) => ({
        id: { communicationUserId: id },
        role: i === 0 ? "Presenter" : "Attendee",
      })),
    );
    emulator().requests.reset();

    const result = await resolved(
      listParticipantsOutput({ roomId, connectionString: emulator().connectionString }),
    );

    expect(result).toEqual({
      roomId,
      participants: users.map((id, i) => ({ id, role: i === 0 ? "Presenter" : "Attendee" })),
    });
    expect(emulator().requests.counts()).toEqual({ "participants.list": 3 });
  });

  it("rejects with the service's answer for a room that does not exist", async () => {
    await expect(
      listParticipants({
        roomId: "99123456789012345",
        connectionString: emulator().connectionString,
      }),
    ).rejects.toThrow(
      `listParticipants("99123456789012345"): could not list the participants of room ` +
        `99123456789012345 on ${normalEndpoint(emulator())}: the service answered 404 NotFound: ` +
        "The server cannot find the requested resource.",
    );
  });
});
