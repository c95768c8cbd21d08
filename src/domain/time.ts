/**
 * Time in the policy's terms. Every day, week, time-of-day and calendar-date rule of the record
 * (record-format §1) is reasoned in Europe/London local time (GMT in winter, BST in summer), never
 * UTC. The UK rule (since 1996, EU-aligned): BST runs from 01:00 UTC on the last Sunday of March
 * to 01:00 UTC on the last Sunday of October. It is computed here rather than through Intl so the
 * domain is deterministic on every runtime and fast enough for the hot path (evaluate < 1 ms).
 *
 * Nothing here reads the clock: "now" always arrives as an argument (the Clock port).
 */

export type DayCode = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export const DAY_CODES: readonly DayCode[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

/** Date.UTC, but years 0–99 mean those years (Date.UTC reads them as 1900–1999). */
function utc(year: number, month0: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, month0, day, h, mi, s, ms);
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(h, mi, s, ms);
  return d.getTime();
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar. Arithmetic only: this is on the hot path. */
export function daysInMonth(year: number, month1: number): number {
  if (month1 === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month1 - 1] ?? NaN;
}

/** Parses an ISO-8601 date-time that carries an offset (`Z` or `±HH:MM`); null when it is not one. */
export function parseInstant(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, frac, off] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = ss === undefined ? 0 : Number(ss);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMinutes = 0;
  if (off !== undefined && off !== "Z" && off !== "z") {
    const sign = off.startsWith("-") ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  // Milliseconds from the first three fraction digits (integer arithmetic: no float rounding).
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, "0"));
  return utc(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * MINUTE;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const m = DATE_ONLY.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Minutes since local midnight for `HH:MM` (`24:00` allowed when `allowEndOfDay`); null if invalid. */
export function parseTimeOfDay(text: string, allowEndOfDay = false): number | null {
  const m = TIME_OF_DAY.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h === 24 && mi === 0 && allowEndOfDay) return 24 * 60;
  if (h > 23 || mi > 59) return null;
  return h * 60 + mi;
}

function lastSundayUtc(year: number, month0: number): number {
  const last = daysInMonth(year, month0 + 1);
  const dow = new Date(Date.UTC(year, month0, last)).getUTCDay();
  return Date.UTC(year, month0, last - dow, 1, 0, 0);
}

const bstCache = new Map<number, readonly [number, number]>();

/** Offset of Europe/London from UTC at the instant, in milliseconds (0 for GMT, 1 h for BST). */
export function londonOffset(instant: number): number {
  const year = new Date(instant).getUTCFullYear();
  let range = bstCache.get(year);
  if (!range) {
    range = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)];
    bstCache.set(year, range);
  }
  return instant >= range[0] && instant < range[1] ? HOUR : 0;
}

export interface LondonTime {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly weekday: DayCode;
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** `YYYY-MM-DD`, the London calendar date. */
  readonly date: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The wall-clock reading in London at the instant. */
export function londonTime(instant: number): LondonTime {
  const local = new Date(instant + londonOffset(instant));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const weekday = DAY_CODES[(local.getUTCDay() + 6) % 7] as DayCode;
  return {
    year,
    month,
    day,
    weekday,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    date: formatDate(year, month, day),
  };
}

export function londonDate(instant: number): string {
  return londonTime(instant).date;
}

/** The London date of the Monday that starts the instant's week (weeks run Monday 00:00 to Sunday 24:00). */
export function londonWeekKey(instant: number): string {
  const t = londonTime(instant);
  const dayIndex = DAY_CODES.indexOf(t.weekday);
  const monday = new Date(Date.UTC(t.year, t.month - 1, t.day) - dayIndex * DAY);
  return formatDate(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
}

/** `YYYY-MM`, the London calendar month of the instant. */
export function londonMonthKey(instant: number): string {
  const t = londonTime(instant);
  return `${pad(t.year, 4)}-${pad(t.month)}`;
}

/**
 * A calendar date plus whole months, where a day that does not exist in the target month becomes
 * that month's last day (30 Nov + 3 → 28 Feb; 31 May + 3 → 31 Aug). Used for the three-month
 * maximum between reviews (9.12).
 */
export function addCalendarMonths(date: string, months: number): string {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return formatDate(year, month, day);
}

/** The UTC instant of London local midnight starting the given date. */
export function londonMidnight(date: string): number {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const wall = utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // The offset at local midnight is the offset an hour either side of it (changes happen at 01:00 UTC).
  return wall - londonOffset(wall - HOUR);
}

export function formatTimeOfDay(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
