/**
 * Dates and times as staff read them: British English, Europe/London (record-format §1: all
 * day and time reasoning is London time, GMT or BST).
 *
 * Worked out with the domain's London clock (the UK's GMT/BST rule) rather than
 * Intl.DateTimeFormat: creating a formatter for Europe/London loads the browser's time-zone data,
 * about 25 ms on the taskpane's cold start (issue 3 item 8), and the answer is the same
 * (test/ui/format.test.ts compares the two).
 */
import { DAY_NAMES, formatTimeOfDay, isCalendarDate, londonTime, MONTH_NAMES } from "../domain";

const shortMonth = (month1: number): string => (MONTH_NAMES[month1 - 1] ?? "").slice(0, 3);

/** "Fri 27 Nov 2026, 08:05" (London time). */
export function formatDateTime(iso: string | number): string {
  const ms = typeof iso === "number" ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  const t = londonTime(ms);
  const day = DAY_NAMES[t.weekday].slice(0, 3);
  return `${day} ${t.day} ${shortMonth(t.month)} ${t.year}, ${formatTimeOfDay(t.minutes)}`;
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
