/**
 * The RoomParticipantSet provider: a room's participants, managed either as the room's whole
 * list (authoritative) or as a few entries among others (additive). Every change is the
 * smallest one that reaches the declared list, sent in chunks.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { RoomsClient } from "@azure/communication-rooms";

import { roomsClient } from "./clients";
import { type Connection, endpointMoves, resolveConnection, storedConnection } from "./connection";
import { PartialFailureError, explain, isNotFound, serviceError, storedProps } from "./errors";
import { DEFAULT_MODE, type Mode, checkParticipantSetInputs } from "./participant-set-checks";
import {
  DEFAULT_ROLE,
  PARTICIPANTS_PER_PATCH,
  type Participant,
  type ParticipantMap,
  type ParticipantPlan,
  type Role,
  applyPlan,
  listRoomParticipants,
  pick,
  planParticipants,
  planSize,
  sameParticipants,
  sortById,
  toList,
  withApplied,
} from "./participants";
import { Failures, containsUnknown, isUnknown, resourceLabel } from "./validation";

/** The set's inputs as the engine passes them, after `check` filled in the defaults. */
export interface ParticipantSetInputs {
  __resourceName: string;
  __provider?: string;
  roomId: string;
  participants: Array<{ id: string; role?: Role }>;
  mode?: Mode;
  connectionString?: string;
  endpoint?: string;
}

/** The set's outputs, stored in state; `read` and `delete` receive only these. */
export interface ParticipantSetOutputs {
  __resourceName: string;
  roomId: string;
  mode: Mode;
  /**
   * Authoritative: the room's whole list. Additive: the set's own entries as the room holds
   * them. Sorted by id.
   */
  participants: Participant[];
  endpoint: string;
  connectionString?: string;
}

/** Settings of a participant set provider; tests shrink the chunk size. */
export interface ParticipantSetProviderOptions {
  /** Participants per PATCH. @defaultValue {@link PARTICIPANTS_PER_PATCH} */
  participantsPerPatch?: number;
}

/** Makes the participant set provider's implementation. */
export function participantSetProvider(options: ParticipantSetProviderOptions = {}) {
  const perPatch = options.participantsPerPatch ?? PARTICIPANTS_PER_PATCH;

  async function check(
    _olds: ParticipantSetInputs,
    news: ParticipantSetInputs,
  ): Promise<dynamic.CheckResult<ParticipantSetInputs>> {
    const failures = new Failures(label(news));
    checkParticipantSetInputs(failures, news);
    if (failures.list.length > 0) return { failures: failures.list };

    const participants = isUnknown(news.participants)
      ? news.participants
      : news.participants.map((p) =>
          isUnknown(p) ? p : { id: p.id, role: p.role ?? DEFAULT_ROLE },
        );
    return { inputs: { ...news, participants, mode: news.mode ?? DEFAULT_MODE }, failures: [] };
  }

  async function diff(
    _id: string,
    olds: ParticipantSetOutputs,
    news: ParticipantSetInputs,
  ): Promise<dynamic.DiffResult> {
    const replaces: string[] = [];
    if (isUnknown(news.roomId) || news.roomId !== olds.roomId) replaces.push("roomId");
    if (endpointMoves(label(news), news, olds.endpoint)) replaces.push("endpoint");

    const listChanges =
      containsUnknown(news.participants) ||
      !sameParticipants(olds.participants, declaredList(news));
    const changes =
      replaces.length > 0 ||
      listChanges ||
      news.mode !== olds.mode ||
      news.connectionString !== olds.connectionString;
    return { changes, replaces, deleteBeforeReplace: false };
  }

  async function create(
    inputs: ParticipantSetInputs,
  ): Promise<dynamic.CreateResult<ParticipantSetOutputs>> {
    const connection = resolveConnection(label(inputs), inputs);
    const outs = await reconcile(connection, inputs, [], inputs.__provider);
    return { id: inputs.roomId, outs };
  }

  async function read(
    id: string,
    stored?: ParticipantSetOutputs,
  ): Promise<dynamic.ReadResult<ParticipantSetOutputs>> {
    const props = storedProps("RoomParticipantSet", id, stored);
    const name = label(props);
    const connection = storedConnection(name, props);
    const client = await roomsClient(connection);

    let actual: ParticipantMap;
    try {
      actual = await listRoomParticipants(client, props.roomId);
    } catch (error) {
      // 404: the room is gone, and its participants with it.
      if (isNotFound(error)) return {};
      throw serviceError(name, `could not list the participants of room ${props.roomId}`, error);
    }

    const participants =
      props.mode === "additive"
        ? pick(
            actual,
            props.participants.map((p) => p.id),
          )
        : toList(actual);
    return { id, props: { ...props, participants } };
  }

  async function update(
    _id: string,
    olds: ParticipantSetOutputs,
    news: ParticipantSetInputs,
  ): Promise<dynamic.UpdateResult<ParticipantSetOutputs>> {
    const name = label(news);
    const connection = resolveConnection(name, news);
    if (connection.endpoint !== olds.endpoint) {
      throw new Error(
        `${name}: the participants of room ${olds.roomId} live on ${olds.endpoint}, but ` +
          `${connection.source} now names ${connection.endpoint}; run \`pulumi up\` again to ` +
          `replace the set, or point the settings back at ${olds.endpoint}.`,
      );
    }
    const owned = olds.participants.map((p) => p.id);
    const outs = await reconcile(connection, news, owned, news.__provider);
    return { outs };
  }

  async function remove(_id: string, props: ParticipantSetOutputs): Promise<void> {
    const name = label(props);
    const connection = storedConnection(name, props);
    const client = await roomsClient(connection);
    const action = `could not remove the participants of room ${props.roomId}`;

    try {
      const actual =
        props.mode === "additive"
          ? new Map(props.participants.map((p) => [p.id, p.role] as const))
          : await listRoomParticipants(client, props.roomId);
      const plan: ParticipantPlan = { upserts: [], removals: [...actual.keys()].sort() };
      await applyPlan(client, props.roomId, plan, perPatch, { upserts: [], removals: [] });
    } catch (error) {
      // 404: the room is already gone, and its participants with it.
      if (isNotFound(error)) return;
      throw serviceError(name, action, error);
    }
  }

  /**
   * Brings the room's list to the declared one and returns the outputs. A failure after some
   * PATCHes succeeded is a {@link PartialFailureError} holding the list as it now is, so the
   * engine records the set and the next `up` finishes the job.
   */
  async function reconcile(
    connection: Connection,
    inputs: ParticipantSetInputs,
    owned: string[],
    providerText: string | undefined,
  ): Promise<ParticipantSetOutputs> {
    const name = label(inputs);
    const mode = inputs.mode ?? DEFAULT_MODE;
    const declared = declaredList(inputs);
    const client = await roomsClient(connection);
    const where = `room ${inputs.roomId} on ${connection.endpoint}`;

    const actual = await listForChange(client, name, inputs.roomId, connection.endpoint);
    const plan = planParticipants({ mode, declared, actual, owned });
    const applied: ParticipantPlan = { upserts: [], removals: [] };
    const outputs = (participants: Participant[]): ParticipantSetOutputs => ({
      __resourceName: inputs.__resourceName,
      roomId: inputs.roomId,
      mode,
      participants,
      endpoint: connection.endpoint,
      ...(inputs.connectionString !== undefined
        ? { connectionString: inputs.connectionString }
        : {}),
    });

    try {
      await applyPlan(client, inputs.roomId, plan, perPatch, applied);
    } catch (error) {
      const reason = explain(error);
      const message = `${name}: could not update the participants of ${where}: ${reason}`;
      if (planSize(applied) === 0) throw new Error(message, { cause: error });

      const now = withApplied(actual, applied);
      const participants =
        mode === "additive" ? pick(now, [...declared.map((p) => p.id), ...owned]) : toList(now);
      const done = `${planSize(applied)} of ${planSize(plan)} changes were made`;
      const full = `${message} (${done}; the next \`pulumi up\` makes the rest)`;
      // The engine shows only the reasons of a partial failure, so they carry the whole story.
      throw new PartialFailureError(
        full,
        inputs.roomId,
        { ...outputs(participants), ...(providerText ? { __provider: providerText } : {}) },
        [full],
        { cause: error },
      );
    }
    return outputs(declared);
  }

  return { check, diff, create, read, update, delete: remove } satisfies dynamic.ResourceProvider<
    ParticipantSetInputs,
    ParticipantSetOutputs
  >;
}

/** The participant set provider's implementation, called by the serialized provider. */
export const participantSet = participantSetProvider();

async function listForChange(
  client: RoomsClient,
  name: string,
  roomId: string,
  endpoint: string,
): Promise<ParticipantMap> {
  try {
    return await listRoomParticipants(client, roomId);
  } catch (error) {
    if (isNotFound(error)) {
      throw new Error(
        `${name}: roomId "${roomId}" names no room on ${endpoint}; pass the roomId of an ` +
          `existing room (a Room's roomId output, or one listed by listRooms()).`,
        { cause: error },
      );
    }
    const action = `could not list the participants of room ${roomId} on ${endpoint}`;
    throw serviceError(name, action, error);
  }
}

function declaredList(inputs: ParticipantSetInputs): Participant[] {
  return sortById(inputs.participants.map((p) => ({ id: p.id, role: p.role ?? DEFAULT_ROLE })));
}

function label(props: { __resourceName?: string }): string {
  return resourceLabel("RoomParticipantSet", props.__resourceName);
}
