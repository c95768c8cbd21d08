/**
 * The no-loss proof: 1,000 seeded schedules of three writers with faults (see m365-no-loss-sim.ts):
 * two members of staff in the taskpane and the enforcement service (app-only, restarted at random,
 * Graph's change notifications dropped, duplicated and late) on the team's shared mailbox.
 * Zero lost events; every accepted event byte-for-byte the same (canonical JSON) in the SharePoint
 * list and in every replica; every refusal classified, and none caused by a transient fault (issue
 * 15); zero duplicate breaches, zero duplicate (and zero missed) notifications, every 429 waited for
 * its Retry-After. The counts are printed; `npm run bench` prints them too.
 */
import { noLossFailures, runNoLoss } from "./m365-no-loss-sim";

const SCHEDULES = Number(process.env["CSM_NO_LOSS_SCHEDULES"] ?? 1000);

jest.setTimeout(10 * 60_000);

it(`loses nothing and duplicates nothing over ${SCHEDULES} randomised schedules of three writers (two staff, the service) with faults`, async () => {
  const run = await runNoLoss(SCHEDULES);
  const counts = run.counts;
  console.log(
    `no-loss proof:\n${Object.entries(counts)
      .map(([k, v]) => `  ${k.padEnd(22)} ${v}`)
      .join("\n")}`,
  );

  expect(noLossFailures(run, SCHEDULES)).toEqual([]);
  expect(counts.schedules).toBe(SCHEDULES);
  expect(counts.contentDifferences).toBe(0);
  expect(counts.refusedTransient + counts.refusedSameContent + counts.refusedServer).toBe(0);
  expect(counts.refusedUnexplained).toBe(0);
  expect(counts.stuck).toBe(0);
  expect(counts.lost).toBe(0);
  expect(counts.duplicateBreaches).toBe(0);
  expect(counts.duplicateNotifications).toBe(0);
  expect(counts.missedNotifications).toBe(0);
  expect(counts.earlyRetries).toBe(0);
  // The faults really happened (a proof under no faults proves nothing).
  expect(counts.throttled429).toBeGreaterThan(SCHEDULES);
  expect(counts.retryAfterWaits).toBeGreaterThan(SCHEDULES);
  expect(counts.unavailable503).toBeGreaterThan(SCHEDULES / 2);
  expect(counts.lostResponses + counts.reloadsMidAppend).toBeGreaterThan(0);
  expect(counts.offlineSpells).toBeGreaterThan(0);
  expect(counts.resync410).toBeGreaterThan(0);
  expect(counts.breachesRecorded).toBeGreaterThan(SCHEDULES);
  expect(counts.notificationsSent).toBe(counts.breachesRecorded);
  // The third writer: every email to the shared mailbox is a contact with its breach, notified once.
  expect(counts.lostContacts).toBe(0);
  expect(counts.missedBreaches).toBe(0);
  expect(counts.serviceMessages).toBeGreaterThan(SCHEDULES);
  expect(counts.serviceRestarts).toBeGreaterThan(0);
  expect(counts.serviceNotificationsDropped + counts.serviceNotificationsLate).toBeGreaterThan(0);
  expect(counts.notifiedByService).toBeGreaterThan(0);
  expect(counts.openedByStaffToo).toBeGreaterThan(0);
});
