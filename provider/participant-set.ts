/**
 * The participants of a room, as one resource.
 */
import * as pulumi from "@pulumi/pulumi";

import { type ConnectionArgs, connectionInputs, withSecretConnection } from "./inputs";
import type { Mode } from "./runtime/participant-set-checks";
import type { Participant, Role } from "./runtime/participants";
import { participantSetProvider } from "./serialized";

/** One participant of a {@link RoomParticipantSet}. */
export interface ParticipantArgs {
  /** The ACS user's raw id, `8:acs:<resource id>_<user id>`, e.g. a CommunicationUser's id. */
  id: pulumi.Input<string>;
  /**
   * The participant's role.
   * @defaultValue "Attendee"
   */
  role?: pulumi.Input<Role>;
}

/** The arguments of a {@link RoomParticipantSet}. */
export interface RoomParticipantSetArgs extends ConnectionArgs {
  /** The room, e.g. a Room's `roomId`. A new room id replaces the set. */
  roomId: pulumi.Input<string>;
  /**
   * Who is in the room and with which role, each user once. A list (rather than a map keyed
   * by id) so that ids can be Outputs of CommunicationUser resources.
   * @example
   * ```ts
   * [{ id: alice.communicationUserId, role: "Presenter" }, { id: bob.communicationUserId }]
   * ```
   */
  participants: pulumi.Input<pulumi.Input<ParticipantArgs>[]>;
  /**
   * `authoritative`: the set owns the room's whole list; anyone added by hand is drift that
   * `up` removes, and destroy empties the room. `additive`: the set manages only its own
   * entries and leaves everyone else alone, so several sets can share a room.
   * @defaultValue "authoritative"
   */
  mode?: pulumi.Input<Mode>;
}

/**
 * The participants of one room. Each update sends only the difference (adds, role changes,
 * removals) in as few PATCH calls as the service allows, splitting very large changes. An
 * authoritative set on a room that already has participants takes its list over. Deleting the
 * set removes the participants it manages and succeeds when the room is already gone.
 */
export class RoomParticipantSet extends pulumi.dynamic.Resource {
  /** The room whose participants this is. */
  declare readonly roomId: pulumi.Output<string>;
  /**
   * Authoritative: the room's whole list; additive: the set's own entries as the room holds
   * them. Sorted by id, roles filled in.
   */
  declare readonly participants: pulumi.Output<Participant[]>;
  /** The set's mode. */
  declare readonly mode: pulumi.Output<Mode>;
  /** The normalised endpoint of the ACS resource holding the room. */
  declare readonly endpoint: pulumi.Output<string>;

  /**
   * Declares a room's participants.
   * @param name - The resource name, also used in every error message about it.
   * @param args - The room, the participants, the mode and connection settings.
   * @param opts - Pulumi resource options.
   */
  constructor(name: string, args: RoomParticipantSetArgs, opts?: pulumi.CustomResourceOptions) {
    const inputs: pulumi.Inputs = {
      __resourceName: name,
      roomId: args.roomId,
      participants: args.participants,
      mode: args.mode,
      ...connectionInputs(args),
    };
    super(
      participantSetProvider,
      name,
      inputs,
      withSecretConnection(args, opts),
      "acs-rooms",
      "RoomParticipantSet",
    );
  }
}
