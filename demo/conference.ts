// The demo stack: the rooms of a three-day conference, the people who may join each one, and
// the ACS users they sign in as. It is an ordinary Pulumi program; `npm start` runs it against
// the embedded emulator, and a stack configured with `acsRooms:connectionString` runs it
// against a real ACS resource.
import * as pulumi from "@pulumi/pulumi";

import { CommunicationUser, Room, RoomParticipantSet } from "pulumi-acs-rooms";

type Role = "Presenter" | "Attendee" | "Consumer" | "Collaborator";

/** One room of the schedule: when it opens and closes, relative to the first day, and who joins. */
interface RoomPlan {
  name: string;
  title: string;
  /** Day of the conference the room opens (0 = first day) and the hour, UTC. */
  opens: { day: number; hour: number };
  closes: { day: number; hour: number };
  dialOut?: boolean;
  people: Record<string, Role>;
}

const PEOPLE = ["ines-organizer", "omar-speaker", "mei-speaker", "lars-attendee", "ana-attendee"];

const ROOMS: RoomPlan[] = [
  {
    name: "keynote-hall",
    title: "Opening keynote",
    opens: { day: 0, hour: 8 },
    closes: { day: 0, hour: 12 },
    people: {
      "ines-organizer": "Presenter",
      "omar-speaker": "Presenter",
      "lars-attendee": "Attendee",
      "ana-attendee": "Attendee",
    },
  },
  {
    name: "workshop-a",
    title: "Workshop: rooms as code",
    opens: { day: 0, hour: 13 },
    closes: { day: 1, hour: 17 },
    people: {
      "mei-speaker": "Presenter",
      "lars-attendee": "Attendee",
      "ana-attendee": "Consumer",
    },
  },
  {
    name: "speakers-lounge",
    title: "Speakers' lounge",
    opens: { day: 0, hour: 7 },
    closes: { day: 2, hour: 20 },
    dialOut: true,
    people: {
      "ines-organizer": "Presenter",
      "omar-speaker": "Attendee",
      "mei-speaker": "Attendee",
    },
  },
  {
    name: "closing-panel",
    title: "Closing panel",
    opens: { day: 2, hour: 15 },
    closes: { day: 2, hour: 18 },
    people: {
      "ines-organizer": "Presenter",
      "omar-speaker": "Presenter",
      "mei-speaker": "Presenter",
      "lars-attendee": "Attendee",
      "ana-attendee": "Attendee",
    },
  },
];

/** What the stack exports for each room; the demo prints it as its summary. */
export interface RoomSummary {
  name: string;
  title: string;
  roomId: string;
  validFrom: string;
  validUntil: string;
  pstnDialOutEnabled: boolean;
  participants: number;
}

/**
 * Declares the conference. `eventStart` is the first day at 00:00 UTC; every room's window is
 * fixed relative to it, so running the program again declares exactly the same rooms.
 */
export function conference(eventStart: Date): { rooms: pulumi.Output<RoomSummary[]> } {
  const users = Object.fromEntries(PEOPLE.map((person) => [person, new CommunicationUser(person)]));

  const summaries = ROOMS.map((plan) => {
    const room = new Room(plan.name, {
      validFrom: at(eventStart, plan.opens),
      validUntil: at(eventStart, plan.closes),
      pstnDialOutEnabled: plan.dialOut ?? false,
    });
    const participants = Object.entries(plan.people).map(([person, role]) => ({
      id: users[person].communicationUserId,
      role,
    }));
    new RoomParticipantSet(`${plan.name}-people`, { roomId: room.roomId, participants });

    return pulumi
      .all([room.roomId, room.validFrom, room.validUntil, room.pstnDialOutEnabled])
      .apply(([roomId, validFrom, validUntil, pstnDialOutEnabled]) => ({
        name: plan.name,
        title: plan.title,
        roomId,
        validFrom,
        validUntil,
        pstnDialOutEnabled,
        participants: participants.length,
      }));
  });

  return { rooms: pulumi.all(summaries) };
}

function at(eventStart: Date, when: { day: number; hour: number }): string {
  const t = new Date(eventStart.getTime());
  t.setUTCDate(t.getUTCDate() + when.day);
  t.setUTCHours(when.hour, 0, 0, 0);
  return t.toISOString();
}
