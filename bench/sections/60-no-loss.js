// The no-loss proof as figures (issues 4 and 15): 1,000 seeded schedules of three writers (two
// members of staff through the real outbox, SharePoint store, delta sync and Teams notifier, and
// the real composed enforcement service on a shared mailbox) against the Graph emulator in process,
// with faults (half the requests 429/503, 410 on delta, offline spells, reloads mid-append, service
// restarts that lose its outbox, change notifications dropped, duplicated and late).
// Simulated time: every Retry-After is waited in simulated time and checked. The jest test
// test/app/m365-no-loss.test.ts asserts the zeros; this prints the counts.
"use strict";
const path = require("node:path");

module.exports.title = "No-loss proof: three writers (two staff, the service), faults, reloads (simulated time)";

module.exports.run = async function run() {
  require("../../test/support/graph-emulator/ts-register.js");
  const { runNoLoss } = require(path.join(__dirname, "..", "..", "test", "app", "m365-no-loss-sim.ts"));
  const schedules = Number(process.env.CSM_NO_LOSS_SCHEDULES || 1000);
  const started = process.hrtime.bigint();
  const run = await runNoLoss(schedules);
  const c = run.counts;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const zero = "0";
  return [
    { name: "schedules (seeded)", value: c.schedules, unit: "" },
    { name: "events accepted by writers", value: c.eventsAccepted, unit: "" },
    { name: "lost events", value: c.lost, unit: "", target: zero },
    {
      name: "accepted events whose content differs (list or a replica)",
      value: c.contentDifferences,
      unit: "",
      target: zero,
    },
    { name: "refused: genuine conflicts (E_DUPLICATE_ID, other content)", value: c.refusedConflict, unit: "" },
    { name: "refused: by the record's checks (§8)", value: c.refusedDomain, unit: "" },
    { name: "refused: transient faults (429, 503, offline…)", value: c.refusedTransient, unit: "", target: zero },
    { name: "refused: same content already stored", value: c.refusedSameContent, unit: "", target: zero },
    { name: "refused: other server refusals", value: c.refusedServer, unit: "", target: zero },
    { name: "refused: without a reason", value: c.refusedUnexplained, unit: "", target: zero },
    {
      name: "kept for staff (refused by the record)",
      value: c.keptForStaff,
      unit: "",
      note: "conflicts shown to staff, not lost",
    },
    { name: "breaches recorded", value: c.breachesRecorded, unit: "" },
    { name: "duplicate breaches", value: c.duplicateBreaches, unit: "", target: zero },
    { name: "Teams notifications sent", value: c.notificationsSent, unit: "" },
    { name: "duplicate notifications", value: c.duplicateNotifications, unit: "", target: zero },
    { name: "missed notifications", value: c.missedNotifications, unit: "", target: zero },
    { name: "requests", value: c.requests, unit: "" },
    { name: "429 answered", value: c.throttled429, unit: "" },
    { name: "429 waited for Retry-After", value: c.retryAfterWaits, unit: "" },
    { name: "retries before Retry-After", value: c.earlyRetries, unit: "", target: zero },
    { name: "503 answered", value: c.unavailable503, unit: "" },
    { name: "410 resyncs answered", value: c.resync410, unit: "" },
    { name: "offline spells", value: c.offlineSpells, unit: "" },
    { name: "reloads mid-append", value: c.reloadsMidAppend, unit: "" },
    { name: "emails to the shared mailbox (service)", value: c.serviceMessages, unit: "" },
    { name: "of which staff opened too", value: c.openedByStaffToo, unit: "" },
    { name: "service restarts (outbox lost)", value: c.serviceRestarts, unit: "" },
    { name: "change notifications dropped", value: c.serviceNotificationsDropped, unit: "" },
    { name: "change notifications duplicated", value: c.serviceNotificationsDuplicated, unit: "" },
    { name: "change notifications late", value: c.serviceNotificationsLate, unit: "" },
    { name: "shared-mailbox emails not on the record", value: c.lostContacts, unit: "", target: zero },
    { name: "shared-mailbox breaches not on the record", value: c.missedBreaches, unit: "", target: zero },
    { name: "notified by the service (activity feed)", value: c.notifiedByService, unit: "" },
    { name: "notified by staff (chat card)", value: c.notifiedByStaff, unit: "" },
    { name: "service resends replaced by chainId", value: c.serviceResendsOverridden, unit: "" },
    { name: "schedules that did not settle", value: c.stuck, unit: "", target: zero },
    { name: "wall time", value: seconds, unit: "s" },
  ];
};
