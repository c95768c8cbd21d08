import fc from "fast-check";
import { formatCalendarDate, formatDateTime, formatShortDate, plural } from "../../src/ui/format";

// The browser's own formatter for the same fields: what the add-in showed before it formatted dates itself.
const intlDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
/**
 * ICU versions differ in punctuation and abbreviations ("Sat, 1 Jan" or "Sat 1 Jan"; "Sept" or
 * "Sep"); the add-in writes "Sat 1 Jan" and three letters for every month. The fields must agree.
 */
const normalised = (s: string): string => s.replace(/^(\w{3}),/, "$1").replace("Sept", "Sep");

describe("formatDateTime (London wall-clock time)", () => {
  it.each([
    ["2026-11-27T08:05:00Z", "Fri 27 Nov 2026, 08:05"], // GMT
    ["2026-07-01T08:05:00Z", "Wed 1 Jul 2026, 09:05"], // BST
    ["2026-03-29T00:59:59Z", "Sun 29 Mar 2026, 00:59"], // last second of GMT
    ["2026-03-29T01:00:00Z", "Sun 29 Mar 2026, 02:00"], // clocks go forward
    ["2026-10-25T00:30:00Z", "Sun 25 Oct 2026, 01:30"], // first 01:30 (BST)
    ["2026-10-25T01:30:00Z", "Sun 25 Oct 2026, 01:30"], // second 01:30 (GMT)
    ["2026-12-31T23:59:00Z", "Thu 31 Dec 2026, 23:59"],
    ["2026-06-30T23:30:00+00:00", "Wed 1 Jul 2026, 00:30"], // a new London day before UTC's
  ])("%s → %s", (iso, expected) => {
    expect(formatDateTime(iso)).toBe(expected);
  });

  it("matches Intl.DateTimeFormat for Europe/London at any instant from 2000 to 2099", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        expect(formatDateTime(ms)).toBe(normalised(intlDateTime.format(ms)));
      }),
      { numRuns: 2000 },
    );
  });

  it("shows text that is not a date as it is", () => {
    expect(formatDateTime("not a date")).toBe("not a date");
  });
});

describe("calendar dates", () => {
  it("writes a date in full or short, British style", () => {
    expect(formatCalendarDate("2026-11-19")).toBe("19 November 2026");
    expect(formatCalendarDate("2027-02-01")).toBe("1 February 2027");
    expect(formatShortDate("2026-09-03")).toBe("3 Sep");
    expect(formatShortDate("2026-11-19")).toBe("19 Nov");
  });

  it("leaves what is not a real calendar date as written", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "19/11/2026", ""]) {
      expect(formatCalendarDate(bad)).toBe(bad);
      expect(formatShortDate(bad)).toBe(bad);
    }
  });
});

it("plural", () => {
  expect(plural(1, "breach", "breaches")).toBe("1 breach");
  expect(plural(2, "breach", "breaches")).toBe("2 breaches");
  expect(plural(0, "warning")).toBe("0 warnings");
});
