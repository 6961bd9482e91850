#!/usr/bin/env node
// A small Node.js language host for the Pulumi engine, used where the official
// `pulumi-language-nodejs` cannot be built (its Go module is not served by the module proxy our
// machines reach). It lets the bare `pulumi` CLI run a Pulumi.yaml program written in
// JavaScript, such as this repo's demo stack (`main: dist/demo/index.js`).
//
// It serves the language-runtime calls that running a program needs (GetPluginInfo,
// GetRequiredPlugins, GetRequiredPackages, Run) with the Node SDK's own in-process runtime: the
// one the Automation API uses for inline programs, loaded from the program's node_modules so the
// program and the host share one @pulumi/pulumi. Everything else (installing dependencies,
// TypeScript programs, `pulumi about`, code generation) answers UNIMPLEMENTED; the README says so.
"use strict";

const path = require("node:path");

main();

function main() {
  const { root } = parseArgs(process.argv.slice(2));
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
  const fromSdk = (id) => require(require.resolve(id, { paths: [sdkDir] }));

  const grpc = fromSdk("@grpc/grpc-js");
  const langrpc = fromSdk("@pulumi/pulumi/proto/language_grpc_pb");
  const langproto = fromSdk("@pulumi/pulumi/proto/language_pb");
  const { LanguageServer } = fromSdk("@pulumi/pulumi/automation/server");

  const runtime = new LanguageServer(undefined);
  const service = {
    getPluginInfo: runtime.getPluginInfo.bind(runtime),
    getRequiredPlugins: runtime.getRequiredPlugins.bind(runtime),
    getRequiredPackages(_call, callback) {
      const response = new langproto.GetRequiredPackagesResponse();
      response.setPackagesList([]);
      callback(undefined, response);
    },
    run(call, callback) {
      runtime.program = () => loadProgram(call.request);
      return runtime.run(call, callback);
    },
  };

  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(langrpc.LanguageRuntimeService, service);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      console.error(`language host: cannot listen: ${err.message}`);
      process.exit(1);
    }
    // The engine reads the port from the first line of standard output.
    console.log(port);
  });
}

/** The engine passes flags such as `-root=<dir>` before the engine's address. */
function parseArgs(args) {
  let root = process.cwd();
  for (const arg of args) {
    const match = /^--?root=(.*)$/.exec(arg);
    if (match) root = match[1];
  }
  return { root };
}

/**
 * Requires the program the way the Node.js runtime does: the entry point relative to the
 * program directory (`.` means the folder's package.json main or index.js); a module whose
 * export is a function is called, and what it returns (or the module's exports) becomes the
 * stack's outputs.
 */
async function loadProgram(request) {
  const info = request.getInfo();
  const dir = info ? info.getProgramDirectory() : request.getPwd();
  const entry = info ? info.getEntryPoint() : request.getProgram();
  const exported = require(path.resolve(dir, entry || "."));
  const program = exported && exported.__esModule && exported.default ? exported.default : exported;
  return typeof program === "function" ? await program() : exported;
}
