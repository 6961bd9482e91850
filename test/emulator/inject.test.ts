// In-process tests through fastify's inject, signed by the SDK's own policy: request parsing,
// schema errors in the ACS envelope, and the small modules behind the rules.
import {
  createCommunicationAccessKeyCredentialPolicy,
  parseConnectionString,
} from "@azure/communication-common";
import {
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type HttpMethods,
} from "@azure/core-rest-pipeline";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorApp } from "../../emulator";
import { parseFaultSpec } from "../../emulator/faults";
import { formatInstant, parseInstant } from "../../emulator/instant";

const ACCESS_KEY = Buffer.from("emulator test key of some length").toString("base64");
const ENDPOINT = "http://acs.test/";

let app: FastifyInstance;

beforeAll(() => {
  app = createEmulatorApp({ accessKey: ACCESS_KEY });
});

afterAll(async () => {
  await app.close();
});

/** An HttpClient that hands requests to the app in process instead of a socket. */
function injectClient(target: FastifyInstance): HttpClient {
  return {
    async sendRequest(request) {
      const url = new URL(request.url);
      const answer = await target.inject({
        method: request.method,
        url: `${url.pathname}${url.search}`,
        headers: request.headers.toJSON(),
        payload: typeof request.body === "string" ? request.body : undefined,
      });
      return {
        request,
        status: answer.statusCode,
        headers: createHttpHeaders(answer.headers as Record<string, string>),
        bodyAsText: answer.body,
      };
    },
  };
}

async function call(
  method: HttpMethods,
  path: string,
  body?: string,
  contentType = "application/json",
): Promise<{ status: number; body: unknown }> {
  const { credential } = parseConnectionString(`endpoint=${ENDPOINT};accesskey=${ACCESS_KEY}`);
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(createCommunicationAccessKeyCredentialPolicy(credential));
  const request = createPipelineRequest({
    url: new URL(path, ENDPOINT).toString(),
    method,
    body,
    headers: createHttpHeaders(body === undefined ? {} : { "content-type": contentType }),
  });
  const response = await pipeline.sendRequest(injectClient(app), request);
  return {
    status: response.status,
    body: response.bodyAsText ? (JSON.parse(response.bodyAsText) as unknown) : undefined,
  };
}

describe("request bodies", () => {
  it("creates a room from an empty body", async () => {
    const answer = await call("POST", "/rooms?api-version=2025-03-13");

    expect(answer.status).toBe(201);
  });

  it("answers a body that is not JSON with the ACS envelope, after authentication", async () => {
    const answer = await call("POST", "/rooms?api-version=2025-03-13", "{not json");

    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          code: "BadRequest",
          message: "The request could not be understood by the server due to malformed syntax.",
          details: [
            { code: "BadArgument", message: "The request body is not valid JSON.", target: "$" },
          ],
        },
      },
    });
  });

  it("reports every schema violation of a body together, with JSON paths", async () => {
    const answer = await call(
      "POST",
      "/rooms?api-version=2025-03-13",
      JSON.stringify({ pstnDialOutEnabled: "yes", participants: { "8:acs:x": { role: 3 } } }),
    );

    expect(answer.status).toBe(400);
    expect(
      (answer.body as { error: { details: Array<{ target: string }> } }).error.details.map(
        (detail) => detail.target,
      ),
    ).toEqual(["$.pstnDialOutEnabled", "$.participants.8:acs:x.role"]);
  });

  it("requires participants in a participants PATCH", async () => {
    const created = await call("POST", "/rooms?api-version=2025-03-13", "{}");
    const id = (created.body as { id: string }).id;

    const answer = await call(
      "PATCH",
      `/rooms/${id}/participants?api-version=2025-03-13`,
      "{}",
      "application/merge-patch+json",
    );

    expect(answer.body).toMatchObject({
      error: {
        code: "BadRequest",
        details: [
          {
            code: "BadArgument",
            message: "The participants field is required.",
            target: "participants",
          },
        ],
      },
    });
  });

  it("answers 415 for a media type the service does not read", async () => {
    const answer = await call("POST", "/rooms?api-version=2025-03-13", "a=b", "text/plain");

    expect(answer).toMatchObject({
      status: 415,
      body: { error: { code: "UnsupportedMediaType" } },
    });
  });

  it("answers 404 in the ACS envelope for a path no operation serves", async () => {
    const answer = await call("GET", "/chat/threads?api-version=2025-03-13");

    expect(answer).toEqual({
      status: 404,
      body: {
        error: { code: "NotFound", message: "The server cannot find the requested resource." },
      },
    });
  });
});

describe("timestamps", () => {
  it("round-trips 100 ns precision and drops trailing zeros", () => {
    expect(formatInstant(parseInstant("2024-05-01T10:00:00.1234567Z") as bigint)).toBe(
      "2024-05-01T10:00:00.1234567+00:00",
    );
    expect(formatInstant(parseInstant("2024-05-01T10:00:00.500+02:00") as bigint)).toBe(
      "2024-05-01T08:00:00.5+00:00",
    );
  });

  it("refuses impossible dates and free text", () => {
    expect(parseInstant("2024-02-30T00:00:00Z")).toBeUndefined();
    expect(parseInstant("tomorrow")).toBeUndefined();
    expect(parseInstant("2024-05-01T25:00:00Z")).toBeUndefined();
  });
});

describe("fault specs", () => {
  it("reads the CLI form of a fault rule", () => {
    expect(parseFaultSpec("rooms.create:error:status=429,retryAfterSeconds=2,count=3")).toEqual({
      id: expect.any(String),
      operation: "rooms.create",
      action: "error",
      status: 429,
      retryAfterSeconds: 2,
      count: 3,
    });
    expect(parseFaultSpec("*:latency:latencyMs=200,probability=0.5")).toMatchObject({
      operation: "*",
      action: "latency",
      latencyMs: 200,
      probability: 0.5,
    });
  });

  it("names the part of a fault spec it cannot read", () => {
    expect(() => parseFaultSpec("rooms.get:error:status")).toThrow(
      "Invalid fault 'rooms.get:error:status': 'status' is not key=value",
    );
  });
});

describe("options", () => {
  it("rejects unusable options, naming each with the fix", () => {
    expect(() => createEmulatorApp({ pageSize: 0, accessKey: "not base64!" })).toThrow(
      "Invalid emulator options: " +
        "accessKey must be base64 (as in a connection string's accesskey=); " +
        "pageSize must be a positive integer, got 0.",
    );
  });

  it("points to startEmulator for a generated certificate", () => {
    expect(() => createEmulatorApp({ tls: true })).toThrow(
      "createEmulatorApp cannot generate a certificate",
    );
  });
});
