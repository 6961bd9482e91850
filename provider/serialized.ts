/* eslint-disable @typescript-eslint/no-require-imports --
 * These objects are serialized into every resource's `__provider` state property. Each method
 * loads the implementation by package name inside the provider process when it runs, so the
 * stored text stays small, is the same for every resource of a type, does not change when the
 * implementation does, and holds no SDK, configuration or credential. An import here would be
 * captured into that text.
 *
 * Size: the closure serializer wraps every function in about 180 bytes of scaffolding, so seven
 * methods leave little room in the 2 KB budget. Arrow functions with a rest parameter are the
 * shortest form it emits (no named `function` header, no `return`), and the runtime's names are
 * short for the same reason (`members` for the participant sets). Methods or named parameters
 * would pass 2 KB. Keep comments out of the bodies: they would be stored too. test/engine
 * measures the stored text.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The serialized provider of {@link Room}; it forwards every call to the runtime's `room`. */
export const roomProvider: dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-acs-rooms/runtime").configure(...a),
  check: (...a) => require("pulumi-acs-rooms/runtime").room.check(...a),
  diff: (...a) => require("pulumi-acs-rooms/runtime").room.diff(...a),
  create: (...a) => require("pulumi-acs-rooms/runtime").room.create(...a),
  read: (...a) => require("pulumi-acs-rooms/runtime").room.read(...a),
  update: (...a) => require("pulumi-acs-rooms/runtime").room.update(...a),
  delete: (...a) => require("pulumi-acs-rooms/runtime").room.delete(...a),
};

/** The serialized provider of {@link RoomParticipantSet}; forwards to the runtime's `members`. */
export const participantSetProvider: dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-acs-rooms/runtime").configure(...a),
  check: (...a) => require("pulumi-acs-rooms/runtime").members.check(...a),
  diff: (...a) => require("pulumi-acs-rooms/runtime").members.diff(...a),
  create: (...a) => require("pulumi-acs-rooms/runtime").members.create(...a),
  read: (...a) => require("pulumi-acs-rooms/runtime").members.read(...a),
  update: (...a) => require("pulumi-acs-rooms/runtime").members.update(...a),
  delete: (...a) => require("pulumi-acs-rooms/runtime").members.delete(...a),
};

/** The serialized provider of {@link CommunicationUser}; it forwards to the runtime's `user`. */
export const userProvider: dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-acs-rooms/runtime").configure(...a),
  check: (...a) => require("pulumi-acs-rooms/runtime").user.check(...a),
  diff: (...a) => require("pulumi-acs-rooms/runtime").user.diff(...a),
  create: (...a) => require("pulumi-acs-rooms/runtime").user.create(...a),
  read: (...a) => require("pulumi-acs-rooms/runtime").user.read(...a),
  update: (...a) => require("pulumi-acs-rooms/runtime").user.update(...a),
  delete: (...a) => require("pulumi-acs-rooms/runtime").user.delete(...a),
};
