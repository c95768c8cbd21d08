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

/** The value of `n` decimal digits at `i`, or -1 when any of them is not a digit. */
function digits(text: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = text.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses an ISO-8601 date-time that carries an offset: `YYYY-MM-DDTHH:MM[:SS[.fraction]]`
 * then `Z` or `±HH[[:]MM]`; null when it is not one (or names a day or time that does not
 * exist). Hand-written rather than a regular expression: every event has one or two of these.
 */
export function parseInstant(text: string): number | null {
  const n = text.length;
  if (
    n < 17 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58
  )
    return null;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59)
    return null;
  let i = 16;
  let s = 0;
  let ms = 0;
  if (text.charCodeAt(i) === 58) {
    s = digits(text, i + 1, 2);
    if (s < 0 || s > 59) return null;
    i += 3;
    const sep = text.charCodeAt(i);
    if (sep === 46 || sep === 44) {
      // A fraction of 1–9 digits; milliseconds from its first three (integer arithmetic).
      let k = i + 1;
      while (k < n && k - i <= 9 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
      const len = k - i - 1;
      if (len < 1 || len > 9) return null;
      ms = digits(text, i + 1, Math.min(3, len)) * (len >= 3 ? 1 : len === 2 ? 10 : 100);
      i = k;
    }
  }
  const z = text.charCodeAt(i);
  let offsetMinutes = 0;
  if (z === 90 || z === 122) {
    if (i + 1 !== n) return null;
  } else if (z === 43 || z === 45) {
    const oh = digits(text, i + 1, 2);
    let om = 0;
    const rest = n - (i + 3);
    if (rest === 3 && text.charCodeAt(i + 3) === 58) om = digits(text, i + 4, 2);
    else if (rest === 2) om = digits(text, i + 3, 2);
    else if (rest !== 0) return null;
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
    offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return null;
  }
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
