import fc from "fast-check";
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatShortDate,
  personName,
  plural,
  strategyName,
} from "../../src/ui/format";

// The browser's own formatter for the same fields: what the add-in showed before it formatted dates itself.
const intlDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
/**
 * ICU versions differ in the joint between date and time ("1 January 2026, 08:05" or "1 January
 * 2026 at 08:05"); the add-in writes a comma. The fields must agree.
 */
const normalised = (s: string): string => s.replace(" at ", ", ");

describe("formatDateTime (London wall-clock time)", () => {
  it.each([
    ["2026-11-27T08:05:00Z", "27 November 2026, 08:05"], // GMT
    ["2026-07-01T08:05:00Z", "1 July 2026, 09:05"], // BST
    ["2026-03-29T00:59:59Z", "29 March 2026, 00:59"], // last second of GMT
    ["2026-03-29T01:00:00Z", "29 March 2026, 02:00"], // clocks go forward
    ["2026-10-25T00:30:00Z", "25 October 2026, 01:30"], // first 01:30 (BST)
    ["2026-10-25T01:30:00Z", "25 October 2026, 01:30"], // second 01:30 (GMT)
    ["2026-12-31T23:59:00Z", "31 December 2026, 23:59"],
    ["2026-06-30T23:30:00+00:00", "1 July 2026, 00:30"], // a new London day before UTC's
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

describe("one date style, names instead of ids (issue 14 item 7)", () => {
  it("writes calendar dates and instants alike, the instant as its London day", () => {
    expect(formatDate("2027-02-27")).toBe("27 February 2027");
    expect(formatDate("2026-06-30T23:30:00Z")).toBe("1 July 2026"); // already 1 July in London (BST)
    expect(formatDate(Date.UTC(2026, 11, 31, 23, 59))).toBe("31 December 2026");
    expect(formatDate("soon")).toBe("soon");
  });

  it("names a strategy by its matter and start, and a person by name", () => {
    expect(strategyName({ matterRef: "M-77", imposedAtMs: Date.parse("2026-09-10T08:00:00Z") })).toBe(
      "Strategy for matter M-77, from 10 September 2026",
    );
    expect(personName({ name: "Alex Morgan" })).toBe("Alex Morgan");
    expect(personName({ name: " " })).toBe("someone not yet named");
    expect(personName(null)).toBe("someone not yet named");
  });
});

it("plural", () => {
  expect(plural(1, "breach", "breaches")).toBe("1 breach");
  expect(plural(2, "breach", "breaches")).toBe("2 breaches");
  expect(plural(0, "warning")).toBe("0 warnings");
});
