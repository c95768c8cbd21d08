// Fold of the whole record: 100,000 events across 2,000 people (target: under 1 s).
"use strict";
const { generateLog } = require("../lib/generate");
const { time, peakRssMb } = require("../lib/measure");

module.exports = {
  title: "Fold: 100,000 events across 2,000 people",
  async run(ctx) {
    const d = require(ctx.domain);
    const log = generateLog({ people: 2000, events: 100_000, seed: 42 });
    const people = [...new Set(log.map((e) => e.personId))];
    // The events as a store holds them: shape-checked once, with parsed instants.
    const { ms: shapeMs, value: logged } = await time(() =>
      log.map((e) => {
        const s = d.checkShape(e);
        return { event: s.event, atMs: s.atMs, recordedAtMs: s.recordedAtMs };
      }),
    );
    const foldOnce = () => {
      const index = new d.RecordIndex(logged);
      for (const p of people) index.person(p);
      return index;
    };
    foldOnce(); // warm-up (JIT)
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await time(foldOnce));
    runs.sort((a, b) => a.ms - b.ms);
    const best = runs[0].ms;
    const median = runs[2].ms;
    const cpu = Math.min(...runs.map((r) => r.cpuMs));
    const { ms: validateMs } = await time(() => d.validateLog(log.map((value, i) => ({ line: i + 1, value }))));
    return [
      {
        name: "fold (RecordIndex + every person's state), median of 5",
        value: median,
        unit: "ms",
        target: "< 1000 ms",
      },
      { name: "fold, best of 5", value: best, unit: "ms" },
      { name: "fold, CPU time (least of 5)", value: cpu, unit: "ms", note: "includes GC threads" },
      { name: "fold throughput (median)", value: (log.length / median) * 1000, unit: "events/s" },
      { name: "shape check of every event (checkShape)", value: shapeMs, unit: "ms" },
      { name: "validateLog (all §8 checks, in log order)", value: validateMs, unit: "ms" },
      { name: "bench process peak RSS so far", value: peakRssMb(), unit: "MB" },
    ];
  },
};
