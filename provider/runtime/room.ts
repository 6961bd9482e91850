/**
 * The Room provider: one ACS room per resource. Times and the dial-out flag change in place; a
 * room never moves to another ACS resource, so a new endpoint means a new room. Values the
 * service chose for inputs left out (default times) are kept and never reported as a change.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CommunicationRoom, RoomsClient } from "@azure/communication-rooms";

import { roomsClient } from "./clients";
import { type Connection, endpointMoves, resolveConnection, storedConnection } from "./connection";
import { attempt, isNotFound, serviceError, storedProps } from "./errors";
import { checkRoomInputs } from "./room-checks";
import { type RoomInfo, roomInfo } from "./room-info";
import { sameInstant, toIsoUtc } from "./times";
import { Failures, isUnknown, resourceLabel } from "./validation";

/** The Room's inputs as the engine passes them, after `check`. */
export interface RoomInputs {
  /** The resource's name, for messages. */
  __resourceName: string;
  validFrom?: string;
  validUntil?: string;
  pstnDialOutEnabled?: boolean;
  adoptRoomId?: string;
  connectionString?: string;
  endpoint?: string;
}

/**
 * The Room's outputs, stored in state; `read` and `delete` receive only these. They describe the
 * room as the lookup functions do, plus what the resource keeps about itself.
 */
export interface RoomOutputs extends RoomInfo {
  __resourceName: string;
  /** The per-resource connection string, when one was given (a secret in state). */
  connectionString?: string;
  adoptRoomId?: string;
}

/** The room provider's implementation, called by the serialized provider. */
export const room = {
  check,
  diff,
  create,
  read,
  update,
  delete: remove,
} satisfies dynamic.ResourceProvider<RoomInputs, RoomOutputs>;

async function check(
  _olds: RoomInputs,
  news: RoomInputs,
): Promise<dynamic.CheckResult<RoomInputs>> {
  const failures = new Failures(label(news));
  checkRoomInputs(failures, news, Date.now());

  const inputs = { ...news, pstnDialOutEnabled: news.pstnDialOutEnabled ?? false };
  return { inputs, failures: failures.list };
}

async function diff(_id: string, olds: RoomOutputs, news: RoomInputs): Promise<dynamic.DiffResult> {
  const replaces: string[] = [];
  if (endpointMoves(label(news), news, olds.endpoint)) replaces.push("endpoint");
  if (news.adoptRoomId !== undefined && news.adoptRoomId !== olds.roomId)
    replaces.push("adoptRoomId");

  const settingsChange = news.connectionString !== olds.connectionString;
  const changes = replaces.length > 0 || settingsChange || roomChanges(olds, news);
  return { changes, replaces, deleteBeforeReplace: false };
}

async function create(inputs: RoomInputs): Promise<dynamic.CreateResult<RoomOutputs>> {
  const name = label(inputs);
  const connection = resolveConnection(name, inputs);
  const client = await roomsClient(connection);

  if (inputs.adoptRoomId !== undefined) {
    const adopted = await adopt(client, connection, inputs);
    return { id: adopted.id, outs: roomOutputs(inputs, connection, adopted) };
  }

  const created = await attempt(name, `could not create a room on ${connection.endpoint}`, () =>
    client.createRoom({ ...timesToSend(inputs), pstnDialOutEnabled: inputs.pstnDialOutEnabled }),
  );
  return { id: created.id, outs: roomOutputs(inputs, connection, created) };
}

async function read(id: string, stored?: RoomOutputs): Promise<dynamic.ReadResult<RoomOutputs>> {
  const props = storedProps("Room", id, stored);
  const name = label(props);
  const roomId = props.roomId ?? id;
  const connection = storedConnection(name, props);
  const client = await roomsClient(connection);

  try {
    const current = await client.getRoom(roomId);
    return { id: roomId, props: roomOutputs(props, connection, current) };
  } catch (error) {
    // 404: the room was deleted out of band or expired; no id tells the engine it is gone.
    if (isNotFound(error)) return {};
    throw serviceError(name, `could not read room ${roomId} on ${connection.endpoint}`, error);
  }
}

async function update(
  id: string,
  olds: RoomOutputs,
  news: RoomInputs,
): Promise<dynamic.UpdateResult<RoomOutputs>> {
  const name = label(news);
  const roomId = olds.roomId ?? id;
  const connection = resolveConnection(name, news);
  if (connection.endpoint !== olds.endpoint) {
    throw new Error(
      `${name}: room ${roomId} lives on ${olds.endpoint}, but ${connection.source} now names ` +
        `${connection.endpoint}; a room cannot move between ACS resources, so run \`pulumi up\` ` +
        `again to replace it, or point the settings back at ${olds.endpoint}.`,
    );
  }
  const client = await roomsClient(connection);

  const patch = roomPatch(olds, news);
  const action = `could not update room ${roomId} on ${connection.endpoint}`;
  // With nothing to change (a rotated key), reading the room proves the new key works.
  const current = await attempt(name, action, () =>
    patch ? client.updateRoom(roomId, patch) : client.getRoom(roomId),
  );
  return { outs: roomOutputs(news, connection, current) };
}

async function remove(id: string, props: RoomOutputs): Promise<void> {
  const name = label(props);
  const roomId = props.roomId ?? id;
  const connection = storedConnection(name, props);
  const client = await roomsClient(connection);

  try {
    await client.deleteRoom(roomId);
  } catch (error) {
    // 404: already gone (deleted out of band, or by the service after validUntil).
    if (isNotFound(error)) return;
    throw serviceError(name, `could not delete room ${roomId} on ${connection.endpoint}`, error);
  }
}

/**
 * Takes over an existing room: it must exist on the resolved endpoint, and is brought to the
 * declared times and flag. Nothing is created, so a failure leaves nothing to clean up.
 */
async function adopt(
  client: RoomsClient,
  connection: Connection,
  inputs: RoomInputs,
): Promise<CommunicationRoom> {
  const name = label(inputs);
  const roomId = inputs.adoptRoomId as string;

  let existing: CommunicationRoom;
  try {
    existing = await client.getRoom(roomId);
  } catch (error) {
    if (isNotFound(error)) {
      throw new Error(
        `${name}: adoptRoomId "${roomId}" names no room on ${connection.endpoint}; check the id ` +
          `(listRooms() lists the rooms there) or remove adoptRoomId to create a new room.`,
        { cause: error },
      );
    }
    throw serviceError(name, `could not read room ${roomId} to adopt it`, error);
  }

  const patch = roomPatch(describeRoom(existing), inputs);
  if (!patch) return existing;
  return attempt(name, `could not update room ${roomId} while adopting it`, () =>
    client.updateRoom(roomId, patch),
  );
}

/** The room's current values as ISO strings, the shape outputs and patches compare against. */
interface RoomValues {
  validFrom: string;
  validUntil: string;
  pstnDialOutEnabled: boolean;
}

/**
 * The update that brings `current` to the declared inputs, or undefined when they already
 * match. Times are compared as instants and always sent together (the service refuses one
 * alone); the flag is sent only when it changes.
 */
export function roomPatch(
  current: RoomValues,
  news: RoomInputs,
): { validFrom?: Date; validUntil?: Date; pstnDialOutEnabled?: boolean } | undefined {
  const timesChange =
    (news.validFrom !== undefined && !sameInstant(news.validFrom, current.validFrom)) ||
    (news.validUntil !== undefined && !sameInstant(news.validUntil, current.validUntil));
  const flagChanges =
    news.pstnDialOutEnabled !== undefined && news.pstnDialOutEnabled !== current.pstnDialOutEnabled;
  if (!timesChange && !flagChanges) return undefined;

  return {
    ...(timesChange
      ? {
          validFrom: new Date(news.validFrom ?? current.validFrom),
          validUntil: new Date(news.validUntil ?? current.validUntil),
        }
      : {}),
    ...(flagChanges ? { pstnDialOutEnabled: news.pstnDialOutEnabled } : {}),
  };
}

function roomChanges(olds: RoomOutputs, news: RoomInputs): boolean {
  const declared = [news.validFrom, news.validUntil, news.pstnDialOutEnabled];
  if (declared.some(isUnknown)) return true;
  return roomPatch(olds, news) !== undefined;
}

function timesToSend(inputs: RoomInputs): { validFrom?: Date; validUntil?: Date } {
  return {
    ...(inputs.validFrom !== undefined ? { validFrom: new Date(inputs.validFrom) } : {}),
    ...(inputs.validUntil !== undefined ? { validUntil: new Date(inputs.validUntil) } : {}),
  };
}

function describeRoom(current: CommunicationRoom): RoomValues {
  return {
    validFrom: toIsoUtc(current.validFrom),
    validUntil: toIsoUtc(current.validUntil),
    pstnDialOutEnabled: current.pstnDialOutEnabled,
  };
}

/** Outputs from the service's room plus what the resource keeps about itself. */
function roomOutputs(
  own: { __resourceName: string; connectionString?: string; adoptRoomId?: string },
  connection: Connection,
  current: CommunicationRoom,
): RoomOutputs {
  return {
    __resourceName: own.__resourceName,
    ...roomInfo(current, connection),
    ...(own.connectionString !== undefined ? { connectionString: own.connectionString } : {}),
    ...(own.adoptRoomId !== undefined ? { adoptRoomId: own.adoptRoomId } : {}),
  };
}

function label(props: { __resourceName?: string }): string {
  return resourceLabel("Room", props.__resourceName);
}
