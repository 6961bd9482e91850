// Authentication: HMAC-SHA256 as the SDKs sign, the signature's clock window, and bearer tokens.
import { randomBytes } from "node:crypto";
import { RoomsClient } from "@azure/communication-rooms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { FAST_RETRIES, rejection, restErrorFields, roomsClient, signedRequest } from "./helpers";

const DENIED = {
  status: 401,
  headers: { "x-ms-error-code": "Denied" },
  body: { error: { code: "Denied", message: "Denied by the resource provider." } },
};

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

describe("HMAC signatures", () => {
  it("accepts a request signed with the resource's key", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
    });

    expect(answer.status).toBe(200);
  });

  it("denies a request signed with another key", async () => {
    const otherKey = randomBytes(64).toString("base64");
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
      connectionString: `endpoint=${emulator.endpoint};accesskey=${otherKey}`,
    });

    expect(answer).toMatchObject(DENIED);
  });

  it("denies a body changed after signing, naming the content hash", async () => {
    const answer = await signedRequest(emulator, {
      method: "POST",
      path: "/rooms?api-version=2025-03-13",
      body: { pstnDialOutEnabled: false },
      afterSigning: (request) => {
        request.body = JSON.stringify({ pstnDialOutEnabled: true });
      },
    });

    expect(answer).toMatchObject({
      status: 401,
      body: {
        error: {
          code: "Denied",
          message: "Request 'x-ms-content-sha256' differs from generated content hash.",
        },
      },
    });
    expect(emulator.store.rooms()).toBe(0);
  });

  it("denies a request without an Authorization header", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
      afterSigning: (request) => request.headers.delete("authorization"),
    });

    expect(answer).toMatchObject(DENIED);
  });

  it("denies a signature made for a host without the port", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
      afterSigning: (request) => request.headers.set("host", "127.0.0.1"),
    });

    expect(answer).toMatchObject(DENIED);
  });

  it("verifies the query as URLSearchParams serializes it", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13&note=a%20b",
    });

    expect(answer.status).toBe(200);
  });

  it("accepts the standard Date header when SignedHeaders names it", async () => {
    const answer = await signedRequest(emulator, {
      method: "GET",
      path: "/rooms?api-version=2025-03-13",
      afterSigning: (request) => {
        request.headers.set("date", request.headers.get("x-ms-date") as string);
        request.headers.delete("x-ms-date");
        const authorization = request.headers.get("authorization") as string;
        request.headers.set(
          "authorization",
          authorization.replace("SignedHeaders=x-ms-date;", "SignedHeaders=date;"),
        );
      },
    });

    expect(answer.status).toBe(200);
  });
});

describe("clock window", () => {
  it("denies requests signed more than 5 minutes away from the emulator clock", async () => {
    const client = roomsClient(emulator);
    emulator.clock.advance(5 * 60_000 + 5_000);
    try {
      const error = await rejection(client.createRoom());
      expect(restErrorFields(error)).toMatchObject({ statusCode: 401, code: "Denied" });
    } finally {
      emulator.clock.advance(-(5 * 60_000 + 5_000));
    }

    await expect(client.createRoom()).resolves.toMatchObject({ pstnDialOutEnabled: false });
  });

  it("takes a different window from the options", async () => {
    const strict = await startEmulator({ authWindowMs: 1_000 });
    try {
      strict.clock.advance(10_000);
      const answer = await signedRequest(strict, {
        method: "GET",
        path: "/rooms?api-version=2025-03-13",
      });
      expect(answer).toMatchObject(DENIED);
    } finally {
      await strict.close();
    }
  });
});

describe("bearer tokens", () => {
  function jwt(expiresInSeconds: number): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
    return `${encode({ alg: "none" })}.${encode({ exp, aud: "https://communication.azure.com" })}.`;
  }

  function bearerClient(target: RunningEmulator, token: string): RoomsClient {
    // RoomsClient 1.2.0 takes a TokenCredential passed second for its options object and ignores
    // the third argument, so the client options ride on the credential object itself.
    const credentialWithOptions = {
      getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
      tlsOptions: { ca: target.certificate },
      retryOptions: FAST_RETRIES,
    };
    return new RoomsClient(target.endpoint, credentialWithOptions);
  }

  it("accepts an unexpired JWT over TLS when acceptBearer is on", async () => {
    const tls = await startEmulator({ tls: true, acceptBearer: true });
    try {
      await expect(bearerClient(tls, jwt(600)).createRoom()).resolves.toMatchObject({
        pstnDialOutEnabled: false,
      });
      await expect(bearerClient(tls, jwt(-600)).createRoom()).rejects.toThrow(
        "Denied by the resource provider.",
      );
    } finally {
      await tls.close();
    }
  });

  it("denies bearer tokens by default", async () => {
    const tls = await startEmulator({ tls: true });
    try {
      await expect(bearerClient(tls, jwt(600)).createRoom()).rejects.toThrow(
        "Denied by the resource provider.",
      );
    } finally {
      await tls.close();
    }
  });
});
