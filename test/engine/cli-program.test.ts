// The bare `pulumi` command runs a Pulumi.yaml program through the language host that
// `npm run engine` installed, as a user's pipeline would: up, preview, destroy.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ENGINE_BIN, engineEnv } from "../harness/engine";

const execFileAsync = promisify(execFile);
const PROJECT = path.resolve(__dirname, "../fixtures/echo-project");
const STACK = `cli-${process.pid}`;

describe("a Pulumi.yaml program run by the bare pulumi command", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;

  const pulumi = (...args: string[]) =>
    execFileAsync(
      path.join(ENGINE_BIN, "pulumi"),
      [...args, "--stack", STACK, "--non-interactive"],
      {
        cwd: PROJECT,
        env,
      },
    );

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "acs-rooms-cli-"));
    const backendDir = path.join(root, "backend");
    fs.mkdirSync(backendDir);
    env = { ...process.env, ...engineEnv({ backendDir, home: path.join(root, "home") }) };
    await execFileAsync(path.join(ENGINE_BIN, "pulumi"), ["stack", "init", STACK], {
      cwd: PROJECT,
      env,
    });
  });

  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.join(PROJECT, `Pulumi.${STACK}.yaml`), { force: true });
  });

  it("has a language host beside the CLI", () => {
    expect(fs.existsSync(path.join(ENGINE_BIN, "pulumi-language-nodejs"))).toBe(true);
  });

  it("creates the program's resources on up and exports its outputs", async () => {
    const up = await pulumi("up", "--yes", "--skip-preview");
    expect(up.stdout).toMatch(/\+ 2 created/);

    const outputs = await pulumi("stack", "output", "--json");
    expect(JSON.parse(outputs.stdout)).toEqual({ shout: "FROM THE CLI" });
  });

  it("reports no changes on a preview that expects none", async () => {
    const preview = await pulumi("preview", "--expect-no-changes");
    expect(preview.stdout).toMatch(/2 unchanged/);
  });

  it("deletes everything on destroy", async () => {
    const destroy = await pulumi("destroy", "--yes", "--skip-preview");
    expect(destroy.stdout).toMatch(/- 2 deleted/);
  });
});
