// TLS: a generated self-signed certificate that a client trusting it accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { FAST_RETRIES, identityClient } from "./helpers";
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { RoomsClient } from "@azure/communication-rooms";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ tls: true });
});

afterAll(async () => {
  await emulator.close();
});

describe("TLS", () => {
  it("serves https and hands out the certificate to trust", () => {
    expect(emulator.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(emulator.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it(
    "serves the SDKs when they trust the certificate, " + "without allowInsecureConnection",
    async () => {
      const tlsOptions = { ca: emulator.certificate };
      const rooms = new RoomsClient(emulator.connectionString, {
        tlsOptions,
        retryOptions: FAST_RETRIES,
      });
      const identity = new CommunicationIdentityClient(emulator.connectionString, { tlsOptions });

      const user = await identity.createUser();
      const room = await rooms.createRoom({ participants: [{ id: user }] });

      await expect(rooms.getRoom(room.id)).resolves.toEqual(room);
    },
  );

  it("is refused by a client that does not trust the certificate", async () => {
    await expect(identityClient(emulator).createUser()).rejects.toThrow("self-signed certificate");
  });
});
