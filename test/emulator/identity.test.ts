// The Identity operations through the real @azure/communication-identity client.
import type { CommunicationIdentityClient } from "@azure/communication-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { identityClient, rejection, restErrorFields, signedRequest } from "./helpers";

const MINUTE_MS = 60_000;

let emulator: RunningEmulator;
let client: CommunicationIdentityClient;
let start: Date;

beforeAll(async () => {
  start = new Date(Math.floor(Date.now() / 1000) * 1000);
  emulator = await startEmulator({ clock: { start, frozen: true } });
  client = identityClient(emulator);
});

afterAll(async () => {
  await emulator.close();
});

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

function encodedPath(id: string, suffix = ""): string {
  return `/identities/${encodeURIComponent(id)}${suffix}?api-version=2023-10-01`;
}

describe("users", () => {
  it("creates users with ids of this resource that have exactly one underscore", async () => {
    const user = await client.createUser();

    expect(user.communicationUserId).toMatch(
      new RegExp(`^8:acs:${emulator.resourceId}_[0-9a-f-]{36}$`),
    );
    expect(user.communicationUserId.split("_")).toHaveLength(2);
  });

  it("creates a user without a token from an empty body", async () => {
    const answer = await signedRequest(emulator, {
      method: "POST",
      path: "/identities?api-version=2023-10-01",
    });

    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body as object)).toEqual(["identity"]);
  });

  it("creates a user and a JWT whose exp is the answered expiry", async () => {
    const result = await client.createUserAndToken(["chat", "voip"], {
      tokenExpiresInMinutes: 60,
    });

    const expiresAt = new Date(start.getTime() + 60 * MINUTE_MS);
    expect(result.expiresOn).toEqual(expiresAt);
    expect(claims(result.token)).toMatchObject({
      exp: expiresAt.getTime() / 1000,
      acsScope: "chat,voip",
      skypeid: result.user.communicationUserId.slice(2),
    });
  });

  it("deletes a user with 204", async () => {
    const user = await client.createUser();
    const before = emulator.store.users();

    await client.deleteUser(user);

    expect(emulator.store.users()).toBe(before - 1);
  });
});

describe("tokens", () => {
  it("issues a token valid for 24 hours by default", async () => {
    const user = await client.createUser();

    const token = await client.getToken(user, ["voip"]);

    expect(token.expiresOn).toEqual(new Date(start.getTime() + 1440 * MINUTE_MS));
    expect(claims(token.token).exp).toBe((start.getTime() + 1440 * MINUTE_MS) / 1000);
  });

  it("reads the user id in the path percent-encoded", async () => {
    const user = await client.createUser();
    const answer = await signedRequest(emulator, {
      method: "POST",
      path: encodedPath(user.communicationUserId, "/:issueAccessToken"),
      body: { scopes: ["chat.join"], expiresInMinutes: 120 },
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      expiresOn: new Date(start.getTime() + 120 * MINUTE_MS)
        .toISOString()
        .replace(".000Z", "+00:00"),
    });
  });

  it(
    "rejects a lifetime outside 60 to 1440 minutes " + "with ValidationError on ExpiresInMinutes",
    async () => {
      const user = await client.createUser();

      for (const minutes of [59, 1441]) {
        const error = await rejection(
          client.getToken(user, ["chat"], { tokenExpiresInMinutes: minutes }),
        );
        expect(restErrorFields(error)).toMatchObject({ statusCode: 400, code: "ValidationError" });
        expect(restErrorFields(error).details).toMatchObject({
          error: { code: "ValidationError", target: "ExpiresInMinutes" },
        });
      }
    },
  );

  it("rejects empty scopes with ValidationError on scopes", async () => {
    const user = await client.createUser();
    const error = await rejection(client.getToken(user, []));

    expect(restErrorFields(error)).toMatchObject({ statusCode: 400, code: "ValidationError" });
    expect(restErrorFields(error).details).toMatchObject({ error: { target: "scopes" } });
  });

  it("revokes a user's tokens with 204", async () => {
    const user = await client.createUser();

    await expect(client.revokeTokens(user)).resolves.toBeUndefined();
  });

  it("answers 401 IdentityNotOwned for a user of another resource", async () => {
    const stranger = { communicationUserId: "8:acs:00000000-0000-0000-0000-000000000001_abc" };

    for (const call of [
      client.getToken(stranger, ["chat"]),
      client.revokeTokens(stranger),
      client.deleteUser(stranger),
    ]) {
      const error = await rejection(call);
      expect(restErrorFields(error)).toMatchObject({ statusCode: 401, code: "IdentityNotOwned" });
    }
  });

  it("answers 404 for a token of a deleted user", async () => {
    const user = await client.createUser();
    await client.deleteUser(user);

    const error = await rejection(client.getToken(user, ["chat"]));

    expect(restErrorFields(error)).toMatchObject({ statusCode: 404, code: "IdentityNotFound" });
  });

  it("answers the Teams token exchange with a code no real service sends", async () => {
    const error = await rejection(
      client.getTokenForTeamsUser({ teamsUserAadToken: "x", clientId: "y", userObjectId: "z" }),
    );

    expect(restErrorFields(error)).toMatchObject({
      statusCode: 501,
      code: "EmulatorNotImplemented",
    });
  });
});

describe("limits", () => {
  it("throttles user creation beyond its limit per window with 429 and Retry-After", async () => {
    const limited = await startEmulator({
      rateLimits: { "identity.createUser": { limit: 2, windowMs: 30_000 } },
      clock: { frozen: true },
    });
    try {
      for (let i = 0; i < 2; i++) {
        await signedRequest(limited, {
          method: "POST",
          path: "/identities?api-version=2023-10-01",
        });
      }
      const third = await signedRequest(limited, {
        method: "POST",
        path: "/identities?api-version=2023-10-01",
      });
      expect(third).toMatchObject({
        status: 429,
        headers: { "retry-after": "30", "x-ms-error-code": "TooManyRequests" },
      });

      limited.clock.advance(30_001);
      const later = await signedRequest(limited, {
        method: "POST",
        path: "/identities?api-version=2023-10-01",
      });
      expect(later.status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
