#!/usr/bin/env node
// `npm run test:mutations` (issue 15, Deliver 3): deliberate defects, applied one at a time to a
// copy of the source, each followed by the no-loss run (test/app/m365-no-loss.test.ts at
// CSM_MUTATION_SCHEDULES schedules, default 60). The run must fail for every defect: a defect it
// lets through means the proof cannot see that kind of loss. Prints which were caught and exits 1
// if any was not (or if a defect no longer applies because the code it targets moved).
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const SCHEDULES = process.env.CSM_MUTATION_SCHEDULES || "60";

/** Each: a file, the exact text it replaces, and what it is replaced with. */
const MUTATIONS = [
  {
    name: "sync skips an item of the delta feed",
    file: "src/app/sync.ts",
    from: "upserts.set(item.itemId, item); // the feed may repeat an item: the last one wins",
    to: "if (item.itemId.endsWith('3')) continue; upserts.set(item.itemId, item);",
  },
  {
    name: "the outbox drops an entry on 503",
    file: "src/app/outbox.ts",
    from: "        const attempts = entry.attempts + 1;\n        const wait = retryAfterOf(error) ?? this.backoff(attempts);",
    to: "        if ((error as { status?: number }).status === 503) { await this.storage.remove(entry.id); this.entries.delete(entry.id); continue; }\n        const attempts = entry.attempts + 1;\n        const wait = retryAfterOf(error) ?? this.backoff(attempts);",
  },
  {
    name: "the outbox turns a 503 into a permanent refusal",
    file: "src/app/outbox.ts",
    from: 'if (typeof status !== "number" || status < 400 || status > 499) return null;',
    to: 'if (typeof status !== "number" || status < 400 || status > 503) return null;',
  },
  {
    name: "the stored copy of an incident loses its file note",
    file: "src/adapters/graph/sharepoint-store.ts",
    from: "    Data: JSON.stringify(event.data),",
    to: '    Data: JSON.stringify(event.type === "IncidentRecorded" ? { ...event.data, summary: "" } : event.data),',
  },
  {
    name: "a breach notification is sent twice",
    file: "src/app/notify.ts",
    from: "        messageId = await this.teams.sendCard(\n          chatId,",
    to: "        await this.teams.sendCard(chatId, attachmentId, breachCard(breach, this.options.recordLink(breach.personId)));\n        messageId = await this.teams.sendCard(\n          chatId,",
  },
  {
    name: "Graph's Retry-After is forgotten",
    file: "src/adapters/graph/graph-client.ts",
    from: 'const retryAfterMs = res.ok ? null : parseRetryAfter(res.headers.get("retry-after"), this.options.clock.now());',
    to: "const retryAfterMs: number | null = null;",
  },
  {
    name: "the service advances its deltaLink before what it appended is delivered",
    file: "src/app/enforcement.ts",
    from: "if (this.o.delivered && !(await this.o.delivered().catch(() => false))) {",
    to: "if (this.o.delivered && !(await this.o.delivered().catch(() => false)) && false) {",
  },
  {
    name: "the service notifies from its own copy, not the shared list's",
    file: "src/surfaces/service/compose.ts",
    from: "shared: () => m365.sync.events(),",
    to: "",
    // Rare: only when staff open the shared email while the service handles it (about 1 in 300).
    schedules: 300,
  },
];

function copyTree(dest) {
  for (const entry of ["src", "test", "package.json", "tsconfig.json", "jest.config.js"]) {
    fs.cpSync(path.join(ROOT, entry), path.join(dest, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dest, "node_modules"), "dir");
}

function noLossRun(dir, schedules = SCHEDULES) {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--ci", "test/app/m365-no-loss.test.ts"],
    { cwd: dir, encoding: "utf8", env: { ...process.env, CSM_NO_LOSS_SCHEDULES: String(schedules) } },
  );
  return { passed: r.status === 0, output: `${r.stdout}\n${r.stderr}` };
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "csm-mutations-"));
  const results = [];
  try {
    const base = path.join(tmp, "unmutated");
    copyTree(base);
    const control = noLossRun(base);
    console.log(`unmutated code: the no-loss run ${control.passed ? "passes" : "FAILS"} (${SCHEDULES} schedules)`);
    if (!control.passed) {
      console.log(control.output.slice(-3000));
      process.exitCode = 1;
      return;
    }
    MUTATIONS.forEach((m, i) => {
      const dir = path.join(tmp, `m${i}`);
      copyTree(dir);
      const file = path.join(dir, m.file);
      const text = fs.readFileSync(file, "utf8");
      if (!text.includes(m.from)) {
        results.push({ name: m.name, caught: false, why: `the code it targets is no longer in ${m.file}` });
        return;
      }
      fs.writeFileSync(file, text.replace(m.from, m.to));
      const run = noLossRun(dir, m.schedules);
      const failing = run.output.match(/^\s+\+\s+"(.*)",?$/m);
      results.push({ name: m.name, caught: !run.passed, why: failing ? failing[1].slice(0, 140) : "" });
      fs.rmSync(dir, { recursive: true, force: true });
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const r of results) console.log(`${r.caught ? "caught " : "MISSED "} ${r.name}${r.why ? `: ${r.why}` : ""}`);
  const caught = results.filter((r) => r.caught).length;
  console.log(`${caught} of ${results.length} mutations caught`);
  if (caught !== results.length) process.exitCode = 1;
}

main();
