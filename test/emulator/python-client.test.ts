// The Python SDKs as a second client: pytest runs test/python against an emulator serving TLS.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";

const root = resolve(__dirname, "../..");
const python = join(root, ".venv/bin/python");
const PYTEST_DEADLINE_MS = 100_000;

let emulator: RunningEmulator;
let directory: string;

beforeAll(async () => {
  emulator = await startEmulator({ tls: true });
  directory = mkdtempSync(join(tmpdir(), "acs-emulator-py-"));
});

afterAll(async () => {
  await emulator.close();
  rmSync(directory, { recursive: true, force: true });
});

function runPytest(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(python, ["-m", "pytest", "test/python", "-q", "-p", "no:cacheprovider"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`pytest did not finish within ${PYTEST_DEADLINE_MS} ms:\n${output}`));
    }, PYTEST_DEADLINE_MS);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearTimeout(deadline);
      done({ code, output });
    });
  });
}

describe("Python SDK scenarios", () => {
  it("pass against the emulator over TLS", async () => {
    expect(
      existsSync(python),
      ".venv/bin/python is missing: run npm run python-deps to install the Python SDKs",
    ).toBe(true);
    const caFile = join(directory, "emulator.pem");
    writeFileSync(caFile, emulator.certificate as string);

    const { code, output } = await runPytest({
      ACS_EMULATOR_CONNECTION_STRING: emulator.connectionString,
      ACS_EMULATOR_CA_FILE: caFile,
    });

    expect(output).toMatch(/^\d+ passed in [\d.]+s/m);
    expect(output).not.toMatch(/failed|error/);
    expect(code, output).toBe(0);
  });
});
