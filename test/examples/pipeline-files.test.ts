// The CI definitions of examples/pipeline, checked by running their own drift-check scripts:
// each step's shell text is taken from the YAML and run with bash in a scratch project folder,
// with a stand-in `pulumi` that prints a recorded preview and exits as the real one does.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

const run = promisify(execFile);
const REPO = path.resolve(__dirname, "../..");
const PIPELINE = path.join(REPO, "examples", "pipeline");
const FIXTURES = path.join(__dirname, "fixtures");

interface Step {
  name?: string;
  displayName?: string;
  run?: string;
  script?: string;
}

const github = {
  deploy: readYaml("github/deploy.yml"),
  drift: readYaml("github/drift-check.yml"),
};
const azure = readYaml("azure-pipelines.yml");

describe("the GitHub Actions workflows", () => {
  it("deploy on pushes to main and check for drift on a schedule", () => {
    expect(github.deploy.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
    expect(github.drift.on).toEqual({
      schedule: [{ cron: "17 6 * * *" }],
      workflow_dispatch: null,
    });
  });

  it("take the connection string from a secret in both workflows", () => {
    for (const workflow of [github.deploy, github.drift]) {
      const job = Object.values(workflow.jobs as Record<string, { env: object }>)[0];
      expect(job.env).toMatchObject({
        ACS_CONNECTION_STRING: "${{ secrets.ACS_CONNECTION_STRING }}",
      });
    }
  });
});

describe("the drift check's scripts", () => {
  let project: string;

  beforeEach(() => {
    // Inside the repo, so that npx finds TypeScript in its node_modules as a user's project would.
    fs.mkdirSync(path.join(REPO, ".engine", "work"), { recursive: true });
    project = fs.mkdtempSync(path.join(REPO, ".engine", "work", "pipeline-"));
    fs.mkdirSync(path.join(project, "tools"));
    fs.copyFileSync(
      path.join(PIPELINE, "drift-report.ts"),
      path.join(project, "tools", "drift-report.ts"),
    );
  });

  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  it("GitHub: the preview step keeps going after exit 7 and records the exit code", async () => {
    fakePulumi(project, { fixture: "preview-refresh-drift.json", exitCode: 7 });
    const outputs = path.join(project, "github-output");

    await bash(stepScript(github.drift, "pulumi preview --refresh --expect-no-changes"), {
      cwd: project,
      env: { GITHUB_OUTPUT: outputs, PULUMI_STACK: "prod" },
    });

    expect(fs.readFileSync(outputs, "utf8")).toBe("exit-code=7\n");
    expect(fs.readFileSync(path.join(project, "preview.json"), "utf8")).toBe(
      fs.readFileSync(path.join(FIXTURES, "preview-refresh-drift.json"), "utf8"),
    );
    expect(fs.readFileSync(path.join(project, "pulumi-args"), "utf8")).toBe(
      "preview --stack prod --refresh --expect-no-changes --json --non-interactive\n",
    );
  });

  it("GitHub: the report step writes the drift table to the run summary", async () => {
    copyFixture(project, "preview-refresh-drift.json");
    const summary = path.join(project, "step-summary.md");

    await bash(stepScript(github.drift, "Drift report"), {
      cwd: project,
      env: { GITHUB_STEP_SUMMARY: summary },
    });

    const text = fs.readFileSync(summary, "utf8");
    expect(text.split("\n").slice(0, 5)).toEqual([
      "Drift: 3 properties of 2 resources changed outside Pulumi.",
      "",
      "| Resource | Type | Property | In state | Refreshed | Declared |",
      "| --- | --- | --- | --- | --- | --- |",
      "| lounge | pulumi-nodejs:dynamic:Resource | (resource) | exists | " +
        "deleted outside Pulumi | exists |",
    ]);
  });

  it("Azure Pipelines: the report step uploads a summary that says there is no drift", async () => {
    copyFixture(project, "preview-refresh-clean.json");
    const drift = azure.stages.find((s: { stage: string }) => s.stage === "drift");
    // Azure replaces $(...) macros before bash sees the script.
    const script = stepScript(drift.jobs[0], "Drift report").replace(
      "$(System.DefaultWorkingDirectory)",
      project,
    );

    const { stdout } = await bash(script, { cwd: project, env: {} });

    expect(fs.readFileSync(path.join(project, "drift-report.md"), "utf8")).toBe(
      "No drift: all 3 resources read match their last deployment.\n",
    );
    expect(stdout).toContain(`##vso[task.uploadsummary]${project}/drift-report.md`);
  });

  it(
    "Azure Pipelines: the drift stage runs only on the schedule, " + "the deploy stage never then",
    () => {
      expect(azure.schedules[0]).toMatchObject({ cron: "17 6 * * *", always: true });
      expect(
        azure.stages.map((s: { stage: string; condition: string }) => [s.stage, s.condition]),
      ).toEqual([
        ["deploy", "ne(variables['Build.Reason'], 'Schedule')"],
        ["drift", "eq(variables['Build.Reason'], 'Schedule')"],
      ]);
    },
  );
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function readYaml(file: string): any {
  return parse(fs.readFileSync(path.join(PIPELINE, file), "utf8"));
}

/** The shell text of the step with that name in a GitHub job or an Azure job. */
function stepScript(container: { jobs?: object; steps?: Step[] }, name: string): string {
  const jobs = container.steps ? [container] : Object.values(container.jobs ?? {});
  for (const job of jobs as { steps: Step[] }[]) {
    const step = job.steps.find((s) => s.name === name || s.displayName === name);
    if (step) return (step.run ?? step.script) as string;
  }
  throw new Error(`no step named ${JSON.stringify(name)}`);
}

/** A `pulumi` that records its arguments, prints a recorded preview and exits with a code. */
function fakePulumi(project: string, args: { fixture: string; exitCode: number }): void {
  const bin = path.join(project, "bin");
  fs.mkdirSync(bin);
  const script = [
    "#!/bin/bash",
    `echo "$*" > ${JSON.stringify(path.join(project, "pulumi-args"))}`,
    `cat ${JSON.stringify(path.join(FIXTURES, args.fixture))}`,
    `exit ${args.exitCode}`,
  ].join("\n");
  fs.writeFileSync(path.join(bin, "pulumi"), script, { mode: 0o755 });
}

function copyFixture(project: string, fixture: string): void {
  fs.copyFileSync(path.join(FIXTURES, fixture), path.join(project, "preview.json"));
}

/** Runs a step's script as GitHub runs it: bash -e -o pipefail. */
function bash(script: string, options: { cwd: string; env: Record<string, string> }) {
  return run("bash", ["-e", "-o", "pipefail", "-c", script], {
    cwd: options.cwd,
    env: {
      ...process.env,
      PATH: `${path.join(options.cwd, "bin")}${path.delimiter}${process.env.PATH}`,
      ...options.env,
    },
  });
}
