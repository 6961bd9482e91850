/**
 * Checks shared by every resource's `check`: per-resource connection settings and simple typed
 * values. Each adds failures to the caller's list instead of throwing.
 */
import {
  conflictProblem,
  parseConnectionString,
  parseEndpoint,
  redact,
  resolveEndpoint,
} from "./connection";
import { type Failures, isUnknown } from "./validation";

/**
 * Adds failures for malformed per-resource connection settings: an unreadable connection
 * string, an endpoint that is not https (or loopback http), or the two naming different
 * resources. Connection strings are printed with their key redacted.
 */
export function checkConnectionInputs(
  failures: Failures,
  news: { connectionString?: unknown; endpoint?: unknown },
): void {
  const { connectionString, endpoint } = news;
  const before = failures.list.length;
  let keyEndpoint: string | undefined;
  let plainEndpoint: string | undefined;

  if (connectionString !== undefined && !isUnknown(connectionString)) {
    const text = typeof connectionString === "string" ? connectionString : "";
    const parsed = parseConnectionString(text);
    if (parsed.problem) {
      const shown = typeof connectionString === "string" ? redact(text) : connectionString;
      failures.add("connectionString", shown, parsed.problem.rule, parsed.problem.fix);
    }
    keyEndpoint = parsed.endpoint;
  }
  if (endpoint !== undefined && !isUnknown(endpoint)) {
    const parsed = parseEndpoint(typeof endpoint === "string" ? endpoint : "");
    if (parsed.problem) failures.add("endpoint", endpoint, parsed.problem.rule, parsed.problem.fix);
    plainEndpoint = parsed.endpoint;
  }
  if (keyEndpoint && plainEndpoint && keyEndpoint !== plainEndpoint) {
    const problem = conflictProblem(keyEndpoint);
    failures.add("endpoint", endpoint, problem.rule, problem.fix);
  }
  if (failures.list.length > before || isUnknown(connectionString) || isUnknown(endpoint)) return;

  // The stack config and environment are local too: a missing or broken setting there is
  // better reported by the preview than by the first call.
  try {
    resolveEndpoint(failures.label, {
      connectionString: connectionString as string | undefined,
      endpoint: endpoint as string | undefined,
    });
  } catch (error) {
    const property =
      endpoint !== undefined && connectionString === undefined ? "endpoint" : "connectionString";
    failures.addMessage(property, (error as Error).message);
  }
}

/** Adds a failure unless the value is absent, unknown or a boolean. */
export function checkBoolean(failures: Failures, property: string, value: unknown): void {
  if (value === undefined || isUnknown(value) || typeof value === "boolean") return;
  failures.add(property, value, "is not a boolean", `set ${property} to true or false`);
}

/** Adds a failure unless the value is absent, unknown or a non-empty string. */
export function checkOptionalId(
  failures: Failures,
  property: string,
  value: unknown,
  what: string,
): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value === "string" && value.trim() !== "") return;
  const rule = typeof value === "string" ? "is empty" : "is not a string";
  failures.add(property, value, rule, `set ${property} to ${what}, or leave it out`);
}
