// The command line: compiled with the project's TypeScript compiler, started as a child process,
// driven by the real SDK, and stopped with a signal.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { RoomsClient } from "@azure/communication-rooms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRIES } from "./helpers";

const root = resolve(__dirname, "../..");
const STARTUP_DEADLINE_MS = 20_000;
let outDir: string;
let cliPath: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "acs-emulator-cli-"));
  const tsconfig = join(outDir, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, "tsconfig.json"),
      compilerOptions: {
        outDir: join(outDir, "dist"),
        rootDir: root,
        declaration: false,
        typeRoots: [join(root, "node_modules/@types")],
      },
      include: [],
      files: [join(root, "emulator/cli.ts")],
    }),
  );
  const compiled = spawnSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", tsconfig],
    {
      encoding: "utf8",
    },
  );
  expect(compiled.stdout + compiled.stderr).toBe("");
  cliPath = join(outDir, "dist/emulator/cli.js");
});

afterAll(() => {
  for (const child of children) {
    child.kill("SIGKILL");
  }
  rmSync(outDir, { recursive: true, force: true });
});

/** A running CLI with its output so far and a way to wait for a line. */
interface CliRun {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function runCli(args: string[]): CliRun {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, NODE_PATH: join(root, "node_modules") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    waiters.splice(0).forEach((wake) => wake());
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));

  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((done, fail) => {
      const deadline = setTimeout(
        () =>
          fail(
            new Error(`no output matching ${pattern} within ${STARTUP_DEADLINE_MS} ms:\n${output}`),
          ),
        STARTUP_DEADLINE_MS,
      );
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          clearTimeout(deadline);
          done(match);
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  return { child, output: () => output, waitFor, exited };
}

describe("acs-rooms-emulator CLI", () => {
  it("prints help", () => {
    const help = spawnSync(process.execPath, [cliPath, "--help"], {
      encoding: "utf8",
      env: { ...process.env, NODE_PATH: join(root, "node_modules") },
    });

    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: acs-rooms-emulator [options]");
  });

  it(
    "starts, serves the SDK, logs one line per request without secrets, " + "and stops on SIGTERM",
    async () => {
      const run = runCli([
        "--page-size",
        "2",
        "--fault",
        "rooms.get:error:status=503,retryAfterSeconds=0",
      ]);
      const [, connectionString] = await run.waitFor(/Connection string: (\S+)\n/);
      const accessKey = connectionString.split("accesskey=")[1];

      const client = new RoomsClient(connectionString, {
        allowInsecureConnection: true,
        retryOptions: FAST_RETRIES,
      });
      const room = await client.createRoom();
      await expect(client.getRoom(room.id)).resolves.toEqual(room);
      await run.waitFor(/"operation":"rooms.get","apiVersion":"2025-03-13","status":200/);

      const requestLines = run
        .output()
        .split("\n")
        .filter((line) => line.includes('"msg":"request"'));
      expect(requestLines).toHaveLength(3);
      expect(JSON.parse(requestLines[1])).toMatchObject({
        method: "GET",
        path: `/rooms/${room.id}`,
        status: 503,
        fault: "error",
        requestId: expect.stringMatching(/\.0$/),
      });
      expect(run.output().replace(connectionString, "")).not.toContain(accessKey);
      expect(run.output()).not.toContain("HMAC-SHA256");

      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain("ACS Rooms emulator stopped (SIGTERM)");
    },
  );

  it("serves TLS and writes the certificate for clients to trust, stopping on SIGINT", async () => {
    const certFile = join(outDir, "emulator.pem");
    const run = runCli(["--tls", "--cert-file", certFile, "--quiet"]);
    const [, connectionString] = await run.waitFor(/Connection string: (\S+)\n/);
    await run.waitFor(/Certificate: /);

    expect(connectionString).toMatch(/^endpoint=https:\/\/127\.0\.0\.1:\d+\/;accesskey=/);
    const client = new CommunicationIdentityClient(connectionString, {
      tlsOptions: { ca: readFileSync(certFile, "utf8") },
    });
    await expect(client.createUser()).resolves.toMatchObject({
      communicationUserId: expect.stringMatching(/^8:acs:/),
    });

    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
  });

  it("exits with status 2 and the reason for an option it cannot use", async () => {
    const run = runCli(["--page-size", "0"]);

    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("pageSize must be a positive integer, got 0");
  });
});
