/**
 * Read-only lookups for programs: one room, every room, a room's participants. They run in the
 * program's process (not the provider's), so the caller passes the stack config it sees.
 */
import { roomsClient } from "./clients";
import type { ConnectionSettings } from "./config";
import { type Connection, resolveConnection, settingsSources } from "./connection";
import { attempt, isNotFound, serviceError } from "./errors";
import { type Participant, listRoomParticipants, toList } from "./participants";
import { type RoomInfo, roomInfo } from "./room-info";

/** Looks up one room; a room that does not exist is an error naming the id and endpoint. */
export async function findRoom(
  args: ConnectionSettings & { roomId: string },
  stack: ConnectionSettings,
): Promise<RoomInfo> {
  const name = `getRoom("${args.roomId}")`;
  const connection = connect(name, args, stack);
  const client = await roomsClient(connection);

  try {
    return roomInfo(await client.getRoom(args.roomId), connection);
  } catch (error) {
    if (isNotFound(error)) {
      throw new Error(
        `${name}: no room ${args.roomId} exists on ${connection.endpoint}; check the id ` +
          `(listRooms() lists the rooms there) and the connection settings.`,
        { cause: error },
      );
    }
    throw serviceError(name, `could not read room ${args.roomId} on ${connection.endpoint}`, error);
  }
}

/** Lists every room of the ACS resource, following every page. */
export async function findRooms(
  args: ConnectionSettings,
  stack: ConnectionSettings,
): Promise<{ rooms: RoomInfo[] }> {
  const name = "listRooms()";
  const connection = connect(name, args, stack);
  const client = await roomsClient(connection);

  const rooms = await attempt(
    name,
    `could not list the rooms on ${connection.endpoint}`,
    async () => {
      const found: RoomInfo[] = [];
      for await (const room of client.listRooms()) found.push(roomInfo(room, connection));
      return found;
    },
  );
  return { rooms };
}

/** Lists a room's participants, following every page, sorted by id. */
export async function findParticipants(
  args: ConnectionSettings & { roomId: string },
  stack: ConnectionSettings,
): Promise<{ roomId: string; participants: Participant[] }> {
  const name = `listParticipants("${args.roomId}")`;
  const connection = connect(name, args, stack);
  const client = await roomsClient(connection);

  const action = `could not list the participants of room ${args.roomId} on ${connection.endpoint}`;
  const found = await attempt(name, action, () => listRoomParticipants(client, args.roomId));
  return { roomId: args.roomId, participants: toList(found) };
}

function connect(name: string, args: ConnectionSettings, stack: ConnectionSettings): Connection {
  const own = { connectionString: args.connectionString, endpoint: args.endpoint };
  return resolveConnection(name, own, settingsSources(own, stack));
}
