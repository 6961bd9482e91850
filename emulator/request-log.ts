// The request log: one entry per request to the emulated services (admin calls are not logged),
// and a count per operation that is never trimmed, for asserting how many calls code made.

/** One request as the emulator saw it. Holds no key, signature, token or body. */
export interface RequestLogEntry {
  /** Position since the last reset, from 1. */
  seq: number;
  /** Emulator clock time when the request arrived, ISO 8601. */
  time: string;
  method: string;
  /** Path without the query. */
  path: string;
  /** Operation name, or `unknown` for a path no operation serves. */
  operation: string;
  /** The api-version the request asked for, when it named one. */
  apiVersion?: string;
  /** Status sent; null when the connection was destroyed before an answer. */
  status: number | null;
  durationMs: number;
  /** The `MS-CV` value of the answer. */
  requestId: string;
  /** The fault that fired for this request, if any. */
  fault?: string;
}

/** Keeps the newest entries up to a limit, and the counts of all requests. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private perOperation = new Map<string, number>();
  private seq = 0;

  constructor(private readonly limit: number) {}

  /** Counts a request when it arrives, so a request cut off by a fault still counts. */
  count(operation: string): void {
    this.perOperation.set(operation, (this.perOperation.get(operation) ?? 0) + 1);
  }

  record(entry: Omit<RequestLogEntry, "seq">): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    // Trimming in batches keeps recording O(1) on average under load.
    if (this.entries.length >= 2 * this.limit) {
      this.entries = this.entries.slice(-this.limit);
    }
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.perOperation.entries()].sort());
  }

  log(): RequestLogEntry[] {
    return this.entries.slice(-this.limit).map((entry) => ({ ...entry }));
  }

  reset(): void {
    this.entries = [];
    this.perOperation.clear();
    this.seq = 0;
  }
}
