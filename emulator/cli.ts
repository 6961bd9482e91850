#!/usr/bin/env node
// Command line entry point: starts the emulator, prints its connection string, logs one line per
// request, and stops cleanly on SIGINT or SIGTERM.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseFaultSpec } from "./faults";
import type { EmulatorOptions } from "./options";
import { startEmulator } from "./server";

const USAGE = `Usage: acs-rooms-emulator [options]

A local Azure Communication Services Rooms + Identity service for tests and demos.

Options:
  --host <address>              Address to listen on (default 127.0.0.1)
  --port <n>                    Port to listen on; 0 picks a free one (default 0)
  --access-key <base64>         Access key of the emulated resource (default: random)
  --resource-id <guid>          Resource guid in user ids (default: random)
  --page-size <n>               Items per page of list answers (default 5)
  --data-file <path>            Keep rooms and users in this JSON file across restarts
  --tls                         Serve HTTPS with a generated self-signed certificate
  --cert-file <path>            With --tls: write the certificate (PEM) here for clients to trust
  --fault <spec>                Add a fault rule; repeatable. Form: operation:action[:k=v,...]
                                e.g. rooms.create:error:status=429,retryAfterSeconds=1,count=2
                                     *:latency:latencyMs=200,probability=0.1
                                     rooms.create:commitThenDrop
  --grace-ms <ms>               Remove rooms this long after validUntil (default 0)
  --auth-window-ms <ms>         Accepted clock distance of signed dates (default 300000)
  --repeatability-window-ms <ms> Accepted age of Repeatability-First-Sent (default 300000)
  --max-participants <n>        Most participants per room (default 350)
  --accept-bearer               Accept Authorization: Bearer <JWT> without verifying it
  --clock-start <iso-date>      Start the emulator clock at this time
  --frozen-clock                Keep the clock still unless moved through /_emulator/clock
  --quiet                       Do not log requests
  -h, --help                    Show this help
`;

async function main(argv: string[]): Promise<void> {
  const options = readOptions(argv);
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  const { emulatorOptions, certFile } = options;

  const emulator = await startEmulator(emulatorOptions);
  if (certFile) {
    if (!emulator.certificate) {
      throw new RangeError("--cert-file needs --tls");
    }
    await writeFile(certFile, emulator.certificate, "utf8");
  }

  process.stdout.write(`ACS Rooms emulator listening on ${emulator.endpoint}\n`);
  process.stdout.write(`Connection string: ${emulator.connectionString}\n`);
  if (certFile) {
    process.stdout.write(`Certificate: ${certFile}\n`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    emulator.close().then(
      () => {
        process.stdout.write(`ACS Rooms emulator stopped (${signal})\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`acs-rooms-emulator: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** The options the flags ask for, or undefined when help was asked for. */
function readOptions(
  argv: string[],
): { emulatorOptions: EmulatorOptions; certFile: string | undefined } | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      "access-key": { type: "string" },
      "resource-id": { type: "string" },
      "page-size": { type: "string" },
      "data-file": { type: "string" },
      tls: { type: "boolean" },
      "cert-file": { type: "string" },
      fault: { type: "string", multiple: true },
      "grace-ms": { type: "string" },
      "auth-window-ms": { type: "string" },
      "repeatability-window-ms": { type: "string" },
      "max-participants": { type: "string" },
      "accept-bearer": { type: "boolean" },
      "clock-start": { type: "string" },
      "frozen-clock": { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    return undefined;
  }

  const number = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) {
      return undefined;
    }
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) {
      throw new RangeError(`--${flag} must be a number, got '${value}'`);
    }
    return parsed;
  };

  const emulatorOptions: EmulatorOptions = {
    host: values.host,
    port: number("port", values.port),
    accessKey: values["access-key"],
    resourceId: values["resource-id"],
    pageSize: number("page-size", values["page-size"]),
    dataFile: values["data-file"],
    tls: values.tls ?? false,
    faults: (values.fault ?? []).map(parseFaultSpec),
    roomRemovalGraceMs: number("grace-ms", values["grace-ms"]),
    authWindowMs: number("auth-window-ms", values["auth-window-ms"]),
    repeatabilityWindowMs: number("repeatability-window-ms", values["repeatability-window-ms"]),
    maxParticipantsPerRoom: number("max-participants", values["max-participants"]),
    acceptBearer: values["accept-bearer"] ?? false,
    clock: { start: values["clock-start"], frozen: values["frozen-clock"] ?? false },
    logger: values.quiet ? false : { level: "info" },
  };
  return { emulatorOptions, certFile: values["cert-file"] };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`acs-rooms-emulator: ${(error as Error).message ?? String(error)}\n`);
  process.stderr.write("Run acs-rooms-emulator --help for the options.\n");
  process.exit(2);
});
