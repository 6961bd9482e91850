#!/usr/bin/env node
// Makes the Pulumi engine this project is pinned to available under .engine/bin:
//   pulumi                          the CLI (the deployment engine itself)
//   pulumi-resource-pulumi-nodejs   the launcher the engine starts for dynamic providers
//   pulumi-language-nodejs          the Node.js language host (see below)
//
// The language host is only needed to run a Pulumi.yaml program with the bare `pulumi` command;
// Automation API inline programs, which the demo and most tests use, get their language runtime
// from the Node SDK in-process. The official host's Go module is not served by the module proxy
// our machines reach (every version answers 403), so the script tries it once per release and
// otherwise installs scripts/language-host.js, a small stand-in of ours, under that name.
//
// The official installer cannot be reached from our machines, so unless a `pulumi` of exactly
// the pinned version is already on PATH, the CLI is built from the Go module proxy.
//
// The version is written in one place: the exact `@pulumi/pulumi` pin in package.json. This
// script refuses to run when node_modules holds another version, so the SDK and the engine
// cannot drift apart.
"use strict";

const { execFileSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const ENGINE_DIR = path.join(ROOT, ".engine");
const BIN_DIR = path.join(ENGINE_DIR, "bin");
const BUILD_DIR = path.join(ENGINE_DIR, "build");
const LAUNCHER = "pulumi-resource-pulumi-nodejs";
const LANGUAGE_HOST = "pulumi-language-nodejs";
const LANGUAGE_HOST_MODULE = "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3";
const LANGUAGE_HOST_DIR = path.join(ENGINE_DIR, "build-language-host");

// pkg/v3's own go.mod replaces this module; `replace` lines do not carry over to a module that
// depends on pkg/v3, so the wrapper module has to repeat it.
const CLIPBOARD_REPLACE =
  "github.com/atotto/clipboard => " +
  "github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e";

// The oldest Go that builds pkg/v3 at the pinned release (its go.mod says go 1.25.x).
const MIN_GO_MINOR = 25;

main().catch((err) => {
  console.error(`engine: ${err.message}`);
  process.exit(1);
});

async function main() {
  const version = pinnedVersion();
  assertInstalledSdkMatches(version);

  if (!engineReady(version)) {
    fs.mkdirSync(BIN_DIR, { recursive: true });
    const onPath = pulumiOnPath(version);
    if (onPath) {
      console.log(`engine: using pulumi v${version} found on PATH at ${onPath}`);
      linkInto(BIN_DIR, "pulumi", onPath);
      const hostBeside = path.join(path.dirname(onPath), LANGUAGE_HOST);
      if (fs.existsSync(hostBeside)) linkInto(BIN_DIR, LANGUAGE_HOST, hostBeside);
    } else {
      await buildCli(version);
    }
    installLauncher();

    if (!engineReady(version)) {
      throw new Error(`the engine in ${BIN_DIR} does not report v${version} after the build`);
    }
  }

  await ensureLanguageHost(version);
  console.log(`engine: pulumi v${version} ready in ${path.relative(ROOT, BIN_DIR)}`);
}

/** The exact @pulumi/pulumi version package.json pins: the one source of the engine version. */
function pinnedVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const pin = pkg.dependencies && pkg.dependencies["@pulumi/pulumi"];
  if (!/^\d+\.\d+\.\d+$/.test(pin || "")) {
    throw new Error(
      `package.json must pin @pulumi/pulumi to an exact version (found "${pin}"); ` +
        `the engine is built at that same version`,
    );
  }
  return pin;
}

function assertInstalledSdkMatches(version) {
  let installed;
  try {
    installed = require(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json")).version;
  } catch {
    throw new Error("node_modules/@pulumi/pulumi is missing: run `npm ci` first");
  }
  if (installed !== version) {
    throw new Error(
      `node_modules holds @pulumi/pulumi ${installed} but package.json pins ${version}: ` +
        `run \`npm ci\` so the SDK and the engine are the same release`,
    );
  }
}

function engineReady(version) {
  const cli = path.join(BIN_DIR, "pulumi");
  return fs.existsSync(path.join(BIN_DIR, LAUNCHER)) && reportedVersion(cli) === `v${version}`;
}

function reportedVersion(cli) {
  try {
    return execFileSync(cli, ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

function pulumiOnPath(version) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const candidate = path.join(dir, "pulumi");
    if (dir && path.resolve(dir) !== BIN_DIR && fs.existsSync(candidate)) {
      return reportedVersion(candidate) === `v${version}` ? candidate : undefined;
    }
  }
  return undefined;
}

function linkInto(dir, name, target) {
  const link = path.join(dir, name);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
}

/** The engine starts this three-line script for every dynamic provider; it ships in the SDK. */
function installLauncher() {
  const source = path.join(ROOT, "node_modules/@pulumi/pulumi", LAUNCHER);
  const target = path.join(BIN_DIR, LAUNCHER);
  fs.copyFileSync(source, target);
  fs.chmodSync(target, 0o755);
}

async function buildCli(version) {
  assertGo();
  writeWrapperModule(version);

  console.log(
    `engine: building pulumi v${version} from the Go module proxy ` +
      `(a cold build took about 7 minutes on 2 cores here; later runs reuse it)`,
  );
  const started = Date.now();
  await goBuild(BUILD_DIR, version, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", "pulumi");
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`engine: built pulumi v${version} in ${minutes} min`);
}

/**
 * Builds the Node.js language host when the module proxy serves it. Its module has no tags, so
 * it is pinned by the pseudo-version of the commit that pkg/v3's release tag points at. A
 * failure is remembered per release in a marker file, so later runs stay offline and quick.
 */
async function ensureLanguageHost(version) {
  const binary = path.join(BIN_DIR, LANGUAGE_HOST);
  const marker = path.join(ENGINE_DIR, `${LANGUAGE_HOST}-v${version}.unavailable`);
  if (fs.existsSync(binary)) return;
  if (fs.existsSync(marker)) {
    installLanguageHostStandIn();
    return;
  }

  let pseudoVersion;
  try {
    pseudoVersion = releasePseudoVersion(version);
    goJson(["mod", "download", "-json", `${LANGUAGE_HOST_MODULE}@${pseudoVersion}`], ENGINE_DIR);
  } catch (err) {
    fs.writeFileSync(marker, `${err.message}\n`);
    console.log(
      `engine: the official ${LANGUAGE_HOST} could not be fetched (${firstLine(err.message)}); ` +
        "installing the stand-in from scripts/language-host.js",
    );
    installLanguageHostStandIn();
    return;
  }
  writeLanguageHostModule(version, pseudoVersion);
  await goBuild(LANGUAGE_HOST_DIR, version, LANGUAGE_HOST_MODULE, LANGUAGE_HOST);
}

/** A launcher named like the official host that runs scripts/language-host.js with node. */
function installLanguageHostStandIn() {
  const script = path.join(__dirname, "language-host.js");
  const launcher = path.join(BIN_DIR, LANGUAGE_HOST);
  fs.writeFileSync(launcher, `#!/bin/sh\nexec node "${script}" "$@"\n`);
  fs.chmodSync(launcher, 0o755);
}

/** `v3.0.0-<commit time>-<12 hex digits>` of the commit tagged pkg/v<version>. */
function releasePseudoVersion(version) {
  const info = goJson(
    ["mod", "download", "-json", `github.com/pulumi/pulumi/pkg/v3@v${version}`],
    ENGINE_DIR,
  );
  if (!info.Origin || !info.Origin.Hash) {
    throw new Error(`the module proxy gives no commit for pkg/v3@v${version}`);
  }
  const time = JSON.parse(fs.readFileSync(info.Info, "utf8")).Time;
  const stamp = time.replace(/[-:TZ]/g, "").slice(0, 14);
  return `v3.0.0-${stamp}-${info.Origin.Hash.slice(0, 12)}`;
}

/** Runs a `go ... -json` command; go exits non-zero on a fetch error but still prints JSON. */
function goJson(args, cwd) {
  let stdout;
  try {
    stdout = execFileSync("go", args, { cwd, encoding: "utf8", env: goEnv(), stdio: "pipe" });
  } catch (err) {
    stdout = err.stdout || "";
    if (!stdout.trim()) throw err;
  }
  const result = JSON.parse(stdout);
  if (result.Error) throw new Error(result.Error);
  return result;
}

function writeLanguageHostModule(version, pseudoVersion) {
  writeWrapper(LANGUAGE_HOST_DIR, {
    name: "language-host",
    requires: [`${LANGUAGE_HOST_MODULE} ${pseudoVersion}`, ...pulumiModules(version)],
    builds: LANGUAGE_HOST_MODULE,
  });
}

function firstLine(text) {
  return text.split("\n")[0].slice(0, 200);
}

function assertGo() {
  let out;
  try {
    out = execFileSync("go", ["version"], { encoding: "utf8" });
  } catch {
    throw new Error(
      "Go is not installed. Building the Pulumi engine needs Go 1.25 or newer " +
        "(https://go.dev/dl/ or your package manager, e.g. `apt-get install golang`), " +
        "unless a Pulumi CLI of the pinned version is already on PATH.",
    );
  }
  const match = /go1\.(\d+)/.exec(out);
  if (!match || Number(match[1]) < MIN_GO_MINOR) {
    throw new Error(`${out.trim()} is too old: building the Pulumi engine needs Go 1.25 or newer`);
  }
}

/**
 * `go install pkg@version` refuses modules whose go.mod has replace lines, and pkg/v3's has one,
 * so the CLI is built from a small module of our own that requires pkg/v3 and sdk/v3 at the
 * pinned release.
 */
function writeWrapperModule(version) {
  writeWrapper(BUILD_DIR, {
    name: "engine",
    requires: pulumiModules(version),
    builds: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
  });
}

function pulumiModules(version) {
  return [
    `github.com/pulumi/pulumi/pkg/v3 v${version}`,
    `github.com/pulumi/pulumi/sdk/v3 v${version}`,
  ];
}

/**
 * Writes a wrapper module: a go.mod requiring `requires` with pkg/v3's replace repeated, and a
 * tools.go that imports the main package to build, so go.mod records everything it needs.
 */
function writeWrapper(dir, { name, requires, builds }) {
  fs.mkdirSync(dir, { recursive: true });
  const goMod = [
    `module pulumi-acs-rooms/${name}`,
    "",
    "go 1.25",
    "",
    "require (",
    ...requires.map((line) => `\t${line}`),
    ")",
    "",
    `replace ${CLIPBOARD_REPLACE}`,
    "",
  ].join("\n");
  const tools = `//go:build tools\n\npackage wrapper\n\nimport _ "${builds}"\n`;
  writeIfChanged(path.join(dir, "go.mod"), goMod);
  writeIfChanged(path.join(dir, "tools.go"), tools);
}

function writeIfChanged(file, text) {
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) {
    fs.writeFileSync(file, text);
  }
}

/** Builds `mainPackage` in the wrapper module `dir` into .engine/bin/`binary`, version-stamped. */
function goBuild(dir, version, mainPackage, binary) {
  const output = path.join(BIN_DIR, binary);
  const args = ["build", "-v", "-trimpath", "-ldflags", versionFlags(version), "-o", output];
  return runGo([...args, mainPackage], dir);
}

/** Without a version stamp the Automation API takes the CLI for 3.0.0 and refuses features. */
function versionFlags(version) {
  return `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`;
}

function goEnv() {
  return { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-mod=mod" };
}

/** Runs `go` in a wrapper module, printing a progress line as packages compile. */
function runGo(args, cwd) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("go", args, { cwd, env: goEnv(), stdio: ["ignore", "ignore", "pipe"] });
    let packages = 0;
    let tail = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split("\n")) {
        if (!line || line.startsWith("go: downloading")) continue;
        packages += 1;
        if (packages % 250 === 0) {
          const seconds = Math.round((Date.now() - started) / 1000);
          console.log(`engine: ${packages} packages compiled (${seconds}s)`);
        }
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`go ${args[0]} failed with exit code ${code}:\n${tail}`));
    });
  });
}
