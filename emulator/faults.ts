// Fault injection: rules that make chosen operations fail the way a real service or network
// does, so retry and idempotency code can be tested against the real SDKs.
import { randomUUID } from "node:crypto";
import { internalServerError, serviceUnavailable, tooManyRequests, type AcsError } from "./errors";
import { isOperationName, type OperationName } from "./operations";

/**
 * What a fault does:
 * - `error`: answer `status` (429, 500 or 503) with the service's error body, without processing;
 * - `latency`: wait `latencyMs`, then process normally;
 * - `reset`: destroy the connection before processing anything;
 * - `commitThenDrop`: process the request fully (a create creates), then destroy the connection
 *   instead of answering.
 */
export type FaultAction = "error" | "latency" | "reset" | "commitThenDrop";

/** One fault rule. It fires `count` times, or on each request with `probability`. */
export interface FaultRule {
  /** Set by the emulator when the rule is added. */
  id?: string;
  /** The operation it applies to, or `*` for every operation. */
  operation: OperationName | "*";
  action: FaultAction;
  /** For `error`: 429, 500 or 503. @defaultValue 503 */
  status?: 429 | 500 | 503;
  /** `Retry-After` seconds for 429 and 503. @defaultValue 1 for 429, none for 503 */
  retryAfterSeconds?: number;
  /** Delay before the action, for any action. Required for `latency`. */
  latencyMs?: number;
  /** Times left to fire. @defaultValue 1 when no probability is given */
  count?: number;
  /** Chance in [0, 1] to fire on each matching request, without a count limit unless given. */
  probability?: number;
}

const ERROR_STATUSES = [429, 500, 503];
const ACTIONS: FaultAction[] = ["error", "latency", "reset", "commitThenDrop"];

/** Holds the active rules and decides which one, if any, fires for a request. */
export class FaultInjector {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Adds a rule after checking it; returns its id. */
  add(rule: FaultRule): string {
    const checked = checkFaultRule(rule);
    this.rules.push(checked);
    return checked.id as string;
  }

  /** Removes one rule; returns false when no rule has that id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Copies of the active rules, with the counts they have left. */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /**
   * The first active rule for `operation` that fires now, with its count used up by one. Rules
   * are tried in the order they were added; at most one fires per request.
   */
  take(operation: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.operation !== "*" && rule.operation !== operation) {
        continue;
      }
      if (rule.probability !== undefined && this.random() >= rule.probability) {
        continue;
      }
      if (rule.count !== undefined) {
        rule.count -= 1;
        if (rule.count <= 0) {
          this.remove(rule.id as string);
        }
      }
      return { ...rule };
    }
    return undefined;
  }
}

/** The error answer of an `error` rule. */
export function faultError(rule: FaultRule): AcsError {
  switch (rule.status ?? 503) {
    case 429:
      return tooManyRequests(rule.retryAfterSeconds ?? 1);
    case 500:
      return internalServerError();
    default:
      return serviceUnavailable(rule.retryAfterSeconds);
  }
}

/** Validates a rule from code, the CLI or the admin API, naming every problem at once. */
export function checkFaultRule(input: FaultRule): FaultRule {
  const problems: string[] = [];
  const rule: FaultRule = { ...input, id: input.id ?? randomUUID() };

  if (rule.operation !== "*" && !isOperationName(String(rule.operation))) {
    problems.push(`operation '${String(rule.operation)}' is not an operation name or '*'`);
  }
  if (!ACTIONS.includes(rule.action)) {
    problems.push(`action '${String(rule.action)}' is not one of ${ACTIONS.join(", ")}`);
  }
  if (rule.status !== undefined && !ERROR_STATUSES.includes(rule.status)) {
    problems.push(`status ${String(rule.status)} is not one of ${ERROR_STATUSES.join(", ")}`);
  }
  if (rule.action === "latency" && rule.latencyMs === undefined) {
    problems.push("a latency rule needs latencyMs");
  }
  if (rule.latencyMs !== undefined && !(Number.isFinite(rule.latencyMs) && rule.latencyMs >= 0)) {
    problems.push(`latencyMs must be a number >= 0, got ${String(rule.latencyMs)}`);
  }
  if (
    rule.retryAfterSeconds !== undefined &&
    !(Number.isInteger(rule.retryAfterSeconds) && rule.retryAfterSeconds >= 0)
  ) {
    problems.push(`retryAfterSeconds must be an integer >= 0, got ${rule.retryAfterSeconds}`);
  }
  if (rule.count !== undefined && !(Number.isInteger(rule.count) && rule.count >= 1)) {
    problems.push(`count must be an integer >= 1, got ${String(rule.count)}`);
  }
  if (
    rule.probability !== undefined &&
    !(Number.isFinite(rule.probability) && rule.probability >= 0 && rule.probability <= 1)
  ) {
    problems.push(`probability must be in [0, 1], got ${String(rule.probability)}`);
  }
  if (rule.count === undefined && rule.probability === undefined) {
    rule.count = 1;
  }

  if (problems.length > 0) {
    throw new RangeError(`Invalid fault rule: ${problems.join("; ")}.`);
  }
  return rule;
}

/**
 * Reads the CLI form `operation:action[:key=value,...]`, for example
 * `rooms.create:error:status=429,retryAfterSeconds=2,count=3` or `*:latency:latencyMs=200`.
 */
export function parseFaultSpec(spec: string): FaultRule {
  const [operation = "", action = "", ...rest] = spec.split(":");
  const settings = rest.join(":");
  const rule: Record<string, unknown> = { operation, action };
  for (const pair of settings.split(",").filter(Boolean)) {
    const [key, value] = pair.split("=");
    if (value === undefined) {
      throw new RangeError(`Invalid fault '${spec}': '${pair}' is not key=value`);
    }
    rule[key.trim()] = Number.isNaN(Number(value)) ? value.trim() : Number(value);
  }
  return checkFaultRule(rule as unknown as FaultRule);
}
