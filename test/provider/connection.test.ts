import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { resolveConnection, settingsSources } from "../../provider/runtime/connection";
import { setStackConfig } from "./support";

const KEY_A = "endpoint=https://a.communication.azure.com/;accesskey=a2V5LWE=";
const KEY_B = "endpoint=https://b.communication.azure.com/;accesskey=a2V5LWI=";
const KEY_C = "endpoint=https://c.communication.azure.com/;accesskey=a2V5LWM=";

describe("resolving connection settings", () => {
  beforeEach(async () => {
    await setStackConfig({});
    vi.stubEnv("ACS_CONNECTION_STRING", "");
    vi.stubEnv("ACS_ENDPOINT", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("prefers the resource's connection string over stack config and environment", async () => {
    await setStackConfig({ "acsRooms:connectionString": KEY_B });
    vi.stubEnv("ACS_CONNECTION_STRING", KEY_C);

    expect(resolveConnection("Room", { connectionString: KEY_A })).toEqual({
      endpoint: "https://a.communication.azure.com",
      connectionString: KEY_A,
      source: "the connectionString input",
      insecure: false,
    });
  });

  it("uses the stack config when the resource has none, before the environment", async () => {
    await setStackConfig({ "acsRooms:connectionString": KEY_B });
    vi.stubEnv("ACS_CONNECTION_STRING", KEY_C);

    expect(resolveConnection("Room", {})).toEqual({
      endpoint: "https://b.communication.azure.com",
      connectionString: KEY_B,
      source: "the stack config acsRooms:connectionString",
      insecure: false,
    });
  });

  it("uses the environment when neither the resource nor the stack has settings", () => {
    vi.stubEnv("ACS_CONNECTION_STRING", KEY_C);

    expect(resolveConnection("Room", {}).connectionString).toBe(KEY_C);
  });

  it("reads a new value of the environment on every call, never a captured one", () => {
    vi.stubEnv("ACS_ENDPOINT", "https://c.communication.azure.com");
    expect(resolveConnection("Room", {}).endpoint).toBe("https://c.communication.azure.com");

    vi.stubEnv("ACS_ENDPOINT", "https://b.communication.azure.com");
    expect(resolveConnection("Room", {}).endpoint).toBe("https://b.communication.azure.com");
  });

  it("uses Entra ID for an endpoint alone, with no connection string", async () => {
    expect(resolveConnection("Room", { endpoint: "https://A.communication.azure.com/" })).toEqual({
      endpoint: "https://a.communication.azure.com",
      source: "the endpoint input",
      insecure: false,
    });
  });

  it("takes the key from a later source when it is for the chosen endpoint", async () => {
    await setStackConfig({ "acsRooms:connectionString": KEY_B });
    vi.stubEnv("ACS_CONNECTION_STRING", KEY_A);

    const connection = resolveConnection("Room", { endpoint: "https://a.communication.azure.com" });

    expect(connection.connectionString).toBe(KEY_A);
    expect(connection.source).toBe("the endpoint input");
  });

  it("marks loopback http endpoints insecure and accepts them", () => {
    const local = "endpoint=http://127.0.0.1:4000/;accesskey=a2V5";

    expect(resolveConnection("Room", { connectionString: local })).toEqual({
      endpoint: "http://127.0.0.1:4000",
      connectionString: local,
      source: "the connectionString input",
      insecure: true,
    });
  });

  it("refuses a non-loopback http endpoint from the environment with a message naming it", () => {
    vi.stubEnv("ACS_ENDPOINT", "http://acs.example.com");

    expect(() => resolveConnection('Room "main"', {})).toThrow(
      'Room "main": the environment variable ACS_ENDPOINT "http://acs.example.com" uses plain ' +
        "http, which is only accepted for a loopback emulator (127.0.0.1, localhost or [::1]); " +
        "use the https:// endpoint of your ACS resource.",
    );
  });

  it("refuses a stack config whose connection string and endpoint disagree", async () => {
    await setStackConfig({
      "acsRooms:connectionString": KEY_A,
      "acsRooms:endpoint": "https://b.communication.azure.com",
    });

    expect(() => resolveConnection('Room "main"', {})).toThrow(
      'Room "main": the stack config acsRooms:endpoint "https://b.communication.azure.com" names ' +
        "another ACS resource than the connection string beside it " +
        "(https://a.communication.azure.com); set only one of them, or make both name the same " +
        "resource.",
    );
  });

  it("never prints an access key in an error", () => {
    const broken = "endpoint=ftp://a.communication.azure.com/;accesskey=c2VjcmV0";

    expect(() => resolveConnection("Room", { connectionString: broken })).toThrow(
      "Room: the connectionString input " +
        '"endpoint=ftp://a.communication.azure.com/;accesskey=***" ' +
        "uses the scheme ftp:, not https:; use the https:// endpoint of your ACS resource.",
    );
  });

  it("lists the sources in lookup order", () => {
    expect(settingsSources({}).map((s) => s.connectionStringName)).toEqual([
      "the connectionString input",
      "the stack config acsRooms:connectionString",
      "the environment variable ACS_CONNECTION_STRING",
    ]);
  });
});
