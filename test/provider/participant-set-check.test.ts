import { beforeEach, describe, expect, it } from "vitest";

import { type ParticipantSetInputs, participantSet } from "../../provider/runtime/participant-set";
import { UNKNOWN } from "../../provider/runtime/validation";
import { setStackConfig } from "./support";

const CONNECTION = "endpoint=https://contoso.communication.azure.com/;accesskey=a2V5";
const ALICE = "8:acs:1b5cc06b-f352-4571-b1e6-d9b259b7c776_00000007-0464-274b-b274-5a3a0d000101";
const BOB = "8:acs:1b5cc06b-f352-4571-b1e6-d9b259b7c776_00000007-0464-274b-b274-5a3a0d000102";

function check(news: Record<string, unknown>) {
  const inputs = {
    __resourceName: "people",
    roomId: "99123456789012345",
    participants: [],
    connectionString: CONNECTION,
    ...news,
  };
  return participantSet.check({} as ParticipantSetInputs, inputs as ParticipantSetInputs);
}

describe("RoomParticipantSet check", () => {
  beforeEach(async () => {
    await setStackConfig({});
  });

  it("fills in role Attendee and mode authoritative", async () => {
    const result = await check({ participants: [{ id: ALICE }, { id: BOB, role: "Presenter" }] });

    expect(result).toEqual({
      inputs: {
        __resourceName: "people",
        roomId: "99123456789012345",
        participants: [
          { id: ALICE, role: "Attendee" },
          { id: BOB, role: "Presenter" },
        ],
        mode: "authoritative",
        connectionString: CONNECTION,
      },
      failures: [],
    });
  });

  it("lists every problem at once with its property path", async () => {
    const result = await check({
      roomId: "",
      mode: "owner",
      participants: [
        { id: ALICE, role: "presenter" },
        { id: "bob" },
        { id: ALICE, role: "Host" },
        "carol",
        { id: "8:acs:resource_tenant_user" },
      ],
    });

    const label = 'RoomParticipantSet "people":';
    expect(result.failures).toEqual([
      {
        property: "roomId",
        reason:
          `${label} roomId "" is empty; set roomId to the id of a room, e.g. the roomId ` +
          "output of a Room.",
      },
      {
        property: "mode",
        reason:
          `${label} mode "owner" is not a mode (authoritative, additive); use "authoritative" ` +
          `to own the room's whole list or "additive" to manage only these entries.`,
      },
      {
        property: "participants[0].role",
        reason:
          `${label} participants[0].role "presenter" is not a room role (Presenter, Attendee, ` +
          `Consumer, Collaborator); write it as "Presenter".`,
      },
      {
        property: "participants[1].id",
        reason:
          `${label} participants[1].id "bob" is not an ACS user id (8:acs:<resource id>_<user ` +
          `id>); use the id of a CommunicationUser or of CommunicationIdentityClient.createUser().`,
      },
      {
        property: "participants[2].role",
        reason:
          `${label} participants[2].role "Host" is not a room role (Presenter, Attendee, ` +
          `Consumer, Collaborator); use one of them, or leave role out for Attendee.`,
      },
      {
        property: "participants[2].id",
        reason:
          `${label} participants[2].id "${ALICE}" is listed twice (first at participants[0]); ` +
          `list each user once, with the one role they should have.`,
      },
      {
        property: "participants[3]",
        reason:
          `${label} participants[3] "carol" is not an object with an id; write it as ` +
          '{ id: "8:acs:..." }.',
      },
      {
        property: "participants[4].id",
        reason:
          `${label} participants[4].id "8:acs:resource_tenant_user" is not an ACS user id ` +
          `(8:acs:<resource id>_<user id>); use the id of a CommunicationUser or of ` +
          `CommunicationIdentityClient.createUser().`,
      },
    ]);
    expect(result.inputs).toBeUndefined();
  });

  it("refuses participants that are not a list", async () => {
    const result = await check({ participants: { [ALICE]: "Presenter" } });

    expect(result.failures?.map((f) => f.property)).toEqual(["participants"]);
  });

  it("does not judge room ids, lists, entries or ids a preview does not know yet", async () => {
    const result = await check({
      roomId: UNKNOWN,
      mode: UNKNOWN,
      participants: [UNKNOWN, { id: UNKNOWN, role: "Presenter" }, { id: ALICE, role: UNKNOWN }],
    });

    expect(result.failures).toEqual([]);
    expect(result.inputs?.participants).toEqual([
      UNKNOWN,
      { id: UNKNOWN, role: "Presenter" },
      { id: ALICE, role: UNKNOWN },
    ]);

    const whole = await check({ participants: UNKNOWN });
    expect(whole.failures).toEqual([]);
    expect(whole.inputs?.participants).toBe(UNKNOWN);
  });
});
