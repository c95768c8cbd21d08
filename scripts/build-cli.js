#!/usr/bin/env node
// Compiles the `csm` command (src/cli + src/domain) to build/cli with the TypeScript compiler,
// so that `npx csm` runs plain JavaScript right after `npm ci` (run as the `prepare` script).
// bin/csm.js calls this too when the build is missing or older than the sources.
"use strict";
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");

function buildCli({ quiet = false } = {}) {
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  } catch {
    if (!quiet) console.error("csm: TypeScript is not installed yet; run `npm ci` first.");
    return false;
  }
  try {
    execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], {
      cwd: root,
      stdio: quiet ? ["ignore", "ignore", "ignore"] : "inherit",
    });
  } catch (err) {
    // Type errors still emit JavaScript (noEmitOnError is off); `npm run typecheck` reports them.
    // Only a missing output is fatal.
    if (!require("node:fs").existsSync(path.join(root, "build", "cli", "cli", "main.js"))) throw err;
  }
  return true;
}

module.exports = { buildCli };

if (require.main === module) {
  try {
    buildCli();
  } catch {
    // A failed compile must not abort `npm install`; bin/csm.js reports it on first use.
    console.error("csm: the command-line build failed; run `npm run build:cli` to see why.");
  }
}
