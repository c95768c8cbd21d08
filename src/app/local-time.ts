/**
 * Date-times as staff type them (`<input type="datetime-local">`: `2026-11-03T09:30`, wall-clock
 * time in the UK) and as the record holds them (ISO-8601 with offset). All local reasoning is
 * Europe/London (record-format §1), whatever the computer's own time zone.
 */
import { londonOffset, londonTime, formatTimeOfDay, parseInstant } from "../domain";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * `YYYY-MM-DDTHH:MM` in London → ISO-8601 UTC (`…Z`); null when it is not such a value. In the
 * hour that repeats when the clocks go back, the first (BST) reading is taken; a time in the hour
 * skipped when they go forward is read as GMT.
 */
export function londonLocalToIso(local: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00Z`;
  const wall = parseInstant(iso);
  if (wall === null) return null;
  const bst = wall - 3_600_000;
  const instant = londonOffset(bst) === 3_600_000 ? bst : wall;
  return new Date(instant).toISOString();
}

/** An instant → `YYYY-MM-DDTHH:MM` in London, for a datetime-local input's value. */
export function isoToLondonLocal(instant: number): string {
  const t = londonTime(instant);
  return `${t.date}T${formatTimeOfDay(t.minutes)}`;
}
