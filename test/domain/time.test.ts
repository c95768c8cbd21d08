/** London time (record-format §1): GMT/BST, weeks Monday–Sunday, calendar months, review dates (9.12). */
import fc from "fast-check";
import {
  addCalendarMonths,
  daysInMonth,
  formatTimeOfDay,
  isCalendarDate,
  londonDate,
  londonMidnight,
  londonMonthKey,
  londonOffset,
  londonTime,
  londonWeekKey,
  parseInstant,
  parseTimeOfDay,
} from "../../src/domain";

const ms = (iso: string): number => Date.parse(iso);

describe("parseInstant: ISO-8601 date-times with an offset", () => {
  it.each([
    ["2026-11-03T09:30:00Z", "2026-11-03T09:30:00.000Z"],
    ["2026-11-03T09:30Z", "2026-11-03T09:30:00.000Z"],
    ["2026-11-03T09:30:00+01:00", "2026-11-03T08:30:00.000Z"],
    ["2026-11-03T09:30:00+0100", "2026-11-03T08:30:00.000Z"],
    ["2026-11-03T09:30:00-05", "2026-11-03T14:30:00.000Z"],
    ["2026-11-03T09:30:00.1Z", "2026-11-03T09:30:00.100Z"],
    ["2026-11-03T09:30:00.29Z", "2026-11-03T09:30:00.290Z"],
    ["2026-11-03T09:30:00.123456Z", "2026-11-03T09:30:00.123Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
    ["0050-06-01T00:00:00Z", "0050-06-01T00:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(new Date(parseInstant(text) as number).toISOString()).toBe(iso);
  });

  it.each([
    "2026-11-03T09:30:00",
    "2026-11-03",
    "2026-02-30T09:00:00Z",
    "2026-11-03T24:00:00Z",
    "2026-11-03T09:60:00Z",
    "2026-13-01T00:00:00Z",
    "2026-11-03 09:30:00Z",
    "2026-11-03T09:30:00+25:00",
    "yesterday",
    "",
  ])("%j is not an instant with an offset", (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe("calendar dates and times of day", () => {
  it.each([
    ["2026-02-28", true],
    ["2026-02-29", false],
    ["2028-02-29", true],
    ["2026-04-31", false],
    ["2026-4-30", false],
    ["2026-00-10", false],
  ])("isCalendarDate(%s) is %s", (text, ok) => {
    expect(isCalendarDate(text)).toBe(ok);
  });

  it("reads HH:MM, with 24:00 only as an end of day", () => {
    expect(parseTimeOfDay("00:00")).toBe(0);
    expect(parseTimeOfDay("23:59")).toBe(23 * 60 + 59);
    expect(parseTimeOfDay("24:00")).toBeNull();
    expect(parseTimeOfDay("24:00", true)).toBe(24 * 60);
    expect(parseTimeOfDay("24:01", true)).toBeNull();
    expect(parseTimeOfDay("9:00")).toBeNull();
    expect(parseTimeOfDay("12:60")).toBeNull();
    expect(formatTimeOfDay(9 * 60 + 5)).toBe("09:05");
  });

  it("knows the length of months, leap years included", () => {
    expect([
      daysInMonth(2026, 2),
      daysInMonth(2028, 2),
      daysInMonth(2100, 2),
      daysInMonth(2000, 2),
      daysInMonth(2026, 12),
    ]).toEqual([28, 29, 28, 29, 31]);
  });
});

describe("Europe/London: GMT in winter, BST in summer", () => {
  it.each([
    // BST starts at 01:00 UTC on the last Sunday of March and ends at 01:00 UTC on the last Sunday of October.
    ["2026-03-29T00:59:59Z", 0],
    ["2026-03-29T01:00:00Z", 1],
    ["2026-10-25T00:59:59Z", 1],
    ["2026-10-25T01:00:00Z", 0],
    ["2027-03-28T01:00:00Z", 1],
    ["2027-03-27T23:00:00Z", 0],
    ["2026-07-01T12:00:00Z", 1],
    ["2026-12-01T12:00:00Z", 0],
  ])("at %s London is UTC+%i", (iso, hours) => {
    expect(londonOffset(ms(iso))).toBe(hours * 3_600_000);
  });

  it.each([
    ["2026-07-06T23:30:00Z", "2026-07-07", "tue", "00:30"], // BST: already Tuesday in London
    ["2026-12-07T23:30:00Z", "2026-12-07", "mon", "23:30"], // GMT
    ["2026-03-29T00:30:00Z", "2026-03-29", "sun", "00:30"],
    ["2026-03-29T01:30:00Z", "2026-03-29", "sun", "02:30"], // the clocks went forward
    ["2026-10-25T00:30:00Z", "2026-10-25", "sun", "01:30"], // first 01:30 (BST)
    ["2026-10-25T01:30:00Z", "2026-10-25", "sun", "01:30"], // second 01:30 (GMT)
  ])("%s is %s (%s) %s in London", (iso, date, weekday, hhmm) => {
    const t = londonTime(ms(iso));
    expect([t.date, t.weekday, formatTimeOfDay(t.minutes)]).toEqual([date, weekday, hhmm]);
    expect(londonDate(ms(iso))).toBe(date);
  });

  it.each([
    ["2026-06-15", "2026-06-14T23:00:00.000Z"],
    ["2026-12-15", "2026-12-15T00:00:00.000Z"],
    ["2026-03-29", "2026-03-29T00:00:00.000Z"],
    ["2026-03-30", "2026-03-29T23:00:00.000Z"],
    ["2026-10-25", "2026-10-24T23:00:00.000Z"],
    ["2026-10-26", "2026-10-26T00:00:00.000Z"],
  ])("London midnight starting %s is %s", (date, iso) => {
    expect(new Date(londonMidnight(date)).toISOString()).toBe(iso);
  });

  it("refuses a malformed date", () => {
    expect(() => londonMidnight("29/03/2026")).toThrow(RangeError);
    expect(() => addCalendarMonths("2026-3-1", 3)).toThrow(RangeError);
  });
});

describe("weeks run Monday 00:00 to Sunday 24:00 London time", () => {
  it.each([
    ["2026-11-01T23:59:59Z", "2026-10-26"], // Sunday night (GMT): still the week of Monday 26 October
    ["2026-11-02T00:00:00Z", "2026-11-02"], // Monday 00:00 GMT
    ["2026-06-07T22:59:59Z", "2026-06-01"], // Sunday 23:59:59 BST
    ["2026-06-07T23:00:00Z", "2026-06-08"], // Monday 00:00 BST is Sunday 23:00 UTC
    ["2026-12-31T12:00:00Z", "2026-12-28"], // a week across the new year
    ["2027-01-03T12:00:00Z", "2026-12-28"],
  ])("%s is in the week starting %s", (iso, monday) => {
    expect(londonWeekKey(ms(iso))).toBe(monday);
  });
});

describe("months are calendar months in London", () => {
  it.each([
    ["2026-06-30T22:59:59Z", "2026-06"],
    ["2026-06-30T23:00:00Z", "2026-07"], // 00:00 on 1 July BST
    ["2026-11-30T23:59:59Z", "2026-11"],
    ["2026-12-01T00:00:00Z", "2026-12"],
    ["2026-12-31T23:59:59Z", "2026-12"],
  ])("%s is in %s", (iso, month) => {
    expect(londonMonthKey(ms(iso))).toBe(month);
  });
});

describe("three calendar months on, a missing day becomes the month's last (9.12)", () => {
  it.each([
    ["2026-11-30", "2027-02-28"],
    ["2027-11-30", "2028-02-29"],
    ["2026-05-31", "2026-08-31"],
    ["2026-08-31", "2026-11-30"],
    ["2026-12-31", "2027-03-31"],
    ["2026-10-15", "2027-01-15"],
    ["2026-01-31", "2026-04-30"],
  ])("%s + 3 months = %s", (date, expected) => {
    expect(addCalendarMonths(date, 3)).toBe(expected);
  });
});

describe("parseInstant agrees with the ISO-8601 grammar it implements", () => {
  // The reference: the grammar as one regular expression, read with Date.UTC.
  const GRAMMAR = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
  function reference(text: string): number | null {
    const m = GRAMMAR.exec(text);
    if (!m) return null;
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
    const s = m[6] === undefined ? 0 : Number(m[6]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
    const off = m[8] as string;
    let offset = 0;
    if (off !== "Z" && off !== "z") {
      const digits = off.slice(1).replace(":", "");
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
      if (oh > 23 || om > 59) return null;
      offset = (off.startsWith("-") ? -1 : 1) * (oh * 60 + om);
    }
    const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
    const t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    t.setUTCHours(h, mi, s, ms);
    return t.getTime() - offset * 60_000;
  }
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
  const candidate = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
      two(13),
      two(32),
      fc.constantFrom("T", "t", " "),
      two(24),
      two(60),
      fc.option(two(60)),
      fc.option(fc.tuple(fc.constantFrom(".", ","), fc.stringMatching(/^\d{0,11}$/))),
      fc.constantFrom("Z", "z", "+01:00", "-05", "+0530", "+24:00", "-00:60", "+1:00", "+01:0", "", "GMT", "+01:00x"),
    )
    .map(
      ([y, mo, d, t, h, mi, s, frac, off]) =>
        `${y}-${mo}-${d}${t}${h}:${mi}${s === null ? "" : `:${s}`}${frac === null ? "" : frac[0] + frac[1]}${off}`,
    );
  it("for generated date-times, valid and not", () => {
    fc.assert(
      fc.property(candidate, (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });
  it("for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
