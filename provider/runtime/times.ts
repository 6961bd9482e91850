/**
 * Instants as the Rooms service understands them: ISO-8601 date-times with an explicit zone,
 * compared by the moment they name rather than by their spelling.
 */

/** The longest room the service accepts, and how far ahead a room may open. */
export const MAX_ROOM_DAYS = 180;

/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

// Date-time with a zone; seconds and fractions optional. A time without a zone would be read in
// the provider process's local zone, which differs between a laptop and a CI runner.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * Reads an ISO-8601 date-time with a zone (`2026-12-24T09:00:00Z`, `2026-12-24T10:00+01:00`)
 * as milliseconds since the epoch, or returns undefined when the text is not one, including
 * calendar impossibilities such as 30 February that `Date.parse` would silently roll over.
 */
export function parseInstant(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;

  const [year, month, day, hour, minute, second, zoneHour, zoneMinute] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const validDate = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  const validTime =
    hour <= 23 && minute <= 59 && second <= 59 && zoneHour <= 23 && zoneMinute <= 59;
  if (!validDate || !validTime) return undefined;

  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : instant;
}

/** The canonical spelling of an instant: UTC, millisecond precision, as `Date#toISOString`. */
export function toIsoUtc(instant: number | Date): string {
  return new Date(instant).toISOString();
}

/** True when both texts name the same instant; unparsable texts are compared as text. */
export function sameInstant(a: string, b: string): boolean {
  const left = parseInstant(a);
  const right = parseInstant(b);
  if (left === undefined || right === undefined) return a === b;
  return left === right;
}
