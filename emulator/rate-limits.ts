// Per-operation call limits over a sliding window of the emulator clock, answered with 429 and
// Retry-After as the service throttles.
import type { RateLimit } from "./options";

/** Counts calls per operation and says when one is over its limit. */
export class RateLimiter {
  private calls = new Map<string, number[]>();

  constructor(private readonly limits: Partial<Record<string, RateLimit>>) {}

  /**
   * Records a call at `nowMs` and returns undefined when it is allowed, or the whole seconds to
   * wait when the operation is over its limit (the call is then not recorded).
   */
  check(operation: string, nowMs: number): number | undefined {
    const limit = this.limits[operation];
    if (!limit) {
      return undefined;
    }
    const windowStart = nowMs - limit.windowMs;
    const recent = (this.calls.get(operation) ?? []).filter((at) => at > windowStart);
    if (recent.length >= limit.limit) {
      this.calls.set(operation, recent);
      return Math.max(1, Math.ceil((recent[0] + limit.windowMs - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.calls.set(operation, recent);
    return undefined;
  }

  reset(): void {
    this.calls.clear();
  }
}
