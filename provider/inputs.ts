/**
 * Turning public args into what crosses to the engine: Dates as ISO strings (a Date would
 * arrive as `{}`), connection strings wrapped as secrets, and the options that keep those
 * secrets encrypted in the outputs as well.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * Where a resource or function reaches ACS. Leave both out to use the stack config
 * (`acsRooms:connectionString`, `acsRooms:endpoint`) or the environment
 * (`ACS_CONNECTION_STRING`, `ACS_ENDPOINT`). Looked up when each call is made, never captured.
 */
export interface ConnectionArgs {
  /**
   * A connection string, `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>`.
   * Stored as a secret. Changing only the key (rotation) updates the resource in place.
   */
  connectionString?: pulumi.Input<string>;
  /**
   * The ACS resource's endpoint, used with Entra ID (`DefaultAzureCredential`) unless a
   * connection string for the same endpoint is found in the stack config or environment.
   * `http://` is accepted only for a loopback emulator (127.0.0.1, localhost, [::1]).
   */
  endpoint?: pulumi.Input<string>;
}

/** The connection inputs for the engine, the connection string marked secret. */
export function connectionInputs(args: ConnectionArgs): pulumi.Inputs {
  return {
    connectionString:
      args.connectionString === undefined ? undefined : pulumi.secret(args.connectionString),
    endpoint: args.endpoint,
  };
}

/**
 * The caller's options, plus `connectionString` among the secret outputs when the resource has
 * one (the engine warns about listed outputs that do not exist).
 */
export function withSecretConnection(
  args: ConnectionArgs,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions | undefined {
  if (args.connectionString === undefined) return opts;
  const secrets = opts?.additionalSecretOutputs ?? [];
  return { ...opts, additionalSecretOutputs: [...new Set([...secrets, "connectionString"])] };
}

/**
 * A date-time input as an ISO-8601 string. Strings pass unchanged (check validates them); a
 * Date, also inside an Output or Promise, becomes its UTC ISO string, an invalid Date the text
 * "Invalid Date" so that check can name it.
 */
export function isoInput(
  value: pulumi.Input<string | Date> | undefined,
): pulumi.Input<string> | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date || typeof value === "string") return toIso(value);
  // pulumi.output() would turn a Date into {}, so map Outputs and Promises without it.
  if (pulumi.Output.isInstance(value)) return value.apply(toIso);
  return pulumi.output(Promise.resolve(value).then(toIso));
}

function toIso(value: string | Date): string {
  if (!(value instanceof Date)) return value;
  return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
}
