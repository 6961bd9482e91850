/**
 * Room participants as the providers reason about them: raw ACS user ids with a role, the
 * smallest change between two lists, and sending that change in as few PATCH calls as the
 * service allows.
 */
import type { RoomParticipant, RoomsClient } from "@azure/communication-rooms";

/** The roles a room participant can have. */
export const ROLES = ["Presenter", "Attendee", "Consumer", "Collaborator"] as const;

/** A room participant's role; Attendee unless said otherwise. */
export type Role = (typeof ROLES)[number];

/** The role a participant gets when none is given, as the service and SDKs do. */
export const DEFAULT_ROLE: Role = "Attendee";

/**
 * How many participants one PATCH carries at most. The service documents no limit; real calls
 * hold at most 350 people, so a change of that size still goes out in a handful of requests.
 */
export const PARTICIPANTS_PER_PATCH = 100;

/** One participant: an ACS user's raw id (`8:acs:...`) and its role. */
export interface Participant {
  /** The ACS user's raw id. */
  id: string;
  /** The participant's role in the room. */
  role: Role;
}

/**
 * What has to happen to a room's list: upserts add people or change their
 * role, removals take them out.
 */
export interface ParticipantPlan {
  upserts: Participant[];
  removals: string[];
}

/** A room's participants by raw id. */
export type ParticipantMap = Map<string, Role>;

/**
 * The smallest change from `actual` to what the set declares. Authoritative sets own the whole
 * list, so anyone undeclared is removed; additive sets only remove the entries they owned
 * before (`owned`) and no longer declare.
 */
export function planParticipants(args: {
  mode: "authoritative" | "additive";
  declared: Participant[];
  actual: ParticipantMap;
  owned: string[];
}): ParticipantPlan {
  const declaredIds = new Set(args.declared.map((p) => p.id));
  const upserts = args.declared.filter((p) => args.actual.get(p.id) !== p.role);
  const candidates = args.mode === "authoritative" ? [...args.actual.keys()] : args.owned;
  const removals = candidates.filter((id) => !declaredIds.has(id) && args.actual.has(id));
  return { upserts: sortById(upserts), removals: [...new Set(removals)].sort() };
}

/** The number of changes in a plan. */
export function planSize(plan: ParticipantPlan): number {
  return plan.upserts.length + plan.removals.length;
}

/**
 * Sends a plan in chunks of `perPatch`, removals first so that a full room has space for the
 * people being added. The service takes upserts and removals in one PATCH, so a plan of up to
 * `perPatch` changes is one call. Every chunk that succeeds is recorded in `applied`, so a caller
 * whose later chunk fails knows exactly what changed.
 */
export async function applyPlan(
  client: RoomsClient,
  roomId: string,
  plan: ParticipantPlan,
  perPatch: number,
  applied: ParticipantPlan,
): Promise<void> {
  const generated = generatedClient(client);
  if (!generated) {
    await applyPlanInTwoKinds(client, roomId, plan, perPatch, applied);
    return;
  }

  const changes: { id: string; role: Role | null }[] = [
    ...plan.removals.map((id) => ({ id, role: null })),
    ...plan.upserts,
  ];
  for (const chunk of chunks(changes, perPatch)) {
    const participants = Object.fromEntries(
      chunk.map(({ id, role }) => [id, role === null ? null : { role }]),
    );
    await generated.participants.update(roomId, { participants });
    for (const { id, role } of chunk) {
      if (role === null) applied.removals.push(id);
      else applied.upserts.push({ id, role });
    }
  }
}

/**
 * The REST client generated from the service's spec, which RoomsClient 1.2.0 keeps in its
 * `client` field. Its participants.update sends the merge-patch body as given, so one call can
 * carry both roles and `null` removals; RoomsClient's public methods send one kind per call.
 */
interface GeneratedRoomsClient {
  participants: {
    update(
      roomId: string,
      options: { participants: Record<string, { role: Role } | null> },
    ): Promise<unknown>;
  };
}

/** The SDK's generated client, or undefined should a future SDK keep it elsewhere. */
export function generatedClient(client: RoomsClient): GeneratedRoomsClient | undefined {
  const inner = (client as unknown as { client?: Partial<GeneratedRoomsClient> }).client;
  return typeof inner?.participants?.update === "function"
    ? (inner as GeneratedRoomsClient)
    : undefined;
}

/** The public SDK calls: a PATCH of removals, then one of upserts (per chunk of each). */
async function applyPlanInTwoKinds(
  client: RoomsClient,
  roomId: string,
  plan: ParticipantPlan,
  perPatch: number,
  applied: ParticipantPlan,
): Promise<void> {
  for (const chunk of chunks(plan.removals, perPatch)) {
    await client.removeParticipants(
      roomId,
      chunk.map((id) => ({ communicationUserId: id })),
    );
    applied.removals.push(...chunk);
  }
  for (const chunk of chunks(plan.upserts, perPatch)) {
    const patch = chunk.map((p) => ({ id: { communicationUserId: p.id }, role: p.role }));
    await client.addOrUpdateParticipants(roomId, patch);
    applied.upserts.push(...chunk);
  }
}

/** Reads every page of a room's participants (the SDK iterator follows each nextLink). */
export async function listRoomParticipants(
  client: RoomsClient,
  roomId: string,
): Promise<ParticipantMap> {
  const found: ParticipantMap = new Map();
  for await (const participant of client.listParticipants(roomId)) {
    found.set(rawIdOf(participant), participant.role);
  }
  return found;
}

/** A room's list after `applied` was made to `actual`. */
export function withApplied(actual: ParticipantMap, applied: ParticipantPlan): ParticipantMap {
  const result = new Map(actual);
  for (const p of applied.upserts) result.set(p.id, p.role);
  for (const id of applied.removals) result.delete(id);
  return result;
}

/** The entries of `ids` that `actual` holds, with their actual roles, sorted by id. */
export function pick(actual: ParticipantMap, ids: Iterable<string>): Participant[] {
  const result: Participant[] = [];
  for (const id of new Set(ids)) {
    const role = actual.get(id);
    if (role !== undefined) result.push({ id, role });
  }
  return sortById(result);
}

/** A participant map as a sorted list. */
export function toList(map: ParticipantMap): Participant[] {
  return pick(map, map.keys());
}

/** True when two lists hold the same ids with the same roles, in any order. */
export function sameParticipants(a: Participant[], b: Participant[]): boolean {
  if (a.length !== b.length) return false;
  const roles = new Map(a.map((p) => [p.id, p.role]));
  return b.every((p) => roles.get(p.id) === p.role);
}

/** A copy sorted by id, the order outputs use so that state does not churn. */
export function sortById(list: Participant[]): Participant[] {
  return [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

// Only ACS users can be room participants, and the SDK reads their raw ids back as
// communicationUser identifiers; any other kind still carries its raw id.
function rawIdOf(participant: RoomParticipant): string {
  const id = participant.id as { communicationUserId?: string; rawId?: string };
  return id.communicationUserId ?? id.rawId ?? JSON.stringify(participant.id);
}
