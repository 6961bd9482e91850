#!/usr/bin/env node
// Turns the output of `pulumi preview --refresh --json` into a table of drifted properties.
//
// Dynamic resources report no detailed diff, so the engine only says that a room "will be
// updated". The JSON does hold the states, though: for each resource that `--refresh` read, a
// `refresh` step carries the state recorded by the last deployment, and the `update` (or
// `replace`) step that follows carries the refreshed state as `oldState` and the program's
// declaration as `newState`. Comparing the three, property by property, is the whole report.
//
// Usage: drift-report [file | -] [--format markdown|plain]
//   Reads the JSON from the file, or from standard input when the file is "-" or missing.
//   Exits 0 after printing a report (with or without drift), 2 when the input is unusable.

import * as fs from "node:fs";

/** One property whose refreshed value differs from the declared or the recorded one. */
export interface DriftRow {
  /**
   * `drift` when the service no longer holds what the last deployment recorded; `program` when
   * the service still matches the state but the program now declares something else.
   */
  kind: "drift" | "program";
  /** The resource's name in the program (the last part of its URN). */
  resource: string;
  /** Its type token; dynamic resources lose the `pulumi-nodejs:dynamic/` prefix. */
  type: string;
  /** Property path, such as `validUntil` or `participants["8:acs:..."]`. */
  property: string;
  /** Value recorded in the stack's state by the last deployment. */
  state: string;
  /** Value the provider read from the service just now. */
  refreshed: string;
  /** Value the program declares. */
  declared: string;
}

/** Everything the preview says about drift, ready to print. */
export interface DriftReport {
  /** Resources that the refresh read from their provider. */
  resourcesRead: number;
  /** One row per differing property, in the order of the preview's steps. */
  rows: DriftRow[];
  /** Changes the program asks for that no refresh explains: new or removed resources. */
  programChanges: { resource: string; type: string; op: string }[];
}

/** What the report prints in place of a secret value; the preview's JSON uses the same text. */
export const SECRET = "[secret]";

/** Shown for a property or a resource that does not exist on one side. */
export const ABSENT = "(none)";

/** The value of an array element that has nothing but its identity. */
const PRESENT = "present";

/** Shown in the declared column for outputs that the program does not set. */
export const NOT_DECLARED = "(output)";

/** The preview's marker for values the engine does not know yet. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Pulumi's signature key for a serialized secret, in case a tool prints secrets that way. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/**
 * Properties that are not the service's: dynamic resources keep their serialized provider code
 * and bookkeeping under names that start with two underscores.
 */
const INTERNAL_PROPERTY = /^__/;

/** Fields that identify an element of an array of objects, in order of preference. */
const IDENTITY_FIELDS = ["id", "rawId", "communicationUserId", "name"];

/** Operations through which drift shows in a preview after a refresh. */
const CHANGE_OPS = new Set(["update", "replace"]);

/** Operations that add or remove a whole resource. */
const CREATE_OPS = new Set(["create", "create-replacement"]);
const DELETE_OPS = new Set(["delete", "delete-replaced"]);

interface ResourceState {
  urn?: string;
  type?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

interface PreviewStep {
  op?: string;
  urn?: string;
  oldState?: ResourceState | null;
  newState?: ResourceState | null;
}

/**
 * Reads a parsed `pulumi preview --refresh --json` document. Throws a `TypeError` naming what is
 * missing when the document is not a preview.
 */
export function findDrift(preview: unknown): DriftReport {
  const steps = previewSteps(preview);
  if (steps.length > 0 && !steps.some((step) => step.op === "refresh")) {
    throw new TypeError(
      "the preview did not refresh, so it cannot tell drift from changes in the program: " +
        "run `pulumi preview --refresh --json`",
    );
  }

  const recorded = new Map<string, ResourceState>();
  const changed = new Map<string, PreviewStep>();
  for (const step of steps) {
    if (!step.urn) continue;
    if (step.op === "refresh" && step.oldState && isCustom(step.oldState)) {
      recorded.set(step.urn, step.oldState);
    }
    // A replacement is three steps; the `replace` one carries both states.
    if (CHANGE_OPS.has(step.op ?? "") && !changed.has(step.urn)) changed.set(step.urn, step);
  }

  const rows: DriftRow[] = [];
  const programChanges: DriftReport["programChanges"] = [];
  const reported = new Set<string>();
  for (const step of steps) {
    const urn = step.urn;
    if (!urn || !step.op || reported.has(urn)) continue;

    if (changed.get(urn) === step) {
      reported.add(urn);
      rows.push(...propertyRows(urn, recorded.get(urn), step));
    } else if (changed.has(urn)) {
      continue;
    } else if (CREATE_OPS.has(step.op) && recorded.has(urn)) {
      // The refresh found the resource gone, so the program would create it again.
      reported.add(urn);
      rows.push(goneRow(urn, recorded.get(urn) as ResourceState));
    } else if (CREATE_OPS.has(step.op) || DELETE_OPS.has(step.op)) {
      reported.add(urn);
      const state = step.newState ?? step.oldState ?? {};
      programChanges.push({ resource: nameOf(urn), type: typeOf(urn, state), op: step.op });
    }
  }

  return { resourcesRead: recorded.size, rows, programChanges };
}

/** Prints the report as Markdown tables (for pipeline summaries) or as aligned plain text. */
export function formatReport(report: DriftReport, format: "markdown" | "plain"): string {
  const drift = report.rows.filter((row) => row.kind === "drift");
  const undeployed = report.rows.filter((row) => row.kind === "program");
  const lines: string[] = [];

  if (drift.length === 0) {
    lines.push(`No drift: all ${report.resourcesRead} resources read match their last deployment.`);
  } else {
    const resources = new Set(drift.map((row) => row.resource)).size;
    lines.push(
      `Drift: ${plural(drift.length, "property", "properties")} of ` +
        `${plural(resources, "resource", "resources")} changed outside Pulumi.`,
      "",
      ...table(drift, format),
    );
  }

  if (undeployed.length > 0) {
    lines.push(
      "",
      "Not deployed yet: the program changes " +
        `${plural(undeployed.length, "property", "properties")}.`,
      "",
      ...table(undeployed, format),
    );
  }

  if (report.programChanges.length > 0) {
    lines.push("", "Resources the program adds or removes (not drift):");
    for (const change of report.programChanges) {
      const bullet = format === "markdown" ? "-" : " ";
      lines.push(`${bullet} ${change.op} ${change.resource} (${change.type})`);
    }
  }
  return lines.join("\n") + "\n";
}

/** The command line: reads the preview, prints the report, returns the exit code. */
export async function main(
  argv: string[],
  io: {
    readFile(path: string): string;
    readStdin(): Promise<string>;
    stdout(text: string): void;
    stderr(text: string): void;
  },
): Promise<number> {
  const args = parseArgs(argv);
  if ("error" in args) {
    io.stderr(`drift-report: ${args.error}\n${USAGE}`);
    return 2;
  }

  let report: DriftReport;
  try {
    const text = args.file === "-" ? await io.readStdin() : io.readFile(args.file);
    report = findDrift(parseJson(text, args.file));
  } catch (err) {
    io.stderr(`drift-report: ${(err as Error).message}\n`);
    return 2;
  }

  io.stdout(formatReport(report, args.format));
  return 0;
}

const USAGE = "usage: drift-report [file | -] [--format markdown|plain]\n";

function parseArgs(
  argv: string[],
): { file: string; format: "markdown" | "plain" } | { error: string } {
  let file: string | undefined;
  let format: "markdown" | "plain" = "markdown";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--format") {
      const value = argv[++i];
      if (value !== "markdown" && value !== "plain") {
        return { error: `--format must be "markdown" or "plain", not ${JSON.stringify(value)}` };
      }
      format = value;
    } else if (arg.startsWith("--")) {
      return { error: `unknown option ${arg}` };
    } else if (file === undefined) {
      file = arg;
    } else {
      return { error: `one input file at most, got ${file} and ${arg}` };
    }
  }
  return { file: file ?? "-", format };
}

function parseJson(text: string, source: string): unknown {
  const where = source === "-" ? "standard input" : source;
  if (text.trim() === "") {
    throw new TypeError(
      `${where} is empty: pass the output of \`pulumi preview --refresh --json\``,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TypeError(
      `${where} is not JSON (${(err as Error).message}): run the preview with --json ` +
        "and keep its standard error out of the file",
    );
  }
}

function previewSteps(preview: unknown): PreviewStep[] {
  if (typeof preview !== "object" || preview === null || Array.isArray(preview)) {
    throw new TypeError("the input is not a preview: expected a JSON object with `steps`");
  }
  const { steps, diagnostics } = preview as { steps?: unknown; diagnostics?: unknown };
  const errors = errorDiagnostics(diagnostics);
  if (errors.length > 0) {
    throw new TypeError(
      `the preview failed, so it says nothing about drift:\n${errors.join("\n")}`,
    );
  }
  if (steps === undefined) return [];
  if (!Array.isArray(steps)) {
    throw new TypeError("the input is not a preview: `steps` must be an array");
  }
  return steps as PreviewStep[];
}

function errorDiagnostics(diagnostics: unknown): string[] {
  if (!Array.isArray(diagnostics)) return [];
  return diagnostics
    .filter((d) => d?.severity === "error")
    .map((d) => `  ${String(d.message ?? "").trim()}`);
}

function propertyRows(
  urn: string,
  recorded: ResourceState | undefined,
  step: PreviewStep,
): DriftRow[] {
  const refreshed = step.oldState ?? {};
  const declared = step.newState ?? {};
  const resource = nameOf(urn);
  const type = typeOf(urn, declared.type ? declared : refreshed);

  const state = flatten(comparable(recorded ?? {}));
  const now = flatten(comparable(refreshed));
  const wanted = flatten(declared.inputs ?? {});
  const declaredKeys = new Set(Object.keys(declared.inputs ?? {}));

  const rows: DriftRow[] = [];
  const hidden: string[] = [];
  for (const property of unique([...wanted.keys(), ...now.keys(), ...state.keys()])) {
    const before = state.get(property);
    const after = now.get(property);
    // Outputs the program does not declare (ids, creation times) can drift but not differ
    // from the program.
    const isDeclared = declaredKeys.has(topLevelKey(property));
    const want = isDeclared ? wanted.get(property) : after;
    if ([before, after, want].includes(UNKNOWN)) continue;
    // Masked secrets all look alike: remember them in case nothing else explains the change.
    if ([before, after, want].every((v) => v === undefined || isSecret(v))) {
      hidden.push(property);
      continue;
    }
    if (sameValue(before, after) && sameValue(after, want)) continue;

    rows.push({
      kind: sameValue(before, after) ? "program" : "drift",
      resource,
      type,
      property,
      state: show(before),
      refreshed: show(after),
      declared: isDeclared ? show(want) : NOT_DECLARED,
    });
  }

  // The engine saw a change that the JSON cannot show, so it lies in a secret (or in the provider
  // code); it cannot be attributed, and it is reported as drift to be safe.
  if (rows.length === 0) {
    const property = hidden.length > 0 ? hidden.join(", ") : "(no visible property)";
    const masked = { state: SECRET, refreshed: SECRET, declared: SECRET };
    rows.push({ kind: "drift", resource, type, property, ...masked });
  }
  return rows;
}

function goneRow(urn: string, recorded: ResourceState): DriftRow {
  return {
    kind: "drift",
    resource: nameOf(urn),
    type: typeOf(urn, recorded),
    property: "(resource)",
    state: "exists",
    refreshed: "deleted outside Pulumi",
    declared: "exists",
  };
}

/**
 * The properties a state can be compared on: the outputs, which hold what the provider read
 * from the service, with inputs filling in what the outputs lack. A provider's `read` may hand
 * back the old inputs unchanged, so refreshed inputs alone would hide the drift.
 */
function comparable(state: ResourceState): Record<string, unknown> {
  return { ...(state.inputs ?? {}), ...(state.outputs ?? {}) };
}

/**
 * Flattens nested objects into paths. Arrays of objects that carry an identity field become
 * keyed entries (`participants["8:acs:..."].role`) so that an added element shows as its own
 * rows instead of a shifted array. An empty array adds no entry, so that it compares equal to a
 * keyed array's missing elements; other arrays stay whole.
 */
function flatten(value: Record<string, unknown>, prefix = "", into = new Map<string, unknown>()) {
  for (const [key, child] of Object.entries(value)) {
    if (prefix === "" && INTERNAL_PROPERTY.test(key)) continue;
    const path = childPath(prefix, key);

    if (isPlainObject(child) && !isSecret(child)) {
      flatten(child, path, into);
    } else if (Array.isArray(child) && child.length === 0) {
      continue;
    } else if (Array.isArray(child) && identityField(child)) {
      const field = identityField(child) as string;
      for (const element of child as Record<string, unknown>[]) {
        const { [field]: id, ...rest } = element;
        const elementPath = `${path}[${JSON.stringify(id)}]`;
        if (Object.keys(rest).length === 0) into.set(elementPath, PRESENT);
        else flatten(rest, elementPath, into);
      }
    } else {
      into.set(path, child);
    }
  }
  return into;
}

function childPath(prefix: string, key: string): string {
  if (prefix === "") return key;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key)}]`;
}

function identityField(array: unknown[]): string | undefined {
  if (!array.every(isPlainObject)) return undefined;
  const elements = array as Record<string, unknown>[];
  return IDENTITY_FIELDS.find((field) => {
    const ids = elements.map((e) => e[field]);
    return ids.every((id) => typeof id === "string") && new Set(ids).size === ids.length;
  });
}

/** Deep equality in which two ISO timestamps are equal when they denote the same instant. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a === b || sameInstant(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = unique([...Object.keys(a), ...Object.keys(b)]);
    return keys.every((key) => sameValue(a[key], b[key]));
  }
  return a === b;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function sameInstant(a: string, b: string): boolean {
  if (!ISO_INSTANT.test(a) || !ISO_INSTANT.test(b)) return false;
  // Date keeps milliseconds only; the service answers with up to 7 fractional digits.
  return (
    Date.parse(a) === Date.parse(b) && fraction(a).padEnd(7, "0") === fraction(b).padEnd(7, "0")
  );
}

function fraction(instant: string): string {
  return /\.(\d+)/.exec(instant)?.[1] ?? "";
}

function show(value: unknown): string {
  if (value === undefined) return ABSENT;
  if (isSecret(value)) return SECRET;
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_key, v) => (isSecret(v) ? SECRET : v));
}

function isSecret(value: unknown): boolean {
  return value === SECRET || (isPlainObject(value) && SECRET_SIGNATURE in value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCustom(state: ResourceState & { custom?: unknown }): boolean {
  return state.custom === true;
}

/** `participants["8:acs:..."].role` → `participants`. */
function topLevelKey(path: string): string {
  return /^[^.[]+/.exec(path)?.[0] ?? path;
}

/** The resource's name: a URN ends in `::<name>`, and names may themselves contain "::". */
function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

function typeOf(urn: string, state: ResourceState): string {
  const type = state.type ?? urn.split("::")[2]?.split("$").pop() ?? "";
  return type.replace(/^pulumi-nodejs:dynamic\//, "");
}

function table(rows: DriftRow[], format: "markdown" | "plain"): string[] {
  const header = ["Resource", "Type", "Property", "In state", "Refreshed", "Declared"];
  const cells = rows.map((r) => [r.resource, r.type, r.property, r.state, r.refreshed, r.declared]);

  if (format === "markdown") {
    const line = (values: string[]) => `| ${values.map(escapeMarkdown).join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...cells.map(line)];
  }

  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
}

function escapeMarkdown(cell: string): string {
  return cell.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

if (require.main === module) {
  main(process.argv.slice(2), {
    readFile: (path) => fs.readFileSync(path, "utf8"),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
