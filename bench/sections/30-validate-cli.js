// `csm validate` of a 100,000-line file, against Node only reading and JSON.parse-ing the same
// lines (target: within 5×). Both are separate processes, so both include Node's start-up.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { generateLog } = require("../lib/generate");
const { bestOf, runNode } = require("../lib/measure");

const PARSE_ONLY = `
const text = require("node:fs").readFileSync(process.argv[1], "utf8");
let n = 0;
for (const line of text.split("\\n")) if (line.trim() !== "") { JSON.parse(line); n++; }
process.stdout.write(String(n));
`;

/** Lines in log order (at, recordedAt, id), as an export writes them. */
function inLogOrder(events) {
  const key = (e) => [Date.parse(e.at), e.recordedAt ? Date.parse(e.recordedAt) : -Infinity, e.id];
  return [...events].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  });
}

module.exports = {
  title: "csm validate: a 100,000-line file",
  async run(ctx) {
    const log = generateLog({ people: 2000, events: 100_000, seed: 42 });
    const files = {
      "in log order (as exported)": inLogOrder(log),
      "shuffled (merged from several writers)": log,
    };
    const empty = bestOf(3, () => runNode(["-e", ""]));
    const rows = [];
    for (const [label, events] of Object.entries(files)) {
      const file = path.join(ctx.tmp, `events-${rows.length}.jsonl`);
      fs.writeFileSync(file, events.map((e) => JSON.stringify(e)).join("\n") + "\n");
      const sizeMb = fs.statSync(file).size / 1024 / 1024;
      const parse = bestOf(3, () => runNode(["-e", PARSE_ONLY, file]));
      const validate = bestOf(3, () => runNode([ctx.cliMain, "validate", "--events", file]));
      const ok = validate.status === 0 && /"ok":true/.test(validate.stdout);
      rows.push(
        { name: `file ${label}`, value: sizeMb, unit: "MB", note: `${events.length.toLocaleString("en-GB")} lines` },
        {
          name: "  csm validate (process, best of 3)",
          value: validate.ms / 1000,
          unit: "s",
          note: ok ? "ok: true" : `exit ${validate.status}`,
        },
        { name: "  node read + JSON.parse (process, best of 3)", value: parse.ms / 1000, unit: "s" },
        { name: "  ratio validate / parse", value: validate.ms / parse.ms, unit: "×", target: "< 5×" },
        {
          name: "  ratio without Node start-up",
          value: (validate.ms - empty.ms) / (parse.ms - empty.ms),
          unit: "×",
          note: `start-up ${Math.round(empty.ms)} ms`,
        },
        {
          name: "  ratio of CPU time (steadier on a busy machine)",
          value: validate.cpuMs / parse.cpuMs,
          unit: "×",
          note: `${(validate.cpuMs / 1000).toFixed(2)} s / ${(parse.cpuMs / 1000).toFixed(2)} s`,
        },
        {
          name: "  csm validate peak RSS",
          value: validate.rssMb,
          unit: "MB",
          note: `read + parse: ${Math.round(parse.rssMb)} MB`,
        },
      );
    }
    return rows;
  },
};
