/**
 * SDK clients, made for one call from a resolved {@link Connection}. Nothing is cached: the
 * settings may change between calls (a rotated key, a new stack config), and a client is cheap.
 */
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { RoomsClient } from "@azure/communication-rooms";
import type { TokenCredential } from "@azure/core-auth";

import type { Connection } from "./connection";

/** A Rooms client for the connection: its key when one is known, Entra ID otherwise. */
export async function roomsClient(connection: Connection): Promise<RoomsClient> {
  const options = clientOptions(connection);
  if (connection.connectionString !== undefined) {
    return new RoomsClient(connection.connectionString, options);
  }
  return new RoomsClient(connection.endpoint, await entraCredential(), options);
}

/** An Identity client for the connection: its key when one is known, Entra ID otherwise. */
export async function identityClient(connection: Connection): Promise<CommunicationIdentityClient> {
  const options = clientOptions(connection);
  if (connection.connectionString !== undefined) {
    return new CommunicationIdentityClient(connection.connectionString, options);
  }
  return new CommunicationIdentityClient(connection.endpoint, await entraCredential(), options);
}

// The SDKs refuse http:// unless told otherwise; connection.ts only lets loopback http through.
function clientOptions(connection: Connection): { allowInsecureConnection?: boolean } {
  return connection.insecure ? { allowInsecureConnection: true } : {};
}

// @azure/identity pulls in MSAL; load it only for the calls that need a token.
async function entraCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import("@azure/identity");
  return new DefaultAzureCredential();
}
