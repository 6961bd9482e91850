// Throughput of the emulator on loopback: authenticated room creates, then gets, with a fixed
// number of requests in flight. The emulator runs in a worker thread so that it and the client
// each have a core. Bounded in count and time; prints requests per second for each operation.
//
// Run: npm run bench:emulator [-- --requests 10000 --concurrency 32 --seconds 20]
import type { EventLoopUtilization } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import {
  createCommunicationAccessKeyCredentialPolicy,
  parseConnectionString,
} from "@azure/communication-common";
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
} from "@azure/core-rest-pipeline";
import { startEmulator } from "../emulator";

const API_VERSION = "2025-03-13";

interface Settings {
  requests: number;
  concurrency: number;
  seconds: number;
}

interface Result {
  operation: string;
  completed: number;
  failed: number;
  seconds: number;
  /** Share of the time the emulator's event loop was busy: near 100% means it is the limit. */
  serverBusy?: number;
}

if (isMainThread) {
  void main().catch((error: unknown) => {
    process.stderr.write(`bench: ${String(error)}\n`);
    process.exit(1);
  });
} else {
  void serveEmulator();
}

async function main(): Promise<void> {
  const settings = readSettings();
  const worker = new Worker(__filename);
  const connectionString = await new Promise<string>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });

  const { endpoint, credential } = parseConnectionString(connectionString);
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(createCommunicationAccessKeyCredentialPolicy(credential));
  const client = createDefaultHttpClient();
  const send = signedSender(pipeline, client, endpoint);

  process.stdout.write(
    `emulator ${endpoint}: ${settings.requests} requests per operation, ` +
      `${settings.concurrency} in flight, at most ${settings.seconds} s each\n`,
  );
  const roomIds: string[] = [];
  const busy = serverBusy(worker);
  await busy.mark();
  const create = await drive("rooms.create", settings, async () => {
    const answer = await send("POST", `/rooms?api-version=${API_VERSION}`, "{}");
    if (answer.status === 201) {
      roomIds.push((JSON.parse(answer.body) as { id: string }).id);
    }
    return answer.status === 201;
  });
  create.serverBusy = await busy.mark();
  let next = 0;
  const get = await drive("rooms.get", settings, async () => {
    const id = roomIds[next++ % roomIds.length];
    const answer = await send("GET", `/rooms/${id}?api-version=${API_VERSION}`);
    return answer.status === 200;
  });
  get.serverBusy = await busy.mark();

  for (const result of [create, get]) {
    const rate = Math.round(result.completed / result.seconds);
    process.stdout.write(
      `${result.operation.padEnd(12)} ${String(rate).padStart(6)} req/s ` +
        `(${result.completed} ok, ${result.failed} failed, ${result.seconds.toFixed(2)} s, ` +
        `emulator thread busy ${Math.round((result.serverBusy ?? 0) * 100)}%)\n`,
    );
  }
  await worker.terminate();
}

/** Sends one signed request and reads the answer body. */
function signedSender(pipeline: Pipeline, client: HttpClient, endpoint: string) {
  return async (method: "GET" | "POST", path: string, body?: string) => {
    const headers = createHttpHeaders(body ? { "content-type": "application/json" } : {});
    const request = createPipelineRequest({
      url: new URL(path, endpoint).toString(),
      method,
      headers,
      body,
      allowInsecureConnection: true,
    });
    const response = await pipeline.sendRequest(client, request);
    return { status: response.status, body: response.bodyAsText ?? "" };
  };
}

/**
 * Runs `call` `settings.requests` times with `settings.concurrency` in flight, or until time
 * runs out.
 */
async function drive(
  operation: string,
  settings: Settings,
  call: () => Promise<boolean>,
): Promise<Result> {
  const started = performance.now();
  const deadline = started + settings.seconds * 1000;
  let issued = 0;
  let completed = 0;
  let failed = 0;

  const lane = async () => {
    while (issued < settings.requests && performance.now() < deadline) {
      issued += 1;
      if (await call()) {
        completed += 1;
      } else {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, lane));
  return { operation, completed, failed, seconds: (performance.now() - started) / 1000 };
}

async function serveEmulator(): Promise<void> {
  const emulator = await startEmulator({ pageSize: 100 });
  parentPort?.on("message", () => {
    parentPort?.postMessage(performance.eventLoopUtilization());
  });
  parentPort?.postMessage(emulator.connectionString);
}

/** Asks the emulator thread how busy its event loop was since the previous mark. */
function serverBusy(worker: Worker): { mark: () => Promise<number> } {
  let previous: EventLoopUtilization | undefined;
  return {
    mark: () =>
      new Promise((resolve) => {
        worker.once("message", (current: EventLoopUtilization) => {
          const share = previous
            ? performance.eventLoopUtilization(current, previous).utilization
            : 0;
          previous = current;
          resolve(share);
        });
        worker.postMessage("mark");
      }),
  };
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "10000" },
      concurrency: { type: "string", default: "32" },
      seconds: { type: "string", default: "20" },
    },
  });
  return {
    requests: Number(values.requests),
    concurrency: Number(values.concurrency),
    seconds: Number(values.seconds),
  };
}
