#!/usr/bin/env node
// `npx csm …`: runs the compiled command line (build/cli), compiling it first when it is missing
// or older than its TypeScript sources, so a fresh clone needs nothing but `npm ci`.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "build", "cli", "cli", "main.js");

function newestSource(dir) {
  let newest = 0;
  for (const name of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (name.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(entry)) return true;
  const built = fs.statSync(entry).mtimeMs;
  const src = path.join(root, "src");
  return ["cli", "domain"].some((d) => fs.existsSync(path.join(src, d)) && newestSource(path.join(src, d)) > built);
}

if (isStale()) {
  try {
    const { buildCli } = require("../scripts/build-cli.js");
    if (!buildCli({ quiet: true })) process.exit(2);
  } catch {
    process.stderr.write("csm: could not compile the command line; run `npm ci` then `npm run build:cli` to see why\n");
    process.exit(2);
  }
}
require(entry);
