/**
 * Where a call goes and how it authenticates. Settings are looked up when a call is made, never
 * earlier, in this order: the resource's own `connectionString` or `endpoint` input, the stack
 * config (`acsRooms:connectionString`, `acsRooms:endpoint`), then the environment
 * (`ACS_CONNECTION_STRING`, `ACS_ENDPOINT`). The first source that names an endpoint decides the
 * endpoint; the access key is taken from the first connection string, in the same order, that
 * points at that endpoint. Without one the call authenticates with Entra ID
 * (`DefaultAzureCredential`).
 */
import { type ConnectionSettings, stackConnectionSettings } from "./config";
import { containsUnknown, describe } from "./validation";

/** Environment variable holding a connection string, read when no other source has one. */
export const ENV_CONNECTION_STRING = "ACS_CONNECTION_STRING";

/** Environment variable holding an endpoint, read when no other source has one. */
export const ENV_ENDPOINT = "ACS_ENDPOINT";

// The pattern @azure/communication-common uses, so that what check accepts the SDKs accept too.
const CONNECTION_STRING = /endpoint=(.*);accesskey=(.*)/i;

// Plain http is only accepted for these hosts, where an emulator runs on the same machine.
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Everything a client needs to reach one ACS resource. */
export interface Connection {
  /** The resource's origin, normalised: `https://contoso.communication.azure.com`. */
  endpoint: string;
  /** A connection string for this endpoint, when one is known; otherwise Entra ID is used. */
  connectionString?: string;
  /** Where the endpoint came from, for messages (`the stack config acsRooms:endpoint`). */
  source: string;
  /** True for a loopback `http://` endpoint, the only case that may skip TLS. */
  insecure: boolean;
}

/** One place settings can come from, with the names a user knows its two values by. */
export interface SettingsSource {
  settings: ConnectionSettings;
  connectionStringName: string;
  endpointName: string;
}

/** A rule a setting breaks, phrased to follow its value, and what to do instead. */
export interface SettingProblem {
  rule: string;
  fix: string;
}

/**
 * The sources in lookup order, read now: the resource's settings, the stack config (as given
 * to `configure` in the provider process; a program passes its own), then the environment.
 */
export function settingsSources(
  resource: ConnectionSettings,
  stack: ConnectionSettings = stackConnectionSettings(),
  env: NodeJS.ProcessEnv = process.env,
): SettingsSource[] {
  return [
    {
      settings: {
        connectionString: nonEmpty(resource.connectionString),
        endpoint: nonEmpty(resource.endpoint),
      },
      connectionStringName: "the connectionString input",
      endpointName: "the endpoint input",
    },
    {
      settings: {
        connectionString: nonEmpty(stack.connectionString),
        endpoint: nonEmpty(stack.endpoint),
      },
      connectionStringName: "the stack config acsRooms:connectionString",
      endpointName: "the stack config acsRooms:endpoint",
    },
    {
      settings: {
        connectionString: nonEmpty(env[ENV_CONNECTION_STRING]),
        endpoint: nonEmpty(env[ENV_ENDPOINT]),
      },
      connectionStringName: `the environment variable ${ENV_CONNECTION_STRING}`,
      endpointName: `the environment variable ${ENV_ENDPOINT}`,
    },
  ];
}

/**
 * Resolves the connection for a call by `label` (`Room "main"`). Throws an Error naming the
 * resource, the offending setting, its value (keys redacted), the rule and the fix when the
 * settings are missing, malformed, contradictory or point at a non-loopback `http://` endpoint.
 */
export function resolveConnection(
  label: string,
  resource: ConnectionSettings,
  sources: SettingsSource[] = settingsSources(resource),
): Connection {
  const chosen = chooseEndpoint(label, sources);
  const connectionString = sources
    .map((source) => source.settings.connectionString)
    .find((text) => text !== undefined && parseConnectionString(text).endpoint === chosen.endpoint);

  return { ...chosen, ...(connectionString === undefined ? {} : { connectionString }) };
}

/**
 * The connection for `read` and `delete`, which only see stored outputs: the stored endpoint,
 * whatever the settings say now, with the stored per-resource key or else a key from the stack
 * config or environment for that same endpoint.
 */
export function storedConnection(
  label: string,
  props: { connectionString?: string; endpoint?: string },
): Connection {
  return resolveConnection(label, {
    connectionString: props.connectionString,
    endpoint: props.endpoint,
  });
}

/** The normalised endpoint a call would use now; throws like {@link resolveConnection}. */
export function resolveEndpoint(label: string, resource: ConnectionSettings): string {
  return chooseEndpoint(label, settingsSources(resource)).endpoint;
}

/**
 * True when the settings may name another ACS resource than `storedEndpoint`, the one a
 * resource's service object lives on. A setting a preview does not know yet could name any
 * resource, so it counts as a move. Throws like {@link resolveConnection}.
 */
export function endpointMoves(
  label: string,
  resource: ConnectionSettings,
  storedEndpoint: string,
): boolean {
  if (containsUnknown([resource.connectionString, resource.endpoint])) return true;
  return resolveEndpoint(label, resource) !== storedEndpoint;
}

function chooseEndpoint(
  label: string,
  sources: SettingsSource[],
): Omit<Connection, "connectionString"> {
  for (const source of sources) {
    const { connectionString, endpoint } = source.settings;
    const fromKey =
      connectionString === undefined ? undefined : parseConnectionString(connectionString);
    const fromEndpoint = endpoint === undefined ? undefined : parseEndpoint(endpoint);

    if (fromKey?.problem) {
      throw settingError(
        label,
        source.connectionStringName,
        redact(connectionString),
        fromKey.problem,
      );
    }
    if (fromEndpoint?.problem) {
      throw settingError(label, source.endpointName, endpoint, fromEndpoint.problem);
    }
    if (fromKey?.endpoint && fromEndpoint?.endpoint && fromKey.endpoint !== fromEndpoint.endpoint) {
      throw settingError(label, source.endpointName, endpoint, conflictProblem(fromKey.endpoint));
    }

    const found = fromKey ?? fromEndpoint;
    if (found?.endpoint) {
      const name = fromKey ? source.connectionStringName : source.endpointName;
      return { endpoint: found.endpoint, insecure: found.insecure ?? false, source: name };
    }
  }

  throw new Error(
    `${label}: no ACS connection settings were found; set the connectionString or endpoint ` +
      `input, the stack config acsRooms:connectionString or acsRooms:endpoint, or the ` +
      `environment variable ${ENV_CONNECTION_STRING} or ${ENV_ENDPOINT}.`,
  );
}

/** The result of reading an endpoint or connection string: the endpoint, or a problem. */
export interface ParsedSetting {
  endpoint?: string;
  insecure?: boolean;
  problem?: SettingProblem;
}

/**
 * Reads an endpoint URL and normalises it to its origin. Only `https://` is accepted, except
 * `http://` on a loopback host, where a local emulator listens.
 */
export function parseEndpoint(text: string): ParsedSetting {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      problem: {
        rule: "is not an absolute URL",
        fix: "use the endpoint of your ACS resource, e.g. https://contoso.communication.azure.com",
      },
    };
  }

  const insecure = url.protocol === "http:";
  if (insecure && !LOOPBACK_HOSTS.has(url.hostname)) {
    return {
      problem: {
        rule:
          "uses plain http, which is only accepted for a loopback emulator " +
          "(127.0.0.1, localhost or [::1])",
        fix: "use the https:// endpoint of your ACS resource",
      },
    };
  }
  if (!insecure && url.protocol !== "https:") {
    return {
      problem: {
        rule: `uses the scheme ${url.protocol}, not https:`,
        fix: "use the https:// endpoint of your ACS resource",
      },
    };
  }
  return { endpoint: url.origin, insecure };
}

/**
 * Reads a connection string (`endpoint=https://...;accesskey=...`, keys case-insensitive, in
 * that order, as the SDKs read it) and returns its normalised endpoint, or the problem with it.
 */
export function parseConnectionString(text: string): ParsedSetting {
  const match = CONNECTION_STRING.exec(text);
  if (!match || match[2].trim() === "") {
    return {
      problem: {
        rule: "is not a connection string of the form endpoint=https://...;accesskey=...",
        fix: "copy the connection string from the ACS resource's Keys page",
      },
    };
  }
  return parseEndpoint(match[1].trim());
}

/** A connection string with its key hidden, safe to print. */
export function redact(connectionString: string | undefined): string | undefined {
  return connectionString?.replace(/(accesskey=)[^;]*/i, "$1***");
}

/** The problem of a connectionString and an endpoint that name different ACS resources. */
export function conflictProblem(connectionStringEndpoint: string): SettingProblem {
  return {
    rule:
      "names another ACS resource than the connection string beside it " +
      `(${connectionStringEndpoint})`,
    fix: "set only one of them, or make both name the same resource",
  };
}

// An empty variable (common in CI templates) means "not set", not "malformed".
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function settingError(
  label: string,
  name: string,
  value: string | undefined,
  problem: SettingProblem,
): Error {
  return new Error(`${label}: ${name} ${describe(value)} ${problem.rule}; ${problem.fix}.`);
}
