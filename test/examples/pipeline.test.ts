// The drift check of examples/pipeline, end to end: a stack with users, a room and its
// participant set is deployed by the real engine against the emulator, someone changes the room
// through the SDK behind Pulumi's back, and `pulumi preview --refresh --expect-no-changes
// --json` (the pipeline's command) exits 7 with a document the drift report turns into rows.
import { createRequire } from "node:module";

import { CommunicationIdentityClient } from "@azure/communication-identity";
import { RoomsClient } from "@azure/communication-rooms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "../../emulator";
import { findDrift, formatReport } from "../../examples/pipeline/drift-report";
import { previewRefreshJson } from "../harness/cli";
import { createEngineStack, type EngineStack } from "../harness/engine";

// The compiled library, loaded by Node itself so that the serializer sees plain JavaScript.
const acs: typeof import("pulumi-acs-rooms") = createRequire(__filename)("pulumi-acs-rooms");

const HOUR = 60 * 60 * 1000;
const ROOM_TYPE = "acs-rooms:Room";
const SET_TYPE = "acs-rooms:RoomParticipantSet";

describe("the scheduled drift check", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  const opens = nextWholeHour(7 * 24 * HOUR);
  const closes = new Date(opens.getTime() + 2 * HOUR);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    engine = await createEngineStack({
      projectName: "drift-check",
      env: { ACS_CONNECTION_STRING: emulator.connectionString },
      program: async () => {
        const host = new acs.CommunicationUser("host");
        const guest = new acs.CommunicationUser("guest");
        const room = new acs.Room("standup", {
          validFrom: opens.toISOString(),
          validUntil: closes.toISOString(),
        });
        new acs.RoomParticipantSet("standup-people", {
          roomId: room.roomId,
          participants: [
            { id: host.communicationUserId, role: "Presenter" },
            { id: guest.communicationUserId, role: "Attendee" },
          ],
        });
        return { roomId: room.roomId };
      },
    });
    const up = await engine.stack.up();
    expect(up.summary.result).toBe("succeeded");
  });

  afterAll(async () => {
    await engine?.stack.destroy();
    await engine?.dispose();
    await emulator?.close();
  });

  it("finds no drift right after the deployment", async () => {
    const { exitCode, preview } = await previewRefreshJson(engine, ["--expect-no-changes"]);

    expect(exitCode).toBe(0);
    expect(formatReport(findDrift(preview), "markdown")).toBe(
      "No drift: all 4 resources read match their last deployment.\n",
    );
  });

  it("exits 7 and reports each property changed through the SDK", async () => {
    const roomId = (await engine.stack.outputs()).roomId.value as string;
    const rooms = new RoomsClient(emulator.connectionString, { allowInsecureConnection: true });
    const identity = new CommunicationIdentityClient(emulator.connectionString, {
      allowInsecureConnection: true,
    });
    const intruder = await identity.createUser();
    const movedFrom = new Date(opens.getTime() + HOUR);
    const movedUntil = new Date(closes.getTime() + HOUR);
    await rooms.updateRoom(roomId, { validFrom: movedFrom, validUntil: movedUntil });
    await rooms.addOrUpdateParticipants(roomId, [{ id: intruder, role: "Consumer" }]);

    const { exitCode, preview } = await previewRefreshJson(engine, ["--expect-no-changes"]);
    const report = findDrift(preview);

    expect(exitCode).toBe(7);
    expect(report.programChanges).toEqual([]);
    expect(report.rows).toEqual([
      {
        kind: "drift",
        resource: "standup",
        type: ROOM_TYPE,
        property: "validFrom",
        state: opens.toISOString(),
        refreshed: movedFrom.toISOString(),
        declared: opens.toISOString(),
      },
      {
        kind: "drift",
        resource: "standup",
        type: ROOM_TYPE,
        property: "validUntil",
        state: closes.toISOString(),
        refreshed: movedUntil.toISOString(),
        declared: closes.toISOString(),
      },
      {
        kind: "drift",
        resource: "standup-people",
        type: SET_TYPE,
        property: `participants[${JSON.stringify(intruder.communicationUserId)}].role`,
        state: "(none)",
        refreshed: "Consumer",
        declared: "(none)",
      },
    ]);
    expect(formatReport(report, "plain").split("\n")[0]).toBe(
      "Drift: 3 properties of 2 resources changed outside Pulumi.",
    );
  });
});

/** The first whole hour at least `ahead` milliseconds from now. */
function nextWholeHour(ahead: number): Date {
  return new Date(Math.ceil((Date.now() + ahead) / HOUR) * HOUR);
}
