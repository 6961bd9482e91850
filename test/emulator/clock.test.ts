// The movable clock: time rules, removal of expired rooms, and token expiry follow it. The SDK
// signs with the process clock, so these tests move Date in this process too.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { identityClient, rejection, restErrorFields, roomsClient } from "./helpers";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

let emulator: RunningEmulator;
const start = new Date("2030-01-01T00:00:00Z");

beforeAll(async () => {
  emulator = await startEmulator({
    clock: { start, frozen: true },
    roomRemovalGraceMs: 2 * HOUR_MS,
  });
});

afterAll(async () => {
  await emulator.close();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the emulator clock and this process's Date (which the SDK signs with) together. */
function moveTo(time: Date): void {
  emulator.clock.set(time);
  if (!vi.isFakeTimers()) {
    vi.useFakeTimers({ toFake: ["Date"] });
  }
  vi.setSystemTime(time);
}

describe("clock", () => {
  it("starts where it is told and stands still when frozen", () => {
    expect(emulator.clock.now()).toEqual(start);
  });

  it("judges validity against the emulator's now, not the machine's", async () => {
    moveTo(start);
    const client = roomsClient(emulator);

    const room = await client.createRoom({ validUntil: new Date(start.getTime() + DAY_MS) });

    expect(room.createdOn).toEqual(start);
    expect(room.validFrom).toEqual(start);
  });

  it(
    "keeps a room after validUntil until the grace period has passed, " + "then removes it",
    async () => {
      moveTo(start);
      const client = roomsClient(emulator);
      const room = await client.createRoom({ validUntil: new Date(start.getTime() + DAY_MS) });

      moveTo(new Date(start.getTime() + DAY_MS + HOUR_MS));
      await expect(client.getRoom(room.id)).resolves.toMatchObject({ id: room.id });

      moveTo(new Date(start.getTime() + DAY_MS + 2 * HOUR_MS));
      const error = await rejection(client.getRoom(room.id));
      expect(restErrorFields(error)).toMatchObject({ statusCode: 404, code: "NotFound" });
    },
  );

  it("rejects an update whose end has passed once the clock moved on", async () => {
    moveTo(start);
    const client = roomsClient(emulator);
    const room = await client.createRoom();
    const validFrom = new Date(start.getTime() + DAY_MS);
    const validUntil = new Date(start.getTime() + 2 * DAY_MS);

    moveTo(new Date(start.getTime() + 3 * DAY_MS));

    await expect(client.updateRoom(room.id, { validFrom, validUntil })).rejects.toThrow(
      "The request could not be understood by the server due to malformed syntax.",
    );
  });

  it("issues tokens that expire relative to the emulator clock", async () => {
    moveTo(start);

    const token = await identityClient(emulator).createUserAndToken(["chat"]);

    expect(token.expiresOn).toEqual(new Date(start.getTime() + DAY_MS));
  });

  it("denies the SDK when the emulator clock alone moves past the signature window", async () => {
    moveTo(start);
    emulator.clock.advance(10 * 60_000);

    const error = await rejection(roomsClient(emulator).createRoom());

    expect(restErrorFields(error)).toMatchObject({ statusCode: 401, code: "Denied" });
  });
});
