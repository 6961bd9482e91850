// Example programs import "pulumi-acs-rooms". Loaded through vitest, that import would reach
// the compiled library transformed by the test runner, and the closure serializer must see
// plain compiled JavaScript. So engine and mock tests compile an example's TypeScript to plain
// CommonJS in a folder inside the repo (where node_modules resolves the library through the
// link `npm run build` makes) and load it with Node's own require.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

import ts from "typescript";

const REPO = path.resolve(__dirname, "../..");
const WORK_PARENT = path.join(REPO, ".engine", "work");

export interface CompiledExample {
  /** The folder holding the compiled files and copies of the example's other files. */
  dir: string;
  /** Loads one compiled module of the example with Node's require, e.g. `load("program")`. */
  load<T>(module: string): T;
  /** Removes the folder. */
  dispose(): void;
}

/**
 * Transpiles every TypeScript file of examples/<name> (tests and declarations excepted) and
 * copies its other files. Type errors are the business of `tsc --noEmit`, not of this helper.
 */
export function compileExample(name: string): CompiledExample {
  const source = path.join(REPO, "examples", name);
  fs.mkdirSync(WORK_PARENT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(WORK_PARENT, `example-${name}-`));

  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = path.join(source, entry.name);
    if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      const output = ts.transpileModule(fs.readFileSync(from, "utf8"), {
        fileName: from,
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
      });
      fs.writeFileSync(path.join(dir, entry.name.replace(/\.ts$/, ".js")), output.outputText);
    } else {
      fs.copyFileSync(from, path.join(dir, entry.name));
    }
  }

  const requireHere = createRequire(path.join(dir, "index.js"));
  return {
    dir,
    load: <T>(module: string) => {
      assertLibraryBuilt();
      return requireHere(`./${module}`) as T;
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function assertLibraryBuilt(): void {
  const entry = path.join(REPO, "node_modules", "pulumi-acs-rooms", "dist", "provider", "index.js");
  if (!fs.existsSync(entry)) {
    throw new Error(`the library is not built (no ${entry}): run \`npm run build\` first`);
  }
}
