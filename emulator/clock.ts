// The emulator's notion of "now". Every rule that depends on time (room validity, the signature
// window, the repeatability window, token expiry, removal of expired rooms) reads this clock, so a
// test can move time without touching the process clock.
import { msToTicks, type Ticks } from "./instant";

/** A clock that tests can move; the emulator reads time only through it. */
export interface EmulatorClock {
  /** The current emulator time. */
  now(): Date;
  /** Moves the clock forward (or backward, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps the clock to `t`; a running clock keeps running from there. */
  set(t: Date | string): void;
}

/** Options for {@link createClock}. */
export interface ClockOptions {
  /** Time to start at; the real time when absent. */
  start?: Date | string;
  /** When true the clock stands still except when advanced or set. Default: it runs. */
  frozen?: boolean;
}

/** The clock plus the tick-resolution reading the service rules use. */
export interface InternalClock extends EmulatorClock {
  nowTicks(): Ticks;
}

/**
 * Creates a clock. A running clock follows the monotonic process timer plus an offset, so it is
 * not disturbed when a test fakes `Date` in the same process.
 */
export function createClock(options: ClockOptions = {}): InternalClock {
  const frozen = options.frozen ?? false;
  let offsetMs = options.start === undefined ? 0 : toMs(options.start) - realNowMs();
  let frozenAtMs = options.start === undefined ? realNowMs() : toMs(options.start);

  const nowMs = (): number => (frozen ? frozenAtMs : realNowMs() + offsetMs);

  return {
    now: () => new Date(Math.floor(nowMs())),
    nowTicks: () => msToTicks(nowMs()),
    advance(ms: number) {
      if (!Number.isFinite(ms)) {
        throw new RangeError(`clock.advance: ${ms} is not a finite number of milliseconds`);
      }
      offsetMs += ms;
      frozenAtMs += ms;
    },
    set(t: Date | string) {
      const target = toMs(t);
      offsetMs = target - realNowMs();
      frozenAtMs = target;
    },
  };
}

function realNowMs(): number {
  return performance.timeOrigin + performance.now();
}

function toMs(t: Date | string): number {
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  if (!Number.isFinite(ms)) {
    throw new RangeError(`clock: '${String(t)}' is not a valid date; pass a Date or ISO string`);
  }
  return ms;
}
