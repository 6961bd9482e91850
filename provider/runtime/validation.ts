/**
 * The building blocks every `check` uses: recognising preview placeholders and collecting every
 * problem of a resource before answering, each with its property path and a message that names
 * the resource, the property, the offending value, the rule and the fix.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";

/**
 * The string the engine sends for a value that is not known yet during a preview
 * (`runtime.unknownValue` in @pulumi/pulumi). Such values are never judged: their real value
 * is checked again when it is known.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for the engine's placeholder of a value that a preview does not know yet. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when a value, or anything nested in it, is still unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/**
 * Collects the failures of one `check` call. The label (`Room "main"`) starts every reason so
 * that a failure read alone in a long preview still says which resource it is about.
 */
export class Failures {
  readonly list: CheckFailure[] = [];

  /** @param label - How messages name the resource, e.g. `Room "main"`. */
  constructor(readonly label: string) {}

  /**
   * Records that `property` holds `value`, which breaks `rule` (phrased to follow the value,
   * e.g. "must be after validFrom"); `fix` tells the user what to write instead.
   */
  add(property: string, value: unknown, rule: string, fix: string): void {
    const reason = `${this.label}: ${property} ${describe(value)} ${rule}; ${fix}.`;
    this.list.push({ property, reason });
  }

  /** Records a failure whose reason is already a complete message naming the resource. */
  addMessage(property: string, reason: string): void {
    this.list.push({ property, reason });
  }
}

/** A short, unambiguous rendering of a value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (typeof value === "string") return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `Room "main"`: how messages name a resource. */
export function resourceLabel(type: string, name: unknown): string {
  return typeof name === "string" && name !== "" ? `${type} "${name}"` : type;
}
