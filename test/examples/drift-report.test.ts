// The drift report on preview documents. The two fixtures are real `pulumi preview --refresh
// --json` output of the engine built here (3.248.0), recorded with test/harness/cli.ts from a
// stack of small file-backed dynamic resources, then trimmed of stack traces and of the
// serialized provider code: one with nothing changed, one where a resource was edited and another
// deleted outside Pulumi while the program changed a title and added a resource.
import * as fs from "node:fs";
import * as path from "node:path";

import { describe, expect, it } from "vitest";

import { findDrift, formatReport, main } from "../../examples/pipeline/drift-report";

const FIXTURES = path.join(__dirname, "fixtures");
const cleanText = fs.readFileSync(path.join(FIXTURES, "preview-refresh-clean.json"), "utf8");
const driftText = fs.readFileSync(path.join(FIXTURES, "preview-refresh-drift.json"), "utf8");

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

describe("findDrift", () => {
  it("finds nothing in a preview whose refresh changed nothing", () => {
    expect(findDrift(JSON.parse(cleanText))).toEqual({
      resourcesRead: 3,
      rows: [],
      programChanges: [],
    });
  });

  it("tells drift, undeployed program changes and added resources apart", () => {
    const report = findDrift(JSON.parse(driftText));

    expect(report.resourcesRead).toBe(3);
    expect(report.rows).toEqual([
      {
        kind: "drift",
        resource: "lounge",
        type: DYNAMIC,
        property: "(resource)",
        state: "exists",
        refreshed: "deleted outside Pulumi",
        declared: "exists",
      },
      {
        kind: "drift",
        resource: "hall",
        type: DYNAMIC,
        property: "validUntil",
        state: "2030-01-01T10:00:00.000Z",
        refreshed: "2030-01-01T12:00:00.0000000Z",
        declared: "2030-01-01T10:00:00.000Z",
      },
      {
        kind: "drift",
        resource: "hall",
        type: DYNAMIC,
        property: 'people["8:acs:r_3"].role',
        state: "(none)",
        refreshed: "Consumer",
        declared: "(none)",
      },
      {
        kind: "program",
        resource: "panel",
        type: DYNAMIC,
        property: "title",
        state: "Panel",
        refreshed: "Panel",
        declared: "Closing panel",
      },
    ]);
    expect(report.programChanges).toEqual([{ resource: "extra", type: DYNAMIC, op: "create" }]);
  });

  it("treats timestamps that denote the same instant as equal", () => {
    const preview = previewOf({
      recorded: { validFrom: "2030-01-01T10:00:00Z" },
      refreshed: { validFrom: "2030-01-01T10:00:00.0000000Z" },
      declared: { validFrom: "2030-01-01T10:00:00.000Z", title: "new" },
    });

    expect(findDrift(preview).rows.map((row) => row.property)).toEqual(["title"]);
  });

  it("reports a change hidden in secret values as drift with the values masked", () => {
    const preview = previewOf({
      recorded: { connectionString: "[secret]", title: "a" },
      refreshed: { connectionString: "[secret]", title: "a" },
      declared: { connectionString: "[secret]", title: "a" },
    });

    expect(findDrift(preview).rows).toEqual([
      {
        kind: "drift",
        resource: "room",
        type: "acs-rooms:Room",
        property: "connectionString",
        state: "[secret]",
        refreshed: "[secret]",
        declared: "[secret]",
      },
    ]);
  });

  it("masks secrets inside values and shows undeclared outputs as outputs", () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
    const preview = previewOf({
      recorded: {
        options: ["a", { ...secret, value: "hidden" }],
        createdAt: "2030-01-01T00:00:00Z",
      },
      refreshed: {
        options: ["b", { ...secret, value: "hidden" }],
        createdAt: "2030-01-02T00:00:00Z",
      },
      declared: { options: ["a", { ...secret, value: "hidden" }] },
    });

    expect(
      findDrift(preview).rows.map((r) => [r.property, r.state, r.refreshed, r.declared]),
    ).toEqual([
      ["options", '["a","[secret]"]', '["b","[secret]"]', '["a","[secret]"]'],
      ["createdAt", "2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z", "(output)"],
    ]);
  });

  it("compares the refreshed outputs when read hands back the old inputs", () => {
    const urn = "urn:pulumi:prod::rooms::pulumi-nodejs:dynamic/acs-rooms:Room::standup";
    const declared = { __resourceName: "standup", validUntil: "2030-01-01T10:00:00.000Z" };
    const state = (outputs: Record<string, unknown>) => ({
      urn,
      custom: true,
      type: "pulumi-nodejs:dynamic/acs-rooms:Room",
      inputs: declared,
      outputs: { ...declared, __provider: "exports.handler = ...", ...outputs },
    });
    const preview = {
      steps: [
        { op: "refresh", urn, oldState: state({ roomId: "1" }), newState: state({ roomId: "1" }) },
        {
          op: "update",
          urn,
          oldState: state({ roomId: "1", validUntil: "2030-01-01T11:00:00.000Z" }),
          newState: {
            urn,
            custom: true,
            type: "pulumi-nodejs:dynamic/acs-rooms:Room",
            inputs: declared,
          },
        },
      ],
    };

    expect(findDrift(preview).rows).toEqual([
      {
        kind: "drift",
        resource: "standup",
        type: "acs-rooms:Room",
        property: "validUntil",
        state: "2030-01-01T10:00:00.000Z",
        refreshed: "2030-01-01T11:00:00.000Z",
        declared: "2030-01-01T10:00:00.000Z",
      },
    ]);
  });

  it("reports a replacement once, from its replace step", () => {
    const preview = previewOf({
      op: "replace",
      recorded: { title: "a" },
      refreshed: { title: "b" },
      declared: { title: "a" },
    });
    const steps = (preview as { steps: object[] }).steps;
    steps.splice(1, 0, { ...steps[1], op: "create-replacement" });
    steps.push({ ...steps[2], op: "delete-replaced" });

    expect(findDrift(preview).rows.map((row) => row.property)).toEqual(["title"]);
  });

  it("refuses a preview that ran without --refresh", () => {
    const preview = previewOf({
      recorded: {},
      refreshed: { title: "a" },
      declared: { title: "b" },
    });
    const steps = (preview as { steps: object[] }).steps;
    steps.shift();

    expect(() => findDrift(preview)).toThrow(
      "the preview did not refresh, so it cannot tell drift from changes in the program: " +
        "run `pulumi preview --refresh --json`",
    );
  });

  it("refuses documents that are not previews, and previews that failed", () => {
    expect(() => findDrift([])).toThrow(
      "the input is not a preview: expected a JSON object with `steps`",
    );
    expect(() =>
      findDrift({ diagnostics: [{ severity: "error", message: "read failed: 401 Denied\n" }] }),
    ).toThrow("the preview failed, so it says nothing about drift:\n  read failed: 401 Denied");
  });
});

describe("formatReport", () => {
  it("says there is no drift and how many resources it checked", () => {
    const text = formatReport(findDrift(JSON.parse(cleanText)), "markdown");

    expect(text).toBe("No drift: all 3 resources read match their last deployment.\n");
  });

  it("prints drift and undeployed changes as separate Markdown tables", () => {
    const text = formatReport(findDrift(JSON.parse(driftText)), "markdown");

    expect(text).toBe(
      [
        "Drift: 3 properties of 2 resources changed outside Pulumi.",
        "",
        "| Resource | Type | Property | In state | Refreshed | Declared |",
        "| --- | --- | --- | --- | --- | --- |",
        `| lounge | ${DYNAMIC} | (resource) | exists | deleted outside Pulumi | exists |`,
        `| hall | ${DYNAMIC} | validUntil | 2030-01-01T10:00:00.000Z | ` +
          "2030-01-01T12:00:00.0000000Z | 2030-01-01T10:00:00.000Z |",
        `| hall | ${DYNAMIC} | people["8:acs:r_3"].role | (none) | Consumer | (none) |`,
        "",
        "Not deployed yet: the program changes 1 property.",
        "",
        "| Resource | Type | Property | In state | Refreshed | Declared |",
        "| --- | --- | --- | --- | --- | --- |",
        `| panel | ${DYNAMIC} | title | Panel | Panel | Closing panel |`,
        "",
        "Resources the program adds or removes (not drift):",
        `- create extra (${DYNAMIC})`,
        "",
      ].join("\n"),
    );
  });

  it("aligns plain-text columns to their widest cell", () => {
    const report = findDrift(
      previewOf({
        recorded: { title: "a" },
        refreshed: { title: "bb|b" },
        declared: { title: "a" },
      }),
    );

    expect(formatReport(report, "plain")).toBe(
      [
        "Drift: 1 property of 1 resource changed outside Pulumi.",
        "",
        "Resource  Type            Property  In state  Refreshed  Declared",
        "--------  --------------  --------  --------  ---------  --------",
        "room      acs-rooms:Room  title     a         bb|b       a",
        "",
      ].join("\n"),
    );
    expect(formatReport(report, "markdown")).toContain(
      "| room | acs-rooms:Room | title | a | bb\\|b | a |",
    );
  });
});

describe("the drift-report command", () => {
  it("reads standard input when given no file and exits 0 after a report", async () => {
    const io = fakeIo({ stdin: driftText });

    const code = await main(["--format", "plain"], io);

    expect(code).toBe(0);
    expect(io.out.join("")).toContain("lounge    pulumi-nodejs:dynamic:Resource  (resource)");
    expect(io.err).toEqual([]);
  });

  it("reads the named file and prints No drift for a clean preview", async () => {
    const io = fakeIo({ files: { "preview.json": cleanText } });

    expect(await main(["preview.json"], io)).toBe(0);
    expect(io.out).toEqual(["No drift: all 3 resources read match their last deployment.\n"]);
  });

  it("exits 2 with the reason when the input is not preview JSON", async () => {
    const io = fakeIo({ files: { "preview.json": "error: no stack named 'prod' found\n" } });

    expect(await main(["preview.json"], io)).toBe(2);
    expect(io.err.join("")).toMatch(
      new RegExp(
        String.raw`^drift-report: preview\.json is not JSON \(.+\): ` +
          String.raw`run the preview with --json and keep its standard error out of the file\n$`,
      ),
    );
  });

  it("exits 2 with the usage on an unknown format", async () => {
    const io = fakeIo({});

    expect(await main(["--format", "html"], io)).toBe(2);
    expect(io.err.join("")).toBe(
      'drift-report: --format must be "markdown" or "plain", not "html"\n' +
        "usage: drift-report [file | -] [--format markdown|plain]\n",
    );
  });
});

/** A preview with one refreshed dynamic Room whose three states are given. */
function previewOf(args: {
  op?: string;
  recorded: Record<string, unknown>;
  refreshed: Record<string, unknown>;
  declared: Record<string, unknown>;
}): unknown {
  const urn = "urn:pulumi:prod::rooms::pulumi-nodejs:dynamic/acs-rooms:Room::room";
  const type = "pulumi-nodejs:dynamic/acs-rooms:Room";
  const state = (props: Record<string, unknown>) => ({
    urn,
    custom: true,
    type,
    inputs: props,
    outputs: props,
  });
  return {
    steps: [
      { op: "refresh", urn, oldState: state(args.recorded), newState: state(args.recorded) },
      {
        op: args.op ?? "update",
        urn,
        oldState: state(args.refreshed),
        newState: { urn, custom: true, type, inputs: args.declared },
      },
    ],
  };
}

function fakeIo(args: { stdin?: string; files?: Record<string, string> }) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    readFile: (file: string) => {
      const text = args.files?.[file];
      if (text === undefined) throw new Error(`ENOENT: no such file ${file}`);
      return text;
    },
    readStdin: async () => args.stdin ?? "",
    stdout: (text: string) => void out.push(text),
    stderr: (text: string) => void err.push(text),
  };
}
