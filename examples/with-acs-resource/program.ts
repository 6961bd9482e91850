// An ACS resource and its rooms in one stack: azure-native creates the resource group and the
// Communication Service, its primary connection string is read with listKeys, and every Room
// gets that connection string as its own input. Because the string is an output of the
// service, the engine creates the rooms after the service and deletes them before it.
import * as communication from "@pulumi/azure-native/communication";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { Room } from "pulumi-acs-rooms";

/** A room to create on the new service; times as in {@link Room}, both optional. */
export interface RoomPlan {
  name: string;
  validFrom?: string;
  validUntil?: string;
}

export interface AcsWithRoomsArgs {
  /** Where the service keeps its data at rest, e.g. "Europe" or "United States". */
  dataLocation: string;
  rooms: RoomPlan[];
}

/** Declares the resource group, the service and the rooms; returns what the stack exports. */
export function acsWithRooms(args: AcsWithRoomsArgs) {
  const group = new resources.ResourceGroup("acs-rooms");
  const service = new communication.CommunicationService("acs-rooms", {
    resourceGroupName: group.name,
    location: "global",
    dataLocation: args.dataLocation,
  });

  const keys = communication.listCommunicationServiceKeysOutput({
    resourceGroupName: group.name,
    communicationServiceName: service.name,
  });
  const connectionString = pulumi.secret(keys.apply(primaryConnectionString));

  const rooms = args.rooms.map(
    (plan) =>
      new Room(plan.name, {
        validFrom: plan.validFrom,
        validUntil: plan.validUntil,
        connectionString,
      }),
  );

  return {
    serviceName: service.name,
    hostName: service.hostName,
    connectionString,
    roomIds: pulumi.all(rooms.map((room) => room.roomId)),
  };
}

function primaryConnectionString(keys: communication.ListCommunicationServiceKeysResult): string {
  if (!keys.primaryConnectionString) {
    throw new Error(
      "listCommunicationServiceKeys returned no primaryConnectionString: the caller needs the " +
        "Microsoft.Communication/communicationServices/listKeys/action permission",
    );
  }
  return keys.primaryConnectionString;
}
