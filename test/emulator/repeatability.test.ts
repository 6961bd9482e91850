// Repeatable create: Repeatability-Request-ID and Repeatability-First-Sent as the SDKs send them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { signedRequest, type RawAnswer } from "./helpers";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ repeatabilityWindowMs: 60_000 });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.store.reset();
});

function create(headers: Record<string, string>, body: unknown = {}): Promise<RawAnswer> {
  return signedRequest(emulator, {
    method: "POST",
    path: "/rooms?api-version=2025-03-13",
    body,
    headers,
  });
}

function repeatable(id: string = randomUUID(), firstSent = new Date()): Record<string, string> {
  return { "Repeatability-Request-ID": id, "Repeatability-First-Sent": firstSent.toUTCString() };
}

describe("repeatable create", () => {
  it("replays the first answer for a repeat and creates one room", async () => {
    const headers = repeatable();

    const first = await create(headers, { pstnDialOutEnabled: true });
    const repeat = await create(headers, { pstnDialOutEnabled: true });

    expect(first.status).toBe(201);
    expect(first.headers["repeatability-result"]).toBe("accepted");
    expect(repeat.status).toBe(201);
    expect(repeat.headers["repeatability-result"]).toBe("accepted");
    expect(repeat.headers["location"]).toBe(first.headers["location"]);
    expect(repeat.body).toEqual(first.body);
    expect(emulator.store.rooms()).toBe(1);
  });

  it("creates separate rooms for separate request ids", async () => {
    await create(repeatable());
    await create(repeatable());

    expect(emulator.store.rooms()).toBe(2);
  });

  it(
    "rejects a request id that is not a UUID " + "with 400 and Repeatability-Result: rejected",
    async () => {
      const answer = await create(repeatable("not-a-uuid"));

      expect(answer).toMatchObject({
        status: 400,
        headers: { "repeatability-result": "rejected", "x-ms-error-code": "BadRequest" },
      });
      expect(emulator.store.rooms()).toBe(0);
    },
  );

  it("rejects a missing or unreadable First-Sent with 400", async () => {
    const missing = await create({ "Repeatability-Request-ID": randomUUID() });
    const unreadable = await create({
      "Repeatability-Request-ID": randomUUID(),
      "Repeatability-First-Sent": "yesterday",
    });

    for (const answer of [missing, unreadable]) {
      expect(answer.status).toBe(400);
      expect(answer.headers["repeatability-result"]).toBe("rejected");
    }
  });

  it("answers 412 for a First-Sent older than the window", async () => {
    const answer = await create(repeatable(randomUUID(), new Date(Date.now() - 61_000)));

    expect(answer).toMatchObject({
      status: 412,
      headers: { "repeatability-result": "rejected", "x-ms-error-code": "PreconditionFailed" },
    });
  });

  it("answers 412 for a repeat that comes after the window", async () => {
    const headers = repeatable();
    await create(headers);
    emulator.clock.advance(61_000);
    try {
      const repeat = await create(headers);
      expect(repeat.status).toBe(412);
    } finally {
      emulator.clock.advance(-61_000);
    }
    expect(emulator.store.rooms()).toBe(1);
  });

  it("answers 409 when a known request id comes back with a different body", async () => {
    const headers = repeatable();
    await create(headers, { pstnDialOutEnabled: false });

    const other = await create(headers, { pstnDialOutEnabled: true });

    expect(other).toMatchObject({
      status: 409,
      headers: { "repeatability-result": "rejected", "x-ms-error-code": "Conflict" },
    });
    expect(emulator.store.rooms()).toBe(1);
  });
});
