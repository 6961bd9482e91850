/**
 * pulumi-acs-rooms: Azure Communication Services rooms, their participants and users as Pulumi
 * resources, plus lookups. Connection settings come from each resource's inputs, the stack
 * config (`acsRooms:connectionString`, `acsRooms:endpoint`) or the environment
 * (`ACS_CONNECTION_STRING`, `ACS_ENDPOINT`), in that order.
 */
export { CommunicationUser, type CommunicationUserArgs } from "./communication-user";
export {
  type ConnectionInputArgs,
  type GetRoomArgs,
  type GetRoomOutputArgs,
  type ListParticipantsArgs,
  type ListParticipantsOutputArgs,
  type ListParticipantsResult,
  type ListRoomsResult,
  type PlainConnectionArgs,
  type RoomInfo,
  getRoom,
  getRoomOutput,
  listParticipants,
  listParticipantsOutput,
  listRooms,
  listRoomsOutput,
} from "./functions";
export type { ConnectionArgs } from "./inputs";
export {
  type ParticipantArgs,
  RoomParticipantSet,
  type RoomParticipantSetArgs,
} from "./participant-set";
export { Room, type RoomArgs } from "./room";
export type { Mode } from "./runtime/participant-set-checks";
export type { Participant, Role } from "./runtime/participants";
