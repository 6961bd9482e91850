// The emulator's options and their defaults. Every value the real service does not document is an
// option here, and emulator/README.md lists the default under "Differences from the real service".
import { randomBytes, randomUUID } from "node:crypto";
import type { ClockOptions } from "./clock";
import type { FaultRule } from "./faults";
import { isGuid } from "./identifiers";
import type { OperationName } from "./operations";

/** A limit of `limit` calls per `windowMs` for one operation. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** TLS material to serve with instead of a generated self-signed certificate. */
export interface TlsMaterial {
  key: string;
  cert: string;
}

/** How to run the emulator. Every field is optional. */
export interface EmulatorOptions {
  /** Address to listen on. @defaultValue "127.0.0.1" */
  host?: string;
  /** Port to listen on; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** The resource's access key, base64. @defaultValue a random 64-byte key (or the data file's) */
  accessKey?: string;
  /**
   * The resource guid in user ids `8:acs:<resourceId>_<guid>`.
   * @defaultValue random (or the data file's)
   */
  resourceId?: string;
  /** Items per page of the list operations. @defaultValue 5 */
  pageSize?: number;
  /** JSON file that keeps rooms and users across restarts. @defaultValue none (memory only) */
  dataFile?: string;
  /** Milliseconds to gather mutations before writing the data file. @defaultValue 25 */
  persistDebounceMs?: number;
  /**
   * Serve HTTPS with a generated self-signed certificate (true) or the given one.
   * @defaultValue false
   */
  tls?: boolean | TlsMaterial;
  /** Fastify/pino logger option. @defaultValue false */
  logger?: boolean | object;
  /** Where the clock starts and whether it runs. @defaultValue real time, running */
  clock?: ClockOptions;
  /** Largest accepted distance between the signed date and the clock. @defaultValue 5 minutes */
  authWindowMs?: number;
  /** Accept `Authorization: Bearer <JWT>` (not verified against Entra ID). @defaultValue false */
  acceptBearer?: boolean;
  /** How long a Repeatability-First-Sent stays acceptable. @defaultValue 5 minutes */
  repeatabilityWindowMs?: number;
  /** How long after `validUntil` a room is removed. @defaultValue 0 */
  roomRemovalGraceMs?: number;
  /** Most participants one room may hold. @defaultValue 350 */
  maxParticipantsPerRoom?: number;
  /** Calls per window per operation before a 429. @defaultValue Identity's published limits */
  rateLimits?: Partial<Record<OperationName, RateLimit>>;
  /** Fault rules active from the start. @defaultValue none */
  faults?: FaultRule[];
  /** Most request log entries kept (counts are never trimmed). @defaultValue 10000 */
  requestLogLimit?: number;
}

/** The options with every default filled in. */
export interface ResolvedOptions {
  host: string;
  port: number;
  accessKey: string;
  accessKeyGiven: boolean;
  resourceId: string;
  resourceIdGiven: boolean;
  pageSize: number;
  dataFile: string | undefined;
  persistDebounceMs: number;
  tls: boolean | TlsMaterial;
  logger: boolean | object;
  clock: ClockOptions;
  authWindowMs: number;
  acceptBearer: boolean;
  repeatabilityWindowMs: number;
  roomRemovalGraceMs: number;
  maxParticipantsPerRoom: number;
  rateLimits: Partial<Record<OperationName, RateLimit>>;
  faults: FaultRule[];
  requestLogLimit: number;
}

const FIVE_MINUTES_MS = 5 * 60 * 1000;
const THIRTY_SECONDS_MS = 30 * 1000;
const ACCESS_KEY_BYTES = 64;

/** Identity's published limits per 30 seconds; Rooms publishes none. */
export const IDENTITY_RATE_LIMITS: Partial<Record<OperationName, RateLimit>> = {
  "identity.createUser": { limit: 1000, windowMs: THIRTY_SECONDS_MS },
  "identity.deleteUser": { limit: 500, windowMs: THIRTY_SECONDS_MS },
  "identity.issueToken": { limit: 1000, windowMs: THIRTY_SECONDS_MS },
  "identity.revokeTokens": { limit: 500, windowMs: THIRTY_SECONDS_MS },
};

/** Fills in defaults and rejects values that cannot work, naming the option and the fix. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const problems: string[] = [];
  const positiveInteger = (name: string, value: number | undefined, fallback: number): number => {
    const result = value ?? fallback;
    if (!Number.isInteger(result) || result < 1) {
      problems.push(`${name} must be a positive integer, got ${String(value)}`);
    }
    return result;
  };
  const nonNegative = (name: string, value: number | undefined, fallback: number): number => {
    const result = value ?? fallback;
    if (!Number.isFinite(result) || result < 0) {
      problems.push(`${name} must be a number >= 0, got ${String(value)}`);
    }
    return result;
  };

  if (options.accessKey !== undefined && !isBase64(options.accessKey)) {
    problems.push("accessKey must be base64 (as in a connection string's accesskey=)");
  }
  if (options.resourceId !== undefined && !isGuid(options.resourceId)) {
    problems.push(`resourceId must be a GUID, got '${options.resourceId}'`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`port must be an integer in [0, 65535], got ${String(options.port)}`);
  }

  const resolved: ResolvedOptions = {
    host: options.host ?? "127.0.0.1",
    port,
    accessKey: options.accessKey ?? randomBytes(ACCESS_KEY_BYTES).toString("base64"),
    accessKeyGiven: options.accessKey !== undefined,
    resourceId: (options.resourceId ?? randomUUID()).toLowerCase(),
    resourceIdGiven: options.resourceId !== undefined,
    pageSize: positiveInteger("pageSize", options.pageSize, 5),
    dataFile: options.dataFile,
    persistDebounceMs: nonNegative("persistDebounceMs", options.persistDebounceMs, 25),
    tls: options.tls ?? false,
    logger: options.logger ?? false,
    clock: options.clock ?? {},
    authWindowMs: nonNegative("authWindowMs", options.authWindowMs, FIVE_MINUTES_MS),
    acceptBearer: options.acceptBearer ?? false,
    repeatabilityWindowMs: nonNegative(
      "repeatabilityWindowMs",
      options.repeatabilityWindowMs,
      FIVE_MINUTES_MS,
    ),
    roomRemovalGraceMs: nonNegative("roomRemovalGraceMs", options.roomRemovalGraceMs, 0),
    maxParticipantsPerRoom: positiveInteger(
      "maxParticipantsPerRoom",
      options.maxParticipantsPerRoom,
      350,
    ),
    rateLimits: options.rateLimits ?? IDENTITY_RATE_LIMITS,
    faults: options.faults ?? [],
    requestLogLimit: positiveInteger("requestLogLimit", options.requestLogLimit, 10_000),
  };

  if (problems.length > 0) {
    throw new RangeError(`Invalid emulator options: ${problems.join("; ")}.`);
  }
  return resolved;
}

function isBase64(text: string): boolean {
  return text.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0;
}
