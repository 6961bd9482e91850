// Shared pieces of the engine tests: the library loaded from the built package (as programs
// load it; the closure serializer must see compiled JavaScript), and readers of the state file.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

import { CommunicationIdentityClient } from "@azure/communication-identity";
import { RoomsClient } from "@azure/communication-rooms";

import type { RunningEmulator } from "../../emulator";
import type { EngineStackOptions } from "../harness/engine";

/** The public API of pulumi-acs-rooms. */
export type Library = typeof import("../../provider");

const LINK = path.resolve(__dirname, "../../node_modules/pulumi-acs-rooms");

/**
 * Loads pulumi-acs-rooms by its package name, as a user's program does. Needs `npm run build`,
 * which compiles dist/ and links node_modules/pulumi-acs-rooms to the repository.
 */
export function loadBuiltLibrary(): Library {
  if (!fs.existsSync(path.join(LINK, "dist/provider/runtime/index.js"))) {
    throw new Error(`${LINK} does not lead to a built package: run \`npm run build\` first`);
  }
  return createRequire(__filename)("pulumi-acs-rooms") as Library;
}

/** One resource of a checkpoint. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The resources of a checkpoint's latest deployment. */
export function stateResources(stateText: string): StateResource[] {
  const state = JSON.parse(stateText) as {
    checkpoint: { latest?: { resources?: StateResource[] } };
  };
  return state.checkpoint.latest?.resources ?? [];
}

/** The state entries of the resource named `name` (the last part of its URN). */
export function stateResource(stateText: string, name: string): StateResource {
  const found = stateResources(stateText).find((r) => r.urn.endsWith(`::${name}`));
  if (!found) throw new Error(`no resource named ${name} in the state`);
  return found;
}

/** Stack config that sends the providers to `emulator`, its connection string a secret. */
export function emulatorConfig(emulator: RunningEmulator): EngineStackOptions["config"] {
  return { "acsRooms:connectionString": { value: emulator.connectionString, secret: true } };
}

/** Clients for changing things out of band, as a person with the portal would. */
export function outOfBand(emulator: RunningEmulator): {
  rooms: RoomsClient;
  identity: CommunicationIdentityClient;
} {
  const options = { allowInsecureConnection: true };
  return {
    rooms: new RoomsClient(emulator.connectionString, options),
    identity: new CommunicationIdentityClient(emulator.connectionString, options),
  };
}

/** A room's participants as `{id, role}`, sorted by id. */
export async function participantsOf(
  rooms: RoomsClient,
  roomId: string,
): Promise<Array<{ id: string; role: string }>> {
  const found: Array<{ id: string; role: string }> = [];
  for await (const p of rooms.listParticipants(roomId)) {
    found.push({ id: (p.id as { communicationUserId: string }).communicationUserId, role: p.role });
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** A whole hour `hours` from now as an ISO string: windows that stay valid whenever tests run. */
export function hourFromNow(hours: number): string {
  const hour = 60 * 60 * 1000;
  return new Date((Math.floor(Date.now() / hour) + hours) * hour).toISOString();
}

/** The same instant as `iso`, written with a +01:00 offset, to show instants are compared. */
export function withPlusOneOffset(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 60 * 60 * 1000).toISOString();
  return shifted.replace(/\.\d{3}Z$/, "+01:00");
}
