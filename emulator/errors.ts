// The service's error answers, one function per error. Every error leaves the emulator in the ACS
// envelope `{"error": {code, message, target?, details?}}` with an `x-ms-error-code` header; the
// messages quoted here come from recorded traffic of the real service unless marked as assumed.

/** One entry of `error.details`. */
export interface AcsErrorDetail {
  code: string;
  message: string;
  target?: string;
}

/** The body the service sends with every error. */
export interface AcsErrorBody {
  error: { code: string; message: string; target?: string; details?: AcsErrorDetail[] };
}

/** An error answer: the HTTP status, the envelope, and any extra headers it carries. */
export class AcsError extends Error {
  override readonly name = "AcsError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extras: {
      target?: string;
      details?: AcsErrorDetail[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
  }

  /** The JSON body of the answer. */
  toBody(): AcsErrorBody {
    const { target, details } = this.extras;
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(target !== undefined ? { target } : {}),
        ...(details ? { details } : {}),
      },
    };
  }
}

const MALFORMED_SYNTAX =
  "The request could not be understood by the server due to malformed syntax.";

// ----- validation -----

/** 400 BadRequest with one `BadArgument` detail per violation, all reported together. */
export function validationFailed(details: AcsErrorDetail[]): AcsError {
  return new AcsError(400, "BadRequest", MALFORMED_SYNTAX, { details });
}

/** A `details` entry for {@link validationFailed}. */
export function badArgument(message: string, target: string): AcsErrorDetail {
  return { code: "BadArgument", message, target };
}

/** 400 for a room id of the wrong length (recorded message). */
export function invalidRoomIdLength(): AcsError {
  return new AcsError(400, "BadRequest", "Invalid room ID length.");
}

/** 400 for a room id of the right length that is not numeric (assumed message). */
export function invalidRoomIdFormat(): AcsError {
  return new AcsError(400, "BadRequest", "Invalid room ID format.");
}

/** 400 when a participant of a create request is not an ACS user id (recorded message). */
export function invalidIdentifierFormat(): AcsError {
  return new AcsError(400, "BadRequest", "Invalid format for communication identifier.");
}

/** 400 when a participants PATCH names an identifier kind rooms do not take. */
export function identifierNotSupported(rawId: string): AcsError {
  return new AcsError(400, "BadRequest", `Communication identifier ${rawId} is not supported.`);
}

/** 400 when a participants PATCH names a malformed `8:acs:` id (recorded message). */
export function invalidParticipantsValue(): AcsError {
  return new AcsError(400, "BadRequest", "Invalid value for the Participants.");
}

/** 400 when a room would hold more participants than allowed (assumed message). */
export function tooManyParticipants(limit: number): AcsError {
  return new AcsError(
    400,
    "BadRequest",
    `The number of participants in a room cannot exceed ${limit}.`,
  );
}

/** 400 for a body that is not JSON (assumed wording, envelope as for other validation). */
export function malformedJson(): AcsError {
  return validationFailed([badArgument("The request body is not valid JSON.", "$")]);
}

/** 415 for a body in a media type the operation does not read (assumed). */
export function unsupportedMediaType(contentType: string): AcsError {
  return new AcsError(
    415,
    "UnsupportedMediaType",
    `Content type '${contentType}' is not supported.`,
  );
}

/** 400 for a `nextLink` token the emulator did not issue (assumed). */
export function invalidContinuationToken(): AcsError {
  return new AcsError(400, "BadRequest", "The continuation token is not valid.");
}

// ----- lookup -----

/** 404 for a well-formed room id that names no room (recorded message). */
export function roomNotFound(): AcsError {
  return new AcsError(404, "NotFound", "The server cannot find the requested resource.");
}

/** 404 for a path no operation serves. */
export function routeNotFound(): AcsError {
  return new AcsError(404, "NotFound", "The server cannot find the requested resource.");
}

// ----- api-version -----

/** 400 for an api-version the resource does not serve (ASP.NET API versioning, as ACS answers). */
export function unsupportedApiVersion(resourceUrl: string, version: string): AcsError {
  return new AcsError(
    400,
    "UnsupportedApiVersion",
    `The HTTP resource that matches the request URI '${resourceUrl}' ` +
      `does not support the API version '${version}'.`,
  );
}

/** 400 for a request without `api-version` (ASP.NET API versioning default; assumed for ACS). */
export function apiVersionUnspecified(): AcsError {
  return new AcsError(
    400,
    "ApiVersionUnspecified",
    "An API version is required, but was not specified.",
  );
}

// ----- authentication -----

/** 401 for a missing, malformed or wrong signature, or a stale date. */
export function denied(): AcsError {
  return new AcsError(401, "Denied", "Denied by the resource provider.");
}

/** 401 when the body does not hash to the signed `x-ms-content-sha256`. */
export function contentHashMismatch(): AcsError {
  return new AcsError(
    401,
    "Denied",
    "Request 'x-ms-content-sha256' differs from generated content hash.",
  );
}

// ----- repeatability -----

/** 400 for an unusable Repeatability-Request-ID or Repeatability-First-Sent (assumed wording). */
export function repeatabilityRejected(header: string): AcsError {
  return new AcsError(400, "BadRequest", `The '${header}' header is missing or invalid.`, {
    headers: { "Repeatability-Result": "rejected" },
  });
}

/** 412 when Repeatability-First-Sent is older than the window (assumed wording). */
export function repeatabilityExpired(): AcsError {
  return new AcsError(
    412,
    "PreconditionFailed",
    "The 'Repeatability-First-Sent' header is outside of the accepted time window.",
    { headers: { "Repeatability-Result": "rejected" } },
  );
}

/** 409 when a known Repeatability-Request-ID comes back with a different body (assumed). */
export function repeatabilityConflict(): AcsError {
  return new AcsError(
    409,
    "Conflict",
    "A request with the same 'Repeatability-Request-ID' " +
      "but different content was already accepted.",
    { headers: { "Repeatability-Result": "rejected" } },
  );
}

// ----- identity -----

/** 400 ValidationError from the Identity service. */
export function identityValidation(message: string, target: string): AcsError {
  return new AcsError(400, "ValidationError", message, { target });
}

/** 401 for an identity that does not belong to this resource. */
export function identityNotOwned(): AcsError {
  return new AcsError(401, "IdentityNotOwned", "Identity is not owned by this resource.");
}

/** 404 for an identity of this resource that does not exist or was deleted (assumed). */
export function identityNotFound(): AcsError {
  return new AcsError(404, "IdentityNotFound", "The identity was not found.");
}

// ----- availability -----

/** 429 with `Retry-After` in whole seconds. */
export function tooManyRequests(retryAfterSeconds: number): AcsError {
  return new AcsError(429, "TooManyRequests", "Too many requests. Retry after the given time.", {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/** 500 as the service answers an internal failure. */
export function internalServerError(): AcsError {
  return new AcsError(500, "InternalServerError", "An internal server error occurred.");
}

/** 503, optionally with `Retry-After`. */
export function serviceUnavailable(retryAfterSeconds?: number): AcsError {
  return new AcsError(503, "ServiceUnavailable", "The service is temporarily unavailable.", {
    headers: retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) },
  });
}

/**
 * 501 for an operation of the real service the emulator does not implement. The code cannot be
 * mistaken for a real service error.
 */
export function notImplementedByEmulator(operation: string): AcsError {
  return new AcsError(
    501,
    "EmulatorNotImplemented",
    `The ACS emulator does not implement '${operation}'. See emulator/README.md.`,
  );
}

/** 4xx for the emulator's own admin interface; never sent by the real service. */
export function adminError(status: number, message: string): AcsError {
  return new AcsError(status, "EmulatorAdminError", message);
}
