/** The checks on writing (record-format §8), through validateLog (`csm validate`) and decideAppend (stores). */
import { decideAppend, validateLog, type RecordEvent } from "../../src/domain";
import {
  aBreach,
  aContactReview,
  aLift,
  aLoggedContact,
  anAcknowledgement,
  anIncident,
  aPerson,
  aReminder,
  aRetraction,
  aReview,
  aSharing,
  aStrategy,
  aVariation,
  aWarning,
  after,
  causesConsidered,
  codes,
  furtherAction,
  needs,
  restrictedPerson,
  spoc,
  toLogged,
  validate,
  writtenOnly,
} from "../builders";

const T = "2026-10-29T09:00:00Z"; // the strategy of restrictedPerson() is imposed at T
const at = (minutes: number) => ({ at: after(T, minutes) });
const base = (): RecordEvent[] => restrictedPerson({ imposedAt: T });
/** Everything before the imposition (registration, incident, 7.2, warning), ending just before `imposedAt`. */
const ladderTo = (imposedAt: string): RecordEvent[] => restrictedPerson({ imposedAt }).slice(0, 4);

interface Case {
  name: string;
  events: () => unknown[];
  errors: string[];
}

const cases: Case[] = [
  /* E_DUPLICATE_ID */
  {
    name: "an identical duplicate is a no-op",
    events: () => [aPerson({}, { id: "p" }), aPerson({}, { id: "p" })],
    errors: [],
  },
  {
    name: "a duplicate differing only in recordedAt is identical",
    events: () => [
      aPerson({}, { id: "p", recordedAt: "2026-10-29T10:00:00Z" }),
      aPerson({}, { id: "p", recordedAt: "2026-10-30T10:00:00Z" }),
    ],
    errors: [],
  },
  {
    name: "a different event with the same id: the later line",
    events: () => [aPerson({}, { id: "p" }), aPerson({ name: "Someone Else" }, { id: "p" })],
    errors: ["2:E_DUPLICATE_ID"],
  },
  {
    name: "the later line even when it is earlier in log order",
    events: () => [
      aPerson({}, { id: "p", at: "2026-10-01T00:00:00Z" }),
      aPerson({}, { id: "p", at: "2026-09-01T00:00:00Z" }),
    ],
    errors: ["2:E_DUPLICATE_ID"],
  },
  /* E_UNKNOWN_PERSON */
  {
    name: "an event for a person never registered",
    events: () => [aPerson(), anIncident({}, { personId: "P-9" })],
    errors: ["2:E_UNKNOWN_PERSON"],
  },
  {
    name: "a person registered after an incident that happened earlier",
    events: () => [anIncident({}, { at: "2026-01-01T00:00:00Z" }), aPerson({}, { at: "2026-06-01T00:00:00Z" })],
    errors: [],
  },
  {
    name: "a person whose only registration was retracted before the event",
    events: () => [aPerson({}, { id: "reg", ...at(0) }), aRetraction("reg", at(1)), anIncident({}, at(2))],
    errors: ["3:E_UNKNOWN_PERSON"],
  },
  /* E_UNKNOWN_STRATEGY */
  {
    name: "a variation of a strategy never imposed",
    events: () => [...base(), aVariation({ strategyId: "S-9" }, at(10))],
    errors: ["6:E_UNKNOWN_STRATEGY"],
  },
  {
    name: "a review of a lifted strategy",
    events: () => [...base(), aLift({}, at(10)), aReview({}, at(20))],
    errors: ["7:E_UNKNOWN_STRATEGY"],
  },
  {
    name: "a second lift",
    events: () => [...base(), aLift({}, at(10)), aLift({}, at(20))],
    errors: ["7:E_UNKNOWN_STRATEGY"],
  },
  {
    name: "a breach after a lift review",
    events: () => [...base(), aReview({ outcome: "lift" }, at(10)), aBreach({}, at(20))],
    errors: ["7:E_UNKNOWN_STRATEGY"],
  },
  {
    name: "a breach recorded before the strategy in log order",
    events: () => [...base(), aBreach({}, at(-1))],
    errors: ["6:E_UNKNOWN_STRATEGY"],
  },
  {
    name: "a strategy imposed for another person",
    events: () => [...base(), aPerson({}, { personId: "P-2" }), aBreach({}, { personId: "P-2", ...at(10) })],
    errors: ["7:E_UNKNOWN_STRATEGY"],
  },
  {
    name: "a strategy whose imposition was retracted",
    events: () => [
      ...base().slice(0, 4),
      aStrategy({}, { id: "imp", ...at(0) }),
      aRetraction("imp", at(5)),
      aVariation({}, at(10)),
    ],
    errors: ["7:E_UNKNOWN_STRATEGY"],
  },
  /* E_STRATEGY_EXISTS */
  {
    name: "a strategy id reused for another person",
    events: () => [...base(), ...restrictedPerson({ personId: "P-2", imposedAt: after(T, 60) })],
    errors: ["10:E_STRATEGY_EXISTS"],
  },
  {
    name: "a strategy id reused after its strategy was lifted",
    events: () => [...base(), aLift({}, at(10)), aStrategy({}, at(20))],
    errors: ["7:E_STRATEGY_EXISTS"],
  },
  {
    name: "a strategy id free again after its imposition was retracted",
    events: () => [
      ...base().slice(0, 4),
      aStrategy({}, { id: "imp", ...at(0) }),
      aRetraction("imp", at(5)),
      aStrategy({}, at(10)),
    ],
    errors: [],
  },
  /* E_UNKNOWN_BREACH */
  {
    name: "a reminder for a breach never recorded",
    events: () => [...base(), aReminder({ breachId: "B-9" }, at(10))],
    errors: ["6:E_UNKNOWN_BREACH"],
  },
  {
    name: "an acknowledgement before the breach in log order",
    events: () => [...base(), aBreach({}, at(20)), anAcknowledgement({}, at(10))],
    errors: ["7:E_UNKNOWN_BREACH"],
  },
  {
    name: "a reminder and an acknowledgement after the breach",
    events: () => [...base(), aBreach({}, at(10)), aReminder({}, at(20)), anAcknowledgement({}, at(30))],
    errors: [],
  },
  /* E_UNKNOWN_CONTACT */
  {
    name: "a review of a contact never logged",
    events: () => [aPerson(), aContactReview({ contactId: "C-9" }, at(10))],
    errors: ["2:E_UNKNOWN_CONTACT"],
  },
  {
    name: "a review of a logged contact",
    events: () => [
      aPerson(),
      aLoggedContact({ contactId: "C-1" }, at(5)),
      aContactReview({ contactId: "C-1" }, at(10)),
    ],
    errors: [],
  },
  {
    name: "a review of another person's contact",
    events: () => [
      aPerson(),
      aPerson({}, { personId: "P-2" }),
      aLoggedContact({ contactId: "C-1" }, { personId: "P-2", ...at(5) }),
      aContactReview({ contactId: "C-1" }, at(10)),
    ],
    errors: ["4:E_UNKNOWN_CONTACT"],
  },
  /* E_UNKNOWN_EVENT */
  {
    name: "retracting an event that does not exist",
    events: () => [aPerson(), aRetraction("nope", at(1))],
    errors: ["2:E_UNKNOWN_EVENT"],
  },
  {
    name: "retracting a later event",
    events: () => [aPerson({}, at(0)), aRetraction("inc", at(1)), anIncident({}, { id: "inc", ...at(2) })],
    errors: ["2:E_UNKNOWN_EVENT"],
  },
  {
    name: "retracting another person's event",
    events: () => [
      aPerson(),
      aPerson({}, { personId: "P-2" }),
      anIncident({}, { id: "inc", personId: "P-2", ...at(1) }),
      aRetraction("inc", at(2)),
    ],
    errors: ["4:E_UNKNOWN_EVENT"],
  },
  {
    name: "retracting twice",
    events: () => [
      aPerson(),
      anIncident({}, { id: "inc", ...at(1) }),
      aRetraction("inc", at(2)),
      aRetraction("inc", at(3)),
    ],
    errors: ["4:E_UNKNOWN_EVENT"],
  },
  {
    name: "retracting a retraction",
    events: () => [
      aPerson(),
      anIncident({}, { id: "inc", ...at(1) }),
      aRetraction("inc", { id: "r1", ...at(2) }),
      aRetraction("r1", at(3)),
    ],
    errors: ["4:E_UNKNOWN_EVENT"],
  },
  {
    name: "retracting an event that itself failed",
    events: () => [aPerson(), aContactReview({}, { id: "bad", ...at(1) }), aRetraction("bad", at(2))],
    errors: ["2:E_UNKNOWN_CONTACT", "3:E_UNKNOWN_EVENT"],
  },
  /* E_BEHAVIOUR_KIND */
  {
    name: "a behaviour of another kind",
    events: () => [aPerson(), anIncident({ kind: "abusive", behaviours: ["verbal-abuse", "no-evidence"] })],
    errors: ["2:E_BEHAVIOUR_KIND"],
  },
  /* E_REVIEW_TOO_FAR */
  {
    name: "reviewDue three months on",
    events: () => [...base().slice(0, 4), aStrategy({ reviewDue: "2027-01-29" }, at(0))],
    errors: [],
  },
  {
    name: "reviewDue a day later",
    events: () => [...base().slice(0, 4), aStrategy({ reviewDue: "2027-01-30" }, at(0))],
    errors: ["5:E_REVIEW_TOO_FAR"],
  },
  {
    name: "30 Nov → 28 Feb is the limit",
    events: () => [
      ...ladderTo("2026-11-30T12:00:00Z"),
      aStrategy({ reviewDue: "2027-02-28" }, { at: "2026-11-30T12:00:00Z" }),
      aReview({ nextReviewDue: "2027-03-01" }, { at: "2026-11-30T13:00:00Z" }),
    ],
    errors: ["6:E_REVIEW_TOO_FAR"],
  },
  {
    name: "31 May → 31 Aug is the limit",
    events: () => [
      ...ladderTo("2026-05-31T12:00:00Z"),
      aStrategy({ reviewDue: "2026-08-31" }, { at: "2026-05-31T12:00:00Z" }),
      aReview({ nextReviewDue: "2026-09-01" }, { at: "2026-05-31T13:00:00Z" }),
    ],
    errors: ["6:E_REVIEW_TOO_FAR"],
  },
  {
    name: "the London date counts: 23:30 UTC on 31 May is 1 June in BST",
    events: () => [
      ...ladderTo("2026-05-31T23:30:00Z"),
      aStrategy({ reviewDue: "2026-09-01" }, { at: "2026-05-31T23:30:00Z" }),
    ],
    errors: [],
  },
  {
    name: "the London date counts in GMT too: 23:30 UTC on 30 Nov is still 30 Nov",
    events: () => [
      ...ladderTo("2026-11-30T23:30:00Z"),
      aStrategy({ reviewDue: "2027-03-01" }, { at: "2026-11-30T23:30:00Z" }),
    ],
    errors: ["5:E_REVIEW_TOO_FAR"],
  },
  {
    name: "nextReviewDue of a vary review",
    events: () => [
      ...base(),
      aReview({ outcome: "vary", restrictions: [spoc()], nextReviewDue: "2027-02-01" }, at(10)),
    ],
    errors: ["6:E_REVIEW_TOO_FAR"],
  },
  {
    name: "nextReviewDue given with a lift",
    events: () => [...base(), aReview({ outcome: "lift", nextReviewDue: "2027-06-01" }, at(10))],
    errors: ["6:E_REVIEW_TOO_FAR"],
  },
  /* E_NO_WARNING */
  {
    name: "a strategy without a warning",
    events: () => [aPerson(), causesConsidered({}, at(-10)), aStrategy({}, at(0))],
    errors: ["3:E_NO_WARNING"],
  },
  {
    name: "a strategy without a warning, but waived",
    events: () => [
      aPerson(),
      causesConsidered({}, at(-10)),
      aStrategy({ warningWaived: "Threat of violence (4.2)." }, at(0)),
    ],
    errors: [],
  },
  {
    name: "a blank waiver is no waiver",
    events: () => [aPerson(), causesConsidered({}, at(-10)), aStrategy({ warningWaived: "  " }, at(0))],
    errors: ["3:E_NO_WARNING"],
  },
  {
    name: "a warning later in log order",
    events: () => [aPerson(), causesConsidered({}, at(-10)), aStrategy({}, at(0)), aWarning({}, at(1))],
    errors: ["3:E_NO_WARNING"],
  },
  {
    name: "a warning at the same instant but later in log order (by id)",
    events: () => [
      aPerson(),
      causesConsidered({}, at(-10)),
      aStrategy({}, { id: "a", ...at(0) }),
      aWarning({}, { id: "b", ...at(0) }),
    ],
    errors: ["3:E_NO_WARNING"],
  },
  {
    name: "a warning retracted before the strategy",
    events: () => [
      aPerson(),
      causesConsidered({}, at(-10)),
      aWarning({}, { id: "w", ...at(-5) }),
      aRetraction("w", at(-1)),
      aStrategy({}, at(0)),
    ],
    errors: ["5:E_NO_WARNING"],
  },
  /* E_NO_CAUSES */
  {
    name: "a strategy without 7.2 considered",
    events: () => [aPerson(), aWarning({}, at(-10)), aStrategy({}, at(0))],
    errors: ["3:E_NO_CAUSES"],
  },
  {
    name: "a strategy with neither",
    events: () => [aPerson(), aStrategy({}, at(0))],
    errors: ["2:E_NO_WARNING", "2:E_NO_CAUSES"],
  },
  /* E_ADJUSTMENT_CONFLICT */
  {
    name: "written-only imposed on a person who needs to phone",
    events: () => [needs({}, at(-100)), ...base().slice(0, 4), aStrategy({ restrictions: [writtenOnly()] }, at(0))],
    errors: ["6:E_ADJUSTMENT_CONFLICT"],
  },
  {
    name: "… with equality advice",
    events: () => [
      needs({}, at(-100)),
      ...base().slice(0, 4),
      aStrategy({ restrictions: [writtenOnly()], equalityAdvice: "E&D lead agreed." }, at(0)),
    ],
    errors: [],
  },
  {
    name: "written-only varied in",
    events: () => [...base(), needs({}, at(5)), aVariation({ restrictions: [writtenOnly()] }, at(10))],
    errors: ["7:E_ADJUSTMENT_CONFLICT"],
  },
  {
    name: "written-only by a vary review",
    events: () => [...base(), needs({}, at(5)), aReview({ outcome: "vary", restrictions: [writtenOnly()] }, at(10))],
    errors: ["7:E_ADJUSTMENT_CONFLICT"],
  },
  {
    name: "a continue review sets nothing",
    events: () => [...base(), needs({}, at(5)), aReview({}, at(10))],
    errors: [],
  },
  {
    name: "the adjustment was replaced by a later full set",
    events: () => [
      ...base(),
      needs({}, at(5)),
      needs({ adjustments: [{ kind: "large-print" }] }, at(6)),
      aVariation({ restrictions: [writtenOnly()] }, at(10)),
    ],
    errors: [],
  },
  {
    name: "the adjustment is recorded only after the variation",
    events: () => [...base(), aVariation({ restrictions: [writtenOnly()] }, at(10)), needs({}, at(15))],
    errors: [],
  },
  /* E_DPO_NOT_CONSULTED */
  {
    name: "sharing without the DPO",
    events: () => [aPerson(), aSharing({ dpoConsulted: false, dpoName: undefined }, at(1))],
    errors: ["2:E_DPO_NOT_CONSULTED"],
  },
  /* E_NO_STRATEGY_HISTORY */
  {
    name: "further action with no strategy",
    events: () => [aPerson(), furtherAction({}, at(1))],
    errors: ["2:E_NO_STRATEGY_HISTORY"],
  },
  {
    name: "further action with a strategy never breached",
    events: () => [...base(), furtherAction({}, at(10))],
    errors: ["6:E_NO_STRATEGY_HISTORY"],
  },
  {
    name: "further action after a breach",
    events: () => [...base(), aBreach({}, at(5)), furtherAction({}, at(10))],
    errors: [],
  },
  {
    name: "further action after a breach of a strategy since lifted",
    events: () => [
      ...base(),
      aBreach({}, at(5)),
      aLift({}, at(6)),
      furtherAction({ outcome: "not-proceeding" }, at(10)),
    ],
    errors: [],
  },
  {
    name: "further action before the breach",
    events: () => [...base(), furtherAction({}, at(5)), aBreach({}, at(10))],
    errors: ["6:E_NO_STRATEGY_HISTORY"],
  },
  {
    name: "further action after the breach was retracted",
    events: () => [...base(), aBreach({}, { id: "b", ...at(5) }), aRetraction("b", at(6)), furtherAction({}, at(10))],
    errors: ["8:E_NO_STRATEGY_HISTORY"],
  },
  {
    name: "further action when the breached strategy was retracted",
    events: () => [
      ...base().slice(0, 4),
      aStrategy({}, { id: "imp", ...at(0) }),
      aBreach({}, at(5)),
      aRetraction("imp", at(6)),
      furtherAction({}, at(10)),
    ],
    errors: ["8:E_NO_STRATEGY_HISTORY"],
  },
];

describe("§8 checks, table-driven through validateLog", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(codes(validate(c.events()).errors)).toEqual(c.errors);
  });
});

describe("§8 checks through decideAppend give the same codes as validate", () => {
  // Each case's last event appended to a store holding the ones before it (those that are valid).
  const appendable = cases.filter((c) => !c.name.includes("duplicate") && !c.name.includes("later line"));
  it.each(appendable.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const events = c.events();
    const last = events[events.length - 1];
    const existing = validate(events.slice(0, -1)).events;
    const decision = decideAppend(existing, JSON.parse(JSON.stringify(last)));
    const expected = c.errors.filter((e) => e.startsWith(`${events.length}:`)).map((e) => e.split(":")[1]);
    if (expected.length === 0) expect(decision.kind).toBe("append");
    else expect(decision.kind === "rejected" ? decision.errors.map((e) => e.code) : decision.kind).toEqual(expected);
  });

  it("an identical id is a duplicate (no-op); a different one is E_DUPLICATE_ID", () => {
    const existing = toLogged([aPerson({}, { id: "p", recordedAt: "2026-10-01T00:00:00Z" })]);
    expect(
      decideAppend(existing, JSON.parse(JSON.stringify(aPerson({}, { id: "p", recordedAt: "2026-10-02T00:00:00Z" }))))
        .kind,
    ).toBe("duplicate");
    const conflict = decideAppend(existing, JSON.parse(JSON.stringify(aPerson({ name: "Other" }, { id: "p" }))));
    expect(conflict.kind === "rejected" && conflict.errors.map((e) => e.code)).toEqual(["E_DUPLICATE_ID"]);
  });

  it("refuses a malformed event with its shape errors", () => {
    const decision = decideAppend([], { id: "x", type: "PersonRegistered" });
    expect(decision.kind === "rejected" && decision.errors.every((e) => e.code === "E_SCHEMA")).toBe(true);
  });

  it("checks a back-dated event against the log before it only", () => {
    const existing = validate([...base(), aBreach({}, at(10))]).events;
    const decision = decideAppend(existing, JSON.parse(JSON.stringify(furtherAction({}, at(5)))));
    expect(decision.kind === "rejected" && decision.errors.map((e) => e.code)).toEqual(["E_NO_STRATEGY_HISTORY"]);
  });

  it("knows other people's strategy ids, unless their imposition was retracted", () => {
    const other = restrictedPerson({ personId: "P-2", imposedAt: after(T, -60) });
    const mine = base().slice(0, 4);
    const existing = validate([...other, ...mine]).events;
    const reuse = decideAppend(existing, JSON.parse(JSON.stringify(aStrategy({}, at(0)))));
    expect(reuse.kind === "rejected" && reuse.errors.map((e) => e.code)).toEqual(["E_STRATEGY_EXISTS"]);
    const otherImposition = other[4] as RecordEvent;
    const retracted = validate([
      ...other,
      aRetraction(otherImposition.id, { personId: "P-2", ...at(-30) }),
      ...mine,
    ]).events;
    expect(decideAppend(retracted, JSON.parse(JSON.stringify(aStrategy({}, at(0))))).kind).toBe("append");
  });
});

describe("checking in log order (§1, §8)", () => {
  it("does not depend on file order", () => {
    const events = [...base(), aBreach({}, at(10)), aReminder({}, at(20)), furtherAction({}, at(30))];
    const reversed = [...events].reverse();
    expect(validate(events).errors).toEqual([]);
    expect(validate(reversed).errors).toEqual([]);
    expect(validate(reversed).events.map((e) => e.event.id)).toEqual(validate(events).events.map((e) => e.event.id));
  });

  it("orders by at, then recordedAt, then id", () => {
    const a = aWarning({}, { id: "z", at: T, recordedAt: "2026-10-29T09:00:01Z" });
    const b = causesConsidered({}, { id: "y", at: T, recordedAt: "2026-10-29T09:00:02Z" });
    const c = anIncident({}, { id: "x", at: T, recordedAt: "2026-10-29T09:00:02Z" });
    const d = aPerson({}, { id: "w", at: after(T, -1) });
    expect(validate([a, b, c, d]).events.map((e) => e.event.id)).toEqual(["w", "z", "x", "y"]);
  });

  it("an event that fails is not part of the log for the others", () => {
    const events = [aPerson(), aWarning({}, at(-10)), aStrategy({}, at(0)), aVariation({}, at(10))];
    expect(codes(validate(events).errors)).toEqual(["3:E_NO_CAUSES", "4:E_UNKNOWN_STRATEGY"]);
  });

  it("a later retraction never makes an accepted event invalid", () => {
    const [person, incident, causes, warning, strategy] = base() as [
      RecordEvent,
      RecordEvent,
      RecordEvent,
      RecordEvent,
      RecordEvent,
    ];
    const events = [
      person,
      incident,
      causes,
      warning,
      strategy,
      aRetraction(warning.id, at(10)),
      aRetraction(causes.id, at(11)),
    ];
    const result = validate(events);
    expect(result.errors).toEqual([]);
    expect(result.events).toHaveLength(7);
  });

  it("reports every error in line order, an event with more than one code, each with its id", () => {
    const events = [
      aStrategy({}, { id: "late", at: "2026-12-01T00:00:00Z", personId: "P-9" }),
      aPerson(),
      anIncident({ kind: "abusive" }, { id: "early", at: "2026-01-01T00:00:00Z" }),
    ];
    const result = validate(events);
    expect(result.errors.map((e) => [e.line, e.id, e.code])).toEqual([
      [1, "late", "E_UNKNOWN_PERSON"],
      [1, "late", "E_NO_WARNING"],
      [1, "late", "E_NO_CAUSES"],
      [3, "early", "E_BEHAVIOUR_KIND"],
    ]);
  });

  it("counts N distinct events", () => {
    const person = aPerson({}, { id: "p" });
    expect(validate([person, person, anIncident({}, at(1))]).events).toHaveLength(2);
  });

  it("reports a line that is not JSON as E_SCHEMA with a null id", () => {
    const result = validateLog([
      { line: 1, value: JSON.parse(JSON.stringify(aPerson())) },
      { line: 3, parseError: "Unexpected token" },
    ]);
    expect(result.errors).toEqual([
      { line: 3, id: null, code: "E_SCHEMA", message: expect.stringContaining("line 3: is not valid JSON") },
    ]);
    expect(result.events).toHaveLength(1);
  });

  it("an empty log is valid", () => {
    expect(validate([])).toEqual({ events: [], errors: [] });
  });
});
