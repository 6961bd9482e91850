// The names of the operations the emulator serves. They key the request log, the call counts,
// fault rules and rate limits.

export const OPERATIONS = [
  "rooms.create",
  "rooms.list",
  "rooms.get",
  "rooms.update",
  "rooms.delete",
  "participants.list",
  "participants.update",
  "identity.createUser",
  "identity.deleteUser",
  "identity.issueToken",
  "identity.revokeTokens",
  "identity.exchangeTeamsToken",
] as const;

/** One operation of the emulated services. */
export type OperationName = (typeof OPERATIONS)[number];

/** The name logged for a request that matched no operation. */
export const UNKNOWN_OPERATION = "unknown";

export function isOperationName(value: string): value is OperationName {
  return (OPERATIONS as readonly string[]).includes(value);
}
