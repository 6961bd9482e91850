// Shared set-up for the provider tests: an emulator per test file, users to put in rooms, and a
// clean slate (stack config, environment, emulator state) before each test.
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { RoomsClient } from "@azure/communication-rooms";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";

import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";
import { configure } from "../../provider/runtime/config";

/** The stack config the providers see, as `configure` would hand it over. */
export async function setStackConfig(values: Record<string, string>): Promise<void> {
  await configure({ config: { get: (key) => values[key], require: (key) => values[key] } });
}

/**
 * Starts one emulator for the file and, before each test, empties it, resets its request
 * counts, clears the stack config and removes ACS_* variables from the environment.
 */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, ...options });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    emulator?.store.reset();
    emulator?.faults.clear();
    emulator?.requests.reset();
    await setStackConfig({});
    vi.unstubAllEnvs();
    vi.stubEnv("ACS_CONNECTION_STRING", "");
    vi.stubEnv("ACS_ENDPOINT", "");
  });

  return () => {
    if (!emulator) throw new Error("the emulator is not running: call useEmulator() at file level");
    return emulator;
  };
}

/** A Rooms client for changing things out of band, as a person with the portal would. */
export function roomsClientFor(emulator: RunningEmulator): RoomsClient {
  return new RoomsClient(emulator.connectionString, { allowInsecureConnection: true });
}

/** Creates `count` ACS users on the emulator and returns their raw ids, sorted. */
export async function createUsers(emulator: RunningEmulator, count: number): Promise<string[]> {
  const client = new CommunicationIdentityClient(emulator.connectionString, {
    allowInsecureConnection: true,
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await client.createUser()).communicationUserId);
  return ids.sort();
}

/** An ISO instant `days` days from now, whole seconds, for declaring room windows. */
export function daysFromNow(days: number): string {
  const instant = Math.floor(Date.now() / 1000) * 1000 + days * 24 * 60 * 60 * 1000;
  return new Date(instant).toISOString();
}

/** The emulator's endpoint as the providers normalise it (no trailing slash). */
export function normalEndpoint(emulator: RunningEmulator): string {
  return emulator.endpoint.replace(/\/$/, "");
}
