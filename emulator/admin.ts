// The emulator's own HTTP interface under /_emulator/: faults, request log, clock and reset. It
// needs no signature and answers only callers on the loopback interface. The real service has no
// such paths, so they can never collide with /rooms or /identities.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ROOMS_API_VERSIONS, IDENTITY_API_VERSIONS } from "./api-versions";
import { adminError } from "./errors";
import type { FaultRule } from "./faults";
import type { EmulatorState } from "./state";

/** Path prefix of the admin interface. */
export const ADMIN_PREFIX = "/_emulator";

/** Registers the admin routes on `app`. */
export function registerAdminRoutes(app: FastifyInstance, state: EmulatorState): void {
  const admin = { config: { admin: true } };
  const body = (request: FastifyRequest): Record<string, unknown> =>
    typeof request.body === "object" && request.body !== null
      ? (request.body as Record<string, unknown>)
      : {};

  app.get(`${ADMIN_PREFIX}/info`, admin, async () => ({
    resourceId: state.options.resourceId,
    pageSize: state.options.pageSize,
    apiVersions: { rooms: ROOMS_API_VERSIONS, identity: IDENTITY_API_VERSIONS },
    now: state.clock.now().toISOString(),
    rooms: state.store.roomCount(),
    users: state.store.userCount(),
  }));

  app.get(`${ADMIN_PREFIX}/faults`, admin, async () => ({ value: state.faults.list() }));
  app.post(`${ADMIN_PREFIX}/faults`, admin, async (request, reply) => {
    const id = guard(() => state.faults.add(body(request) as unknown as FaultRule));
    return reply.code(201).send({ id });
  });
  app.delete(`${ADMIN_PREFIX}/faults`, admin, async (_request, reply) => {
    state.faults.clear();
    return reply.code(204).send();
  });
  app.delete(`${ADMIN_PREFIX}/faults/:id`, admin, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!state.faults.remove(id)) {
      throw adminError(404, `No fault rule has id '${id}'.`);
    }
    return reply.code(204).send();
  });

  app.get(`${ADMIN_PREFIX}/requests`, admin, async () => ({
    counts: state.requests.counts(),
    value: state.requests.log(),
  }));
  app.get(`${ADMIN_PREFIX}/requests/counts`, admin, async () => state.requests.counts());
  app.delete(`${ADMIN_PREFIX}/requests`, admin, async (_request, reply) => {
    state.requests.reset();
    return reply.code(204).send();
  });

  app.get(`${ADMIN_PREFIX}/clock`, admin, async () => ({ now: state.clock.now().toISOString() }));
  app.post(`${ADMIN_PREFIX}/clock/advance`, admin, async (request) => {
    const { ms } = body(request);
    if (typeof ms !== "number") {
      throw adminError(400, 'Send {"ms": <number of milliseconds>}.');
    }
    guard(() => state.clock.advance(ms));
    return { now: state.clock.now().toISOString() };
  });
  app.post(`${ADMIN_PREFIX}/clock/set`, admin, async (request) => {
    const { time } = body(request);
    if (typeof time !== "string") {
      throw adminError(400, 'Send {"time": "<ISO 8601 date>"}.');
    }
    guard(() => state.clock.set(time));
    return { now: state.clock.now().toISOString() };
  });

  app.post(`${ADMIN_PREFIX}/reset`, admin, async (_request, reply) => {
    state.store.reset();
    state.rateLimiter.reset();
    return reply.code(204).send();
  });
}

/** True for an address on the loopback interface. */
export function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined &&
    (address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127."))
  );
}

/** Answers a 403 unless the caller is on this machine. */
export function requireLoopback(request: FastifyRequest): void {
  if (!isLoopback(request.socket.remoteAddress)) {
    throw adminError(403, "The emulator admin interface answers only loopback callers.");
  }
}

function guard<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw adminError(400, (error as Error).message);
  }
}
