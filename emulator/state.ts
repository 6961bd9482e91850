// Everything one emulator instance holds, built from resolved options: clock, store (loaded from
// the data file when there is one), faults, request log and rate limits.
import { createClock, type InternalClock } from "./clock";
import { FaultInjector } from "./faults";
import type { ResolvedOptions } from "./options";
import { DataFileWriter, readDataFile } from "./persistence";
import { RateLimiter } from "./rate-limits";
import { RequestLog } from "./request-log";
import { Store } from "./store";

/** The state of one emulator instance, shared by its handlers and its public handle. */
export interface EmulatorState {
  options: ResolvedOptions;
  clock: InternalClock;
  store: Store;
  faults: FaultInjector;
  requests: RequestLog;
  rateLimiter: RateLimiter;
  /** The access key, decoded. */
  signingKey: Buffer;
  dataFile: DataFileWriter | undefined;
}

/**
 * Builds the state. With a data file, the stored resource id and access key are kept unless the
 * options name others, so connection strings and user ids stay valid across restarts.
 */
export function createState(options: ResolvedOptions): EmulatorState {
  const saved = options.dataFile ? readDataFile(options.dataFile) : undefined;
  const resolved: ResolvedOptions = {
    ...options,
    accessKey: !options.accessKeyGiven && saved ? saved.accessKey : options.accessKey,
    resourceId: !options.resourceIdGiven && saved ? saved.resourceId : options.resourceId,
  };

  let dataFile: DataFileWriter | undefined;
  const store = new Store(() => dataFile?.schedule());
  if (saved) {
    store.restore(saved.store);
  }
  if (resolved.dataFile) {
    dataFile = new DataFileWriter(resolved.dataFile, resolved.persistDebounceMs, () => ({
      resourceId: resolved.resourceId,
      accessKey: resolved.accessKey,
      store: store.snapshot(),
    }));
    dataFile.schedule();
  }

  const faults = new FaultInjector();
  for (const rule of resolved.faults) {
    faults.add(rule);
  }

  return {
    options: resolved,
    clock: createClock(resolved.clock),
    store,
    faults,
    requests: new RequestLog(resolved.requestLogLimit),
    rateLimiter: new RateLimiter(resolved.rateLimits),
    signingKey: Buffer.from(resolved.accessKey, "base64"),
    dataFile,
  };
}
