// The event's schedule as people keep it by hand: a YAML file listing the people and the
// sessions, each with its times and who speaks, moderates, attends or only watches. This module
// reads and checks it; program.ts turns it into rooms. Every problem of a file is reported at
// once, each with its line, session, field, value, the rule and a fix.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from "yaml";

/** The ACS room roles the schedule's lists map to. */
export type Role = "Presenter" | "Attendee" | "Consumer";

/**
 * The lists of a session and the role each gives. ACS rooms have no moderator role, so
 * moderators join as Presenters, like speakers; viewers may only watch (Consumer).
 */
export const ROLE_OF_LIST = {
  speakers: "Presenter",
  moderators: "Presenter",
  attendees: "Attendee",
  viewers: "Consumer",
} as const satisfies Record<string, Role>;

type ListField = keyof typeof ROLE_OF_LIST;

/** One person in one session. */
export interface SessionParticipant {
  /** A name from the schedule's `people`. */
  person: string;
  role: Role;
}

/** One session, checked: it becomes a room and its participant set. */
export interface Session {
  /** Stable name of the session; the Pulumi resource names derive from it. */
  id: string;
  title: string;
  /** ISO-8601 instants exactly as written in the file. */
  start: string;
  end: string;
  /** Whether participants may dial out to phone numbers. */
  dialOut: boolean;
  /** Everyone in the session, in the order of the lists and of the names within them. */
  participants: SessionParticipant[];
  /** The line of the session's entry in the file. */
  line: number;
}

/** A checked schedule. */
export interface Schedule {
  /** Every person, in the file's order; each becomes a CommunicationUser. */
  people: string[];
  /** Sessions that have not ended yet, in the file's order. */
  sessions: Session[];
  /**
   * Sessions that already ended. The service deletes a room some time after it closes and
   * refuses to create one that closed, so they are left out of the stack.
   */
  ended: Session[];
}

export interface ParseOptions {
  /** Named in error messages. @defaultValue "schedule.yaml" */
  file?: string;
  /** The current time, to tell ended sessions apart. @defaultValue now */
  now?: Date;
}

/** The longest a room may stay open on ACS. */
const MAX_SESSION_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Session ids and people's names become resource names: keep them plain. */
const NAME = /^[a-z0-9][a-z0-9-]*$/;
const NAME_RULE = "must be lower-case letters, digits and hyphens, starting with a letter or digit";

/** ISO-8601 with seconds and a zone, as the service and the Room resource accept. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const EXAMPLE_INSTANT = "2026-09-14T09:00:00+02:00";

const SESSION_FIELDS = ["id", "title", "start", "end", "dialOut", ...Object.keys(ROLE_OF_LIST)];

/**
 * Reads and checks a schedule. Throws one `Error` that lists every problem of the file, each
 * line naming where it is, what is wrong and how to fix it.
 */
export function parseSchedule(text: string, options: ParseOptions = {}): Schedule {
  const file = options.file ?? "schedule.yaml";
  const now = (options.now ?? new Date()).getTime();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems = new Problems(file, lines);

  for (const error of doc.errors) {
    problems.addAt(
      error.pos[0],
      `is not valid YAML: ${firstLine(error.message)}`,
      "fix the syntax",
    );
  }
  problems.throwIfAny();
  const root = doc.contents;
  if (!isMap(root)) {
    problems.addAt(0, "must be a mapping with `people` and `sessions`", "see the example file");
    return problems.throwAll();
  }

  const people = readPeople(root as YAMLMap, problems);
  const sessions = readSessions(root as YAMLMap, new Set(people), problems);
  for (const pair of root.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (key !== "people" && key !== "sessions") {
      problems.add(pair.key as Node, `top-level field "${key}"`, "is not known", "remove it");
    }
  }
  problems.throwIfAny();

  return {
    people,
    sessions: sessions.filter((s) => Date.parse(s.end) > now),
    ended: sessions.filter((s) => Date.parse(s.end) <= now),
  };
}

function readPeople(root: YAMLMap, problems: Problems): string[] {
  const node = root.get("people", true);
  if (!isSeq(node)) {
    problems.add(node ?? root, "people", "must be a list of names", "add `people: [ana, omar]`");
    return [];
  }

  const people: string[] = [];
  for (const item of node.items) {
    const name = isScalar(item) ? item.value : undefined;
    if (typeof name !== "string" || !NAME.test(name)) {
      problems.add(item as Node, `people entry ${show(name)}`, NAME_RULE, "rename the person");
    } else if (people.includes(name)) {
      problems.add(item as Node, `people entry "${name}"`, "is listed twice", "keep one");
    } else {
      people.push(name);
    }
  }
  return people;
}

function readSessions(root: YAMLMap, people: Set<string>, problems: Problems): Session[] {
  const node = root.get("sessions", true);
  if (!isSeq(node) || node.items.length === 0) {
    problems.add(node ?? root, "sessions", "must be a non-empty list", "add a session");
    return [];
  }

  const sessions: Session[] = [];
  const ids = new Set<string>();
  node.items.forEach((item, index) => {
    if (!isMap(item)) {
      problems.add(item as Node, `session #${index + 1}`, "must be a mapping", "see the example");
      return;
    }
    const idNode = item.get("id", true) as Node | undefined;
    const id = isScalar(idNode) ? idNode.value : undefined;
    if (typeof id === "string" && ids.has(id)) {
      const fix = "give each session its own id";
      problems.add(idNode as Node, `session "${id}", id`, "is used by an earlier session", fix);
    }
    if (typeof id === "string") ids.add(id);

    const session = readSession(item, index, people, problems);
    if (session) sessions.push(session);
  });
  return sessions;
}

function readSession(
  node: YAMLMap,
  index: number,
  people: Set<string>,
  problems: Problems,
): Session | undefined {
  const before = problems.count;
  const idNode = node.get("id", true) as Node | undefined;
  const id = isScalar(idNode) ? idNode.value : undefined;
  const label =
    typeof id === "string" && NAME.test(id) ? `session "${id}"` : `session #${index + 1}`;

  if (typeof id !== "string" || !NAME.test(id)) {
    const fix = "set `id:` to a short stable name such as `keynote`; rooms are matched by it";
    problems.add(idNode ?? node, `${label}, id ${show(id)}`, NAME_RULE, fix);
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!SESSION_FIELDS.includes(key)) {
      const hint = closest(key, SESSION_FIELDS);
      const fix = hint ? `did you mean "${hint}"?` : `use one of ${SESSION_FIELDS.join(", ")}`;
      problems.add(pair.key as Node, `${label}, field "${key}"`, "is not known", fix);
    }
  }

  const title = node.get("title", true) as Node | undefined;
  const titleText = isScalar(title) ? title.value : undefined;
  if (typeof titleText !== "string" || titleText.trim() === "") {
    problems.add(title ?? node, `${label}, title`, "must be a non-empty text", "add `title:`");
  }

  const start = readInstant(node, "start", label, problems);
  const end = readInstant(node, "end", label, problems);
  if (start && end) checkWindow(node, label, start, end, problems);

  const dialOut: unknown = node.has("dialOut") ? node.get("dialOut") : false;
  if (typeof dialOut !== "boolean") {
    const where = `${label}, dialOut ${show(String(dialOut))}`;
    const fix = "write `dialOut: true` or leave it out";
    problems.add(node.get("dialOut", true) as Node, where, "must be true or false", fix);
  }

  const participants = readParticipants(node, label, people, problems);
  if (problems.count > before) return undefined;
  return {
    id: id as string,
    title: titleText as string,
    start: (start as { text: string }).text,
    end: (end as { text: string }).text,
    dialOut: dialOut as boolean,
    participants,
    line: problems.lineOf(node),
  };
}

function readInstant(
  node: YAMLMap,
  field: "start" | "end",
  label: string,
  problems: Problems,
): { text: string; ms: number } | undefined {
  const valueNode = node.get(field, true) as Node | undefined;
  const value = isScalar(valueNode) ? valueNode.value : undefined;
  if (typeof value === "string" && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    return { text: value, ms: Date.parse(value) };
  }
  problems.add(
    valueNode ?? node,
    `${label}, ${field} ${show(value)}`,
    "must be a date-time with a time zone",
    `write it like ${EXAMPLE_INSTANT}`,
  );
  return undefined;
}

function checkWindow(
  node: YAMLMap,
  label: string,
  start: { text: string; ms: number },
  end: { text: string; ms: number },
  problems: Problems,
): void {
  const endNode = node.get("end", true) as Node;
  if (end.ms <= start.ms) {
    problems.add(
      endNode,
      `${label}, end "${end.text}"`,
      `is not after start "${start.text}"`,
      "move end later or start earlier",
    );
  } else if (end.ms - start.ms > MAX_SESSION_DAYS * DAY_MS) {
    problems.add(
      endNode,
      `${label}, end "${end.text}"`,
      `is more than ${MAX_SESSION_DAYS} days after start "${start.text}", ` +
        "longer than ACS keeps a room open",
      "split the session or shorten it",
    );
  }
}

function readParticipants(
  node: YAMLMap,
  label: string,
  people: Set<string>,
  problems: Problems,
): SessionParticipant[] {
  const participants: SessionParticipant[] = [];
  const listOf = new Map<string, ListField>();

  for (const field of Object.keys(ROLE_OF_LIST) as ListField[]) {
    const list = node.get(field, true) as Node | undefined;
    if (list === undefined) continue;
    if (!isSeq(list)) {
      problems.add(
        list,
        `${label}, ${field}`,
        "must be a list of names",
        `write \`${field}: [ana, omar]\``,
      );
      continue;
    }
    for (const item of list.items) {
      const person = isScalar(item) ? item.value : undefined;
      const where = `${label}, ${field} entry ${show(person)}`;
      if (typeof person !== "string" || !people.has(person)) {
        const hint = typeof person === "string" ? closest(person, [...people]) : undefined;
        const fix = hint ? `did you mean "${hint}"?` : "add the person to `people` first";
        problems.add(item as Node, where, "is not one of the schedule's people", fix);
      } else if (listOf.has(person)) {
        const rule = `is already in ${listOf.get(person)}; a person has one role per session`;
        problems.add(item as Node, where, rule, "keep the name in one list");
      } else {
        listOf.set(person, field);
        participants.push({ person, role: ROLE_OF_LIST[field] });
      }
    }
  }
  return participants;
}

/** Collects problems with their lines and throws them together. */
class Problems {
  private readonly problems: { line: number; text: string }[] = [];

  constructor(
    private readonly file: string,
    private readonly counter: LineCounter,
  ) {}

  get count(): number {
    return this.problems.length;
  }

  /** A problem at a node: `where` names the session, field and value. */
  add(node: Node | YAMLMap, where: string, rule: string, fix: string): void {
    this.problems.push({ line: this.lineOf(node), text: `${where} ${rule}; ${fix}` });
  }

  addAt(offset: number, rule: string, fix: string): void {
    this.problems.push({
      line: this.counter.linePos(offset).line,
      text: `the file ${rule}; ${fix}`,
    });
  }

  lineOf(node: Node | YAMLMap): number {
    return this.counter.linePos(node.range?.[0] ?? 0).line;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) this.throwAll();
  }

  /** Throws every problem, in the order of the file's lines. */
  throwAll(): never {
    const count = this.problems.length === 1 ? "1 problem" : `${this.problems.length} problems`;
    const lines = [...this.problems]
      .sort((a, b) => a.line - b.line)
      .map((p) => `  line ${p.line}: ${p.text}`);
    throw new Error(`${this.file} has ${count}:\n${lines.join("\n")}`);
  }
}

/** The candidate within edit distance 2 of `word`, if exactly one is closest. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

function show(value: unknown): string {
  return value === undefined ? "(missing)" : JSON.stringify(value);
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}
