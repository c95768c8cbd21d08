#!/usr/bin/env node
// `npm run bench`: prints figures (it never passes or fails). Each file in bench/sections/ is one
// section, run in name order; see bench/README.md to add one.
//
//   node bench/run.js                 every section
//   node bench/run.js fold evaluate   only sections whose file name contains one of the words
//   node bench/run.js --json          rows as JSON (for comparing runs)
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { ensureCliBuild } = require("./lib/build");
const { loadPerCpu, peakRssMb } = require("./lib/measure");

function format(value) {
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-GB");
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(value === Math.round(value) ? 0 : 3);
}

function printTable(title, rows) {
  console.log(`\n${title}`);
  // A row with a target may say whether this run met it (`pass`); the run itself never fails.
  const result = (r) => (r.pass === undefined ? "" : r.pass ? "pass" : "FAIL");
  const cells = rows.map((r) => [
    r.name,
    `${format(r.value)} ${r.unit ?? ""}`.trim(),
    r.target ?? "",
    result(r),
    r.note ?? "",
  ]);
  const head = ["measure", "value", "target", "result", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `  ${c.map((x, i) => x.padEnd(widths[i])).join("  ")}`.trimEnd();
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const c of cells) console.log(line(c));
}

async function main() {
  const args = process.argv.slice(2);
  const asJson = args.includes("--json");
  const filters = args.filter((a) => !a.startsWith("--"));
  const dir = path.join(__dirname, "sections");
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
    .sort();
  const ctx = { ...ensureCliBuild(), tmp: fs.mkdtempSync(path.join(require("node:os").tmpdir(), "csm-bench-")) };
  const all = [];
  try {
    if (!asJson) {
      console.log(
        `Node ${process.version}, ${require("node:os").cpus().length} CPU(s) — targets are printed next to the figures; the run itself never fails`,
      );
      const load = loadPerCpu();
      if (load > 1)
        console.log(
          `note: the machine is busy (load ${load.toFixed(1)} per CPU): wall times are inflated; CPU-time figures are steadier`,
        );
    }
    for (const file of files) {
      const section = require(path.join(dir, file));
      let rows;
      try {
        rows = await section.run(ctx);
      } catch (err) {
        rows = [{ name: "error", value: String(err && err.message ? err.message : err), unit: "" }];
      }
      all.push({ section: section.title ?? file, rows });
      if (!asJson) printTable(section.title ?? file, rows);
    }
    if (asJson)
      console.log(JSON.stringify({ node: process.version, sections: all, benchPeakRssMb: peakRssMb() }, null, 2));
    else console.log(`\nbench process peak RSS: ${format(peakRssMb())} MB`);
  } finally {
    fs.rmSync(ctx.tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench: ${err && err.message ? err.message : err}`);
  process.exitCode = 1;
});
