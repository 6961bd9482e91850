// The Pulumi program: a Communication Service and two rooms on it. The support desk takes the
// service's default window (open from creation, for 180 days); the review's window comes from
// the stack config.
import * as pulumi from "@pulumi/pulumi";

import { acsWithRooms } from "./program";

const config = new pulumi.Config();

export const { serviceName, hostName, connectionString, roomIds } = acsWithRooms({
  dataLocation: config.get("dataLocation") ?? "Europe",
  rooms: [
    { name: "support-desk" },
    {
      name: "quarterly-review",
      validFrom: config.require("reviewStart"),
      validUntil: config.require("reviewEnd"),
    },
  ],
});
