// The Identity operations the Rooms work needs: create a user (with or without a token), delete a
// user, issue a token and revoke a user's tokens.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendAnswer } from "./answers";
import {
  identityNotFound,
  identityNotOwned,
  identityValidation,
  notImplementedByEmulator,
} from "./errors";
import { newUserId, resourceOfUser } from "./identifiers";
import { formatInstant, msToTicks } from "./instant";
import type { EmulatorState } from "./state";
import type { UserRecord } from "./store";
import { issueToken, TOKEN_MINUTES, TOKEN_SCOPES } from "./tokens";

type IdentityRequest = FastifyRequest<{ Params: { id: string }; Body: unknown }>;

const MS_PER_MINUTE = 60_000;

/** Registers the Identity routes on `app`. */
export function registerIdentityRoutes(app: FastifyInstance, state: EmulatorState): void {
  const route = (operation: string) => ({ config: { operation, service: "identity" as const } });

  app.post("/identities", route("identity.createUser"), (req, reply) =>
    createUser(state, req as IdentityRequest, reply),
  );
  app.delete("/identities/:id", route("identity.deleteUser"), (req, reply) =>
    deleteUser(state, req as IdentityRequest, reply),
  );
  // A literal colon in a fastify path is written "::".
  app.post("/identities/:id/::issueAccessToken", route("identity.issueToken"), (req, reply) =>
    issueAccessToken(state, req as IdentityRequest, reply),
  );
  app.post("/identities/:id/::revokeAccessTokens", route("identity.revokeTokens"), (req, reply) =>
    revokeAccessTokens(state, req as IdentityRequest, reply),
  );
  app.post("/teamsUser/::exchangeAccessToken", route("identity.exchangeTeamsToken"), () => {
    throw notImplementedByEmulator("exchange a Teams user's Entra ID token");
  });
}

function createUser(state: EmulatorState, request: IdentityRequest, reply: FastifyReply) {
  const body = asObject(request.body);
  const scopes = body.createTokenWithScopes;
  if (scopes !== undefined && scopes !== null) {
    checkScopes(scopes, "createTokenWithScopes", false);
  }
  const minutes = readMinutes(body.expiresInMinutes);

  const user = state.store.addUser({
    id: newUserId(state.options.resourceId),
    createdAt: state.clock.nowTicks(),
  });
  const withToken = Array.isArray(scopes) && scopes.length > 0;
  return sendAnswer(state, request, reply, 201, {
    identity: { id: user.id },
    ...(withToken ? { accessToken: accessToken(state, user, scopes as string[], minutes) } : {}),
  });
}

function deleteUser(state: EmulatorState, request: IdentityRequest, reply: FastifyReply) {
  const id = ownedId(state, request.params.id);
  state.store.deleteUser(id);
  return sendAnswer(state, request, reply, 204);
}

function issueAccessToken(state: EmulatorState, request: IdentityRequest, reply: FastifyReply) {
  const user = existingUser(state, request.params.id);
  const body = asObject(request.body);
  const scopes = checkScopes(body.scopes, "scopes", true);
  const minutes = readMinutes(body.expiresInMinutes);
  return sendAnswer(state, request, reply, 200, accessToken(state, user, scopes, minutes));
}

function revokeAccessTokens(state: EmulatorState, request: IdentityRequest, reply: FastifyReply) {
  const user = existingUser(state, request.params.id);
  state.store.revokeTokens(user, state.clock.nowTicks());
  return sendAnswer(state, request, reply, 204);
}

function accessToken(state: EmulatorState, user: UserRecord, scopes: string[], minutes: number) {
  const nowMs = state.clock.now().getTime();
  const expiresAtMs = nowMs + minutes * MS_PER_MINUTE;
  return {
    token: issueToken({
      userId: user.id,
      resourceId: state.options.resourceId,
      scopes,
      nowMs,
      expiresAtMs,
      signingKey: state.signingKey,
    }),
    expiresOn: formatInstant(msToTicks(expiresAtMs)),
  };
}

/** The id from the path when it is a user of this resource; 401 IdentityNotOwned otherwise. */
function ownedId(state: EmulatorState, id: string): string {
  if (resourceOfUser(id) !== state.options.resourceId) {
    throw identityNotOwned();
  }
  return id;
}

function existingUser(state: EmulatorState, id: string): UserRecord {
  const user = state.store.getUser(ownedId(state, id));
  if (!user) {
    throw identityNotFound();
  }
  return user;
}

function checkScopes(value: unknown, target: string, required: boolean): string[] {
  if (!Array.isArray(value) || (required && value.length === 0)) {
    throw identityValidation("At least one scope is required.", target);
  }
  const unknown = value.filter((scope) => !TOKEN_SCOPES.includes(scope as string));
  if (unknown.length > 0) {
    throw identityValidation(
      `Scopes ${unknown.map(String).join(", ")} are not valid. ` +
        `Valid scopes: ${TOKEN_SCOPES.join(", ")}.`,
      target,
    );
  }
  return value as string[];
}

function readMinutes(value: unknown): number {
  if (value === undefined || value === null) {
    return TOKEN_MINUTES.default;
  }
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < TOKEN_MINUTES.min ||
    value > TOKEN_MINUTES.max
  ) {
    throw identityValidation(
      `ExpiresInMinutes must be between ${TOKEN_MINUTES.min} and ${TOKEN_MINUTES.max}.`,
      "ExpiresInMinutes",
    );
  }
  return value;
}

function asObject(body: unknown): Record<string, unknown> {
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
