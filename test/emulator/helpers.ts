// Shared helpers for the emulator tests: clients built the way users build them, and raw requests
// signed by the SDK's own signing policy for what the SDK clients cannot send.
import { randomUUID } from "node:crypto";
import { CommunicationIdentityClient } from "@azure/communication-identity";
import {
  createCommunicationAccessKeyCredentialPolicy,
  parseConnectionString,
} from "@azure/communication-common";
import { RoomsClient, type RoomsClientOptions } from "@azure/communication-rooms";
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpMethods,
  type PipelineRequest,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import type { RunningEmulator } from "../../emulator";

/** Retries as the SDK makes them, but without its second-long pauses. */
export const FAST_RETRIES = { retryDelayInMs: 5, maxRetryDelayInMs: 20 };

export function roomsClient(
  emulator: RunningEmulator,
  options: RoomsClientOptions = {},
): RoomsClient {
  return new RoomsClient(emulator.connectionString, {
    allowInsecureConnection: true,
    retryOptions: FAST_RETRIES,
    ...options,
  });
}

export function identityClient(emulator: RunningEmulator): CommunicationIdentityClient {
  return new CommunicationIdentityClient(emulator.connectionString, {
    allowInsecureConnection: true,
    retryOptions: FAST_RETRIES,
  });
}

/** A well-formed id of an ACS user of the emulator's resource (not created through Identity). */
export function userId(emulator: RunningEmulator): string {
  return `8:acs:${emulator.resourceId}_${randomUUID()}`;
}

/** A parsed answer of {@link signedRequest}. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Sends one request signed by @azure/communication-common's access-key policy, the same code the
 * SDK clients sign with, and without retries.
 */
export async function signedRequest(
  emulator: RunningEmulator,
  request: {
    method: HttpMethods;
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
    connectionString?: string;
    /** Changes the request after it was signed, as an attacker or a broken proxy would. */
    afterSigning?: (request: PipelineRequest) => void;
  },
): Promise<RawAnswer> {
  const { credential } = parseConnectionString(
    request.connectionString ?? emulator.connectionString,
  );
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(createCommunicationAccessKeyCredentialPolicy(credential));
  const afterSigning = request.afterSigning;
  if (afterSigning) {
    pipeline.addPolicy({
      name: "afterSigning",
      sendRequest: (pipelineRequest, next) => {
        afterSigning(pipelineRequest);
        return next(pipelineRequest);
      },
    });
  }
  const headers = createHttpHeaders(request.headers);
  if (request.body !== undefined && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  const pipelineRequest = createPipelineRequest({
    url: new URL(request.path, emulator.endpoint).toString(),
    method: request.method,
    headers,
    allowInsecureConnection: true,
    body:
      request.body === undefined
        ? undefined
        : typeof request.body === "string"
          ? request.body
          : JSON.stringify(request.body),
  });
  const response: PipelineResponse = await pipeline.sendRequest(
    createDefaultHttpClient(),
    pipelineRequest,
  );
  return {
    status: response.status,
    headers: response.headers.toJSON(),
    body: response.bodyAsText ? (JSON.parse(response.bodyAsText) as unknown) : undefined,
  };
}

/** The fields of an SDK RestError a test looks at. */
export function restErrorFields(error: unknown): {
  statusCode?: number;
  code?: string;
  details?: unknown;
} {
  const { statusCode, code, details } = error as {
    statusCode?: number;
    code?: string;
    details?: unknown;
  };
  return { statusCode, code, details };
}

/** Resolves with the error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
