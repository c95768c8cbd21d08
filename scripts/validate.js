#!/usr/bin/env node
// npm run validate: the offline checks `npm run package` runs, on the development manifests
// (manifest.xml and the unified app manifest assets/teams/manifest.json). No network: the unified
// manifest is checked against the JSON schema shipped in @microsoft/app-manifest. Microsoft's own
// online validator for manifest.xml is `npx office-addin-manifest validate manifest.xml`.
const fs = require("node:fs");
const path = require("node:path");
const { checkAddinManifest, checkTeamsManifest } = require("./lib/manifest-check");

const ROOT = path.resolve(__dirname, "..");
const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const unified = JSON.parse(fs.readFileSync(path.join(ROOT, "assets", "teams", "manifest.json"), "utf8"));
const addinId = /<Id>([^<]*)<\/Id>/.exec(xml)?.[1]?.trim();
const problems = [
  ...checkAddinManifest(xml).map((p) => `manifest.xml: ${p}`),
  ...checkTeamsManifest(unified, { addinId }).map((p) => `assets/teams/manifest.json: ${p}`),
];
if (problems.length > 0) {
  process.stderr.write(`npm run validate: ${problems.length} problem(s)\n  ${problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(
  `manifest.xml and assets/teams/manifest.json (unified, manifestVersion ${unified.manifestVersion}) pass the offline checks.\n`,
);
