// Preloaded into child processes by bench/lib/measure.js: reports the peak RSS on exit (stderr).
"use strict";
process.on("exit", () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
