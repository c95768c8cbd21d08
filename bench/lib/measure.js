// Timing helpers for bench sections: wall-clock, percentiles and peak memory. Figures only: the
// bench prints them and never fails.
"use strict";
const { spawnSync } = require("node:child_process");

/** Milliseconds `fn` takes (awaited): wall time, and this process's CPU time over the same span. */
async function time(fn) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
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
  const r = spawnSync(process.execPath, ["--require", require.resolve("./report-rss.js"), ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? "");
  const cpu = /BENCH_CPU_US=(\d+)/.exec(r.stderr ?? "");
  return {
    ms,
    cpuMs: cpu ? Number(cpu[1]) / 1000 : NaN,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    rssMb: rss ? Number(rss[1]) / 1024 : NaN,
  };
}

/** The fastest of `n` runs by wall time (less noise from other work on the machine). */
function bestOf(n, run) {
  let best = null;
  for (let i = 0; i < n; i++) {
    const r = run();
    if (!best || r.ms < best.ms) best = r;
  }
  return best;
}

/** The load average over the last minute, per CPU (above 1, other work competes with the bench). */
function loadPerCpu() {
  const os = require("node:os");
  return os.loadavg()[0] / os.cpus().length;
}

module.exports = { time, percentile, peakRssMb, runNode, bestOf, loadPerCpu };
