/** The person's fold as `csm summary` gives it (record-format §7, §9): lists oldest first, retracted events absent. */
import { foldPerson, isOverdue, RecordIndex, stageOf, summarise, type RecordEvent } from "../../src/domain";
import {
  aBreach,
  aContactReview,
  anAcknowledgement,
  aLift,
  aLoggedContact,
  anIncident,
  aPerson,
  aReminder,
  aRetraction,
  aReview,
  aVariation,
  aWarning,
  after,
  indexOf,
  linked,
  needs,
  phoneWindow,
  restrictedPerson,
  spoc,
  toLogged,
  unlinked,
  writtenOnly,
} from "../builders";

const T = "2026-10-29T09:00:00Z";
const at = (minutes: number) => ({ at: after(T, minutes) });
const now = (iso: string) => Date.parse(iso);

describe("summarise", () => {
  const events = (): RecordEvent[] => [
    ...restrictedPerson({ imposedAt: T, restrictions: [spoc()] }),
    needs({ adjustments: [{ kind: "large-print" }, { kind: "interpreter", detail: "Polish" }] }, at(1)),
    anIncident(
      { kind: "abusive", behaviours: ["verbal-abuse"], channel: "phone", summary: "Shouted at staff." },
      { id: "inc-2", ...at(2) },
    ),
    aLoggedContact({ contactId: "C-1" }, at(3)),
    aLoggedContact({ contactId: "C-2" }, at(4)),
    aContactReview({ contactId: "C-1" }, at(5)),
    aBreach({ breachId: "B-1", contactId: "C-2" }, at(6)),
    aReminder({ breachId: "B-1" }, at(7)),
    aBreach({ breachId: "B-2", restriction: "single-point-of-contact" }, at(8)),
    anAcknowledgement({ breachId: "B-2" }, at(9)),
    aVariation({ restrictions: [writtenOnly(["email"])] }, at(10)),
    aReview({ nextReviewDue: "2026-12-15" }, at(11)),
    linked({ phones: ["01642 999999"] }, at(12)),
  ];

  it("has the documented keys, in order, with lists oldest first", () => {
    const all = events();
    const index = indexOf(all);
    const summary = summarise(index.person("P-1"), now("2026-12-01T12:00:00Z"));
    expect(Object.keys(summary)).toEqual([
      "person",
      "stage",
      "adjustments",
      "incidents",
      "warnings",
      "strategies",
      "breaches",
      "contactsAwaitingReview",
    ]);
    expect(summary.person).toEqual({
      id: "P-1",
      name: "Alex Person",
      emails: ["a.person@example.org"],
      phones: ["07700 900123", "01642 999999"],
    });
    expect(summary.stage).toBe("restricted");
    expect(summary.adjustments).toEqual([
      { kind: "large-print", detail: null },
      { kind: "interpreter", detail: "Polish" },
    ]);
    const firstIncident = all[1] as RecordEvent;
    expect(summary.incidents).toEqual([
      {
        id: firstIncident.id,
        at: firstIncident.at,
        kind: "persistence",
        behaviours: ["demanding-updates"],
        channel: "email",
        summary: "Twelve emails in a day demanding an update.",
      },
      {
        id: "inc-2",
        at: after(T, 2),
        kind: "abusive",
        behaviours: ["verbal-abuse"],
        channel: "phone",
        summary: "Shouted at staff.",
      },
    ]);
    expect(summary.warnings).toEqual([{ id: (all[3] as RecordEvent).id, at: (all[3] as RecordEvent).at }]);
    expect(summary.strategies).toEqual([
      {
        strategyId: "S-1",
        matterRef: "CPL-2026-0042",
        active: true,
        restrictions: [{ kind: "written-only", allowed: ["email"] }],
        reviewDue: "2026-12-15",
        overdue: false,
      },
    ]);
    expect(summary.breaches).toEqual([
      {
        breachId: "B-1",
        strategyId: "S-1",
        restriction: "single-point-of-contact",
        at: after(T, 6),
        acknowledged: false,
        reminderSent: true,
      },
      {
        breachId: "B-2",
        strategyId: "S-1",
        restriction: "single-point-of-contact",
        at: after(T, 8),
        acknowledged: true,
        reminderSent: false,
      },
    ]);
    expect(summary.contactsAwaitingReview).toEqual(["C-2"]);
  });

  it("does not depend on file order", () => {
    const all = events();
    const a = summarise(indexOf(all).person("P-1"), now("2026-12-01T12:00:00Z"));
    const b = summarise(indexOf([...all].reverse()).person("P-1"), now("2026-12-01T12:00:00Z"));
    expect(b).toEqual(a);
  });

  it("is overdue when today's London date is after the review date, and a lifted strategy never is", () => {
    const index = indexOf(events());
    const state = index.person("P-1");
    expect(summarise(state, now("2026-12-15T23:59:59Z")).strategies[0]?.overdue).toBe(false);
    expect(summarise(state, now("2026-12-16T00:00:00Z")).strategies[0]?.overdue).toBe(true);
    // In BST the London date turns an hour before UTC.
    const summer = indexOf([
      ...restrictedPerson({ imposedAt: "2026-05-01T09:00:00Z" }),
      aReview({ nextReviewDue: "2026-06-30" }, { at: "2026-05-02T09:00:00Z" }),
    ]);
    expect(summarise(summer.person("P-1"), now("2026-06-30T22:59:59Z")).strategies[0]?.overdue).toBe(false);
    expect(summarise(summer.person("P-1"), now("2026-06-30T23:00:00Z")).strategies[0]?.overdue).toBe(true);
    const lifted = indexOf([...events(), aLift({}, at(20))]).person("P-1");
    const s = summarise(lifted, now("2027-06-01T00:00:00Z")).strategies[0];
    expect([s?.active, s?.overdue]).toEqual([false, false]);
    expect(isOverdue([...lifted.strategies.values()][0]!, now("2027-06-01T00:00:00Z"))).toBe(false);
  });

  it("takes the review date from the imposition, then each later review in log order", () => {
    const base = restrictedPerson({ imposedAt: T });
    const due = (extra: RecordEvent[]) =>
      summarise(indexOf([...base, ...extra]).person("P-1"), now(T)).strategies[0]?.reviewDue;
    expect(due([])).toBe("2027-01-29");
    expect(
      due([aReview({ nextReviewDue: "2026-12-01" }, at(20)), aReview({ nextReviewDue: "2027-01-10" }, at(10))]),
    ).toBe("2026-12-01");
    expect(due([aReview({ outcome: "lift", nextReviewDue: undefined }, at(10))])).toBe("2027-01-29");
  });

  it("leaves retracted events out everywhere", () => {
    const base = restrictedPerson({ imposedAt: T });
    const index = indexOf([
      ...base,
      anIncident({}, { id: "inc-x", ...at(1) }),
      aRetraction("inc-x", at(2)),
      aLoggedContact({ contactId: "C-9" }, { id: "log-9", ...at(3) }),
      aRetraction("log-9", at(4)),
      aBreach({ breachId: "B-9" }, { id: "br-9", ...at(5) }),
      aRetraction("br-9", at(6)),
      needs({}, { id: "needs", ...at(7) }),
      aRetraction("needs", at(8)),
      aVariation({ restrictions: [writtenOnly()] }, { id: "var", ...at(9) }),
      aRetraction("var", at(10)),
      linked({ emails: ["x@example.org"] }, { id: "ln", ...at(11) }),
      aRetraction("ln", at(12)),
    ]);
    const summary = summarise(index.person("P-1"), now(T));
    expect(summary.incidents).toHaveLength(1);
    expect(summary.contactsAwaitingReview).toEqual([]);
    expect(summary.breaches).toEqual([]);
    expect(summary.adjustments).toEqual([]);
    expect(summary.strategies[0]?.restrictions).toEqual([spoc()]);
    expect(summary.person.emails).toEqual(["a.person@example.org"]);
  });

  it("shows only a restriction's documented fields", () => {
    const extra = { ...phoneWindow({ maxCalls: 2, per: "month" }), colour: "red" } as never;
    const index = indexOf(
      restrictedPerson({
        imposedAt: T,
        restrictions: [
          extra,
          { kind: "advocate-only", advocate: { name: "Sam", email: "s@a.example", x: 1 } } as never,
        ],
      }),
    );
    expect(summarise(index.person("P-1"), now(T)).strategies[0]?.restrictions).toEqual([
      { kind: "phone-window", windows: [{ day: "tue", from: "10:00", to: "12:00" }], maxCalls: 2, per: "month" },
      { kind: "advocate-only", advocate: { name: "Sam", email: "s@a.example" } },
    ]);
  });

  it("unlinks compare like identifiers: any format of the same number", () => {
    const index = indexOf([aPerson(), unlinked({ phones: ["+44 7700 900123"] }, at(1))]);
    expect(summarise(index.person("P-1"), now(T)).person.phones).toEqual([]);
  });
});

describe("the fold", () => {
  it("needs its events in log order and stops at the instant asked for", () => {
    const logged = toLogged([aPerson({}, at(0)), anIncident({}, at(10)), aWarning({}, at(20))]);
    expect(stageOf(foldPerson("P-1", logged, new Set(), Date.parse(after(T, 15))))).toBe("concern");
    expect(stageOf(foldPerson("P-1", logged, new Set()))).toBe("warned");
  });

  it("RecordIndex counts a repeated id once and lists registered people", () => {
    const logged = toLogged([aPerson({}, { id: "p" }), aPerson({}, { id: "p" }), aPerson({}, { personId: "P-2" })]);
    const index = new RecordIndex(logged);
    expect(index.events).toHaveLength(2);
    expect(index.personIds().sort()).toEqual(["P-1", "P-2"]);
    expect(index.eventsOf("P-404")).toEqual([]);
    expect(index.whoUses("A.PERSON@example.org")).toEqual(["P-1", "P-2"]);
    expect(index.isRetracted("p")).toBe(false);
  });
});
