/**
 * A room as this library describes it to users: the lookup functions return it, and a Room's
 * outputs carry the same fields, so both read a service room the same way.
 */
import type { CommunicationRoom } from "@azure/communication-rooms";

import type { Connection } from "./connection";
import { toIsoUtc } from "./times";

/** A room as the functions return it; times are ISO-8601 UTC strings. */
export interface RoomInfo {
  /** The room's id, a numeric string chosen by the service. */
  roomId: string;
  /** When the room opens (ISO-8601, UTC). */
  validFrom: string;
  /** When the room closes (ISO-8601, UTC). */
  validUntil: string;
  /** Whether dial-out to phone numbers is enabled. */
  pstnDialOutEnabled: boolean;
  /** When the service created the room (ISO-8601, UTC). */
  createdAt: string;
  /** The normalised endpoint of the ACS resource holding the room. */
  endpoint: string;
}

/** Describes a room the service returned, found through `connection`. */
export function roomInfo(room: CommunicationRoom, connection: Connection): RoomInfo {
  return {
    roomId: room.id,
    validFrom: toIsoUtc(room.validFrom),
    validUntil: toIsoUtc(room.validUntil),
    pstnDialOutEnabled: room.pstnDialOutEnabled,
    createdAt: toIsoUtc(room.createdOn),
    endpoint: connection.endpoint,
  };
}
