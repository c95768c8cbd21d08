/**
 * The report builders (issue 13 items 3, 5, 6) over a hand-built record of four people: the
 * subject access export holds everything about one person and nothing about anyone else, marks
 * the fields to review in both forms and escapes what it prints; the evidence bundle keeps to the
 * matter; the board report's figures are the ones counted by hand below.
 */
import {
  aBreach,
  aContactReview,
  aLoggedContact,
  aPerson,
  aRetraction,
  aReview,
  aReminder,
  aSharing,
  aStrategy,
  aWarning,
  advocateOnly,
  anAcknowledgement,
  anIncident,
  causesConsidered,
  furtherAction,
  indexOf,
  needs,
  spoc,
  writtenOnly,
} from "../builders";
import {
  boardReport,
  boardReportCsv,
  boardRows,
  evidenceBundle,
  mattersOf,
  parseQuarter,
  quarterDates,
  quarterOf,
  subjectAccessExport,
  type SubjectAccessLine,
} from "../../src/app/reports";
import type { RecordEvent } from "../../src/domain";

const M = "CPL-2026-0042";
const NOW = Date.parse("2027-03-15T12:00:00Z");
const p1 = (at: string, id?: string) => ({ personId: "P-1", at, ...(id ? { id } : {}) });
const p = (personId: string, at: string, id?: string) => ({ personId, at, ...(id ? { id } : {}) });

function record(): RecordEvent[] {
  return [
    // P-1 Alex Person: the subject of the export and the bundle.
    aPerson({ caseRefs: ["CASE-77"] }, p1("2026-09-01T09:00:00Z")),
    needs({ adjustments: [{ kind: "other", detail: "Anxiety; prefers mornings" }] }, p1("2026-09-01T09:30:00Z")),
    anIncident(
      { matterRef: M, summary: "Shouted at <b>reception</b> & left.", staffAffected: ["Robin Reception"] },
      p1("2026-09-02T10:00:00Z", "inc-a"),
    ),
    causesConsidered({ actions: "Explained the process again." }, p1("2026-09-03T10:00:00Z")),
    aWarning({ matterRef: M }, p1("2026-09-04T10:00:00Z", "warn-a")),
    anIncident({ matterRef: M, summary: "Fifteen calls in one morning." }, p1("2026-10-01T10:00:00Z", "inc-b")),
    aStrategy(
      { matterRef: M, restrictions: [advocateOnly(), spoc()], reviewDue: "2026-12-01", notifiedOn: "2026-10-05" },
      p1("2026-10-05T09:00:00Z", "imp-a"),
    ),
    aLoggedContact(
      { contactId: "C-9", channel: "phone", note: "Asked for the manager again." },
      p1("2026-10-10T09:00:00Z", "con-a"),
    ),
    aBreach(
      { breachId: "B-1", restriction: "advocate-only", contactId: "C-9", detail: "Phoned without the advocate." },
      p1("2026-10-10T09:05:00Z", "br-a"),
    ),
    aReminder({ breachId: "B-1" }, p1("2026-10-11T09:00:00Z", "rem-a")),
    anAcknowledgement({ breachId: "B-1", note: "Discussed with the officer." }, p1("2026-10-12T09:00:00Z", "ack-a")),
    aContactReview({ contactId: "C-9" }, p1("2026-10-12T10:00:00Z")),
    anIncident(
      { matterRef: "OTHER-1", summary: "About another matter entirely." },
      p1("2026-11-02T10:00:00Z", "inc-c"),
    ),
    anIncident({ summary: "Recorded against the wrong person." }, p1("2026-11-03T10:00:00Z", "inc-x")),
    aRetraction("inc-x", p1("2026-11-04T10:00:00Z", "ret-x")),
    aSharing({}, p1("2026-11-05T10:00:00Z", "shr-a")),
    aReview(
      { outcome: "continue", rationale: "Still needed.", nextReviewDue: "2027-02-27" },
      p1("2026-11-30T10:00:00Z", "rev-1"),
    ),
    furtherAction({ adviceSought: "Force solicitor on an injunction." }, p1("2026-12-01T10:00:00Z", "fa-a")),
    aReview(
      { outcome: "vary", rationale: "Advocate no longer needed.", nextReviewDue: "2027-05-01", restrictions: [spoc()] },
      p1("2027-03-01T10:00:00Z", "rev-2"),
    ),

    // P-2 Zed Otherperson: must never appear in P-1's documents.
    aPerson(
      { name: "Zed Otherperson", emails: ["zed@other.example"], phones: ["01632 111222"] },
      p("P-2", "2026-08-01T09:00:00Z"),
    ),
    anIncident({ summary: "SECRET-OTHER-NOTE" }, p("P-2", "2026-08-02T09:00:00Z")),
    causesConsidered({}, p("P-2", "2026-08-03T09:00:00Z")),
    aWarning({}, p("P-2", "2026-10-15T09:00:00Z")), // Q4, no incident after: no further incident
    aStrategy(
      { strategyId: "S-2", matterRef: "OTHER-2", restrictions: [writtenOnly(["email"])], reviewDue: "2026-12-20" },
      p("P-2", "2026-11-20T09:00:00Z"),
    ),
    aBreach(
      { breachId: "B-2", strategyId: "S-2", restriction: "written-only", detail: "Letter by hand." },
      p("P-2", "2026-12-05T09:00:00Z"),
    ),

    // P-3: warned in Q4, an incident within three months.
    aPerson({ name: "Pat Three", emails: ["pat@three.example"], phones: [] }, p("P-3", "2026-10-01T09:00:00Z")),
    anIncident({}, p("P-3", "2026-10-02T09:00:00Z")),
    aWarning({}, p("P-3", "2026-10-20T09:00:00Z")),
    anIncident({}, p("P-3", "2026-12-01T09:00:00Z")),

    // P-4: warned late in Q4; three months not yet passed on 15 March 2027.
    aPerson({ name: "Kim Four", emails: ["kim@four.example"], phones: [] }, p("P-4", "2026-12-01T09:00:00Z")),
    anIncident({}, p("P-4", "2026-12-02T09:00:00Z")),
    aWarning({}, p("P-4", "2026-12-28T09:00:00Z")),
  ];
}

const OTHERS = [
  "Zed Otherperson",
  "zed@other.example",
  "01632 111222",
  "SECRET-OTHER-NOTE",
  "OTHER-2",
  "Letter by hand",
  "Pat Three",
  "Kim Four",
  "P-2",
  "P-3",
  "P-4",
];

describe("subject access export", () => {
  const index = indexOf(record());
  const sar = subjectAccessExport(index, "P-1", { nowMs: NOW, preparedBy: "records@opcc.example" })!;
  const lines = sar.jsonl
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as SubjectAccessLine);

  test("holds every event of the person, withdrawn ones included, one per JSONL line", () => {
    expect(lines.map((l) => l.event.id)).toEqual(index.eventsOf("P-1").map((l) => l.event.id));
    expect(lines).toHaveLength(19);
    expect(lines.every((l) => l.event.personId === "P-1")).toBe(true);
    expect(lines.find((l) => l.event.id === "inc-x")?.withdrawn).toEqual({
      by: "ret-x",
      reason: "Recorded against the wrong person.",
    });
    expect(lines.find((l) => l.event.id === "inc-a")?.withdrawn).toBeNull();
    expect(sar.html).toMatch(/14\. Incident recorded \(withdrawn\)/);
  });

  test("says nothing about anyone else, in either form", () => {
    for (const text of OTHERS) {
      expect(sar.html).not.toContain(text);
      expect(sar.jsonl).not.toContain(text);
    }
  });

  test("marks the staff-only fields for review in both forms", () => {
    const review = (id: string) => lines.find((l) => l.event.id === id)?.forReview;
    expect(review("inc-a")).toEqual([
      { field: "data.summary", reason: "staff-note" },
      { field: "data.staffAffected", reason: "third-party" },
    ]);
    expect(review("imp-a")).toEqual([{ field: "data.restrictions", reason: "third-party" }]); // the advocate's name
    expect(review("fa-a")).toEqual([{ field: "data.adviceSought", reason: "legal-advice" }]);
    expect(review("shr-a")?.map((r) => r.reason)).toEqual(["sharing", "sharing"]);
    expect(review("con-a")).toEqual([{ field: "data.note", reason: "staff-note" }]);
    expect(lines[1]?.forReview).toEqual([{ field: "data.adjustments", reason: "health" }]);
    expect(review("warn-a")).toEqual([]);
    const total = lines.reduce((n, l) => n + l.forReview.length, 0);
    expect(sar.markedForReview).toBe(total);
    expect(sar.html.match(/<mark class="review"/g)).toHaveLength(total);
    expect(sar.html).toMatch(/Review before release: Health\.<\/span> • Other adjustment: Anxiety; prefers mornings/);
  });

  test("is readable: names not ids, long dates, escaped text, print CSS, nothing loaded", () => {
    expect(sar.html).toContain("<h1>Subject access: Alex Person</h1>");
    expect(sar.html).toContain("5 October 2026 at 10:00"); // BST
    expect(sar.html).toContain("30 November 2026 at 10:00"); // GMT
    expect(sar.html).toContain("the contact strategy for CPL-2026-0042");
    expect(sar.html).not.toMatch(/\bS-1\b|\bB-1\b|\bC-9\b/);
    expect(sar.html).toContain("Shouted at &lt;b&gt;reception&lt;/b&gt; &amp; left.");
    expect(sar.html).not.toContain("<b>reception</b>");
    expect(sar.html).toContain("@media print");
    expect(sar.html.match(/<main>/g)).toHaveLength(1); // one main landmark (axe in the browser scenario)
    expect(sar.html).not.toMatch(/<script|<link|<img|src=/i);
    expect(sar.htmlFileName).toBe("subject-access-P-1-2027-03-15.html");
    expect(sar.jsonlFileName).toBe("subject-access-P-1-2027-03-15.jsonl");
  });

  test("keeps each event exactly as held", () => {
    const held = index.eventsOf("P-1").map((l) => l.event);
    expect(lines.map((l) => l.event)).toEqual(JSON.parse(JSON.stringify(held)));
  });

  test("is null for a person the record does not hold", () => {
    expect(subjectAccessExport(index, "P-404", { nowMs: NOW })).toBeNull();
  });
});

describe("evidence bundle", () => {
  const index = indexOf(record());
  const bundle = evidenceBundle(index, "P-1", M, { nowMs: NOW })!;

  test("is the matter's chronology, oldest first, without other matters or withdrawn entries", () => {
    expect(bundle.items.map((i) => i.eventId)).toEqual([
      expect.stringMatching(/^nr-/), // reasonable adjustments (8)
      "inc-a",
      expect.stringMatching(/^cc-/),
      "warn-a",
      "inc-b",
      "imp-a",
      "con-a", // the contact that breached
      "br-a",
      "rem-a",
      "ack-a",
      "shr-a",
      "rev-1",
      "fa-a",
      "rev-2",
    ]);
    expect(bundle.html).not.toContain("About another matter entirely");
    expect(bundle.html).not.toContain("Recorded against the wrong person");
    for (const text of OTHERS) expect(bundle.html).not.toContain(text);
  });

  test("gives the figures and file notes a solicitor needs", () => {
    expect(bundle.figures).toEqual({ incidents: 2, warnings: 1, breaches: 1, reviews: 2, reviewsLate: 1 });
    expect(bundle.html).toContain("2, of which 1 after the review date");
    expect(bundle.html).toContain("Fifteen calls in one morning.");
    expect(bundle.html).toContain("Force solicitor on an injunction.");
    expect(bundle.html).toMatch(/8\. 10 October 2026 at 10:05: Breach of the contact strategy/);
    expect(bundle.fileName).toBe("evidence-bundle-P-1-CPL-2026-0042-2027-03-15.html");
  });

  test("lists the person's matters", () => {
    expect(mattersOf(index, "P-1")).toEqual(["CPL-2026-0042", "OTHER-1"]); // the withdrawn entry names none
    expect(mattersOf(index, "P-2")).toEqual(["OTHER-2"]);
  });

  test("an entry with no matter is kept and says so", () => {
    const events = [...record(), anIncident({ summary: "No matter given." }, p1("2026-12-10T10:00:00Z", "inc-n"))];
    const b = evidenceBundle(indexOf(events), "P-1", M, { nowMs: NOW })!;
    expect(b.items.find((i) => i.eventId === "inc-n")?.noMatter).toBe(true);
    expect(b.html).toContain("none recorded on this entry");
  });
});

describe("board report", () => {
  const index = indexOf(record());

  test("quarters are London calendar quarters", () => {
    expect(quarterDates({ year: 2026, q: 4 })).toEqual({ first: "2026-10-01", last: "2026-12-31" });
    expect(quarterDates({ year: 2027, q: 1 })).toEqual({ first: "2027-01-01", last: "2027-03-31" });
    expect(quarterOf(Date.parse("2026-09-30T23:30:00Z"))).toEqual({ year: 2026, q: 4 }); // 00:30 BST on 1 October
    expect(parseQuarter("2026-Q4")).toEqual({ year: 2026, q: 4 });
    expect(parseQuarter("2026-Q5")).toBeNull();
  });

  test("October to December 2026, counted by hand", () => {
    const r = boardReport(index, { year: 2026, q: 4 }, NOW);
    expect(r.label).toBe("October to December 2026");
    expect(r.complete).toBe(true);
    expect(r.asAt).toBe("2026-12-31");
    expect(r.strategies).toEqual({ imposed: 2, inForceAtEnd: 2, lifted: 0 });
    const kind = (k: string) => r.byKind.find((x) => x.kind === k);
    expect(kind("advocate-only")).toMatchObject({ imposed: 1, inForce: 1, breaches: 1 });
    expect(kind("single-point-of-contact")).toMatchObject({ imposed: 1, inForce: 1, breaches: 0 });
    expect(kind("written-only")).toMatchObject({ imposed: 1, inForce: 1, breaches: 1 });
    expect(kind("phone-window")).toMatchObject({ imposed: 0, inForce: 0, breaches: 0 });
    // S-1 reviewed on 30 Nov, due 1 Dec: on time. S-2 due 20 Dec, not reviewed: overdue at the end.
    expect(r.reviews).toEqual({ done: 1, onTime: 1, late: 0, overdueAtEnd: 1 });
    expect(r.outcomes).toEqual({ continue: 1, vary: 0, lift: 0 });
    expect(r.breaches).toEqual({ recorded: 2, acknowledged: 1 });
    // P-2 no incident after; P-3 an incident on 1 Dec; P-4 warned on 28 Dec, three months run to 28 March.
    expect(r.warnings).toEqual({ issued: 3, noFurtherIncident: 1, furtherIncident: 1, tooSoon: 1 });
  });

  test("a quarter still running is reported as at today; a late review counts as late", () => {
    const r = boardReport(index, { year: 2027, q: 1 }, NOW);
    expect(r.complete).toBe(false);
    expect(r.asAt).toBe("2027-03-15");
    expect(r.reviews).toEqual({ done: 1, onTime: 0, late: 1, overdueAtEnd: 1 });
    expect(r.outcomes).toEqual({ continue: 0, vary: 1, lift: 0 });
    expect(r.byKind.find((x) => x.kind === "advocate-only")?.inForce).toBe(0); // varied away on 1 March
    expect(r.strategies.imposed).toBe(0);
  });

  test("a withdrawn warning counts for nothing", () => {
    const events = [...record(), aRetraction("warn-p4", p("P-4", "2027-01-02T09:00:00Z"))];
    const w = events.find((e) => e.personId === "P-4" && e.type === "WarningIssued") as { id: string };
    w.id = "warn-p4";
    expect(boardReport(indexOf(events), { year: 2026, q: 4 }, NOW).warnings).toEqual({
      issued: 2,
      noFurtherIncident: 1,
      furtherIncident: 1,
      tooSoon: 0,
    });
  });

  test("the CSV has a header row, one figure a row, safe cells and no names", () => {
    const r = boardReport(index, { year: 2026, q: 4 }, NOW);
    const csv = boardReportCsv(r);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = csv.slice(1).trimEnd().split("\r\n");
    expect(rows[0]).toBe("Quarter,Section,Figure,Count");
    expect(rows).toHaveLength(boardRows(r).length + 1);
    expect(rows).toContain("2026-Q4,Contact strategies (9.4–9.9),Imposed in the quarter,2");
    expect(rows).toContain("2026-Q4,Warnings (9.1–9.3),No further incident within 3 months,1");
    expect(rows).toContain("2026-Q4,Breaches by restriction (9.11),Contact only through an advocate,1");
    for (const row of rows.slice(1)) expect(row).toMatch(/^2026-Q4,[^=+\-@"][^,]*,[^=+\-@"][^,]*,\d+$/);
    for (const name of ["Alex Person", "Zed Otherperson", "P-1", "CPL-2026-0042"]) expect(csv).not.toContain(name);
  });
});
