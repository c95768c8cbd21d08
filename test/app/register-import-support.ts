/** Helpers for the register import tests: the domain's batch check and a valid log from events. */
import { checkShape, type LoggedEvent, type RecordEvent } from "../../src/domain";

export { decideAppendMany } from "../../src/domain";

export function toLoggedForTest(events: readonly RecordEvent[]): LoggedEvent[] {
  return events.map((e) => {
    const s = checkShape({ ...e, recordedAt: e.recordedAt ?? "2026-06-15T12:00:00Z" });
    if (!s.event) throw new Error(`invalid test event ${e.id}: ${JSON.stringify(s.errors)}`);
    return { event: s.event, atMs: s.atMs, recordedAtMs: s.recordedAtMs };
  });
}
