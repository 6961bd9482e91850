// How every answer leaves the emulator, including the ones a fault cuts off. Handlers and the
// error handler go through sendAnswer so that a "commit then drop" fault applies to all of them.
import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServiceName } from "./api-versions";
import type { FaultRule } from "./faults";
import type { EmulatorState } from "./state";

/** What the emulator tracks about one request. */
export interface RequestContext {
  operation: string;
  service: ServiceName | undefined;
  /** Emulator clock time at arrival. */
  receivedAt: Date;
  /** `performance.now()` at arrival, for the duration. */
  startedAt: number;
  /** The body bytes exactly as received; empty when there was none. */
  rawBody: Buffer;
  /** Set when the body could not be read as JSON; reported after authentication. */
  bodyUnreadable: boolean;
  /** Set when the body came in a media type the emulator does not read. */
  unsupportedContentType: string | undefined;
  apiVersion: string;
  fault: FaultRule | undefined;
  /** True once the request is in the log. */
  logged: boolean;
}

/** Route settings the hooks read. */
export interface RouteSettings {
  operation?: string;
  service?: ServiceName;
  admin?: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    acs: RequestContext;
  }
  interface FastifyContextConfig {
    operation?: string;
    service?: ServiceName;
    admin?: boolean;
  }
}

/** A new correlation vector, the request id ACS sends in `MS-CV`: 16 random bytes, base64. */
export function newCorrelationVector(): string {
  // randomUUID draws from a batched entropy cache, far cheaper per request than randomBytes.
  const bytes = Buffer.from(randomUUID().replace(/-/g, ""), "hex");
  return `${bytes.toString("base64").slice(0, 22)}.0`;
}

/** Sends an answer as JSON, or drops the connection when a commit-then-drop fault applies. */
export function sendAnswer(
  state: EmulatorState,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): FastifyReply {
  if (request.acs?.fault?.action === "commitThenDrop") {
    return dropConnection(state, request, reply, status);
  }
  reply.code(status).headers(headers);
  if (body === undefined) {
    return reply.send();
  }
  return reply.type("application/json; charset=utf-8").send(body);
}

/**
 * Destroys the connection without an answer. `status` is what would have been sent; the log
 * keeps it beside the fault so a test can see what the client missed.
 */
export function dropConnection(
  state: EmulatorState,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number | null,
): FastifyReply {
  recordRequest(state, request, status);
  reply.hijack();
  request.raw.socket?.destroy();
  return reply;
}

/** Adds the request to the log and writes the one log line, once. */
export function recordRequest(
  state: EmulatorState,
  request: FastifyRequest,
  status: number | null,
): void {
  const context = request.acs;
  if (!context || context.logged) {
    return;
  }
  context.logged = true;
  const durationMs = Math.round((performance.now() - context.startedAt) * 100) / 100;
  const [path, query = ""] = request.url.split("?");
  const apiVersion = context.apiVersion || new URLSearchParams(query).get("api-version");
  const fields = {
    method: request.method,
    path,
    operation: context.operation,
    ...(apiVersion ? { apiVersion } : {}),
    status,
    durationMs,
  };
  const fault = context.fault ? { fault: context.fault.action } : {};

  state.requests.record({
    time: context.receivedAt.toISOString(),
    ...fields,
    requestId: request.id,
    ...fault,
  });
  // The logger stamps every line with its own time and the request id.
  request.log.info({ ...fields, ...fault }, "request");
}
