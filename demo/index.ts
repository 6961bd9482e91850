// Entry point named by the root Pulumi.yaml, for running the demo stack with a full Pulumi CLI
// (`pulumi up` in the repo root). `npm start` runs the same program through the Automation API.
import * as pulumi from "@pulumi/pulumi";

import { conference } from "./conference";

const config = new pulumi.Config();
const eventStart = new Date(config.require("eventStart"));

export const rooms = conference(eventStart).rooms;
