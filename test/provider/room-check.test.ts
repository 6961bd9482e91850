import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";

import { type RoomInputs, room } from "../../provider/runtime/room";
import { UNKNOWN } from "../../provider/runtime/validation";
import { daysFromNow, setStackConfig } from "./support";

const CONNECTION = "endpoint=https://contoso.communication.azure.com/;accesskey=a2V5";

function check(news: Partial<Record<keyof RoomInputs, unknown>>) {
  const inputs = { __resourceName: "main", connectionString: CONNECTION, ...news };
  return room.check({} as RoomInputs, inputs as RoomInputs);
}

describe("Room check", () => {
  beforeEach(async () => {
    await setStackConfig({});
  });

  it("accepts a valid room and fills in pstnDialOutEnabled = false", async () => {
    const validFrom = daysFromNow(1);
    const validUntil = daysFromNow(2);

    const result = await check({ validFrom, validUntil });

    expect(result).toEqual({
      inputs: {
        __resourceName: "main",
        connectionString: CONNECTION,
        validFrom,
        validUntil,
        pstnDialOutEnabled: false,
      },
      failures: [],
    });
  });

  it("lists every problem, naming resource, property, value, rule and fix", async () => {
    const result = await check({
      validFrom: "2026-02-30T10:00:00Z",
      validUntil: "tomorrow",
      pstnDialOutEnabled: "yes",
      adoptRoomId: "",
    });

    expect(result.failures).toEqual([
      {
        property: "validFrom",
        reason:
          'Room "main": validFrom "2026-02-30T10:00:00Z" is not an ISO-8601 date-time with a ' +
          'zone; write it like "2026-12-24T09:00:00Z" or pass a Date.',
      },
      {
        property: "validUntil",
        reason:
          'Room "main": validUntil "tomorrow" is not an ISO-8601 date-time with a zone; write ' +
          'it like "2026-12-24T09:00:00Z" or pass a Date.',
      },
      {
        property: "pstnDialOutEnabled",
        reason:
          'Room "main": pstnDialOutEnabled "yes" is not a boolean; set pstnDialOutEnabled to ' +
          "true or false.",
      },
      {
        property: "adoptRoomId",
        reason:
          'Room "main": adoptRoomId "" is empty; set adoptRoomId to the id of an existing room, ' +
          "or leave it out.",
      },
    ]);
  });

  it("refuses a validUntil that is not after validFrom", async () => {
    const result = await check({
      validFrom: "2026-12-24T10:00:00+01:00",
      validUntil: "2026-12-24T09:00:00Z",
    });

    expect(result.failures).toEqual([
      {
        property: "validUntil",
        reason:
          'Room "main": validUntil "2026-12-24T09:00:00Z" is not after validFrom ' +
          '"2026-12-24T10:00:00+01:00"; set validUntil later than validFrom.',
      },
    ]);
  });

  it("refuses a window longer than 180 days", async () => {
    const result = await check({
      validFrom: "2026-12-24T10:00:00Z",
      validUntil: "2027-06-23T10:00:00Z",
    });

    expect(result.failures).toEqual([
      {
        property: "validUntil",
        reason:
          'Room "main": validUntil "2027-06-23T10:00:00Z" makes the room last 181 days from ' +
          `validFrom "2026-12-24T10:00:00Z", more than the service's 180; set validUntil at ` +
          "most 180 days after validFrom.",
      },
    ]);
  });

  it("accepts a window of exactly 180 days", async () => {
    const result = await check({
      validFrom: "2026-12-24T10:00:00Z",
      validUntil: "2027-06-22T10:00:00Z",
    });

    expect(result.failures).toEqual([]);
  });

  it("refuses a validFrom more than 180 days ahead", async () => {
    const validFrom = daysFromNow(181);

    const result = await check({ validFrom });

    expect(result.failures).toHaveLength(1);
    expect(result.failures?.[0].property).toBe("validFrom");
    expect(result.failures?.[0].reason).toMatch(
      new RegExp(
        `^Room "main": validFrom "${validFrom}" lies more than 180 days in the future \\(the ` +
          `service accepts up to \\S+Z\\); choose an earlier validFrom, or create the room ` +
          `closer to the date\\.$`,
      ),
    );
  });

  it("does not judge values a preview does not know yet", async () => {
    expect(UNKNOWN).toBe(pulumi.runtime.unknownValue);

    const result = await check({
      validFrom: UNKNOWN,
      validUntil: UNKNOWN,
      pstnDialOutEnabled: UNKNOWN,
      adoptRoomId: UNKNOWN,
      connectionString: UNKNOWN,
    });

    expect(result.failures).toEqual([]);
    expect(result.inputs?.pstnDialOutEnabled).toBe(UNKNOWN);
  });

  it("still compares a known validUntil with validFrom when validFrom is unknown", async () => {
    const result = await check({ validFrom: UNKNOWN, validUntil: "not a date" });

    expect(result.failures?.map((f) => f.property)).toEqual(["validUntil"]);
  });
});

describe("connection settings in check", () => {
  beforeEach(async () => {
    await setStackConfig({});
  });

  it("refuses a plain-http endpoint that is not loopback, hiding the access key", async () => {
    const result = await check({
      connectionString: "endpoint=http://acs.example.com/;accesskey=c2VjcmV0",
    });

    expect(result.failures).toEqual([
      {
        property: "connectionString",
        reason:
          'Room "main": connectionString "endpoint=http://acs.example.com/;accesskey=***" uses ' +
          "plain http, which is only accepted for a loopback emulator (127.0.0.1, localhost or " +
          "[::1]); use the https:// endpoint of your ACS resource.",
      },
    ]);
    expect(JSON.stringify(result.failures)).not.toContain("c2VjcmV0");
  });

  it("refuses a connection string without an access key", async () => {
    const result = await check({ connectionString: "endpoint=https://acs.example.com/" });

    expect(result.failures).toEqual([
      {
        property: "connectionString",
        reason:
          'Room "main": connectionString "endpoint=https://acs.example.com/" is not a connection ' +
          "string of the form endpoint=https://...;accesskey=...; copy the connection string " +
          "from the ACS resource's Keys page.",
      },
    ]);
  });

  it("refuses an endpoint that names another resource than the connection string", async () => {
    const result = await check({ endpoint: "https://other.communication.azure.com" });

    expect(result.failures).toEqual([
      {
        property: "endpoint",
        reason:
          'Room "main": endpoint "https://other.communication.azure.com" names another ACS ' +
          "resource than the connection string beside it " +
          "(https://contoso.communication.azure.com); set only one of them, or make both name " +
          "the same resource.",
      },
    ]);
  });

  it("accepts loopback http endpoints for the emulator", async () => {
    for (const endpoint of ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"]) {
      const result = await check({ connectionString: undefined, endpoint });
      expect(result.failures, endpoint).toEqual([]);
    }
  });

  it("reports missing settings when no input, stack config or variable has any", async () => {
    const result = await check({ connectionString: undefined });

    expect(result.failures).toEqual([
      {
        property: "connectionString",
        reason:
          'Room "main": no ACS connection settings were found; set the connectionString or ' +
          "endpoint input, the stack config acsRooms:connectionString or acsRooms:endpoint, or " +
          "the environment variable ACS_CONNECTION_STRING or ACS_ENDPOINT.",
      },
    ]);
  });

  it("reports a malformed stack config setting, naming the config key", async () => {
    await setStackConfig({ "acsRooms:endpoint": "http://acs.example.com" });

    const result = await check({ connectionString: undefined });

    expect(result.failures).toEqual([
      {
        property: "connectionString",
        reason:
          'Room "main": the stack config acsRooms:endpoint "http://acs.example.com" uses plain ' +
          "http, which is only accepted for a loopback emulator (127.0.0.1, localhost or [::1]); " +
          "use the https:// endpoint of your ACS resource.",
      },
    ]);
  });
});
