// The resource classes as a program sees them, with Pulumi's mocks standing in for the engine.
// They are loaded from the built package (npm run build), as programs load them: the closure
// serializer must see the compiled JavaScript, not sources transformed by the test runner.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

type Library = typeof import("../../provider");

const BUILT = path.resolve(__dirname, "../../dist/provider/index.js");

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

describe("the resource classes", () => {
  const registered: Registered[] = [];
  let lib: Library;

  beforeAll(async () => {
    if (!fs.existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first`);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "project",
      "stack",
      false,
    );
    lib = createRequire(__filename)(BUILT) as Library;
  });

  function inputsOf(name: string): Record<string, unknown> {
    const found = registered.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name} was registered`);
    return found.inputs;
  }

  /** Resolves once the mocks have registered every resource, which resolves its id. */
  function registeredAll(...resources: pulumi.CustomResource[]): Promise<unknown> {
    return Promise.all(resources.map((r) => new Promise((resolve) => r.id.apply(resolve))));
  }

  it("registers stable type tokens under pulumi-nodejs:dynamic/acs-rooms", async () => {
    await registeredAll(
      new lib.Room("typed-room"),
      new lib.CommunicationUser("typed-user"),
      new lib.RoomParticipantSet("typed-set", { roomId: "99123456789012345", participants: [] }),
    );

    expect(
      ["typed-room", "typed-user", "typed-set"].map(
        (n) => registered.find((r) => r.name === n)?.type,
      ),
    ).toEqual([
      "pulumi-nodejs:dynamic/acs-rooms:Room",
      "pulumi-nodejs:dynamic/acs-rooms:CommunicationUser",
      "pulumi-nodejs:dynamic/acs-rooms:RoomParticipantSet",
    ]);
  });

  it("sends Dates (also in Outputs and Promises) as ISO strings, and the name", async () => {
    await registeredAll(
      new lib.Room("dated", {
        validFrom: new Date("2026-12-24T09:00:00Z"),
        validUntil: pulumi.output("x").apply(() => new Date("2026-12-24T10:00:00Z")),
      }),
      new lib.Room("promised", { validFrom: Promise.resolve(new Date("2026-12-24T11:00:00Z")) }),
      new lib.Room("invalid", { validFrom: new Date("not a date") }),
    );

    expect(inputsOf("dated")).toMatchObject({
      __resourceName: "dated",
      validFrom: "2026-12-24T09:00:00.000Z",
      validUntil: "2026-12-24T10:00:00.000Z",
    });
    expect(inputsOf("promised").validFrom).toBe("2026-12-24T11:00:00.000Z");
    expect(inputsOf("invalid").validFrom).toBe("Invalid Date");
  });

  it("sends no key for an input that was left out", async () => {
    await registeredAll(new lib.Room("bare"));

    expect(Object.keys(inputsOf("bare")).sort()).toEqual(["__provider", "__resourceName"]);
  });

  it("exposes the room id and user id as the resource ids", async () => {
    const room = new lib.Room("ids");
    const user = new lib.CommunicationUser("ids-user");

    const [roomId, userId] = await new Promise<[string, string]>((resolve) =>
      pulumi.all([room.roomId, user.communicationUserId]).apply(resolve),
    );

    expect([roomId, userId]).toEqual(["ids-id", "ids-user-id"]);
  });

  it("serializes the same small provider for every resource of a type", async () => {
    await registeredAll(
      new lib.Room("first"),
      new lib.Room("second", { validFrom: "2026-12-24T09:00:00Z" }),
    );

    const first = inputsOf("first").__provider as string;
    expect(inputsOf("second").__provider).toBe(first);
    expect(first.length).toBeLessThanOrEqual(2048);
    expect(first).toContain('require("pulumi-acs-rooms/runtime").room.create(...a)');
    expect(first).not.toMatch(/accesskey|connectionString|process\.env/i);
  });
});
