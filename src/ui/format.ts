/**
 * Dates and times as staff read them: British English, Europe/London (record-format §1: all
 * day and time reasoning is London time, GMT or BST).
 *
 * Worked out with the domain's London clock (the UK's GMT/BST rule) rather than
 * Intl.DateTimeFormat: creating a formatter for Europe/London loads the browser's time-zone data,
 * about 25 ms on the taskpane's cold start (issue 3 item 8), and the answer is the same
 * (test/ui/format.test.ts compares the two).
 */
import { formatTimeOfDay, isCalendarDate, londonTime, MONTH_NAMES, type PersonState } from "../domain";

const shortMonth = (month1: number): string => (MONTH_NAMES[month1 - 1] ?? "").slice(0, 3);

/**
 * One date style wherever staff read (issue 14 item 7): "27 November 2026", and with the time of
 * day "27 November 2026, 08:05" (London time). Ids and ISO dates stay in exports and data-* attributes.
 */
export function formatDateTime(iso: string | number): string {
  const ms = typeof iso === "number" ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  const t = londonTime(ms);
  return `${t.day} ${MONTH_NAMES[t.month - 1] ?? ""} ${t.year}, ${formatTimeOfDay(t.minutes)}`;
}

/**
 * A date as "27 February 2027": a calendar date `YYYY-MM-DD` as written, an instant (ISO text or
 * milliseconds) as its London day.
 */
export function formatDate(when: string | number): string {
  if (typeof when === "string" && isCalendarDate(when)) return formatCalendarDate(when);
  const ms = typeof when === "number" ? when : Date.parse(when);
  if (!Number.isFinite(ms)) return String(when);
  const t = londonTime(ms);
  return `${t.day} ${MONTH_NAMES[t.month - 1] ?? ""} ${t.year}`;
}

/**
 * Text from the app or domain layers (guidance, refusals), which write dates as `YYYY-MM-DD` for
 * every surface including the CLI, with each calendar date in words for staff.
 */
export function datesInWords(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatCalendarDate(d));
}

/** What staff call a strategy: "Strategy for matter M-77, from 10 September 2026" (never its id). */
export function strategyName(
  s: { readonly matterRef: string } & ({ readonly imposedAtMs: number } | { readonly imposedOn: string }),
): string {
  return `Strategy for matter ${s.matterRef}, from ${formatDate("imposedOn" in s ? s.imposedOn : s.imposedAtMs)}`;
}

/** A person as staff read them: their name; one not yet named is "someone not yet named" (never the id). */
export function personName(p: Pick<PersonState, "name"> | { readonly name: string } | null | undefined): string {
  const name = p?.name.trim() ?? "";
  return name || "someone not yet named";
}

/** A real calendar date `YYYY-MM-DD` in parts; null for anything else (2026-02-30 is shown as written). */
function calendarDate(date: string): { year: number; month: number; day: number } | null {
  if (!isCalendarDate(date)) return null;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

/** A calendar date `YYYY-MM-DD` as "19 November 2026". */
export function formatCalendarDate(date: string): string {
  const d = calendarDate(date);
  return d === null ? date : `${d.day} ${MONTH_NAMES[d.month - 1] ?? ""} ${d.year}`;
}

/** A calendar date `YYYY-MM-DD` as "19 Nov". */
export function formatShortDate(date: string): string {
  const d = calendarDate(date);
  return d === null ? date : `${d.day} ${shortMonth(d.month)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
