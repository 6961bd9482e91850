// The rules the Rooms service applies to request bodies: time ranges, roles and participant ids.
// Each check adds to a list of violations so that one answer reports them all together.
import { type Role, type RoomsVersionFeatures } from "./api-versions";
import {
  badArgument,
  identifierNotSupported,
  invalidIdentifierFormat,
  invalidParticipantsValue,
  type AcsErrorDetail,
} from "./errors";
import { ACS_USER_PREFIX, isAcsUserId } from "./identifiers";
import { parseInstant, type Ticks } from "./instant";

const TICKS_PER_DAY = 24n * 60n * 60n * 10_000_000n;
/** Longest room validity and furthest validFrom, in days. */
export const MAX_RANGE_DAYS = 180n;
const MAX_RANGE = MAX_RANGE_DAYS * TICKS_PER_DAY;

const FROM_TOO_FAR = "Value is incorrect or more than 180 days in the future.";
const RANGE_INVALID = "The time range is incorrect, or larger than 180 days.";
const END_IN_PAST = "The time range end is in the past.";
const SET_TOGETHER = "validFrom and validUntil should be set together.";

/** A room body's time fields as sent: absent, null, or text. */
export interface TimeFields {
  validFrom?: unknown;
  validUntil?: unknown;
}

/** The times a create request asks for, with the service's defaults filled in. */
export function createTimes(
  body: TimeFields,
  now: Ticks,
  details: AcsErrorDetail[],
): { validFrom: Ticks; validUntil: Ticks } {
  const validFrom = readTime(body.validFrom, "validFrom", details) ?? now;
  const validUntil = readTime(body.validUntil, "validUntil", details) ?? now + MAX_RANGE;
  checkRange(validFrom, validUntil, now, details);
  return { validFrom, validUntil };
}

/**
 * The times an update asks for: none when it sets neither, both when it sets both. Setting only
 * one of them is a violation. `null` means "not given", not "remove".
 */
export function updateTimes(
  body: TimeFields,
  now: Ticks,
  details: AcsErrorDetail[],
): { validFrom: Ticks; validUntil: Ticks } | undefined {
  const fromGiven = body.validFrom !== undefined && body.validFrom !== null;
  const untilGiven = body.validUntil !== undefined && body.validUntil !== null;
  if (!fromGiven && !untilGiven) {
    return undefined;
  }
  if (fromGiven !== untilGiven) {
    details.push(badArgument(SET_TOGETHER, ""));
    return undefined;
  }

  const validFrom = readTime(body.validFrom, "validFrom", details);
  const validUntil = readTime(body.validUntil, "validUntil", details);
  if (validFrom === undefined || validUntil === undefined) {
    return undefined;
  }
  checkRange(validFrom, validUntil, now, details);
  return { validFrom, validUntil };
}

/**
 * Checks the participants of a create request: any id that is not an ACS user fails the whole
 * request at once; bad roles are added to `details`. Null entries are skipped.
 */
export function createParticipants(
  participants: Record<string, unknown> | undefined,
  features: RoomsVersionFeatures,
  details: AcsErrorDetail[],
): Map<string, Role> {
  const result = new Map<string, Role>();
  for (const [rawId, value] of Object.entries(participants ?? {})) {
    if (!isAcsUserId(rawId)) {
      throw invalidIdentifierFormat();
    }
    if (value === null) {
      continue;
    }
    const role = readRole(rawId, value, features, details);
    if (role) {
      result.set(rawId, role);
    }
  }
  return result;
}

/**
 * Checks a participants PATCH: returns the upserts (a role) and removals (null). An id that is not
 * an ACS user fails the whole request at once; bad roles are added to `details`.
 */
export function participantChanges(
  participants: Record<string, unknown>,
  features: RoomsVersionFeatures,
  details: AcsErrorDetail[],
): Map<string, Role | null> {
  const result = new Map<string, Role | null>();
  for (const [rawId, value] of Object.entries(participants)) {
    if (!isAcsUserId(rawId)) {
      throw rawId.startsWith(ACS_USER_PREFIX)
        ? invalidParticipantsValue()
        : identifierNotSupported(rawId);
    }
    if (value === null) {
      result.set(rawId, null);
      continue;
    }
    const role = readRole(rawId, value, features, details);
    if (role) {
      result.set(rawId, role);
    }
  }
  return result;
}

function checkRange(validFrom: Ticks, validUntil: Ticks, now: Ticks, details: AcsErrorDetail[]) {
  if (validFrom > now + MAX_RANGE) {
    details.push(badArgument(FROM_TOO_FAR, "ValidFrom"));
  }
  if (validUntil < now) {
    details.push(badArgument(END_IN_PAST, "ValidUntil"));
  } else if (validUntil <= validFrom || validUntil - validFrom > MAX_RANGE) {
    details.push(badArgument(RANGE_INVALID, "ValidUntil"));
  }
}

function readTime(value: unknown, name: string, details: AcsErrorDetail[]): Ticks | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const ticks = typeof value === "string" ? parseInstant(value) : undefined;
  if (ticks === undefined) {
    details.push(
      badArgument(
        `The JSON value could not be converted to System.DateTimeOffset. Path: $.${name}.`,
        `$.${name}`,
      ),
    );
  }
  return ticks;
}

/** The role of one participant entry; a missing role is Attendee, as the SDKs send it. */
function readRole(
  rawId: string,
  value: unknown,
  features: RoomsVersionFeatures,
  details: AcsErrorDetail[],
): Role | undefined {
  const given = (value as { role?: unknown }).role;
  if (given === undefined || given === null) {
    return "Attendee";
  }
  const role = features.roles.find(
    (known) => typeof given === "string" && known.toLowerCase() === given.toLowerCase(),
  );
  if (!role) {
    const target = `$.participants.${rawId}.role`;
    details.push(
      badArgument(`The JSON value could not be converted to Role. Path: ${target}.`, target),
    );
  }
  return role;
}
