// Persistence: with a data file, rooms, users and the resource's key survive a restart.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import { identityClient, roomsClient, userId } from "./helpers";

const directory = mkdtempSync(join(tmpdir(), "acs-emulator-"));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("data file", () => {
  it("keeps rooms, participants, users and the access key across a restart", async () => {
    const dataFile = join(directory, "state", "emulator.json");
    const first = await startEmulator({ dataFile });
    const user = await identityClient(first).createUser();
    const participant = { communicationUserId: userId(first) };
    const room = await roomsClient(first).createRoom({
      pstnDialOutEnabled: true,
      participants: [{ id: participant, role: "Presenter" }],
    });
    await first.close();

    const second = await startEmulator({ dataFile });
    try {
      expect(second.accessKey).toBe(first.accessKey);
      expect(second.resourceId).toBe(first.resourceId);
      expect(second.store.users()).toBe(1);
      const client = roomsClient(second);
      await expect(client.getRoom(room.id)).resolves.toEqual(room);
      const participants = [];
      for await (const entry of client.listParticipants(room.id)) {
        participants.push(entry);
      }
      expect(participants).toEqual([
        { id: { kind: "communicationUser", ...participant }, role: "Presenter" },
      ]);
      await expect(identityClient(second).getToken(user, ["chat"])).resolves.toMatchObject({
        token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      });
    } finally {
      await second.close();
    }
  });

  it("writes the file atomically, leaving no temporary file behind", async () => {
    const dataFile = join(directory, "atomic.json");
    const emulator = await startEmulator({ dataFile, persistDebounceMs: 0 });
    await roomsClient(emulator).createRoom();
    await emulator.close();

    expect(readdirSync(directory).filter((name) => name.startsWith("atomic"))).toEqual([
      "atomic.json",
    ]);
    const content = JSON.parse(readFileSync(dataFile, "utf8")) as {
      format: string;
      store: { rooms: unknown[] };
    };
    expect(content.format).toBe("acs-rooms-emulator/1");
    expect(content.store.rooms).toHaveLength(1);
  });

  it("keeps nothing without a data file", async () => {
    const first = await startEmulator();
    await roomsClient(first).createRoom();
    await first.close();

    const second = await startEmulator({ accessKey: first.accessKey });
    try {
      expect(second.store.rooms()).toBe(0);
    } finally {
      await second.close();
    }
  });
});
