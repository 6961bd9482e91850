// The Pulumi program: reads the schedule named by the stack config `scheduleFile` (default
// schedule.yaml, beside this file) and declares its rooms.
import * as fs from "node:fs";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { eventRooms } from "./program";
import { parseSchedule } from "./schedule";

const config = new pulumi.Config();
const file = config.get("scheduleFile") ?? "schedule.yaml";
const text = fs.readFileSync(path.resolve(__dirname, file), "utf8");

export const { rooms, people } = eventRooms(parseSchedule(text, { file }));
