/**
 * The CommunicationUser provider: one ACS identity per resource, made with the Identity SDK.
 * The Identity API has no way to read a user back, so `read` keeps the stored state: a user
 * deleted out of band is not noticed by refresh (deleting it again is harmless).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

import { identityClient } from "./clients";
import { endpointMoves, resolveConnection, storedConnection } from "./connection";
import { attempt, isNotFound, serviceError, storedProps } from "./errors";
import { checkConnectionInputs } from "./setting-checks";
import { Failures, resourceLabel } from "./validation";

/** The user's inputs: only where to create it. */
export interface UserInputs {
  __resourceName: string;
  connectionString?: string;
  endpoint?: string;
}

/** The user's outputs, stored in state. */
export interface UserOutputs {
  __resourceName: string;
  /** The raw ACS user id, `8:acs:<resource id>_<user id>`; also the resource id. */
  communicationUserId: string;
  endpoint: string;
  connectionString?: string;
}

/** The user provider's implementation, called by the serialized provider. */
export const user = {
  check,
  diff,
  create,
  read,
  update,
  delete: remove,
} satisfies dynamic.ResourceProvider<UserInputs, UserOutputs>;

async function check(
  _olds: UserInputs,
  news: UserInputs,
): Promise<dynamic.CheckResult<UserInputs>> {
  const failures = new Failures(label(news));
  checkConnectionInputs(failures, news);
  return { inputs: news, failures: failures.list };
}

async function diff(_id: string, olds: UserOutputs, news: UserInputs): Promise<dynamic.DiffResult> {
  // A user belongs to one ACS resource; another endpoint needs another user.
  const moves = endpointMoves(label(news), news, olds.endpoint);
  const changes = moves || news.connectionString !== olds.connectionString;
  return { changes, replaces: moves ? ["endpoint"] : [], deleteBeforeReplace: false };
}

async function create(inputs: UserInputs): Promise<dynamic.CreateResult<UserOutputs>> {
  const name = label(inputs);
  const connection = resolveConnection(name, inputs);
  const client = await identityClient(connection);

  const created = await attempt(name, `could not create a user on ${connection.endpoint}`, () =>
    client.createUser(),
  );
  const outs: UserOutputs = {
    __resourceName: inputs.__resourceName,
    communicationUserId: created.communicationUserId,
    endpoint: connection.endpoint,
    ...(inputs.connectionString !== undefined ? { connectionString: inputs.connectionString } : {}),
  };
  return { id: created.communicationUserId, outs };
}

async function read(id: string, stored?: UserOutputs): Promise<dynamic.ReadResult<UserOutputs>> {
  const props = storedProps("CommunicationUser", id, stored);
  // The Identity API cannot read a user; keeping the state as it is is all refresh can do.
  return { id, props };
}

async function update(
  _id: string,
  olds: UserOutputs,
  news: UserInputs,
): Promise<dynamic.UpdateResult<UserOutputs>> {
  // Only the connection string can change in place; nothing in the service changes with it.
  const outs: UserOutputs = {
    __resourceName: news.__resourceName,
    communicationUserId: olds.communicationUserId,
    endpoint: olds.endpoint,
    ...(news.connectionString !== undefined ? { connectionString: news.connectionString } : {}),
  };
  return { outs };
}

async function remove(id: string, props: UserOutputs): Promise<void> {
  const name = label(props);
  const userId = props.communicationUserId ?? id;
  const connection = storedConnection(name, props);
  const client = await identityClient(connection);

  try {
    await client.deleteUser({ communicationUserId: userId });
  } catch (error) {
    // 404: the user is already gone.
    if (isNotFound(error)) return;
    throw serviceError(name, `could not delete user ${userId} on ${connection.endpoint}`, error);
  }
}

function label(props: { __resourceName?: string }): string {
  return resourceLabel("CommunicationUser", props.__resourceName);
}
