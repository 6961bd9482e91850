// Turns a checked schedule into resources: one CommunicationUser per person, and per session a
// Room open from start to end with a RoomParticipantSet holding its people. Resource names
// come from the session ids and people's names in the file, so editing a session's times or
// people updates its room in place and keeps the room id.
import * as pulumi from "@pulumi/pulumi";
import { CommunicationUser, Room, RoomParticipantSet } from "pulumi-acs-rooms";

import type { Schedule } from "./schedule";

/** What the stack exports per session: where to send people, and when. */
export interface SessionRoom {
  title: string;
  roomId: string;
  opens: string;
  closes: string;
  participants: number;
}

export interface EventRoomsOptions {
  /**
   * The ACS resource to use. Leave out to use the stack config `acsRooms:connectionString` or
   * the environment variable `ACS_CONNECTION_STRING`.
   */
  connectionString?: pulumi.Input<string>;
}

/** What the stack exports. */
export interface EventRooms {
  /** Each session's room, by session id. */
  rooms: pulumi.Output<Record<string, SessionRoom>>;
  /** Each person's ACS user id, by name: what their app signs in as. */
  people: pulumi.Output<Record<string, string>>;
}

/** Declares the schedule's users, rooms and participant sets. */
export function eventRooms(schedule: Schedule, options: EventRoomsOptions = {}): EventRooms {
  const connection = { connectionString: options.connectionString };

  for (const session of schedule.ended) {
    pulumi.log.warn(
      `session "${session.id}" (line ${session.line}) ended at ${session.end}: no room`,
    );
  }

  const users = new Map(
    schedule.people.map((person) => [person, new CommunicationUser(person, connection)]),
  );

  const rooms = schedule.sessions.map((session) => {
    const room = new Room(session.id, {
      validFrom: session.start,
      validUntil: session.end,
      pstnDialOutEnabled: session.dialOut,
      ...connection,
    });
    new RoomParticipantSet(`${session.id}-participants`, {
      roomId: room.roomId,
      participants: session.participants.map(({ person, role }) => ({
        id: (users.get(person) as CommunicationUser).communicationUserId,
        role,
      })),
      ...connection,
    });

    return room.roomId.apply((roomId): [string, SessionRoom] => [
      session.id,
      {
        title: session.title,
        roomId,
        opens: session.start,
        closes: session.end,
        participants: session.participants.length,
      },
    ]);
  });

  const people = [...users].map(([person, user]) =>
    user.communicationUserId.apply((id): [string, string] => [person, id]),
  );
  return {
    rooms: pulumi.all(rooms).apply((entries) => Object.fromEntries(entries)),
    people: pulumi.all(people).apply((entries) => Object.fromEntries(entries)),
  };
}
