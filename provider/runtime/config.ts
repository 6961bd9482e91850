/**
 * The stack configuration the engine hands to the providers. It arrives through `configure`,
 * decrypted, keyed by fully namespaced names: a library cannot use the consumer's project
 * namespace, so the keys are always `acsRooms:...`.
 */
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";

/** The stack config key holding a connection string (`endpoint=https://...;accesskey=...`). */
export const CONFIG_CONNECTION_STRING = "acsRooms:connectionString";

/** The stack config key holding an endpoint, used with Entra ID credentials. */
export const CONFIG_ENDPOINT = "acsRooms:endpoint";

/** Connection settings from one source: a resource, the stack config or the environment. */
export interface ConnectionSettings {
  connectionString?: string;
  endpoint?: string;
}

let stackSettings: ConnectionSettings = {};

/**
 * Remembers the connection settings of the stack configuration. The engine calls this once per
 * provider type before any other method, so every later call sees the stack's current values.
 */
export async function configure(req: ConfigureRequest): Promise<void> {
  stackSettings = {
    connectionString: nonEmpty(req.config.get(CONFIG_CONNECTION_STRING)),
    endpoint: nonEmpty(req.config.get(CONFIG_ENDPOINT)),
  };
}

/** The stack's connection settings as last configured (empty before `configure`). */
export function stackConnectionSettings(): ConnectionSettings {
  return stackSettings;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
