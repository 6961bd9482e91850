/**
 * What `check` enforces on a RoomParticipantSet's inputs: a room id, a known mode, and a list of
 * distinct ACS users with known roles. Every problem is collected before answering.
 */
import { ROLES } from "./participants";
import { checkConnectionInputs } from "./setting-checks";
import { Failures, isUnknown } from "./validation";

/** How a set treats participants it does not declare. */
export const MODES = ["authoritative", "additive"] as const;

/** A set's mode: authoritative owns the room's whole list, additive only its own entries. */
export type Mode = (typeof MODES)[number];

/** The mode used when none is given. */
export const DEFAULT_MODE: Mode = "authoritative";

// An ACS user's raw id: 8:acs:<resource id>_<user id>, with exactly one underscore. The SDKs
// read an id with two underscores as a Teams extension user, which rooms refuse.
const ACS_USER_ID = /^8:acs:[^\s:_]+_[^\s:_]+$/;

/** The inputs `check` looks at; anything may be the preview placeholder. */
export interface ParticipantSetCheckInputs {
  roomId?: unknown;
  participants?: unknown;
  mode?: unknown;
  connectionString?: unknown;
  endpoint?: unknown;
}

/** True for a raw id of an ACS user (`8:acs:<resource id>_<user id>`). */
export function isAcsUserId(id: string): boolean {
  return ACS_USER_ID.test(id);
}

/** Adds a failure for every rule the set's inputs break. */
export function checkParticipantSetInputs(
  failures: Failures,
  news: ParticipantSetCheckInputs,
): void {
  if (!isUnknown(news.roomId) && (typeof news.roomId !== "string" || news.roomId.trim() === "")) {
    failures.add(
      "roomId",
      news.roomId,
      "is empty",
      "set roomId to the id of a room, e.g. the roomId output of a Room",
    );
  }
  if (news.mode !== undefined && !isUnknown(news.mode) && !MODES.includes(news.mode as never)) {
    failures.add(
      "mode",
      news.mode,
      `is not a mode (${MODES.join(", ")})`,
      `use "authoritative" to own the room's whole list or "additive" to manage only these entries`,
    );
  }
  checkParticipants(failures, news.participants);
  checkConnectionInputs(failures, news);
}

function checkParticipants(failures: Failures, participants: unknown): void {
  if (isUnknown(participants)) return;
  if (!Array.isArray(participants)) {
    failures.add(
      "participants",
      participants,
      "is not a list",
      'pass a list such as [{ id: "8:acs:..._...", role: "Presenter" }] (an empty list is allowed)',
    );
    return;
  }

  const firstIndex = new Map<string, number>();
  participants.forEach((entry: unknown, index) => {
    const path = `participants[${index}]`;
    if (isUnknown(entry)) return;
    if (entry === null || typeof entry !== "object") {
      failures.add(path, entry, "is not an object with an id", 'write it as { id: "8:acs:..." }');
      return;
    }

    const { id, role } = entry as { id?: unknown; role?: unknown };
    checkRole(failures, `${path}.role`, role);
    if (isUnknown(id)) return;
    if (typeof id !== "string" || !isAcsUserId(id)) {
      failures.add(
        `${path}.id`,
        id,
        "is not an ACS user id (8:acs:<resource id>_<user id>)",
        "use the id of a CommunicationUser or of CommunicationIdentityClient.createUser()",
      );
      return;
    }

    const first = firstIndex.get(id);
    if (first !== undefined) {
      failures.add(
        `${path}.id`,
        id,
        `is listed twice (first at participants[${first}])`,
        "list each user once, with the one role they should have",
      );
    } else {
      firstIndex.set(id, index);
    }
  });
}

function checkRole(failures: Failures, path: string, role: unknown): void {
  if (role === undefined || isUnknown(role) || ROLES.includes(role as never)) return;

  const match = ROLES.find(
    (known) => typeof role === "string" && known.toLowerCase() === role.toLowerCase(),
  );
  failures.add(
    path,
    role,
    `is not a room role (${ROLES.join(", ")})`,
    match ? `write it as "${match}"` : "use one of them, or leave role out for Attendee",
  );
}
