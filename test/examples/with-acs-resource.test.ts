// The with-acs-resource example under Pulumi's mocks: the azure-native plugin cannot be had
// here, so the mocks play the Azure provider (the service gets a name, listKeys answers with a
// connection string) and record what the program registers. The example is compiled to plain
// JavaScript first, as the engine would run it.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { compileExample, type CompiledExample } from "./compile";

type Program = typeof import("../../examples/with-acs-resource/program");

const SERVICE_NAME = "acs-rooms3f9c2a1";
const GROUP_NAME = "acs-rooms0d41b7e";
const CONNECTION_STRING =
  `endpoint=https://${SERVICE_NAME}.europe.communication.azure.com/;` + "accesskey=bW9jay1rZXk=";
const ROOM_TYPE = "pulumi-nodejs:dynamic/acs-rooms:Room";
const SERVICE_TYPE = "azure-native:communication:CommunicationService";
const GROUP_TYPE = "azure-native:resources:ResourceGroup";
const LIST_KEYS = "azure-native:communication:listCommunicationServiceKeys";

/** What the monitor was asked to register, in order. */
interface Registration {
  type: string;
  name: string;
  /** The inputs as sent, secrets still wrapped in Pulumi's secret signature. */
  object: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

/** Pulumi's marker for a secret value in a serialized property. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("the with-acs-resource example", () => {
  let example: CompiledExample;
  const registrations: Registration[] = [];
  const calls: { token: string; inputs: Record<string, unknown> }[] = [];
  let outputs: ReturnType<Program["acsWithRooms"]>;

  beforeAll(async () => {
    example = compileExample("with-acs-resource");
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({ id: idOf(args), state: stateOf(args) }),
        call: (args) => {
          calls.push({ token: args.token, inputs: args.inputs });
          return args.token === LIST_KEYS ? { primaryConnectionString: CONNECTION_STRING } : {};
        },
      },
      "rooms-project",
      "dev",
    );
    recordRegistrations(registrations);

    const { acsWithRooms } = example.load<Program>("program");
    outputs = acsWithRooms({
      dataLocation: "Europe",
      rooms: [
        { name: "support-desk" },
        {
          name: "quarterly-review",
          validFrom: "2027-01-12T09:00:00Z",
          validUntil: "2027-01-12T12:00:00Z",
        },
      ],
    });
    await valueOf(outputs.roomIds);
  });

  afterAll(() => example?.dispose());

  it("creates the group, then the service, then the rooms", () => {
    expect(registrations.map((r) => [r.type, r.name])).toEqual([
      [GROUP_TYPE, "acs-rooms"],
      [SERVICE_TYPE, "acs-rooms"],
      [ROOM_TYPE, "support-desk"],
      [ROOM_TYPE, "quarterly-review"],
    ]);
  });

  it("places the service in the new group, globally, with the chosen data location", () => {
    const service = registrations.find((r) => r.type === SERVICE_TYPE);

    expect(service?.object).toEqual({
      resourceGroupName: GROUP_NAME,
      location: "global",
      dataLocation: "Europe",
    });
  });

  it("reads the keys of exactly that service", () => {
    expect(calls).toEqual([
      {
        token: LIST_KEYS,
        inputs: { resourceGroupName: GROUP_NAME, communicationServiceName: SERVICE_NAME },
      },
    ]);
  });

  it("gives every room the service's primary connection string, as a secret", () => {
    const rooms = registrations.filter((r) => r.type === ROOM_TYPE);

    for (const room of rooms) {
      expect(room.object.connectionString).toEqual({
        [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270",
        value: CONNECTION_STRING,
      });
    }
    expect(rooms.map((r) => [r.object.validFrom, r.object.validUntil])).toEqual([
      [undefined, undefined],
      ["2027-01-12T09:00:00Z", "2027-01-12T12:00:00Z"],
    ]);
  });

  it("makes each room depend on the service and its group through the connection string", () => {
    const urn = (type: string, name: string) => `urn:pulumi:dev::rooms-project::${type}::${name}`;
    const serviceAndGroup = [urn(SERVICE_TYPE, "acs-rooms"), urn(GROUP_TYPE, "acs-rooms")];

    for (const room of registrations.filter((r) => r.type === ROOM_TYPE)) {
      expect([...room.dependencies].sort()).toEqual(serviceAndGroup);
      expect([...(room.propertyDependencies.connectionString ?? [])].sort()).toEqual(
        serviceAndGroup,
      );
    }
  });

  it("exports the connection string as a secret and the rooms' ids", async () => {
    expect(await pulumi.isSecret(outputs.connectionString)).toBe(true);
    expect(await valueOf(outputs.connectionString)).toBe(CONNECTION_STRING);
    expect(await valueOf(outputs.serviceName)).toBe(SERVICE_NAME);
    expect(await valueOf(outputs.roomIds)).toEqual(["room-support-desk", "room-quarterly-review"]);
  });
});

/** The ids the mocked providers choose; a Room's id is its room id. */
function idOf(args: pulumi.runtime.MockResourceArgs): string {
  return args.type === ROOM_TYPE ? `room-${args.name}` : `/subscriptions/0/${args.name}`;
}

/** The state the mocked providers answer with: Azure names its resources, ACS its rooms. */
function stateOf(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  switch (args.type) {
    case GROUP_TYPE:
      return { ...args.inputs, name: GROUP_NAME };
    case SERVICE_TYPE:
      return {
        ...args.inputs,
        name: SERVICE_NAME,
        hostName: `${SERVICE_NAME}.communication.azure.com`,
      };
    case ROOM_TYPE:
      return { ...args.inputs, roomId: `room-${args.name}` };
    default:
      throw new Error(`the example registered an unexpected ${args.type} "${args.name}"`);
  }
}

/**
 * Wraps the mock monitor's registerResource to keep each request's raw inputs and declared
 * dependencies, which the Mocks interface does not pass on.
 */
function recordRegistrations(into: Registration[]): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    const object = req.getObject()?.toJavaScript() ?? {};
    delete object.__provider;
    into.push({
      type: req.getType(),
      name: req.getName(),
      object,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
    });
    return register(req, callback);
  };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void;
  };
}

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
