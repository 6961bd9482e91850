// The Rooms operations through the real @azure/communication-rooms client over real sockets.
import type { RoomsClient, RoomsClientOptions } from "@azure/communication-rooms";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { rejection, restErrorFields, roomsClient, signedRequest, userId } from "./helpers";

const DAY_MS = 24 * 60 * 60 * 1000;
const GENERIC_400 = "The request could not be understood by the server due to malformed syntax.";

let emulator: RunningEmulator;
let client: RoomsClient;
let start: Date;

beforeAll(async () => {
  start = new Date(Math.floor(Date.now() / 1000) * 1000);
  emulator = await startEmulator({ clock: { start, frozen: true } });
  client = roomsClient(emulator);
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.store.reset();
  emulator.clock.set(start);
});

async function allRooms(): Promise<string[]> {
  const ids: string[] = [];
  for await (const room of client.listRooms()) {
    ids.push(room.id);
  }
  return ids;
}

async function participantsOf(roomId: string): Promise<Array<[string, string]>> {
  const result: Array<[string, string]> = [];
  for await (const participant of client.listParticipants(roomId)) {
    const id = participant.id as { communicationUserId: string };
    result.push([id.communicationUserId, participant.role as string]);
  }
  return result;
}

function detailsOf(error: unknown): unknown {
  return (restErrorFields(error).details as { error: { details?: unknown } }).error.details;
}

describe("create", () => {
  it("creates a room valid from now for 180 days when no times are given", async () => {
    const room = await client.createRoom();

    expect(room.id).toMatch(/^\d{16,17}$/);
    expect(room.createdOn).toEqual(start);
    expect(room.validFrom).toEqual(start);
    expect(room.validUntil).toEqual(new Date(start.getTime() + 180 * DAY_MS));
    expect(room.pstnDialOutEnabled).toBe(false);
    expect(emulator.store.rooms()).toBe(1);
  });

  it("keeps the given times, PSTN dial-out and participants with their roles", async () => {
    const presenter = { communicationUserId: userId(emulator) };
    const attendee = { communicationUserId: userId(emulator) };
    const validFrom = new Date(start.getTime() - DAY_MS);
    const validUntil = new Date(start.getTime() + 10 * DAY_MS);

    const room = await client.createRoom({
      validFrom,
      validUntil,
      pstnDialOutEnabled: true,
      participants: [{ id: presenter, role: "Presenter" }, { id: attendee }],
    });

    expect(room).toMatchObject({ validFrom, validUntil, pstnDialOutEnabled: true });
    expect(await participantsOf(room.id)).toEqual([
      [presenter.communicationUserId, "Presenter"],
      [attendee.communicationUserId, "Attendee"],
    ]);
  });

  it("answers 201 with a Location header holding the room id", async () => {
    const answer = await signedRequest(emulator, {
      method: "POST",
      path: "/rooms?api-version=2025-03-13",
      body: {},
    });

    expect(answer.status).toBe(201);
    expect(answer.headers["location"]).toBe((answer.body as { id: string }).id);
    expect(answer.headers["ms-cv"]).toMatch(/^[A-Za-z0-9+/]{22}\.0$/);
    expect(answer.headers["repeatability-result"]).toBeUndefined();
  });

  it(
    "keeps timestamps to 100 ns " + "and answers them in UTC with up to 7 fractional digits",
    async () => {
      const created = await signedRequest(emulator, {
        method: "POST",
        path: "/rooms?api-version=2025-03-13",
        body: {
          validFrom: new Date(start.getTime() + 1000).toISOString().replace("Z", "1234-02:00"),
          validUntil: null,
        },
      });
      const expectedFrom = new Date(start.getTime() + 1000 + 2 * 60 * 60 * 1000)
        .toISOString()
        .replace(".000Z", ".0001234+00:00");
      expect((created.body as { validFrom: string }).validFrom).toBe(expectedFrom);
    },
  );

  it("reads times without an offset as UTC and a date alone as midnight", async () => {
    const tomorrow = new Date(start.getTime() + DAY_MS).toISOString().slice(0, 10);
    const dayAfter = new Date(start.getTime() + 2 * DAY_MS).toISOString().slice(0, 10);
    const answer = await signedRequest(emulator, {
      method: "POST",
      path: "/rooms?api-version=2025-03-13",
      body: { validFrom: `${tomorrow}T08:30:00.5`, validUntil: dayAfter },
    });

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      validFrom: `${tomorrow}T08:30:00.5+00:00`,
      validUntil: `${dayAfter}T00:00:00+00:00`,
    });
  });

  it("rejects the whole create when a participant is not an ACS user", async () => {
    const error = await rejection(
      client.createRoom({ participants: [{ id: { phoneNumber: "+14255550123" } as never }] }),
    );
    expect((error as Error).message).toBe("We currently only support CommunicationUsers");

    const answer = await signedRequest(emulator, {
      method: "POST",
      path: "/rooms?api-version=2025-03-13",
      body: { participants: { "4:+14255550123": { role: "Attendee" } } },
    });
    expect(answer).toMatchObject({
      status: 400,
      headers: { "x-ms-error-code": "BadRequest" },
      body: {
        error: { code: "BadRequest", message: "Invalid format for communication identifier." },
      },
    });
    expect(emulator.store.rooms()).toBe(0);
  });

  it("refuses more participants than a room may hold", async () => {
    const small = await startEmulator({ maxParticipantsPerRoom: 2 });
    try {
      const participants = [1, 2, 3].map(() => ({ id: { communicationUserId: userId(small) } }));
      const error = await rejection(roomsClient(small).createRoom({ participants }));

      expect(restErrorFields(error).statusCode).toBe(400);
      expect((error as Error).message).toBe(
        "The number of participants in a room cannot exceed 2.",
      );
    } finally {
      await small.close();
    }
  });
});

describe("time rules", () => {
  it("reports a validFrom more than 180 days ahead and a too long range together", async () => {
    const error = await rejection(
      client.createRoom({
        validFrom: new Date(start.getTime() + 181 * DAY_MS),
        validUntil: new Date(start.getTime() + 400 * DAY_MS),
      }),
    );

    expect(restErrorFields(error)).toMatchObject({ statusCode: 400, code: "BadRequest" });
    expect((error as Error).message).toBe(GENERIC_400);
    expect(detailsOf(error)).toEqual([
      {
        code: "BadArgument",
        message: "Value is incorrect or more than 180 days in the future.",
        target: "ValidFrom",
      },
      {
        code: "BadArgument",
        message: "The time range is incorrect, or larger than 180 days.",
        target: "ValidUntil",
      },
    ]);
  });

  it("lets 'end in the past' take precedence over the range message", async () => {
    const error = await rejection(
      client.createRoom({
        validFrom: new Date(start.getTime() - 2 * DAY_MS),
        validUntil: new Date(start.getTime() - 3 * DAY_MS),
      }),
    );

    expect(detailsOf(error)).toEqual([
      { code: "BadArgument", message: "The time range end is in the past.", target: "ValidUntil" },
    ]);
  });

  it("rejects a validUntil that is not after validFrom", async () => {
    const at = new Date(start.getTime() + DAY_MS);
    const error = await rejection(client.createRoom({ validFrom: at, validUntil: at }));

    expect(detailsOf(error)).toEqual([
      {
        code: "BadArgument",
        message: "The time range is incorrect, or larger than 180 days.",
        target: "ValidUntil",
      },
    ]);
  });

  it("accepts exactly 180 days between validFrom and validUntil", async () => {
    const validFrom = new Date(start.getTime() + DAY_MS);
    const validUntil = new Date(validFrom.getTime() + 180 * DAY_MS);

    await expect(client.createRoom({ validFrom, validUntil })).resolves.toMatchObject({
      validFrom,
      validUntil,
    });
  });

  it("reports an unreadable timestamp with its JSON path", async () => {
    const answer = await signedRequest(emulator, {
      method: "POST",
      path: "/rooms?api-version=2025-03-13",
      body: { validFrom: "next tuesday", validUntil: 5 },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        code: "BadRequest",
        message: GENERIC_400,
        details: [
          {
            code: "BadArgument",
            message:
              "The JSON value could not be converted to the expected type. Path: $.validUntil.",
            target: "$.validUntil",
          },
        ],
      },
    });
  });
});

describe("get, update, delete", () => {
  it("gets a room as it was created", async () => {
    const created = await client.createRoom({ pstnDialOutEnabled: true });

    await expect(client.getRoom(created.id)).resolves.toEqual(created);
  });

  it("answers 400 for a malformed room id and 404 for an unknown well-formed one", async () => {
    const shortId = await rejection(client.getRoom("123"));
    expect(restErrorFields(shortId)).toMatchObject({ statusCode: 400, code: "BadRequest" });
    expect((shortId as Error).message).toBe("Invalid room ID length.");

    const letters = await rejection(client.getRoom("abcdefghijklmnop"));
    expect(restErrorFields(letters).statusCode).toBe(400);

    const unknown = await rejection(client.getRoom("9999999999999999"));
    expect(restErrorFields(unknown)).toMatchObject({ statusCode: 404, code: "NotFound" });
    expect((unknown as Error).message).toBe("The server cannot find the requested resource.");
  });

  it("updates both times together and keeps createdAt", async () => {
    const created = await client.createRoom();
    emulator.clock.advance(60_000);
    const validFrom = new Date(start.getTime() + 2 * DAY_MS);
    const validUntil = new Date(start.getTime() + 3 * DAY_MS);

    const updated = await client.updateRoom(created.id, { validFrom, validUntil });

    expect(updated).toEqual({ ...created, validFrom, validUntil });
  });

  it("rejects an update that sets only one of validFrom and validUntil", async () => {
    const created = await client.createRoom();
    const error = await rejection(
      client.updateRoom(created.id, { validUntil: new Date(start.getTime() + DAY_MS) }),
    );

    expect(detailsOf(error)).toEqual([
      {
        code: "BadArgument",
        message: "validFrom and validUntil should be set together.",
        target: "",
      },
    ]);
  });

  it(
    "accepts an empty update and a lone pstnDialOutEnabled, " + "and treats null as not given",
    async () => {
      const created = await client.createRoom();

      await expect(client.updateRoom(created.id, {})).resolves.toEqual(created);
      await expect(client.updateRoom(created.id, { pstnDialOutEnabled: true })).resolves.toEqual({
        ...created,
        pstnDialOutEnabled: true,
      });
      const answer = await signedRequest(emulator, {
        method: "PATCH",
        path: `/rooms/${created.id}?api-version=2025-03-13`,
        headers: { "content-type": "application/merge-patch+json" },
        body: { validFrom: null, validUntil: null, pstnDialOutEnabled: null },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ pstnDialOutEnabled: true });
    },
  );

  it("deletes a room with 204, after which it is gone", async () => {
    const created = await client.createRoom();

    const answer = await signedRequest(emulator, {
      method: "DELETE",
      path: `/rooms/${created.id}?api-version=2025-03-13`,
    });

    expect(answer.status).toBe(204);
    expect(answer.body).toBeUndefined();
    await expect(client.deleteRoom(created.id)).rejects.toThrow(
      "The server cannot find the requested resource.",
    );
  });
});

describe("list and paging", () => {
  it("pages through every room with absolute nextLinks that carry the api-version", async () => {
    const created: string[] = [];
    for (let i = 0; i < 12; i++) {
      created.push((await client.createRoom()).id);
    }

    expect(await allRooms()).toEqual(created);

    const first = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2024-04-15",
    });
    const page = first.body as { value: unknown[]; nextLink: string };
    expect(page.value).toHaveLength(5);
    expect(page.nextLink).toBe(`${emulator.endpoint}rooms?api-version=2024-04-15&skipToken=6`);
  });

  it("answers an empty list without a nextLink", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
    });

    expect(answer).toMatchObject({ status: 200, body: { value: [] } });
    expect(answer.body).not.toHaveProperty("nextLink");
  });

  it("rejects a page token the emulator did not issue", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13&skipToken=abc",
    });

    expect(answer).toMatchObject({ status: 400, body: { error: { code: "BadRequest" } } });
  });
});

describe("participants", () => {
  it("adds new participants, changes roles of existing ones and keeps the others", async () => {
    const [a, b, c] = [userId(emulator), userId(emulator), userId(emulator)];
    const room = await client.createRoom({
      participants: [
        { id: { communicationUserId: a }, role: "Presenter" },
        { id: { communicationUserId: b }, role: "Attendee" },
      ],
    });

    await client.addOrUpdateParticipants(room.id, [
      { id: { communicationUserId: b }, role: "Consumer" },
      { id: { communicationUserId: c }, role: "Collaborator" },
    ]);

    expect(await participantsOf(room.id)).toEqual([
      [a, "Presenter"],
      [b, "Consumer"],
      [c, "Collaborator"],
    ]);
  });

  it("removes participants, and removing someone absent still succeeds", async () => {
    const [a, b] = [userId(emulator), userId(emulator)];
    const room = await client.createRoom({ participants: [{ id: { communicationUserId: a } }] });

    await client.removeParticipants(room.id, [
      { communicationUserId: a },
      { communicationUserId: b },
    ]);

    expect(await participantsOf(room.id)).toEqual([]);
  });

  it("answers the participants PATCH with 200 and an empty object", async () => {
    const room = await client.createRoom();
    const answer = await signedRequest(emulator, {
      method: "PATCH",
      path: `/rooms/${room.id}/participants?api-version=2025-03-13`,
      headers: { "content-type": "application/merge-patch+json" },
      body: { participants: { [userId(emulator)]: { role: "Attendee" } } },
    });

    expect(answer).toMatchObject({ status: 200, body: {} });
  });

  it("pages through more participants than fit on a page", async () => {
    const ids = Array.from({ length: 13 }, () => userId(emulator));
    const room = await client.createRoom({
      participants: ids.map((id) => ({ id: { communicationUserId: id } })),
    });

    expect((await participantsOf(room.id)).map(([id]) => id)).toEqual(ids);
  });

  it("rejects an identifier kind rooms do not take, naming it", async () => {
    const room = await client.createRoom();
    const answer = await signedRequest(emulator, {
      method: "PATCH",
      path: `/rooms/${room.id}/participants?api-version=2025-03-13`,
      headers: { "content-type": "application/merge-patch+json" },
      body: { participants: { "4:+14255550123": { role: "Attendee" } } },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        code: "BadRequest",
        message: "Communication identifier 4:+14255550123 is not supported.",
      },
    });
  });

  it("rejects a malformed ACS user id in a participants PATCH", async () => {
    const room = await client.createRoom();
    const answer = await signedRequest(emulator, {
      method: "PATCH",
      path: `/rooms/${room.id}/participants?api-version=2025-03-13`,
      headers: { "content-type": "application/merge-patch+json" },
      body: { participants: { "8:acs:123456c": { role: "Consumer" } } },
    });

    expect(answer.body).toEqual({
      error: { code: "BadRequest", message: "Invalid value for the Participants." },
    });
  });

  it("reports every bad role of one request with its JSON path", async () => {
    const room = await client.createRoom();
    const [a, b] = [userId(emulator), userId(emulator)];
    const answer = await signedRequest(emulator, {
      method: "PATCH",
      path: `/rooms/${room.id}/participants?api-version=2025-03-13`,
      headers: { "content-type": "application/merge-patch+json" },
      body: { participants: { [a]: { role: "Owner" }, [b]: { role: "Boss" } } },
    });

    expect(answer.status).toBe(400);
    expect((answer.body as { error: { details: unknown } }).error.details).toEqual([
      {
        code: "BadArgument",
        message: `The JSON value could not be converted to Role. Path: $.participants.${a}.role.`,
        target: `$.participants.${a}.role`,
      },
      {
        code: "BadArgument",
        message: `The JSON value could not be converted to Role. Path: $.participants.${b}.role.`,
        target: `$.participants.${b}.role`,
      },
    ]);
  });

  it("answers 404 for the participants of an unknown room", async () => {
    await expect(participantsOf("9999999999999999")).rejects.toThrow(
      "The server cannot find the requested resource.",
    );
  });
});

describe("api-versions", () => {
  it(
    "serves every operation at 2024-04-15 and 2023-06-14 " + "through the SDK's apiVersion option",
    async () => {
      for (const apiVersion of ["2024-04-15", "2023-06-14"]) {
        const versioned = roomsClient(emulator, { apiVersion } as RoomsClientOptions);
        const user = { communicationUserId: userId(emulator) };
        const room = await versioned.createRoom({ participants: [{ id: user, role: "Consumer" }] });
        await versioned.getRoom(room.id);
        await versioned.updateRoom(room.id, {});
        await versioned.addOrUpdateParticipants(room.id, [{ id: user, role: "Presenter" }]);
        for await (const participant of versioned.listParticipants(room.id)) {
          expect(participant.role).toBe("Presenter");
        }
        for await (const listed of versioned.listRooms()) {
          expect(listed.id).toMatch(/^\d+$/);
        }
        await versioned.removeParticipants(room.id, [user]);
        await versioned.deleteRoom(room.id);
      }
      const sent = emulator.requests
        .log()
        .filter((entry) => entry.operation !== "rooms.list")
        .map((entry) => `${entry.operation}@${entry.apiVersion}`);
      const perVersion = (version: string) =>
        [
          "rooms.create",
          "rooms.get",
          "rooms.update",
          "participants.update",
          "participants.list",
          "participants.update",
          "rooms.delete",
        ].map((operation) => `${operation}@${version}`);
      expect(sent.slice(-14)).toEqual([...perVersion("2024-04-15"), ...perVersion("2023-06-14")]);
    },
  );

  it("has no pstnDialOutEnabled at 2023-06-14, in answers or requests", async () => {
    const answer = await signedRequest(emulator, {
      method: "POST",
      path: "/rooms?api-version=2023-06-14",
      body: { pstnDialOutEnabled: true },
    });
    const room = answer.body as Record<string, unknown>;

    expect(answer.status).toBe(201);
    expect(Object.keys(room).sort()).toEqual(["createdAt", "id", "validFrom", "validUntil"]);
    const current = await client.getRoom(room.id as string);
    expect(current.pstnDialOutEnabled).toBe(false);
  });

  it("accepts the Collaborator role only from 2025-03-13", async () => {
    const rawId = userId(emulator);
    const body = { participants: { [rawId]: { role: "Collaborator" } } };

    for (const version of ["2023-06-14", "2024-04-15"]) {
      const answer = await signedRequest(emulator, {
        method: "POST",
        path: `/rooms?api-version=${version}`,
        body,
      });
      expect(answer.status).toBe(400);
      expect(
        (answer.body as { error: { details: Array<{ target: string }> } }).error.details,
      ).toEqual([
        {
          code: "BadArgument",
          message:
            "The JSON value could not be converted to Role. " +
            `Path: $.participants.${rawId}.role.`,
          target: `$.participants.${rawId}.role`,
        },
      ]);
    }
    const accepted = await signedRequest(emulator, {
      method: "POST",
      path: "/rooms?api-version=2025-03-13",
      body,
    });
    expect(accepted.status).toBe(201);
  });

  it("answers an unsupported api-version with 400 UnsupportedApiVersion", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2022-02-01",
    });

    expect(answer.status).toBe(400);
    expect(answer.headers["x-ms-error-code"]).toBe("UnsupportedApiVersion");
    expect(answer.headers["api-supported-versions"]).toBe("2023-06-14, 2024-04-15, 2025-03-13");
    expect(answer.body).toEqual({
      error: {
        code: "UnsupportedApiVersion",
        message:
          `The HTTP resource that matches the request URI '${emulator.endpoint}rooms' ` +
          "does not support the API version '2022-02-01'.",
      },
    });
  });

  it("answers a missing api-version with 400 ApiVersionUnspecified", async () => {
    const answer = await signedRequest(emulator, { method: "GET", path: "/rooms" });

    expect(answer).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "ApiVersionUnspecified",
          message: "An API version is required, but was not specified.",
        },
      },
    });
  });
});
