// The bench measures the compiled domain and CLI (build/cli, from scripts/build-cli.js): this
// compiles them when the build is missing or older than the sources, as bin/csm.js does.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const entry = path.join(root, "build", "cli", "cli", "main.js");

function newest(dir) {
  let t = 0;
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) t = Math.max(t, newest(full));
    else if (d.name.endsWith(".ts")) t = Math.max(t, fs.statSync(full).mtimeMs);
  }
  return t;
}

function ensureCliBuild() {
  const stale =
    !fs.existsSync(entry) ||
    ["cli", "domain"].some((d) => newest(path.join(root, "src", d)) > fs.statSync(entry).mtimeMs);
  if (stale) {
    const { buildCli } = require("../../scripts/build-cli.js");
    if (!buildCli({ quiet: true })) throw new Error("could not compile the CLI (run npm run build:cli)");
  }
  return { root, cliMain: entry, domain: path.join(root, "build", "cli", "domain", "index.js") };
}

module.exports = { ensureCliBuild };
