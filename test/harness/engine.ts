// One helper for every test that needs the real Pulumi engine: an isolated workspace with a file
// backend, its own PULUMI_HOME, a passphrase, and no update checks or plugin downloads, all in
// a temporary folder that `dispose` removes.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import {
  LocalWorkspace,
  PulumiCommand,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation";

/** Where `npm run engine` puts the CLI and the dynamic-provider launcher. */
export const ENGINE_ROOT = path.resolve(__dirname, "../../.engine");
export const ENGINE_BIN = path.join(ENGINE_ROOT, "bin");

/**
 * Programs run inside the repo so that the serialized providers, which require
 * "pulumi-acs-rooms/runtime" by name from the program's folder, find the library through the
 * node_modules/pulumi-acs-rooms link that `npm run build` makes.
 */
const WORK_PARENT = path.join(ENGINE_ROOT, "work");

/** Fixed, so stacks made by one test can be reopened by another step of the same test. */
const PASSPHRASE = "pulumi-acs-rooms-tests";

export interface EngineStackOptions {
  /** Pulumi project name; also the first part of every URN. */
  projectName: string;
  /** The program, run in this process by the Automation API. */
  program: PulumiFn;
  /** Stack name. @defaultValue "test" */
  stackName?: string;
  /**
   * Folder the program runs in (and the dynamic providers' working directory).
   * @defaultValue a new folder under .engine/work, removed by `dispose`
   */
  workDir?: string;
  /** Stack configuration; values marked secret are encrypted in state. */
  config?: Record<string, { value: string; secret?: boolean }>;
  /** Extra environment variables for the engine and the providers it starts. */
  env?: Record<string, string>;
}

export interface EngineStack {
  stack: Stack;
  /** Temporary folder holding the backend and PULUMI_HOME. */
  root: string;
  /** The environment the engine runs with. */
  env: Record<string, string>;
  /** The raw text of the stack's checkpoint in the file backend. */
  stateText(): string;
  /** Destroys nothing: removes the temporary folders. Call `stack.destroy()` first if needed. */
  dispose(): Promise<void>;
}

/**
 * Creates a stack in a fresh temporary file backend, driven by the engine that `npm run engine`
 * produced. Throws when that engine is missing rather than falling back to another `pulumi`.
 */
export async function createEngineStack(options: EngineStackOptions): Promise<EngineStack> {
  assertEngineBuilt();

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "acs-rooms-engine-"));
  const backendDir = path.join(root, "backend");
  const home = path.join(root, "home");
  fs.mkdirSync(WORK_PARENT, { recursive: true });
  const ownWorkDir = options.workDir ? undefined : fs.mkdtempSync(path.join(WORK_PARENT, "stack-"));
  const workDir = options.workDir ?? (ownWorkDir as string);
  for (const dir of [backendDir, home]) fs.mkdirSync(dir, { recursive: true });

  const env = engineEnv({ backendDir, home, extra: options.env });
  const pulumiCommand = await PulumiCommand.get({ root: ENGINE_ROOT });
  const stack = await LocalWorkspace.createStack(
    {
      projectName: options.projectName,
      stackName: options.stackName ?? "test",
      program: options.program,
    },
    {
      workDir,
      pulumiHome: home,
      pulumiCommand,
      envVars: env,
      projectSettings: {
        name: options.projectName,
        runtime: "nodejs",
        backend: { url: `file://${backendDir}` },
      },
    },
  );
  if (options.config) await stack.setAllConfig(options.config);

  return {
    stack,
    root,
    env,
    stateText: () => readCheckpoint(backendDir, options.projectName, stack.name),
    dispose: async () => {
      fs.rmSync(root, { recursive: true, force: true });
      if (ownWorkDir) fs.rmSync(ownWorkDir, { recursive: true, force: true });
    },
  };
}

/** The environment that keeps an engine run offline and apart from the user's ~/.pulumi. */
export function engineEnv(args: {
  backendDir: string;
  home: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    PATH: `${ENGINE_BIN}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: args.home,
    PULUMI_BACKEND_URL: `file://${args.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "false",
    ...args.extra,
  };
}

function assertEngineBuilt(): void {
  const cli = path.join(ENGINE_BIN, "pulumi");
  if (!fs.existsSync(cli)) {
    throw new Error(`no Pulumi engine at ${cli}: run \`npm run engine\` first`);
  }
}

function readCheckpoint(backendDir: string, project: string, stack: string): string {
  const file = path.join(backendDir, ".pulumi", "stacks", project, `${stack}.json`);
  return fs.readFileSync(file, "utf8");
}
