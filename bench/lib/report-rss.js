// Preloaded into child processes by bench/lib/measure.js: reports, on exit (stderr), the peak RSS
// and the CPU time used (which a busy machine inflates much less than wall time).
"use strict";
process.on("exit", () => {
  const cpu = process.cpuUsage();
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS} BENCH_CPU_US=${cpu.user + cpu.system}\n`);
});
