// Evaluate 10,000 contacts against the 100,000-event record (target: p99 under 1 ms).
"use strict";
const { generateContacts, generateLog } = require("../lib/generate");
const { percentile } = require("../lib/measure");

module.exports = {
  title: "Evaluate: 10,000 contacts against 100,000 events",
  async run(ctx) {
    const d = require(ctx.domain);
    const log = generateLog({ people: 2000, events: 100_000, seed: 42 });
    const index = new d.RecordIndex(d.validateLog(log.map((value, i) => ({ line: i + 1, value }))).events);
    const contacts = generateContacts({ people: 2000, count: 10_000, seed: 7 });
    const first = process.hrtime.bigint();
    index.evaluate(contacts[0]); // the first call builds the identifier index
    const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
    for (const c of contacts.slice(0, 1000)) index.evaluate(c); // warm-up (JIT)
    const us = [];
    let breaches = 0;
    let unknown = 0;
    for (const c of contacts) {
      const t = process.hrtime.bigint();
      const v = index.evaluate(c);
      us.push(Number(process.hrtime.bigint() - t) / 1e3);
      breaches += v.breaches.length;
      if (v.person === null) unknown += 1;
    }
    us.sort((a, b) => a - b);
    return [
      { name: "evaluate p50", value: percentile(us, 50), unit: "µs" },
      { name: "evaluate p99", value: percentile(us, 99), unit: "µs", target: "< 1000 µs" },
      { name: "evaluate max", value: us[us.length - 1], unit: "µs" },
      { name: "first evaluate (builds the identifier index)", value: firstMs, unit: "ms" },
      { name: "breaches found / unknown senders", value: `${breaches} / ${unknown}`, unit: "" },
    ];
  },
};
