// The engine that `npm run engine` produced drives a real deployment: a stack with one small
// dynamic resource goes through up, a preview that must find nothing to do, and destroy.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createEngineStack, ENGINE_BIN, type EngineStack } from "../harness/engine";

const requireCompiled = createRequire(__filename);
const { Echo } = requireCompiled("../fixtures/echo-resource.js");

describe("the engine built by npm run engine", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      projectName: "smoke",
      program: async () => {
        const echo = new Echo("greeting", { message: "hello" });
        return { shout: echo.shout as pulumi.Output<string> };
      },
    });
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  it("is the pinned release and is the binary the workspace runs", async () => {
    const version = execFileSync(path.join(ENGINE_BIN, "pulumi"), ["version"], {
      encoding: "utf8",
    }).trim();
    expect(version).toBe("v3.248.0");
    expect(engine.stack.workspace.pulumiCommand.command).toBe(path.join(ENGINE_BIN, "pulumi"));
  });

  it("creates the stack and the dynamic resource on up", async () => {
    const result = await engine.stack.up();

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(result.outputs.shout.value).toBe("HELLO");
  });

  it("finds nothing to change on a preview right after up", async () => {
    const result = await engine.stack.preview({ expectNoChanges: true });

    expect(result.changeSummary).toEqual({ same: 2 });
  });

  it("records the resource in the file backend's state", () => {
    const state = JSON.parse(engine.stateText());
    const types = state.checkpoint.latest.resources.map((r: { type: string }) => r.type);

    expect(types).toEqual([
      "pulumi:pulumi:Stack",
      "pulumi:providers:pulumi-nodejs",
      "pulumi-nodejs:dynamic:Resource",
    ]);
  });

  it("removes everything on destroy", async () => {
    const result = await engine.stack.destroy();

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toEqual({ delete: 2 });
    const state = JSON.parse(engine.stateText());
    expect(state.checkpoint.latest.resources ?? []).toEqual([]);
  });
});
