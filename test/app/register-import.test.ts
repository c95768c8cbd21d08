/**
 * Importing an existing register (issue 13 item 1, piece A): reading CSV and .xlsx with their
 * spreadsheet row numbers, guessing the column mapping, and the dry run: what each good row
 * creates (every event accepted by record-format §8 and saying where it came from) and every bad
 * row refused with its row number and a plain-English reason.
 */
import ExcelJS from "exceljs";
import { decideAppendMany, toLoggedForTest } from "./register-import-support";
import {
  dryRunImport,
  guessMapping,
  mappingProblems,
  parseCsv,
  parseRegister,
  parseRegisterDate,
  type ColumnMapping,
  type DryRun,
  type Sheet,
} from "../../src/app/register-import";
import { aPerson } from "../builders";

const NOW = Date.parse("2026-06-15T12:00:00Z");
const ADMIN = "admin@opcc.example";

const HEADER =
  "Name,Email,Phone,Matter ref,Restrictions,Behaviours,Warning date,Warning method,Causes considered,Strategy start,Review date,Notified by,Single point of contact,Last reviewed,Why no warning";

/** A register with one good row first (row 2), then the rows given. */
function register(...rows: string[]): string {
  return [
    HEADER,
    "Jane Example,jane@example.org,07700 900111,CPL-2026-0001,Written only (email); single point of contact,verbal-abuse,10/03/2026,letter,yes,01/04/2026,01/07/2026,post,officer.one@opcc.example,,",
    ...rows,
  ].join("\n");
}

function run(text: string, existing: Parameters<typeof dryRunImport>[0]["existing"] = []): DryRun {
  const sheet = parseCsv("register.csv", text);
  return dryRunImport({ sheet, mapping: guessMapping(sheet.headers), existing, by: ADMIN, nowMs: NOW });
}

const reasonsFor = (dry: DryRun, row: number): string => {
  const r = dry.refused.find((x) => x.row === row);
  if (!r) throw new Error(`row ${row} was not refused; refused rows: ${dry.refused.map((x) => x.row).join(", ")}`);
  return r.reasons.join(" ");
};

describe("reading a register", () => {
  it("gives each CSV row its spreadsheet row number, skipping blank rows but not renumbering", () => {
    const sheet = parseCsv("r.csv", '\uFEFFName,Email\r\nA,a@x.org\r\n,\r\n"B, junior",b@x.org\r\n');
    expect(sheet.headers).toEqual(["Name", "Email"]);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ["A", "a@x.org"] },
      { row: 4, cells: ["B, junior", "b@x.org"] },
    ]);
  });

  it("reads an .xlsx worksheet: dates as YYYY-MM-DD, links and formulas by their text, row numbers as Excel shows", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Register");
    ws.addRow(["Register of contact strategies"]); // a title row above the header is row 1
    ws.addRow(["Name", "Email", "Strategy start"]);
    ws.addRow(["Ann", { text: "ann@x.org", hyperlink: "mailto:ann@x.org" }, new Date(Date.UTC(2026, 2, 7))]);
    ws.addRow([{ formula: '"Bo"&"b"', result: "Bob" }, "bob@x.org", "07/03/2026"]);
    const bytes = await wb.xlsx.writeBuffer();
    const sheet = await parseRegister("register.xlsx", new Uint8Array(bytes as ArrayBuffer));
    // The title row is the first non-blank row, so it is taken as the header; the admin sees it in the mapping.
    expect(sheet.headerRow).toBe(1);
    const ws2 = wb.worksheets[0]!;
    ws2.spliceRows(1, 1);
    const sheet2 = await parseRegister("register.xlsx", new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(sheet2.headers).toEqual(["Name", "Email", "Strategy start"]);
    expect(sheet2.rows).toEqual([
      { row: 2, cells: ["Ann", "ann@x.org", "2026-03-07"] },
      { row: 3, cells: ["Bob", "bob@x.org", "07/03/2026"] },
    ]);
  });

  it("refuses what is not a register with what to do", async () => {
    await expect(parseRegister("old.xls", new Uint8Array([1]))).rejects.toThrow(/Save it as .xlsx or CSV/);
    await expect(parseRegister("notes.docx", new Uint8Array([1]))).rejects.toThrow(/not a CSV or Excel/);
    await expect(parseRegister("broken.xlsx", new Uint8Array([1, 2, 3]))).rejects.toThrow(/not an Excel workbook/);
    expect(() => parseCsv("empty.csv", "\n\n")).toThrow(/empty/);
    expect(() => parseCsv("head.csv", "Name,Email\n")).toThrow(/no rows under it/);
  });

  it("reads UK register dates and refuses impossible ones", () => {
    expect(parseRegisterDate("07/03/2026")).toBe("2026-03-07");
    expect(parseRegisterDate("7.3.26")).toBe("2026-03-07");
    expect(parseRegisterDate("2026-03-07")).toBe("2026-03-07");
    expect(parseRegisterDate("7th March 2026")).toBe("2026-03-07");
    expect(parseRegisterDate("31/02/2026")).toBeNull();
    expect(parseRegisterDate("next week")).toBeNull();
    expect(parseRegisterDate("03/13/2026")).toBeNull(); // US order: month 13
  });
});

describe("the column mapping", () => {
  it("guesses from header names, the longest match winning, and leaves unknown columns out", () => {
    const m = guessMapping([
      "Full name",
      "E-mail",
      "Strategy start date",
      "Restrictions",
      "Next review",
      "Notes",
      "Email 2",
    ]);
    expect(m).toEqual(["name", "email", "strategyStart", "restrictions", "reviewDate", null, "email"]);
  });

  it("says what is missing or chosen twice", () => {
    const headers = ["A", "B", "C"];
    expect(mappingProblems(headers, [null, null, null]).join(" ")).toMatch(/name.*email addresses or phone numbers/s);
    const twice: ColumnMapping = ["name", "name", "email"];
    expect(mappingProblems(headers, twice)).toEqual([
      expect.stringMatching(/Person's name is chosen for 2 columns \(A, B\)/),
    ]);
    expect(mappingProblems(headers, ["name", "email", "email"])).toEqual([]);
  });
});

describe("the dry run", () => {
  it("turns a good row into events the record accepts, each saying it was imported and from which row", () => {
    const dry = run(register());
    expect(dry.refused).toEqual([]);
    expect(dry.planned).toHaveLength(1);
    const types = dry.events.map((e) => e.type);
    expect(types).toEqual(["PersonRegistered", "WarningIssued", "CausesConsidered", "StrategyImposed"]);
    for (const e of dry.events) {
      expect((e.data as { importedFrom?: string }).importedFrom).toBe("register.csv row 2");
      expect(e.by).toBe(ADMIN);
    }
    const strategy = dry.events.find((e) => e.type === "StrategyImposed");
    expect(strategy?.data).toMatchObject({
      matterRef: "CPL-2026-0001",
      restrictions: [
        { kind: "written-only", allowed: ["email"] },
        { kind: "single-point-of-contact", staff: "officer.one@opcc.example" },
      ],
      reviewDue: "2026-07-01",
      notifiedBy: "post",
    });
    expect((strategy?.data as { reason: string }).reason).toMatch(/Imported from register\.csv row 2/);
    // The whole plan passes the record's checks (record-format §8) as one batch on an empty record.
    expect(decideAppendMany([], dry.events).kind).toBe("append");
    expect(dry.counts).toEqual({ people: 1, warnings: 1, strategies: 1, reviews: 0 });
  });

  it("refuses each bad row with its row number and a reason, and keeps the good ones", () => {
    const dry = run(
      register(
        /* 3 */ ",nobody@example.org,,,,,,,,,,,,,",
        /* 4 */ "Bad Date,bd@example.org,,CPL-1,written only,verbal-abuse,31/02/2026,email,yes,01/04/2026,01/06/2026,email,,,",
        /* 5 */ "Pigeon,pg@example.org,,CPL-2,carrier pigeon,verbal-abuse,01/03/2026,email,yes,01/04/2026,01/06/2026,email,,,",
        /* 6 */ "Jane Example,JANE@example.org,,CPL-2026-0001,written only,verbal-abuse,01/03/2026,email,yes,01/04/2026,01/06/2026,email,,,",
        /* 7 */ "Someone Else,jane@example.org,,CPL-9,,,,,,,,,,,",
        /* 8 */ "No Contact,,,,,,,,,,,,,,",
        /* 9 */ "No Warning,nw@example.org,,CPL-3,written only,,,,yes,01/04/2026,01/06/2026,email,,,",
        /* 10 */ "Far Review,fr@example.org,,CPL-4,written only,verbal-abuse,01/03/2026,email,yes,01/04/2026,01/09/2026,email,,,",
        /* 11 */ "No Causes,nc@example.org,,CPL-5,written only,verbal-abuse,01/03/2026,email,,01/04/2026,01/06/2026,email,,,",
        /* 12 */ "No Matter,nm@example.org,,,written only,verbal-abuse,01/03/2026,email,yes,01/04/2026,01/06/2026,email,,,",
        /* 13 */ "Rude,ru@example.org,,,,being rude,01/03/2026,email,,,,,,,",
        /* 14 */ "Future,fu@example.org,,CPL-6,written only,verbal-abuse,01/03/2026,email,yes,01/04/2027,01/06/2027,email,,,",
        /* 15 */ "Late Warning,lw@example.org,,CPL-7,written only,verbal-abuse,01/05/2026,email,yes,01/04/2026,01/06/2026,email,,,",
        /* 16 */ "Spoc Name,sp@example.org,,CPL-8,single point of contact (Officer One),verbal-abuse,01/03/2026,email,yes,01/04/2026,01/06/2026,email,,,",
        /* 17 */ "Bad Email,not-an-address,,,,,,,,,,,,,",
      ),
    );
    expect(dry.planned.map((p) => p.row)).toEqual([2]);
    expect(reasonsFor(dry, 3)).toMatch(/no name/i);
    expect(reasonsFor(dry, 4)).toMatch(/warning date “31\/02\/2026” is not a date.*DD\/MM\/YYYY/);
    expect(reasonsFor(dry, 5)).toMatch(/“carrier pigeon” is not a restriction the policy lists \(9\.9\)/);
    expect(reasonsFor(dry, 6)).toMatch(/same person as row 2 and the same matter \(CPL-2026-0001\): a duplicate/);
    expect(reasonsFor(dry, 7)).toMatch(/jane@example\.org is also on row 2, for Jane Example/);
    expect(reasonsFor(dry, 8)).toMatch(/no email address or phone number/);
    expect(reasonsFor(dry, 9)).toMatch(/no warning date.*9\.3/);
    expect(reasonsFor(dry, 10)).toMatch(/more than three months after the strategy started.*9\.12/);
    expect(reasonsFor(dry, 11)).toMatch(/causes of the behaviour were considered.*7\.2/);
    expect(reasonsFor(dry, 12)).toMatch(/one matter \(policy 9\.8\)/);
    expect(reasonsFor(dry, 13)).toMatch(/“being rude” is not a behaviour/);
    expect(reasonsFor(dry, 14)).toMatch(/in the future/);
    expect(reasonsFor(dry, 15)).toMatch(/warning \(01\/05\/2026\) is after the strategy started \(01\/04\/2026\)/);
    expect(reasonsFor(dry, 16)).toMatch(/“Officer One” is not an email address/);
    expect(reasonsFor(dry, 17)).toMatch(/“not-an-address” is not an email address/);
    expect(dry.refused).toHaveLength(15);
  });

  it("takes a second strategy for the same person on another matter without registering them twice", () => {
    const dry = run(
      register(
        "jane example,jane@example.org; jane.work@example.org,,CPL-2026-0002,no reopening,,,,yes,02/04/2026,01/07/2026,post,,,Threats of violence",
      ),
    );
    expect(dry.refused).toEqual([]);
    expect(dry.planned[1]).toMatchObject({ row: 3, newPerson: false, personId: dry.planned[0]?.personId });
    expect(dry.planned[1]?.events.map((e) => e.type)).toEqual([
      "IdentifiersLinked",
      "CausesConsidered",
      "StrategyImposed",
    ]);
    const s = dry.planned[1]?.events.find((e) => e.type === "StrategyImposed");
    expect(s?.data).toMatchObject({ restrictions: [{ kind: "no-reopening", matterRefs: ["CPL-2026-0002"] }] });
    expect((s?.data as { warningWaived?: string }).warningWaived).toMatch(/Threats of violence.*row 3/);
    expect(decideAppendMany([], dry.events).kind).toBe("append");
  });

  it("records a review the register holds, so a strategy older than three months keeps its next review date", () => {
    const dry = run(
      register(
        "Old Case,old@example.org,,CPL-2025-0099,call recording,demanding-updates,05/01/2025,phone,yes,01/02/2025,01/08/2026,email,,01/06/2026,",
      ),
    );
    expect(dry.refused).toEqual([]);
    const events = dry.planned[1]?.events ?? [];
    expect(events.map((e) => e.type)).toContain("StrategyReviewed");
    const review = events.find((e) => e.type === "StrategyReviewed");
    expect(review?.data).toMatchObject({ outcome: "continue", nextReviewDue: "2026-08-01" });
    expect(decideAppendMany([], dry.events).kind).toBe("append");
  });

  it("refuses a person already on the record, and says a row imported before is already there", () => {
    const existing = toLoggedForTest([
      aPerson({ name: "Jane Recorded", emails: ["jane@example.org"], phones: [] }, { id: "p0", personId: "P-0" }),
    ]);
    const dry = run(register(), existing);
    expect(reasonsFor(dry, 2)).toMatch(/jane@example\.org is already on the record for Jane Recorded/);

    const first = run(register());
    const again = run(register(), toLoggedForTest(first.events));
    expect(again.planned).toEqual([]);
    expect(reasonsFor(again, 2)).toMatch(/imported from this file before/);
  });

  it("uses the administrator's defaults where the register does not say how a warning or notice was given", () => {
    const text = [
      "Name,Email,Matter,Restrictions,Behaviours,Warning date,Causes considered,Strategy start,Review date",
      "Dee,dee@example.org,CPL-1,email only,wrong-channels,01/03/2026,yes,01/04/2026,01/06/2026",
    ].join("\n");
    const sheet: Sheet = parseCsv("r.csv", text);
    const mapping = guessMapping(sheet.headers);
    const without = dryRunImport({ sheet, mapping, existing: [], by: ADMIN, nowMs: NOW });
    expect(without.refused[0]?.reasons.join(" ")).toMatch(/how the warning was given.*how the person was told/s);
    const withDefaults = dryRunImport({
      sheet,
      mapping,
      existing: [],
      by: ADMIN,
      nowMs: NOW,
      defaults: { warningMethod: "email", notifiedBy: "email" },
    });
    expect(withDefaults.refused).toEqual([]);
    expect(withDefaults.events.find((e) => e.type === "WarningIssued")?.data).toMatchObject({ method: "email" });
  });
});
