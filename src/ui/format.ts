/**
 * Dates and times as staff read them: British English, Europe/London (record-format §1: all
 * day and time reasoning is London time, GMT or BST).
 */
const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const longDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const shortDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });

/** "Fri 27 Nov 2026, 08:05" (London time). */
export function formatDateTime(iso: string | number): string {
  const ms = typeof iso === "number" ? iso : Date.parse(iso);
  return Number.isNaN(ms) ? String(iso) : dateTime.format(ms);
}

function calendarDate(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** A calendar date `YYYY-MM-DD` as "19 November 2026". */
export function formatCalendarDate(date: string): string {
  const ms = calendarDate(date);
  return ms === null ? date : longDate.format(ms);
}

/** A calendar date `YYYY-MM-DD` as "19 Nov". */
export function formatShortDate(date: string): string {
  const ms = calendarDate(date);
  return ms === null ? date : shortDate.format(ms);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
