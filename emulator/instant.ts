// Timestamps as the service keeps them: instants with 100 ns resolution (.NET ticks), so a value a
// client sends with microseconds comes back exactly, and answers carry up to 7 fractional digits.

/** An instant as 100-nanosecond ticks since the Unix epoch. */
export type Ticks = bigint;

export const TICKS_PER_MS = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;

// A date, then an optional time with optional seconds and fraction, then an optional offset.
const RFC3339 = new RegExp(
  String.raw`^(\d{4})-(\d{2})-(\d{2})` +
    String.raw`(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?` +
    String.raw`\s*([Zz]|[+-]\d{2}:?\d{2})?$`,
);

/**
 * Reads an ISO 8601 / RFC 3339 timestamp the way the service's JSON binder does: a date alone is
 * midnight, a value without an offset is UTC, fractions beyond 7 digits are cut.
 * Returns undefined when the text is not a valid timestamp.
 */
export function parseInstant(text: string): Ticks | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", offset] = match;
  const wholeMs = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const roundTrip = new Date(wholeMs);
  const fieldsValid =
    roundTrip.getUTCFullYear() === +year &&
    roundTrip.getUTCMonth() === +month - 1 &&
    roundTrip.getUTCDate() === +day &&
    roundTrip.getUTCHours() === +hour &&
    roundTrip.getUTCMinutes() === +minute &&
    roundTrip.getUTCSeconds() === +second;
  if (!fieldsValid) {
    return undefined;
  }

  const fractionTicks = BigInt(fraction.slice(0, 7).padEnd(7, "0"));
  const offsetMs = offsetToMs(offset);
  if (offsetMs === undefined) {
    return undefined;
  }
  return (BigInt(wholeMs) - BigInt(offsetMs)) * TICKS_PER_MS + fractionTicks;
}

/** Formats an instant as the service answers: UTC, `+00:00`, fraction without trailing zeros. */
export function formatInstant(ticks: Ticks): string {
  const seconds = floorDiv(ticks, TICKS_PER_SECOND);
  const fraction = ticks - seconds * TICKS_PER_SECOND;
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const digits = fraction.toString().padStart(7, "0").replace(/0+$/, "");
  return `${base}${digits ? `.${digits}` : ""}+00:00`;
}

/** Converts milliseconds since the epoch (fractions allowed) to ticks. */
export function msToTicks(ms: number): Ticks {
  return BigInt(Math.round(ms * 10_000));
}

/** Converts ticks to whole milliseconds since the epoch, rounding down. */
export function ticksToMs(ticks: Ticks): number {
  return Number(floorDiv(ticks, TICKS_PER_MS));
}

function offsetToMs(offset: string | undefined): number | undefined {
  if (!offset || offset === "Z" || offset === "z") {
    return 0;
  }
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 23 || minutes > 59) {
    return undefined;
  }
  return sign * (hours * 60 + minutes) * 60_000;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}
