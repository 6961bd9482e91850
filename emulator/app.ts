// The fastify application: content parsing that keeps the raw body for signatures, the hooks that
// every service request passes through (log, faults, limits, authentication, api-version), the
// routes, and the error handler that turns every failure into the ACS error envelope.
import { setTimeout as delay } from "node:timers/promises";
import fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { ADMIN_PREFIX, registerAdminRoutes, requireLoopback } from "./admin";
import { dropConnection, newCorrelationVector, recordRequest, sendAnswer } from "./answers";
import { requireApiVersion, supportedVersionsHeader } from "./api-versions";
import { authenticate } from "./auth";
import {
  AcsError,
  badArgument,
  internalServerError,
  malformedJson,
  routeNotFound,
  tooManyRequests,
  unsupportedMediaType,
  validationFailed,
} from "./errors";
import { faultError } from "./faults";
import { registerIdentityRoutes } from "./identity";
import { msToTicks } from "./instant";
import { UNKNOWN_OPERATION } from "./operations";
import { resolveOptions, type EmulatorOptions, type TlsMaterial } from "./options";
import { registerRoomsRoutes } from "./rooms";
import { createState, type EmulatorState } from "./state";

declare module "fastify" {
  interface FastifyInstance {
    /** The emulator state behind this app. */
    emulator: EmulatorState;
  }
}

const JSON_TYPES = /^application\/(json|merge-patch\+json)\b/i;

/**
 * Builds the emulator as a fastify app without listening, for in-process tests with `inject`.
 * `options.tls` may only be TLS material here; startEmulator generates a certificate for `true`.
 */
export function createEmulatorApp(options: EmulatorOptions = {}): FastifyInstance {
  if (options.tls === true) {
    throw new TypeError(
      "createEmulatorApp cannot generate a certificate; " +
        "use startEmulator({ tls: true }) or pass { key, cert }",
    );
  }
  return buildApp(createState(resolveOptions(options)));
}

/** Builds the app around an existing state, serving HTTPS when `tls` is given. */
export function buildApp(state: EmulatorState, tls?: TlsMaterial): FastifyInstance {
  const app = fastify({
    logger: state.options.logger,
    // One log line per request is written by recordRequest, without the query or any header.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: "requestId",
    }),
    genReqId: newCorrelationVector,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
    ...(tls ? { https: { key: tls.key, cert: tls.cert } } : {}),
  } as Parameters<typeof fastify>[0]) as unknown as FastifyInstance;
  app.decorate("emulator", state);
  app.decorateRequest("acs", null as unknown as FastifyRequest["acs"]);

  keepRawBodies(app);
  app.addHook("onRequest", async (request, reply) => onRequest(state, request, reply));
  app.addHook("preValidation", async (request) => checkRequest(state, request));
  app.addHook("onResponse", async (request, reply) =>
    recordRequest(state, request, reply.statusCode),
  );
  app.setErrorHandler((error: FastifyError | AcsError, request, reply) => {
    const answer = toAcsError(error);
    if (answer.status >= 500 && !(error instanceof AcsError)) {
      request.log.error({ err: error }, "unexpected failure");
    }
    return sendAnswer(state, request, reply, answer.status, answer.toBody(), {
      "x-ms-error-code": answer.code,
      ...answer.extras.headers,
    });
  });
  app.setNotFoundHandler(() => {
    throw routeNotFound();
  });

  registerRoomsRoutes(app, state);
  registerIdentityRoutes(app, state);
  registerAdminRoutes(app, state);
  return app;
}

/**
 * Reads every body as raw bytes, then as JSON when it is JSON. A body that is not JSON is not
 * rejected here: the request must first pass authentication, which needs the raw bytes.
 */
function keepRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (request, body, done) => {
    const raw = body as Buffer;
    request.acs.rawBody = raw;
    if (raw.length === 0) {
      done(null, undefined);
      return;
    }
    const contentType = request.headers["content-type"] ?? "";
    if (!JSON_TYPES.test(contentType)) {
      request.acs.unsupportedContentType = contentType;
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(raw.toString("utf8")));
    } catch {
      request.acs.bodyUnreadable = true;
      done(null, undefined);
    }
  });
}

/** Sets up the request context and headers, counts the call, and applies faults and limits. */
async function onRequest(state: EmulatorState, request: FastifyRequest, reply: FastifyReply) {
  const config = request.routeOptions.config;
  request.acs = {
    operation: config.operation ?? UNKNOWN_OPERATION,
    service: config.service,
    receivedAt: state.clock.now(),
    startedAt: performance.now(),
    rawBody: Buffer.alloc(0),
    bodyUnreadable: false,
    unsupportedContentType: undefined,
    apiVersion: "",
    fault: undefined,
    logged: false,
  };
  if (config.admin || request.url.startsWith(`${ADMIN_PREFIX}/`)) {
    request.acs.logged = true;
    requireLoopback(request);
    return;
  }

  reply.header("MS-CV", request.id);
  const clientRequestId = request.headers["x-ms-client-request-id"];
  if (typeof clientRequestId === "string") {
    reply.header("x-ms-client-request-id", clientRequestId);
  }
  if (request.acs.service) {
    reply.header("api-supported-versions", supportedVersionsHeader(request.acs.service));
  }
  state.requests.count(request.acs.operation);
  state.store.removeExpiredRooms(
    state.clock.nowTicks(),
    msToTicks(state.options.roomRemovalGraceMs),
  );

  const fault = state.faults.take(request.acs.operation);
  if (fault) {
    request.acs.fault = fault;
    if (fault.latencyMs) {
      await delay(fault.latencyMs);
    }
    if (fault.action === "reset") {
      return dropConnection(state, request, reply, null);
    }
    if (fault.action === "error") {
      throw faultError(fault);
    }
  }

  const waitSeconds = state.rateLimiter.check(request.acs.operation, state.clock.now().getTime());
  if (waitSeconds !== undefined) {
    throw tooManyRequests(waitSeconds);
  }
}

/** Authentication, api-version and body checks, in the order the service applies them. */
function checkRequest(state: EmulatorState, request: FastifyRequest): void {
  const context = request.acs;
  if (!context.service) {
    return;
  }

  authenticate(
    {
      method: request.method,
      rawUrl: request.raw.url ?? request.url,
      headers: request.headers,
      rawBody: context.rawBody,
    },
    {
      accessKey: state.signingKey,
      nowMs: state.clock.now().getTime(),
      windowMs: state.options.authWindowMs,
      acceptBearer: state.options.acceptBearer,
    },
  );

  const query = request.query as Record<string, string | string[] | undefined>;
  const version = query["api-version"];
  const resourceUrl = `${request.protocol}://${request.headers.host}${request.url.split("?")[0]}`;
  context.apiVersion = requireApiVersion(
    context.service,
    Array.isArray(version) ? version[0] : version,
    resourceUrl,
  );

  if (context.unsupportedContentType !== undefined) {
    throw unsupportedMediaType(context.unsupportedContentType);
  }
  if (context.bodyUnreadable) {
    throw malformedJson();
  }
  if (request.body === undefined && request.routeOptions.schema?.body) {
    request.body = {};
  }
}

/** Any failure as the ACS error the client should see. */
function toAcsError(error: FastifyError | AcsError): AcsError {
  if (error instanceof AcsError) {
    return error;
  }
  if (error.validation) {
    return validationFailed(
      error.validation.map((issue) => {
        const path = jsonPath(issue.instancePath);
        if (issue.keyword === "required") {
          const missing = String((issue.params as { missingProperty?: string }).missingProperty);
          return badArgument(`The ${missing} field is required.`, missing);
        }
        return badArgument(
          `The JSON value could not be converted to the expected type. Path: ${path}.`,
          path,
        );
      }),
    );
  }
  if (error.statusCode === 413) {
    return new AcsError(413, "RequestEntityTooLarge", "The request body is too large.");
  }
  return internalServerError();
}

/** `/participants/8:acs:x/role` as `$.participants.8:acs:x.role`. */
function jsonPath(instancePath: string): string {
  if (!instancePath) {
    return "$";
  }
  const segments = instancePath
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  return `$.${segments.join(".")}`;
}
