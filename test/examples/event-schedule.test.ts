// The event-schedule example, deployed by the real engine against the emulator: the rooms and
// participants on the service are exactly those of the file, an edited file updates them in
// place, and destroy leaves the service empty. The service is inspected with the SDK only.
import { RoomsClient } from "@azure/communication-rooms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "../../emulator";
import { compileExample, type CompiledExample } from "./compile";
import { createEngineStack, type EngineStack } from "../harness/engine";

type ProgramModule = typeof import("../../examples/event-schedule/program");
type ScheduleModule = typeof import("../../examples/event-schedule/schedule");

const HOUR = 60 * 60 * 1000;

describe("the event-schedule example", () => {
  const day = nextWholeHour(3 * 24 * HOUR);
  const at = (hours: number) => new Date(day.getTime() + hours * HOUR).toISOString();

  let emulator: RunningEmulator;
  let example: CompiledExample;
  let engine: EngineStack;
  let rooms: RoomsClient;
  const workshop: [string, string] = [at(2), at(5)];
  let scheduleText = schedule({ keynote: [at(0), at(1)], speakers: ["omar"], workshop });
  let firstRoomIds: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    rooms = new RoomsClient(emulator.connectionString, { allowInsecureConnection: true });
    example = compileExample("event-schedule");
    const { eventRooms } = example.load<ProgramModule>("program");
    const { parseSchedule } = example.load<ScheduleModule>("schedule");

    engine = await createEngineStack({
      projectName: "event-schedule",
      env: { ACS_CONNECTION_STRING: emulator.connectionString },
      program: async () => {
        const { rooms, people } = eventRooms(parseSchedule(scheduleText));
        return { rooms, people };
      },
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    example?.dispose();
    await emulator?.close();
  });

  it("creates exactly the file's rooms, users and participants on up", async () => {
    const up = await engine.stack.up();

    // 4 people, 2 rooms, 2 participant sets and the stack.
    expect(up.summary.resourceChanges).toEqual({ create: 9 });
    const { roomIds, people } = await stackOutputs(engine);
    firstRoomIds = roomIds;
    expect(await serviceRooms(rooms)).toEqual({
      [roomIds.keynote]: { validFrom: at(0), validUntil: at(1) },
      [roomIds.workshop]: { validFrom: at(2), validUntil: at(5) },
    });
    expect(await participantsByPerson(rooms, roomIds.keynote, people)).toEqual({
      omar: "Presenter",
      ines: "Presenter",
      lars: "Attendee",
    });
    expect(await participantsByPerson(rooms, roomIds.workshop, people)).toEqual({
      mei: "Presenter",
      lars: "Consumer",
    });
  });

  it(
    "updates in place, keeping the room ids, " + "when a session moves and gains a speaker",
    async () => {
      scheduleText = schedule({ keynote: [at(1), at(2)], speakers: ["omar", "mei"], workshop });

      const up = await engine.stack.up();

      expect(up.summary.resourceChanges).toEqual({ update: 2, same: 7 });
      const { roomIds, people } = await stackOutputs(engine);
      expect(roomIds).toEqual(firstRoomIds);
      expect(await serviceRooms(rooms)).toEqual({
        [roomIds.keynote]: { validFrom: at(1), validUntil: at(2) },
        [roomIds.workshop]: { validFrom: at(2), validUntil: at(5) },
      });
      expect(await participantsByPerson(rooms, roomIds.keynote, people)).toEqual({
        omar: "Presenter",
        mei: "Presenter",
        ines: "Presenter",
        lars: "Attendee",
      });
    },
  );

  it("leaves no room and no user on the service after destroy", async () => {
    const destroy = await engine.stack.destroy();

    expect(destroy.summary.resourceChanges).toEqual({ delete: 9 });
    expect(await serviceRooms(rooms)).toEqual({});
    expect(emulator.store.users()).toBe(0);
  });
});

/** A schedule of a keynote, whose times and speakers the test edits, and a workshop. */
function schedule(args: {
  keynote: [string, string];
  speakers: string[];
  workshop: [string, string];
}): string {
  return [
    "people: [ines, omar, mei, lars]",
    "sessions:",
    "  - id: keynote",
    "    title: Opening keynote",
    `    start: ${args.keynote[0]}`,
    `    end: ${args.keynote[1]}`,
    `    speakers: [${args.speakers.join(", ")}]`,
    "    moderators: [ines]",
    "    attendees: [lars]",
    "  - id: workshop",
    "    title: Workshop",
    `    start: ${args.workshop[0]}`,
    `    end: ${args.workshop[1]}`,
    "    speakers: [mei]",
    "    viewers: [lars]",
  ].join("\n");
}

/** The room ids by session and the user ids by person, from the stack's outputs. */
async function stackOutputs(engine: EngineStack) {
  const outputs = await engine.stack.outputs();
  const sessionRooms = outputs.rooms.value as Record<string, { roomId: string }>;
  return {
    roomIds: Object.fromEntries(
      Object.entries(sessionRooms).map(([session, room]) => [session, room.roomId]),
    ),
    people: outputs.people.value as Record<string, string>,
  };
}

/** Every room on the service with its window, by room id. */
async function serviceRooms(client: RoomsClient) {
  const found: Record<string, { validFrom: string; validUntil: string }> = {};
  for await (const room of client.listRooms()) {
    found[room.id] = {
      validFrom: room.validFrom.toISOString(),
      validUntil: room.validUntil.toISOString(),
    };
  }
  return found;
}

/** A room's participants on the service, by the schedule's name for them. */
async function participantsByPerson(
  client: RoomsClient,
  roomId: string,
  people: Record<string, string>,
) {
  const names = new Map(Object.entries(people).map(([person, id]) => [id, person]));
  const found: Record<string, string> = {};
  for await (const participant of client.listParticipants(roomId)) {
    const id = "communicationUserId" in participant.id ? participant.id.communicationUserId : "";
    found[names.get(id) ?? `unknown ${id}`] = participant.role ?? "(none)";
  }
  return found;
}

/** The first whole hour at least `ahead` milliseconds from now. */
function nextWholeHour(ahead: number): Date {
  return new Date(Math.ceil((Date.now() + ahead) / HOUR) * HOUR);
}
