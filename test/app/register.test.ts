/**
 * The register and the line manager's lists, over the sample record (test/ui/teams/fixture.ts):
 * what is in each, in which order, and what the CSV leaves out.
 */
import type { RecordService } from "../../src/app/record-service";
import {
  acknowledgementEvent,
  acknowledgementId,
  addDays,
  breachesAwaitingAcknowledgement,
  breachFromLocation,
  personFromLocation,
  contactsAwaitingReview,
  csvCell,
  daysBetween,
  filterRegister,
  registerCsv,
  recordAcknowledgement,
  registerCsvFileName,
  restrictionForExport,
  registerRows,
  reviewsDue,
  sortRegister,
  teamsBreachLink,
  teamsPersonLinkTemplate,
} from "../../src/app/register";
import { MANAGER, NOW_MS, sampleRecord, STAFF } from "../ui/teams/fixture";

let record: RecordService;
beforeAll(async () => {
  ({ record } = await sampleRecord());
});

describe("registerRows", () => {
  test("one row per active strategy, soonest review first; lifted strategies are not in it", () => {
    const rows = registerRows(record.index, NOW_MS);
    expect(rows.map((r) => [r.personId, r.strategyId, r.reviewDue, r.overdue, r.daysToReview])).toEqual([
      ["P-2", "S-2", "2026-10-31", true, -3],
      ["P-1", "S-1", "2026-11-10", false, 7],
      ["P-3", "S-3", "2026-12-20", false, 47],
    ]);
  });

  test("the restrictions in one line, the SPOC and the imposition date", () => {
    const alex = registerRows(record.index, NOW_MS).find((r) => r.personId === "P-1")!;
    expect(alex.restrictions).toBe(
      `contact only with the single point of contact, ${STAFF} and emails only to casework@opcc.example`,
    );
    expect(alex.spoc).toBe(STAFF);
    expect(alex.imposedOn).toBe("2026-09-10");
    expect(registerRows(record.index, NOW_MS).find((r) => r.personId === "P-2")!.spoc).toBeNull();
  });

  test("is as at now: before S-1 was imposed, Alex is not in it; before S-4 was lifted, Pat is", () => {
    const rows = registerRows(record.index, Date.parse("2026-08-15T12:00:00Z"));
    expect(rows.map((r) => r.personId).sort()).toEqual(["P-2", "P-4"]);
  });

  test("a review is overdue the day after its date (London), not on it", () => {
    const onTheDay = registerRows(record.index, Date.parse("2026-10-31T23:30:00Z")); // 23:30 GMT, still 31 October
    expect(onTheDay.find((r) => r.personId === "P-2")!.overdue).toBe(false);
    const nextDay = registerRows(record.index, Date.parse("2026-11-01T00:00:00Z"));
    expect(nextDay.find((r) => r.personId === "P-2")!.overdue).toBe(true);
  });
});

describe("sorting and filtering", () => {
  test.each<[Parameters<typeof sortRegister>[1], Parameters<typeof sortRegister>[2], string[]]>([
    ["person", "ascending", ["P-1", "P-3", "P-2"]], // Alex, Chris, Sam
    ["person", "descending", ["P-2", "P-3", "P-1"]],
    ["matter", "ascending", ["P-1", "P-2", "P-3"]],
    ["matter", "descending", ["P-3", "P-2", "P-1"]],
    ["reviewDue", "descending", ["P-3", "P-1", "P-2"]],
    ["spoc", "ascending", ["P-1", "P-2", "P-3"]], // no SPOC sorts last, ties by review date
    ["spoc", "descending", ["P-1", "P-2", "P-3"]],
  ])("by %s %s", (key, direction, expected) => {
    expect(sortRegister(registerRows(record.index, NOW_MS), key, direction).map((r) => r.personId)).toEqual(expected);
  });

  test("filters by words anywhere (all must match), overdue only, restriction kind", () => {
    const rows = registerRows(record.index, NOW_MS);
    expect(filterRegister(rows, { text: "advocate" }).map((r) => r.personId)).toEqual(["P-2"]);
    expect(filterRegister(rows, { text: "CPL-2026 alex" }).map((r) => r.personId)).toEqual(["P-1"]);
    expect(filterRegister(rows, { text: "officer.one" }).map((r) => r.personId)).toEqual(["P-1"]);
    expect(filterRegister(rows, { text: "nobody" })).toEqual([]);
    expect(filterRegister(rows, { overdueOnly: true }).map((r) => r.personId)).toEqual(["P-2"]);
    expect(filterRegister(rows, { restriction: "written-only" }).map((r) => r.personId)).toEqual(["P-3"]);
    expect(filterRegister(rows, {})).toHaveLength(3);
    expect(filterRegister(rows, { personId: "P-1" }).map((r) => r.personId)).toEqual(["P-1"]);
    expect(filterRegister(rows, { personId: "P-" })).toEqual([]); // exact, not a substring
  });
});

test("breaches awaiting acknowledgement: B-1 only (B-2 is acknowledged)", () => {
  expect(breachesAwaitingAcknowledgement(record.index)).toEqual([
    {
      breachId: "B-1",
      personId: "P-1",
      name: "Alex Example",
      strategyId: "S-1",
      matterRef: "CPL-2026-0042",
      imposedOn: "2026-09-10",
      restriction: "single-point-of-contact",
      restrictionLabel: "A single point of contact",
      at: "2026-10-20T14:05:00Z",
      recordedBy: STAFF,
      detail: "Emailed another officer instead of the single point of contact.",
      reminderSent: false,
    },
  ]);
});

test("reviews due within 14 days and overdue, soonest first; the one in December is not", () => {
  expect(reviewsDue(record.index, NOW_MS).map((r) => [r.strategyId, r.overdue, r.daysToReview])).toEqual([
    ["S-2", true, -3],
    ["S-1", false, 7],
  ]);
  // On the last day of the window it is still in; the next day, S-3 joins 14 days ahead.
  expect(reviewsDue(record.index, Date.parse("2026-12-06T12:00:00Z")).map((r) => r.strategyId)).toEqual([
    "S-2",
    "S-1",
    "S-3",
  ]);
  expect(reviewsDue(record.index, Date.parse("2026-12-05T12:00:00Z")).map((r) => r.strategyId)).toEqual(["S-2", "S-1"]);
});

test("contacts awaiting review (9.10): C-1 only (C-2 was reviewed)", () => {
  expect(contactsAwaitingReview(record.index)).toEqual([
    {
      contactId: "C-1",
      personId: "P-1",
      name: "Alex Example",
      channel: "email",
      channelLabel: expect.any(String),
      at: "2026-10-20T14:00:00Z",
      matterRef: null,
      message: null, // logged without where the message is (an older record, or by hand)
    },
  ]);
});

describe("registerCsv", () => {
  test("references, not names; a header; CRLF; a BOM", () => {
    const csv = registerCsv(registerRows(record.index, NOW_MS));
    expect(
      csv.startsWith(
        "\uFEFFPerson reference,Case references,Matter,Strategy,Restrictions,Single point of contact,Imposed on,Review due,Review overdue\r\n",
      ),
    ).toBe(true);
    expect(csv).not.toMatch(/Alex|Sam Sample|Chris Case/);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe("P-2,,CPL-2026-0050,S-2,contact only through their advocate,,2026-08-10,2026-10-31,yes");
  });

  test.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+44 7700", "'+44 7700"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["two\nlines", '"two\nlines"'],
    // A formula after a line break or white space still runs in a spreadsheet (issue 16).
    ["\n=1+1", '"\'\n=1+1"'],
    ["\r\n@SUM(A1)", '"\'\r\n@SUM(A1)"'],
    ["  =HYPERLINK(1)", "'  =HYPERLINK(1)"],
    ["\tx", "'\tx"],
  ])("csvCell(%j) = %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test("no public address and no advocate's name leaves the record in the export (issue 16)", () => {
    expect(restrictionForExport({ kind: "blocked-addresses", addresses: ["a@example.org", "b@example.org"] })).toBe(
      "emails from 2 blocked addresses are blocked",
    );
    expect(
      restrictionForExport({ kind: "advocate-only", advocate: { name: "Jo Advocate", email: "jo@example.org" } }),
    ).toBe("contact only through their advocate");
    expect(restrictionForExport({ kind: "single-point-of-contact", staff: "officer.one@opcc.example" })).toBe(
      "contact only with the single point of contact, officer.one@opcc.example",
    );
    const csv = registerCsv(registerRows(record.index, NOW_MS));
    expect(csv).not.toMatch(/Jo Advocate|@example\.org/);
  });

  test("the file name carries the London date", () => {
    expect(registerCsvFileName(Date.parse("2026-06-30T23:30:00Z"))).toBe("contact-strategy-register-2026-07-01.csv");
  });
});

describe("acknowledgement", () => {
  test("an id squatted by another event does not block the acknowledgement (issue 16); a real one already there stands", async () => {
    const { record: r } = await sampleRecord();
    const event = acknowledgementEvent({
      breachId: "B-1",
      personId: "P-1",
      note: "",
      by: MANAGER,
      at: "2026-11-03T09:30:00.000Z",
    });
    // Someone records an unrelated event under the acknowledgement's derived id first.
    await r.record([
      {
        id: event.id,
        type: "AssistanceOffered",
        personId: "P-1",
        at: "2026-11-01T09:00:00Z",
        by: STAFF,
        data: { accepted: false },
      },
    ]);
    await expect(r.record([event])).rejects.toThrow(/E_DUPLICATE_ID/);
    await expect(recordAcknowledgement(r, event)).resolves.toBe("acknowledged");
    expect(r.index.person("P-1").breaches.get("B-1")?.acknowledged).toBe(true);
    expect(breachesAwaitingAcknowledgement(r.index)).toEqual([]);
    // A second manager acknowledging after: the first one stands.
    const other = { ...event, by: "other.manager@opcc.example", data: { breachId: "B-1", note: "Mine" } };
    await expect(recordAcknowledgement(r, other)).resolves.toBe("already");
  });

  test("a BreachAcknowledged event with a note, its id derived from the breach", async () => {
    const event = acknowledgementEvent({
      breachId: "B-1",
      personId: "P-1",
      note: "  Spoken to the team.  ",
      by: MANAGER,
      at: "2026-11-03T09:30:00.000Z",
    });
    expect(event).toEqual({
      id: acknowledgementId("B-1"),
      type: "BreachAcknowledged",
      personId: "P-1",
      at: "2026-11-03T09:30:00.000Z",
      by: MANAGER,
      data: { breachId: "B-1", note: "Spoken to the team." },
    });
    expect(acknowledgementId("B-1")).toBe(acknowledgementId("B-1"));
    expect(acknowledgementId("B-1")).not.toBe(acknowledgementId("B-2"));
    const { record: r } = await sampleRecord();
    expect(await r.record([event])).toEqual(["appended"]);
    expect(breachesAwaitingAcknowledgement(r.index)).toEqual([]);
    // The same acknowledgement again (a retry) changes nothing.
    expect(await r.record([event])).toEqual(["duplicate"]);
  });

  test("without a note, no note field", () => {
    expect(
      acknowledgementEvent({ breachId: "B-1", personId: "P-1", note: " ", by: MANAGER, at: "2026-11-03T09:30:00Z" })
        .data,
    ).toEqual({ breachId: "B-1" });
  });
});

describe("deep links", () => {
  test("a Teams link to the tab with the breach as sub-entity, and back", () => {
    const link = teamsBreachLink({
      teamsAppId: "b4e3fbf0-90a3-4ebb-89bc-4f1e0e827982",
      breachId: "breach-1f",
      tabUrl: "https://csm.example.gov.uk/teams.html",
    });
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(
      "https://teams.microsoft.com/l/entity/b4e3fbf0-90a3-4ebb-89bc-4f1e0e827982/register",
    );
    const context = JSON.parse(url.searchParams.get("context")!) as { subEntityId: string };
    expect(breachFromLocation("", context.subEntityId)).toBe("breach-1f");
    expect(url.searchParams.get("webUrl")).toBe("https://csm.example.gov.uk/teams.html?breach=breach-1f");
    expect(breachFromLocation(new URL(url.searchParams.get("webUrl")!).search)).toBe("breach-1f");
  });

  test("a person link template the notification fills in, and back", () => {
    const template = teamsPersonLinkTemplate({
      teamsAppId: "b4e3fbf0-90a3-4ebb-89bc-4f1e0e827982",
      tabUrl: "https://csm.example.gov.uk/teams.html",
    });
    expect(template.split("{personId}")).toHaveLength(3);
    // As the notifier fills it in (src/app/notify.ts: replace "{personId}" with the encoded id).
    const url = new URL(template.replaceAll("{personId}", encodeURIComponent("P-1001")));
    const context = JSON.parse(url.searchParams.get("context")!) as { subEntityId: string };
    expect(personFromLocation("", context.subEntityId)).toBe("P-1001");
    expect(personFromLocation(new URL(url.searchParams.get("webUrl")!).search)).toBe("P-1001");
    expect(personFromLocation("?breach=B-1")).toBeNull();
  });

  test("nothing to open", () => {
    expect(breachFromLocation("")).toBeNull();
    expect(breachFromLocation("?breach=")).toBeNull();
    expect(breachFromLocation("?x=1", "register")).toBeNull();
  });
});

test("date helpers", () => {
  expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // across the change to BST
  expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
});
