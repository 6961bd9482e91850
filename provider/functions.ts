/**
 * Lookups for programs: a room, every room, a room's participants. Each comes as a plain async
 * function and as an `...Output` variant that takes Inputs and returns an Output, the way
 * Pulumi's own functions do. Connection settings resolve as for resources: the arguments, then
 * the stack config `acsRooms:connectionString` / `acsRooms:endpoint`, then the environment.
 */
import * as pulumi from "@pulumi/pulumi";

import type { Participant } from "./runtime/participants";
import type { RoomInfo } from "./runtime/room-info";

export type { RoomInfo } from "./runtime/room-info";

/** Where a function reaches ACS, as plain values; see {@link ConnectionArgs}. */
export interface PlainConnectionArgs {
  /** A connection string; takes precedence over the stack config and environment. */
  connectionString?: string;
  /** An endpoint, used with Entra ID unless a matching connection string is found. */
  endpoint?: string;
}

/** Where a function reaches ACS, as Inputs. */
export interface ConnectionInputArgs {
  /** A connection string; takes precedence over the stack config and environment. */
  connectionString?: pulumi.Input<string>;
  /** An endpoint, used with Entra ID unless a matching connection string is found. */
  endpoint?: pulumi.Input<string>;
}

/** The arguments of {@link getRoom}. */
export interface GetRoomArgs extends PlainConnectionArgs {
  /** The id of the room. */
  roomId: string;
}

/** The arguments of {@link getRoomOutput}. */
export interface GetRoomOutputArgs extends ConnectionInputArgs {
  /** The id of the room. */
  roomId: pulumi.Input<string>;
}

/** The arguments of {@link listParticipants}. */
export type ListParticipantsArgs = GetRoomArgs;

/** The arguments of {@link listParticipantsOutput}. */
export type ListParticipantsOutputArgs = GetRoomOutputArgs;

/** What {@link listRooms} returns. */
export interface ListRoomsResult {
  /** Every room of the ACS resource, across all pages. */
  rooms: RoomInfo[];
}

/** What {@link listParticipants} returns. */
export interface ListParticipantsResult {
  /** The room asked about. */
  roomId: string;
  /** Its participants across all pages, sorted by id, roles filled in. */
  participants: Participant[];
}

/**
 * Reads one room. Rejects with a message naming the id and endpoint when the room does not
 * exist, and with the service's own messages for any other failure.
 */
export async function getRoom(args: GetRoomArgs): Promise<RoomInfo> {
  const { findRoom } = await import("./runtime/functions");
  return findRoom(args, programStackSettings());
}

/** {@link getRoom} for Inputs; the result is secret when a secret argument was used. */
export function getRoomOutput(args: GetRoomOutputArgs): pulumi.Output<RoomInfo> {
  return pulumi.output(args).apply((plain) => getRoom(plain));
}

/** Lists every room of the ACS resource, following every page. */
export async function listRooms(args: PlainConnectionArgs = {}): Promise<ListRoomsResult> {
  const { findRooms } = await import("./runtime/functions");
  return findRooms(args, programStackSettings());
}

/** {@link listRooms} for Inputs. */
export function listRoomsOutput(args: ConnectionInputArgs = {}): pulumi.Output<ListRoomsResult> {
  return pulumi.output(args).apply((plain) => listRooms(plain));
}

/** Lists a room's participants, following every page. */
export async function listParticipants(
  args: ListParticipantsArgs,
): Promise<ListParticipantsResult> {
  const { findParticipants } = await import("./runtime/functions");
  return findParticipants(args, programStackSettings());
}

/** {@link listParticipants} for Inputs. */
export function listParticipantsOutput(
  args: ListParticipantsOutputArgs,
): pulumi.Output<ListParticipantsResult> {
  return pulumi.output(args).apply((plain) => listParticipants(plain));
}

// The program sees the stack config decrypted; outside a Pulumi program both are undefined.
function programStackSettings(): PlainConnectionArgs {
  return {
    connectionString: pulumi.runtime.getConfig("acsRooms:connectionString"),
    endpoint: pulumi.runtime.getConfig("acsRooms:endpoint"),
  };
}
