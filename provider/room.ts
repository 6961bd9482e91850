/**
 * A meeting room in Azure Communication Services.
 */
import * as pulumi from "@pulumi/pulumi";

import { type ConnectionArgs, connectionInputs, isoInput, withSecretConnection } from "./inputs";
import { roomProvider } from "./serialized";

/** The arguments of a {@link Room}. */
export interface RoomArgs extends ConnectionArgs {
  /**
   * When the room opens: an ISO-8601 date-time with a zone, or a Date. Compared as an instant,
   * so `2026-12-24T10:00:00+01:00` and `2026-12-24T09:00:00Z` are the same value. At most 180
   * days ahead.
   * @defaultValue the service's choice, the moment of creation; never reported as a change
   */
  validFrom?: pulumi.Input<string | Date>;
  /**
   * When the room closes: after validFrom and at most 180 days after it.
   * @defaultValue the service's choice, 180 days after creation; never reported as a change
   * @example "2026-12-24T17:00:00Z"
   */
  validUntil?: pulumi.Input<string | Date>;
  /**
   * Whether participants may dial out to phone numbers.
   * @defaultValue false
   */
  pstnDialOutEnabled?: pulumi.Input<boolean>;
  /**
   * The id of an existing room to take over instead of creating one. Create checks that the
   * room exists on the resolved endpoint, brings it to the declared times and flag, and from
   * then on the stack owns it: destroy deletes it unless `retainOnDelete` is set. Changing it
   * to another room's id replaces the resource; removing it later changes nothing. See
   * ADOPTION.md.
   */
  adoptRoomId?: pulumi.Input<string>;
}

/**
 * A room that participants join between `validFrom` and `validUntil`. Changing the times or the
 * dial-out flag updates the room in place and keeps its id; a room on another ACS resource (a
 * new endpoint) is a new room. Rotating the key of the same resource never replaces it.
 *
 * @example
 * ```ts
 * const standup = new Room("standup", {
 *   validFrom: "2026-12-24T09:00:00Z",
 *   validUntil: "2026-12-24T09:30:00Z",
 * });
 * ```
 */
export class Room extends pulumi.dynamic.Resource {
  /**
   * The room's id, a numeric string chosen by the service; the same as the resource id, so a
   * preview of an in-place update still knows it and dependants do not look replaced.
   */
  declare readonly roomId: pulumi.Output<string>;
  /** When the room opens, as the service holds it (ISO-8601, UTC). */
  declare readonly validFrom: pulumi.Output<string>;
  /** When the room closes, as the service holds it (ISO-8601, UTC). */
  declare readonly validUntil: pulumi.Output<string>;
  /** Whether dial-out to phone numbers is enabled. */
  declare readonly pstnDialOutEnabled: pulumi.Output<boolean>;
  /** When the service created the room (ISO-8601, UTC). */
  declare readonly createdAt: pulumi.Output<string>;
  /** The normalised endpoint of the ACS resource holding the room. */
  declare readonly endpoint: pulumi.Output<string>;

  /**
   * Declares a room.
   * @param name - The resource name, also used in every error message about it.
   * @param args - Times, flag, adoption and connection settings; all optional.
   * @param opts - Pulumi resource options.
   */
  constructor(name: string, args: RoomArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const inputs: pulumi.Inputs = {
      __resourceName: name,
      validFrom: isoInput(args.validFrom),
      validUntil: isoInput(args.validUntil),
      pstnDialOutEnabled: args.pstnDialOutEnabled,
      adoptRoomId: args.adoptRoomId,
      ...connectionInputs(args),
      createdAt: undefined,
    };
    super(roomProvider, name, inputs, withSecretConnection(args, opts), "acs-rooms", "Room");
    this.roomId = this.id;
  }
}
