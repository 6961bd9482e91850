#!/usr/bin/env node
// Links node_modules/pulumi-acs-rooms to this folder, so that programs run inside the repo (the
// demo, examples, engine tests) resolve the library by its package name exactly as a user's
// project does. The serialized dynamic providers require "pulumi-acs-rooms/runtime" by name
// from the program's folder, so this link is what lets them load here. It also links the
// package's commands into node_modules/.bin, so `npx acs-rooms-emulator` works in the repo as it
// does for an installed package.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const modules = path.join(root, "node_modules");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

linkTo(path.join(modules, pkg.name), "..");
for (const [command, file] of Object.entries(pkg.bin || {})) {
  const target = path.join(modules, ".bin", command);
  linkTo(target, path.relative(path.dirname(target), path.join(modules, pkg.name, file)));
  fs.chmodSync(path.join(root, file), 0o755);
}

/** Makes `link` a symlink to `target` unless it already is one. */
function linkTo(link, target) {
  let current;
  try {
    current = fs.readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current === target) return;
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(target, link);
}
