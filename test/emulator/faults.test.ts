// Fault injection against the real SDK's retry policies, and the request log that counts calls.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmulatorApp, startEmulator, type RunningEmulator } from "../../emulator";
import { rejection, restErrorFields, roomsClient, signedRequest, userId } from "./helpers";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.faults.clear();
  emulator.store.reset();
  emulator.requests.reset();
});

function faultLog() {
  return emulator.requests
    .log()
    .map(({ operation, status, fault }) => ({ operation, status, fault }));
}

describe("error faults", () => {
  it("answers 429 with Retry-After and the service's error body", async () => {
    emulator.faults.add({ operation: "rooms.list", action: "error", status: 429 });

    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
    });

    expect(answer).toMatchObject({
      status: 429,
      headers: { "retry-after": "1", "x-ms-error-code": "TooManyRequests" },
      body: { error: { code: "TooManyRequests" } },
    });
  });

  it("lets the SDK retry a 429 after Retry-After and succeed", async () => {
    emulator.faults.add({
      operation: "rooms.create",
      action: "error",
      status: 429,
      retryAfterSeconds: 0,
      count: 2,
    });

    const room = await roomsClient(emulator).createRoom();

    expect(emulator.requests.counts()).toEqual({ "rooms.create": 3 });
    expect(faultLog()).toEqual([
      { operation: "rooms.create", status: 429, fault: "error" },
      { operation: "rooms.create", status: 429, fault: "error" },
      { operation: "rooms.create", status: 201, fault: undefined },
    ]);
    expect(emulator.store.rooms()).toBe(1);
    expect(room.id).toMatch(/^\d{16,17}$/);
  });

  it("surfaces the 429 once the SDK's retries are used up", async () => {
    emulator.faults.add({
      operation: "rooms.get",
      action: "error",
      status: 429,
      retryAfterSeconds: 0,
      count: 10,
    });

    const error = await rejection(roomsClient(emulator).getRoom("9999999999999999"));

    expect(restErrorFields(error)).toMatchObject({ statusCode: 429, code: "TooManyRequests" });
    expect(emulator.requests.counts()).toEqual({ "rooms.get": 4 });
  });

  it("lets the SDK retry 500 and 503", async () => {
    emulator.faults.add({ operation: "rooms.list", action: "error", status: 500 });
    emulator.faults.add({ operation: "rooms.list", action: "error", status: 503 });

    const client = roomsClient(emulator);
    const listed = [];
    for await (const room of client.listRooms()) {
      listed.push(room);
    }

    expect(listed).toEqual([]);
    expect(faultLog().map((entry) => entry.status)).toEqual([500, 503, 200]);
  });

  it("fires a '*' rule for any operation, by count", async () => {
    emulator.faults.add({ operation: "*", action: "error", status: 500, count: 2 });

    const first = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
    });
    const second = await signedRequest(emulator, {
      method: "POST",
      path: "/identities?api-version=2023-10-01",
    });
    const third = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
    });

    expect([first.status, second.status, third.status]).toEqual([500, 500, 200]);
    expect(emulator.faults.list()).toEqual([]);
  });

  it("fires a rule with probability 1 every time and with probability 0 never", async () => {
    const always = emulator.faults.add({
      operation: "rooms.list",
      action: "error",
      status: 503,
      probability: 1,
    });
    for (let i = 0; i < 3; i++) {
      const answer = await signedRequest(emulator, {
        method: "GET",
        path: "/rooms?api-version=2025-03-13",
      });
      expect(answer.status).toBe(503);
    }
    emulator.faults.remove(always);
    emulator.faults.add({ operation: "rooms.list", action: "error", probability: 0 });

    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
    });

    expect(answer.status).toBe(200);
  });

  it("refuses a rule it cannot apply, naming every problem", () => {
    expect(() =>
      emulator.faults.add({
        operation: "rooms.explode" as never,
        action: "error",
        status: 418 as never,
      }),
    ).toThrow(
      "Invalid fault rule: operation 'rooms.explode' is not an operation name or '*'; " +
        "status 418 is not one of 429, 500, 503.",
    );
  });
});

describe("connection faults", () => {
  it("resets the connection before processing, and the SDK's retry then succeeds", async () => {
    const room = await roomsClient(emulator).createRoom();
    emulator.requests.reset();
    emulator.faults.add({ operation: "rooms.get", action: "reset" });

    await expect(roomsClient(emulator).getRoom(room.id)).resolves.toMatchObject({ id: room.id });

    expect(faultLog()).toEqual([
      { operation: "rooms.get", status: null, fault: "reset" },
      { operation: "rooms.get", status: 200, fault: undefined },
    ]);
  });

  it(
    "creates exactly one room when the create's answer is dropped " + "and the SDK repeats it",
    async () => {
      emulator.faults.add({ operation: "rooms.create", action: "commitThenDrop" });
      const user = { communicationUserId: userId(emulator) };

      const room = await roomsClient(emulator).createRoom({ participants: [{ id: user }] });

      expect(emulator.store.rooms()).toBe(1);
      expect(faultLog()).toEqual([
        { operation: "rooms.create", status: 201, fault: "commitThenDrop" },
        { operation: "rooms.create", status: 201, fault: undefined },
      ]);
      const stored = await roomsClient(emulator).getRoom(room.id);
      expect(stored).toEqual(room);
    },
  );

  it(
    "applies a participants update whose answer was dropped once, " +
      "and the retry changes nothing more",
    async () => {
      const client = roomsClient(emulator);
      const room = await client.createRoom();
      const user = { communicationUserId: userId(emulator) };
      emulator.faults.add({ operation: "participants.update", action: "commitThenDrop" });

      await client.addOrUpdateParticipants(room.id, [{ id: user, role: "Presenter" }]);

      const participants = [];
      for await (const participant of client.listParticipants(room.id)) {
        participants.push(participant);
      }
      expect(participants).toEqual([
        { id: { kind: "communicationUser", ...user }, role: "Presenter" },
      ]);
      expect(emulator.requests.counts()["participants.update"]).toBe(2);
    },
  );

  it("adds latency before answering", async () => {
    emulator.faults.add({ operation: "rooms.list", action: "latency", latencyMs: 60 });

    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
    });

    expect(answer.status).toBe(200);
    expect(emulator.requests.log()[0].durationMs).toBeGreaterThanOrEqual(60);
  });
});

describe("request log", () => {
  it("counts calls per operation, retries included, and logs no secrets", async () => {
    const client = roomsClient(emulator);
    const room = await client.createRoom();
    await client.addOrUpdateParticipants(room.id, [
      { id: { communicationUserId: userId(emulator) } },
    ]);
    await client.getRoom(room.id);

    expect(emulator.requests.counts()).toEqual({
      "participants.update": 1,
      "rooms.create": 1,
      "rooms.get": 1,
    });
    const entry = emulator.requests.log()[1];
    expect(entry).toMatchObject({
      seq: 2,
      method: "PATCH",
      path: `/rooms/${room.id}/participants`,
      operation: "participants.update",
      apiVersion: "2025-03-13",
      status: 200,
    });
    expect(JSON.stringify(emulator.requests.log())).not.toContain(emulator.accessKey);
  });
});

describe("admin HTTP interface", () => {
  const admin = (path: string, init?: RequestInit) =>
    fetch(new URL(`_emulator/${path}`, emulator.endpoint), init);
  const post = (path: string, body: unknown) =>
    admin(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("adds, lists and clears fault rules", async () => {
    const added = await post("faults", { operation: "rooms.get", action: "error", status: 500 });
    const { id } = (await added.json()) as { id: string };

    expect(added.status).toBe(201);
    expect(await (await admin("faults")).json()).toEqual({
      value: [{ id, operation: "rooms.get", action: "error", status: 500, count: 1 }],
    });
    expect((await admin("faults", { method: "DELETE" })).status).toBe(204);
    expect(emulator.faults.list()).toEqual([]);
  });

  it("rejects an invalid rule with 400 and the reason", async () => {
    const answer = await post("faults", { operation: "rooms.get", action: "explode" });

    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: {
        code: "EmulatorAdminError",
        message:
          "Invalid fault rule: action 'explode' " +
          "is not one of error, latency, reset, commitThenDrop.",
      },
    });
  });

  it("reports the request log and counts, without counting itself", async () => {
    await signedRequest(emulator, { method: "GET", path: "/rooms?api-version=2025-03-13" });

    const answer = (await (await admin("requests")).json()) as {
      counts: Record<string, number>;
      value: Array<{ operation: string }>;
    };

    expect(answer.counts).toEqual({ "rooms.list": 1 });
    expect(answer.value.map((entry) => entry.operation)).toEqual(["rooms.list"]);
    expect(await (await admin("requests/counts")).json()).toEqual({ "rooms.list": 1 });
    expect((await admin("requests", { method: "DELETE" })).status).toBe(204);
    expect(emulator.requests.counts()).toEqual({});
  });

  it("moves and sets the clock", async () => {
    const before = emulator.clock.now().getTime();

    const advanced = (await (await post("clock/advance", { ms: 3_600_000 })).json()) as {
      now: string;
    };
    expect(Date.parse(advanced.now) - before).toBeGreaterThanOrEqual(3_600_000);

    const set = (await (
      await post("clock/set", { time: new Date(before).toISOString() })
    ).json()) as {
      now: string;
    };
    expect(Math.abs(Date.parse(set.now) - before)).toBeLessThan(1_000);
  });

  it("wipes rooms and users on reset", async () => {
    await roomsClient(emulator).createRoom();

    expect((await post("reset", {})).status).toBe(204);

    expect(emulator.store.rooms()).toBe(0);
  });

  it("answers only loopback callers", async () => {
    const app = createEmulatorApp();
    const answer = await app.inject({
      method: "GET",
      url: "/_emulator/faults",
      remoteAddress: "192.0.2.10",
    });

    expect(answer.statusCode).toBe(403);
    await app.close();
  });
});
