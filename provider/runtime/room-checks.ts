/**
 * What `check` enforces on a Room's inputs: well-formed date-times, a window the service
 * accepts, a boolean flag, an adoption id and usable connection settings. Every rule is
 * collected before answering, so one preview shows all of them.
 */
import { checkBoolean, checkConnectionInputs, checkOptionalId } from "./setting-checks";
import { DAY_MS, MAX_ROOM_DAYS, parseInstant } from "./times";
import { Failures, isUnknown } from "./validation";

/** The inputs `check` looks at; anything may be the preview placeholder. */
export interface RoomCheckInputs {
  validFrom?: unknown;
  validUntil?: unknown;
  pstnDialOutEnabled?: unknown;
  adoptRoomId?: unknown;
  connectionString?: unknown;
  endpoint?: unknown;
}

const EXAMPLE_TIME = "2026-12-24T09:00:00Z";

/** Adds a failure for every rule the room's inputs break; `now` is the current instant. */
export function checkRoomInputs(failures: Failures, news: RoomCheckInputs, now: number): void {
  const from = checkTime(failures, "validFrom", news.validFrom);
  const until = checkTime(failures, "validUntil", news.validUntil);
  const limit = now + MAX_ROOM_DAYS * DAY_MS;

  if (from !== undefined && from > limit) {
    failures.add(
      "validFrom",
      news.validFrom,
      `lies more than ${MAX_ROOM_DAYS} days in the future ` +
        `(the service accepts up to ${new Date(limit).toISOString()})`,
      "choose an earlier validFrom, or create the room closer to the date",
    );
  }
  if (from !== undefined && until !== undefined && until <= from) {
    failures.add(
      "validUntil",
      news.validUntil,
      `is not after validFrom ${JSON.stringify(news.validFrom)}`,
      "set validUntil later than validFrom",
    );
  }
  if (from !== undefined && until !== undefined && until - from > MAX_ROOM_DAYS * DAY_MS) {
    failures.add(
      "validUntil",
      news.validUntil,
      `makes the room last ${formatDays(until - from)} days from validFrom ` +
        `${JSON.stringify(news.validFrom)}, more than the service's ${MAX_ROOM_DAYS}`,
      `set validUntil at most ${MAX_ROOM_DAYS} days after validFrom`,
    );
  }

  checkBoolean(failures, "pstnDialOutEnabled", news.pstnDialOutEnabled);
  checkOptionalId(failures, "adoptRoomId", news.adoptRoomId, "the id of an existing room");
  checkConnectionInputs(failures, news);
}

function checkTime(failures: Failures, property: string, value: unknown): number | undefined {
  if (value === undefined || isUnknown(value)) return undefined;

  const instant = typeof value === "string" ? parseInstant(value) : undefined;
  if (instant === undefined) {
    failures.add(
      property,
      value,
      "is not an ISO-8601 date-time with a zone",
      `write it like "${EXAMPLE_TIME}" or pass a Date`,
    );
  }
  return instant;
}

function formatDays(ms: number): string {
  return (ms / DAY_MS).toFixed(2).replace(/\.?0+$/, "");
}
