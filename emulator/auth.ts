// Request authentication as the service does it: HMAC-SHA256 over method, path and query, the
// signed date, the host and the body hash, with the resource's access key. Optionally a bearer
// token, for tests of code that uses a TokenCredential.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { contentHashMismatch, denied } from "./errors";

/** What authentication reads from a request. */
export interface SignedRequest {
  method: string;
  /** The request target exactly as sent: path still percent-encoded, then the query. */
  rawUrl: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** How to check requests. */
export interface AuthSettings {
  accessKey: Buffer;
  /** Emulator time, ms since the epoch. */
  nowMs: number;
  /** Largest accepted distance between the signed date and now. */
  windowMs: number;
  acceptBearer: boolean;
}

const HMAC_SCHEME = /^HMAC-SHA256\s+SignedHeaders=([^&\s]+)&Signature=(\S+)$/i;
const BEARER_SCHEME = /^Bearer\s+(\S+)$/i;
const DATE_HEADERS = ["x-ms-date", "date"];
const REQUIRED_SIGNED = ["host", "x-ms-content-sha256"];

/** Returns when the request is authentic; throws the service's 401 otherwise. */
export function authenticate(request: SignedRequest, settings: AuthSettings): void {
  const authorization = header(request, "authorization");
  if (authorization === undefined) {
    throw denied();
  }

  const bearer = BEARER_SCHEME.exec(authorization);
  if (bearer) {
    checkBearer(bearer[1], settings);
    return;
  }

  const hmac = HMAC_SCHEME.exec(authorization);
  if (!hmac) {
    throw denied();
  }
  checkHmac(request, settings, hmac[1].toLowerCase().split(";"), hmac[2]);
}

/** Base64 SHA-256 of a body, as clients put in `x-ms-content-sha256`. */
export function contentHash(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64");
}

/**
 * The path and query that signatures cover: the path as sent (still percent-encoded) and the
 * query as WHATWG URLSearchParams serializes it, which is what the SDKs sign.
 */
export function pathAndQuery(rawUrl: string): string {
  const queryStart = rawUrl.indexOf("?");
  if (queryStart === -1) {
    return rawUrl;
  }
  const query = new URLSearchParams(rawUrl.slice(queryStart + 1)).toString();
  const path = rawUrl.slice(0, queryStart);
  return query ? `${path}?${query}` : path;
}

function checkHmac(
  request: SignedRequest,
  settings: AuthSettings,
  signedHeaders: string[],
  signature: string,
): void {
  const dateHeader = signedHeaders.find((name) => DATE_HEADERS.includes(name));
  if (!dateHeader || REQUIRED_SIGNED.some((name) => !signedHeaders.includes(name))) {
    throw denied();
  }

  const signedValues: string[] = [];
  for (const name of signedHeaders) {
    const value = header(request, name);
    if (value === undefined) {
      throw denied();
    }
    signedValues.push(value);
  }

  if (header(request, "x-ms-content-sha256") !== contentHash(request.rawBody)) {
    throw contentHashMismatch();
  }

  const signedAt = Date.parse(header(request, dateHeader) as string);
  if (!Number.isFinite(signedAt) || Math.abs(settings.nowMs - signedAt) > settings.windowMs) {
    throw denied();
  }

  const stringToSign =
    `${request.method.toUpperCase()}\n` +
    `${pathAndQuery(request.rawUrl)}\n` +
    `${signedValues.join(";")}`;
  const expected = createHmac("sha256", settings.accessKey).update(stringToSign, "utf8").digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw denied();
  }
}

/**
 * Accepts a bearer token only when the emulator was told to, and then only a well-formed JWT that
 * has not expired by the emulator clock. Its signature and audience are not checked: the emulator
 * cannot verify Entra ID tokens offline.
 */
function checkBearer(token: string, settings: AuthSettings): void {
  if (!settings.acceptBearer) {
    throw denied();
  }
  const payload = token.split(".")[1];
  let exp: unknown;
  try {
    exp = (
      JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as { exp?: unknown }
    ).exp;
  } catch {
    throw denied();
  }
  if (typeof exp !== "number" || exp * 1000 <= settings.nowMs) {
    throw denied();
  }
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
