#!/usr/bin/env node
// Links node_modules/pulumi-acs-rooms to this folder, so that programs run inside the repo (the
// demo, examples, engine tests) resolve the library by its package name exactly as a user's
// project does. The serialized dynamic providers require "pulumi-acs-rooms/runtime" by name
// from the program's folder, so this link is what lets them load here.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-acs-rooms");

let current;
try {
  current = fs.readlinkSync(link);
} catch {
  current = undefined;
}
if (current !== "..") {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync("..", link, "dir");
}
