// Runs the real `pulumi` CLI against a stack made by the engine harness, for the commands and
// flags the Automation API does not expose (`preview --json`, exit codes such as 7 from
// `--expect-no-changes`). The program still runs inline, in this process: like the Automation
// API, the helper serves it over gRPC as a language runtime and passes its address with
// `--client`, so no `pulumi-language-nodejs` is needed.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";

import type { PulumiFn } from "@pulumi/pulumi/automation";

import { ENGINE_BIN, type EngineStack } from "./engine";

/** What one CLI run printed and how it ended. */
export interface CliResult {
  /** The process's exit code; 7 is `--expect-no-changes` finding changes. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /**
   * The inline program to serve for commands that run one (up, preview, refresh, destroy).
   * @defaultValue the program the stack was created with
   */
  program?: PulumiFn;
}

/**
 * Runs `pulumi <args>` for the engine stack, in its work directory and environment, with
 * `--stack`, `--non-interactive` and the inline program's address added. Resolves with the exit
 * code whatever it is: callers assert on it.
 */
export async function runPulumiCli(
  engine: EngineStack,
  args: string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const program = options.program ?? engine.stack.workspace.program;
  if (!program) throw new Error("runPulumiCli needs an inline program: the stack has none");

  const runtime = await serveProgram(program);
  let result: CliResult | undefined;
  try {
    result = await runProcess({
      command: path.join(ENGINE_BIN, "pulumi"),
      args: [
        ...args,
        "--stack",
        engine.stack.name,
        "--non-interactive",
        `--client=${runtime.address}`,
        "--exec-kind",
        "auto.inline",
      ],
      cwd: engine.stack.workspace.workDir,
      env: { ...process.env, ...engine.env, PULUMI_AUTOMATION_API: "true" },
    });
  } finally {
    runtime.close(result === undefined || result.exitCode !== 0);
  }
  return result;
}

/**
 * `pulumi preview --refresh --json` with the given extra flags; returns the exit code and the
 * parsed JSON document the CLI printed. Throws with the CLI's stderr when stdout is not JSON.
 */
export async function previewRefreshJson(
  engine: EngineStack,
  extraArgs: string[] = [],
): Promise<{ exitCode: number; preview: unknown; stderr: string }> {
  const result = await runPulumiCli(engine, ["preview", "--refresh", "--json", ...extraArgs]);
  let preview: unknown;
  try {
    preview = JSON.parse(result.stdout);
  } catch {
    throw new Error(
      `pulumi preview --json exited ${result.exitCode} without JSON on stdout:\n${result.stderr}`,
    );
  }
  return { exitCode: result.exitCode, preview, stderr: result.stderr };
}

interface ServedProgram {
  /** host:port for `--client`. */
  address: string;
  /** Stops the server; reports leaked promises unless the run failed, as the Automation API. */
  close(runFailed: boolean): void;
}

/**
 * The Automation API's own language server, loaded from @pulumi/pulumi's internals because it is
 * not part of the typed public surface. Its grpc-js is loaded from the same place so that the
 * service definition and the server come from one copy of the library.
 */
async function serveProgram(program: PulumiFn): Promise<ServedProgram> {
  const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
  const grpc: typeof import("@grpc/grpc-js") = fromPulumi("@grpc/grpc-js");
  const { LanguageServer } = fromPulumi("./automation/server") as {
    LanguageServer: new (program: PulumiFn) => LanguageServerLike;
  };
  const { LanguageRuntimeService } = fromPulumi("./proto/language_grpc_pb");
  const { grpcChannelOptions } = fromPulumi("./runtime/settings");

  const server = new grpc.Server(grpcChannelOptions);
  const languageServer = new LanguageServer(program);
  server.addService(LanguageRuntimeService, languageServer as never);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });

  return {
    address: `127.0.0.1:${port}`,
    close: (runFailed) => {
      server.forceShutdown();
      languageServer.onPulumiExit(runFailed);
    },
  };
}

interface LanguageServerLike {
  onPulumiExit(hasError: boolean): void;
}

function runProcess(args: {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(args.command, args.args, {
      cwd: args.cwd,
      env: args.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({
        exitCode: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}
