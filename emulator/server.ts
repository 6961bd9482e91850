// Starting and stopping a listening emulator, and the handle callers use to steer it.
import { writeFile } from "node:fs/promises";
import { buildApp } from "./app";
import type { EmulatorClock } from "./clock";
import type { FaultRule } from "./faults";
import { resolveOptions, type EmulatorOptions, type TlsMaterial } from "./options";
import type { RequestLogEntry } from "./request-log";
import { createState } from "./state";
import { selfSignedCertificate } from "./tls";

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  endpoint: string;
  /** `endpoint=<endpoint>;accesskey=<key>`, as the SDKs take it. */
  connectionString: string;
  /** The access key, base64. */
  accessKey: string;
  /** The resource guid in the ids of users this emulator creates. */
  resourceId: string;
  /** PEM certificate a client must trust when the emulator serves TLS. */
  certificate: string | undefined;
  clock: EmulatorClock;
  faults: {
    add(rule: FaultRule): string;
    remove(id: string): boolean;
    clear(): void;
    list(): FaultRule[];
  };
  requests: {
    /** Calls per operation since the last reset, faulted ones included. */
    counts(): Record<string, number>;
    log(): RequestLogEntry[];
    reset(): void;
  };
  store: { rooms(): number; users(): number; reset(): void };
  /** Stops listening, closes connections and writes the data file. */
  close(): Promise<void>;
}

/**
 * Starts an emulator listening on `options.host:options.port` (127.0.0.1 and a free port by
 * default). With `tls: true` it serves HTTPS with a new self-signed certificate, returned in
 * `certificate`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const tls: TlsMaterial | undefined =
    resolved.tls === true
      ? await selfSignedCertificate(resolved.host)
      : resolved.tls === false
        ? undefined
        : resolved.tls;
  const state = createState(resolved);
  const app = buildApp(state, tls);

  await app.listen({ host: resolved.host, port: resolved.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : resolved.port;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  const endpoint = `${tls ? "https" : "http"}://${host}:${port}/`;

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    connectionString: `endpoint=${endpoint};accesskey=${state.options.accessKey}`,
    accessKey: state.options.accessKey,
    resourceId: state.options.resourceId,
    certificate: tls?.cert,
    clock: {
      now: () => state.clock.now(),
      advance: (ms) => state.clock.advance(ms),
      set: (t) => state.clock.set(t),
    },
    faults: {
      add: (rule) => state.faults.add(rule),
      remove: (id) => state.faults.remove(id),
      clear: () => state.faults.clear(),
      list: () => state.faults.list(),
    },
    requests: {
      counts: () => state.requests.counts(),
      log: () => state.requests.log(),
      reset: () => state.requests.reset(),
    },
    store: {
      rooms: () => state.store.roomCount(),
      users: () => state.store.userCount(),
      reset: () => state.store.reset(),
    },
    close() {
      closing ??= (async () => {
        app.server.closeAllConnections?.();
        await app.close();
        await state.dataFile?.flush();
      })();
      return closing;
    },
  };
}

/** Writes the certificate of a TLS emulator to `path`, for clients that read a CA file. */
export async function writeCertificate(emulator: RunningEmulator, path: string): Promise<void> {
  if (!emulator.certificate) {
    throw new Error("writeCertificate: the emulator serves plain HTTP; start it with tls: true");
  }
  await writeFile(path, emulator.certificate, "utf8");
}
