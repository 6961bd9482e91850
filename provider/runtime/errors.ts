/**
 * Errors the providers raise. Service failures keep the service's own inner messages (the
 * useful part of a 400 lives in `details.error.details[]`, not in the generic outer message),
 * and a failure after something was changed carries the id and properties the engine needs to
 * record what now exists.
 */

/** The parts of an `@azure/core-rest-pipeline` RestError that messages use. */
interface RestErrorLike {
  name: string;
  message: string;
  statusCode?: number;
  code?: string;
  details?: unknown;
}

/** One entry of the service's error body: `{ code, message, target }`. */
interface ServiceErrorDetail {
  code?: string;
  message?: string;
  target?: string;
}

/** True for an error the SDK raised because the service answered 404 (or no such thing). */
export function isNotFound(error: unknown): boolean {
  return isRestError(error) && error.statusCode === 404;
}

/**
 * Wraps a failed SDK call in an Error whose message says who (`label`), what (`action`, e.g.
 * "could not update room 123 on https://...") and why, with the service's status, code, outer
 * message and every inner detail. The original error stays reachable as `cause`.
 */
export function serviceError(label: string, action: string, error: unknown): Error {
  return new Error(`${label}: ${action}: ${explain(error)}`, { cause: error });
}

/**
 * The stored outputs `read` works from. The engine always passes them, except for the `import`
 * option, which dynamic resources cannot support: that case gets a message pointing at the
 * adoption inputs instead.
 */
export function storedProps<T>(type: string, id: string, props: T | undefined): T {
  if (props !== undefined && props !== null) return props;
  throw new Error(
    `${type} ${id}: reading needs the state a create stored, which an import lacks; the import ` +
      `option does not work for dynamic resources, so adopt the room with the adoptRoomId input ` +
      `of a Room or an authoritative RoomParticipantSet instead (see ADOPTION.md).`,
  );
}

/** Runs one SDK call, turning its failure into a {@link serviceError}. */
export async function attempt<T>(
  label: string,
  action: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw serviceError(label, action, error);
  }
}

/** The reason part of a service error message; exported for functions' own messages. */
export function explain(error: unknown): string {
  if (!isRestError(error)) return error instanceof Error ? error.message : String(error);
  if (error.statusCode === undefined)
    return `the request did not reach the service: ${error.message}`;

  const body = errorBody(error.details);
  const code = body?.code ?? error.code;
  const outer = body?.message ?? error.message;
  const inner = (body?.details ?? []).map(formatDetail).filter((text) => text !== "");
  const status = [String(error.statusCode), code].filter(Boolean).join(" ");
  const answer = `the service answered ${status}: ${outer}`;
  return inner.length === 0 ? answer : `${answer} Details: ${inner.join("; ")}`;
}

/**
 * A failure after the resource was (partly) created or changed. The dynamic provider host
 * recognises `id`, `properties` and `reasons` on a thrown error and has the engine record the
 * resource with these properties instead of forgetting it, so nothing is orphaned; the next
 * `up` updates it the rest of the way.
 */
export class PartialFailureError extends Error {
  override readonly name = "PartialFailureError";

  constructor(
    message: string,
    /** The id of the resource that now exists. */
    readonly id: string,
    /** Its properties as far as they are known, including `__provider`. */
    readonly properties: Record<string, unknown>,
    /** Why it is not complete; the engine shows these, not the message. */
    readonly reasons: string[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

function isRestError(error: unknown): error is RestErrorLike {
  return error instanceof Error && error.name === "RestError";
}

function errorBody(
  details: unknown,
): { code?: string; message?: string; details?: ServiceErrorDetail[] } | undefined {
  if (details === null || typeof details !== "object") return undefined;
  const body = (details as { error?: unknown }).error;
  if (body === null || typeof body !== "object") return undefined;
  return body as { code?: string; message?: string; details?: ServiceErrorDetail[] };
}

function formatDetail(detail: ServiceErrorDetail): string {
  const message = detail.message ?? detail.code ?? "";
  return detail.target ? `${detail.target}: ${message}` : message;
}
