import { describe, expect, it } from "vitest";

import { type UserInputs, type UserOutputs, user } from "../../provider/runtime/user";
import { normalEndpoint, setStackConfig, useEmulator } from "./support";

const emulator = useEmulator();

function inputs(extra: Partial<UserInputs> = {}): UserInputs {
  return { __resourceName: "alice", connectionString: emulator().connectionString, ...extra };
}

async function createUser(extra: Partial<UserInputs> = {}): Promise<UserOutputs> {
  const { outs } = await user.create(inputs(extra));
  emulator().requests.reset();
  return outs as UserOutputs;
}

describe("CommunicationUser", () => {
  it("creates an ACS user whose raw id is the resource id", async () => {
    const result = await user.create(inputs());

    expect(result.id).toMatch(new RegExp(`^8:acs:${emulator().resourceId}_[0-9a-f-]{36}$`));
    expect(result.outs).toEqual({
      __resourceName: "alice",
      communicationUserId: result.id,
      endpoint: normalEndpoint(emulator()),
      connectionString: emulator().connectionString,
    });
    expect(emulator().requests.counts()).toEqual({ "identity.createUser": 1 });
  });

  it("keeps the stored state on read: the Identity API cannot read a user", async () => {
    const olds = await createUser();

    expect(await user.read(olds.communicationUserId, olds)).toEqual({
      id: olds.communicationUserId,
      props: olds,
    });
    expect(emulator().requests.counts()).toEqual({});
  });

  it("deletes the user, and succeeds when it is deleted again", async () => {
    const olds = await createUser();

    await user.delete(olds.communicationUserId, olds);
    await user.delete(olds.communicationUserId, olds);

    expect(emulator().store.users()).toBe(0);
    expect(emulator().requests.counts()).toEqual({ "identity.deleteUser": 2 });
  });

  it("updates in place, without a call, when only the connection string changes", async () => {
    const olds = await createUser();
    // The same key spelled differently: a new connection string for the same resource.
    const rotated = `Endpoint=${emulator().endpoint};AccessKey=${emulator().accessKey}`;

    expect(
      await user.diff(olds.communicationUserId, olds, inputs({ connectionString: rotated })),
    ).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { outs } = await user.update(
      olds.communicationUserId,
      olds,
      inputs({ connectionString: rotated }),
    );

    expect(outs).toEqual({ ...olds, connectionString: rotated });
    expect(emulator().requests.counts()).toEqual({});
  });

  it("finds no change for the same settings, a replacement for another resource", async () => {
    const olds = await createUser();
    const other = "endpoint=https://fabrikam.communication.azure.com/;accesskey=a2V5";

    expect(await user.diff(olds.communicationUserId, olds, inputs())).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(
      await user.diff(olds.communicationUserId, olds, inputs({ connectionString: other })),
    ).toEqual({ changes: true, replaces: ["endpoint"], deleteBeforeReplace: false });
  });

  it("uses the stack config when the resource has no settings, and stores no key", async () => {
    await setStackConfig({ "acsRooms:connectionString": emulator().connectionString });

    const { outs } = await user.create({ __resourceName: "alice" });

    expect(outs).toEqual({
      __resourceName: "alice",
      communicationUserId: expect.stringMatching(/^8:acs:/),
      endpoint: normalEndpoint(emulator()),
    });
  });

  it("names the user and the service's answer when a delete fails", async () => {
    const olds = await createUser();
    const wrongKey = `endpoint=${emulator().endpoint};accesskey=${btoa("wrong")}`;

    await expect(
      user.delete(olds.communicationUserId, { ...olds, connectionString: wrongKey }),
    ).rejects.toThrow(
      new RegExp(
        `^CommunicationUser "alice": could not delete user ${olds.communicationUserId} on ` +
          "http://127\\.0\\.0\\.1:\\d+: the service answered 401 Denied: ",
      ),
    );
  });
});
