// Timing helpers for bench sections: wall-clock, percentiles and peak memory. Figures only: the
// bench prints them and never fails.
"use strict";
const { spawnSync } = require("node:child_process");

/** Milliseconds `fn` takes (awaited). */
async function time(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** The p-th percentile (0–100) of sorted numbers. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Peak resident memory of this process so far, in MB. */
function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Runs `node args…` and returns its wall time (ms), exit status and peak RSS (MB), the latter
 * reported by the child itself through bench/lib/report-rss.js.
 */
function runNode(args, { cwd } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", require.resolve("./report-rss.js"), ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const match = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? "");
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr, rssMb: match ? Number(match[1]) / 1024 : NaN };
}

/** The fastest of `n` runs (less noise from other work on the machine). */
function bestOf(n, run) {
  let best = null;
  for (let i = 0; i < n; i++) {
    const r = run();
    if (!best || r.ms < best.ms) best = r;
  }
  return best;
}

module.exports = { time, percentile, peakRssMb, runNode, bestOf };
