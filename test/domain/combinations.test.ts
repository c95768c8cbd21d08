/**
 * Restriction combinations (domain/combinations.ts, docs/record-rules.md): every pair of kinds
 * that clashes, and the pairs that must be allowed, table-driven.
 */
import {
  COMBINATION_CODES,
  RESTRICTION_KINDS,
  RESTRICTION_LABELS,
  checkCombinations,
  restrictionClashes,
  type Adjustment,
  type CombinationCode,
  type Restriction,
  type RestrictionKind,
} from "../../src/domain";
import {
  needs,
  aPerson,
  aStrategy,
  aVariation,
  aReview,
  advocateOnly,
  blockedAddresses,
  callRecording,
  dedicatedAddress,
  noReopening,
  phoneWindow,
  spoc,
  writtenOnly,
  indexOf,
} from "../builders";

const EMAIL = "a.person@example.org";
const person = (adjustments: Adjustment[] = [], emails: string[] = [EMAIL]) => ({ emails, adjustments });
const SPOC_ADDRESS = "officer.one@opcc.example";
const DEDICATED = "contact.strategy@opcc.example";

interface Row {
  readonly name: string;
  readonly restrictions: Restriction[];
  readonly adjustments?: Adjustment[];
  readonly emails?: string[];
  readonly advice?: string;
  /** The codes expected, in order; [] for a combination that must be allowed. */
  readonly codes: CombinationCode[];
}

const CLASHES: Row[] = [
  {
    name: "agreed call times with written contact only",
    restrictions: [phoneWindow(), writtenOnly()],
    codes: ["E_CLASH_CALLS_WRITTEN_ONLY"],
  },
  {
    name: "written contact only (by email) with agreed call times, in either order",
    restrictions: [writtenOnly(["email"]), phoneWindow({ maxCalls: 1, per: "week" })],
    codes: ["E_CLASH_CALLS_WRITTEN_ONLY"],
  },
  {
    name: "recorded calls with written contact only",
    restrictions: [callRecording(), writtenOnly(["post"])],
    codes: ["E_CLASH_RECORDING_WRITTEN_ONLY"],
  },
  {
    name: "a dedicated email address with written contact by post only",
    restrictions: [dedicatedAddress(DEDICATED), writtenOnly(["post"])],
    codes: ["E_CLASH_DEDICATED_NOT_EMAIL"],
  },
  {
    name: "the dedicated address also blocked",
    restrictions: [
      dedicatedAddress(DEDICATED),
      blockedAddresses(["old@example.org", " Contact.Strategy@OPCC.example "]),
    ],
    codes: ["E_CLASH_BLOCKED_DEDICATED"],
  },
  {
    name: "the single point of contact's address also blocked",
    restrictions: [spoc(SPOC_ADDRESS), blockedAddresses([SPOC_ADDRESS.toUpperCase()])],
    codes: ["E_CLASH_BLOCKED_SPOC"],
  },
  {
    name: "the advocate's address blocked",
    restrictions: [advocateOnly(), blockedAddresses(["sam@advocacy.example"])],
    codes: ["E_CLASH_BLOCKED_ADVOCATE"],
  },
  {
    name: "writing by email only while their only email address is blocked",
    restrictions: [writtenOnly(["email"]), blockedAddresses([EMAIL])],
    codes: ["E_CLASH_BLOCKED_EMAIL_ONLY"],
  },
  {
    name: "writing by email only while every address held for them is blocked",
    restrictions: [blockedAddresses(["b@example.org", EMAIL]), writtenOnly(["email"])],
    emails: [EMAIL, "B@example.org"],
    codes: ["E_CLASH_BLOCKED_EMAIL_ONLY"],
  },
  {
    name: "a dedicated address to write to while their only email address is blocked",
    restrictions: [dedicatedAddress(DEDICATED), blockedAddresses([EMAIL])],
    codes: ["E_CLASH_BLOCKED_ALL_DEDICATED"],
  },
  {
    name: "their only email address blocked while they need contact in writing",
    restrictions: [blockedAddresses([EMAIL])],
    adjustments: [{ kind: "written-contact", detail: "Dyslexia: cannot use the phone." }],
    codes: ["E_CLASH_BLOCKED_WRITTEN_NEED"],
  },
  {
    name: "two different agreed call times",
    restrictions: [phoneWindow(), phoneWindow({ windows: [{ day: "thu", from: "14:00", to: "15:00" }] })],
    codes: ["E_CLASH_SAME_KIND"],
  },
  {
    name: "two different single points of contact",
    restrictions: [spoc(SPOC_ADDRESS), spoc("officer.two@opcc.example")],
    codes: ["E_CLASH_SAME_KIND"],
  },
  {
    name: "two different dedicated addresses",
    restrictions: [dedicatedAddress(DEDICATED), dedicatedAddress("other@opcc.example")],
    codes: ["E_CLASH_SAME_KIND"],
  },
  {
    name: "two different advocates",
    restrictions: [advocateOnly(), advocateOnly({ name: "Jo Other" })],
    codes: ["E_CLASH_SAME_KIND"],
  },
  {
    name: "two different written-only sets",
    restrictions: [writtenOnly(["email"]), writtenOnly(["post"])],
    codes: ["E_CLASH_SAME_KIND"],
  },
  {
    name: "several clashes at once, each reported",
    restrictions: [phoneWindow(), callRecording(), writtenOnly(["post"]), dedicatedAddress(DEDICATED)],
    codes: ["E_CLASH_CALLS_WRITTEN_ONLY", "E_CLASH_RECORDING_WRITTEN_ONLY", "E_CLASH_DEDICATED_NOT_EMAIL"],
  },
];

const ALLOWED: Row[] = [
  { name: "agreed call times with recorded calls", restrictions: [phoneWindow(), callRecording()], codes: [] },
  { name: "agreed call times with a single point of contact", restrictions: [phoneWindow(), spoc()], codes: [] },
  { name: "agreed call times with an advocate", restrictions: [phoneWindow(), advocateOnly()], codes: [] },
  {
    name: "written contact with a single point of contact (the sample)",
    restrictions: [spoc(), writtenOnly()],
    codes: [],
  },
  {
    name: "written contact by email with a dedicated address",
    restrictions: [writtenOnly(["email"]), dedicatedAddress(DEDICATED)],
    codes: [],
  },
  {
    name: "a dedicated address with a single point of contact (record-format §5 allows both)",
    restrictions: [dedicatedAddress(DEDICATED), spoc()],
    codes: [],
  },
  { name: "an advocate with recorded calls (the sample)", restrictions: [advocateOnly(), callRecording()], codes: [] },
  { name: "an advocate with a single point of contact", restrictions: [advocateOnly(), spoc()], codes: [] },
  { name: "an advocate with written contact", restrictions: [advocateOnly(), writtenOnly()], codes: [] },
  {
    name: "some of their addresses blocked, with a dedicated address for the others",
    restrictions: [blockedAddresses(["old@example.org"]), dedicatedAddress(DEDICATED)],
    emails: [EMAIL, "old@example.org"],
    codes: [],
  },
  {
    name: "their only address blocked, writing by post still open",
    restrictions: [blockedAddresses([EMAIL]), writtenOnly(["email", "post"])],
    codes: [],
  },
  {
    name: "their only address blocked, with an advocate who writes for them",
    restrictions: [blockedAddresses([EMAIL]), writtenOnly(["email"]), dedicatedAddress(DEDICATED), advocateOnly()],
    codes: [],
  },
  {
    name: "their only address blocked while they need to phone (phone stays open)",
    restrictions: [blockedAddresses([EMAIL]), spoc()],
    adjustments: [{ kind: "phone-contact" }],
    codes: [],
  },
  {
    name: "their only address blocked while they need contact in writing, with equality advice recorded (9.14)",
    restrictions: [blockedAddresses([EMAIL])],
    adjustments: [{ kind: "written-contact" }],
    advice: "Equality lead advised that letters by post meet the need.",
    codes: [],
  },
  {
    name: "an address blocked for someone we hold no email for",
    restrictions: [blockedAddresses(["stranger@example.org"]), writtenOnly(["email"])],
    emails: [],
    codes: [],
  },
  {
    name: "written contact only while they need contact in writing",
    restrictions: [writtenOnly()],
    adjustments: [{ kind: "written-contact" }],
    codes: [],
  },
  {
    name: "agreed call times while they need to phone",
    restrictions: [phoneWindow()],
    adjustments: [{ kind: "phone-contact" }],
    codes: [],
  },
  {
    name: "written-only against a phone adjustment is record-format §8's E_ADJUSTMENT_CONFLICT, not repeated here",
    restrictions: [writtenOnly()],
    adjustments: [{ kind: "phone-contact" }],
    codes: [],
  },
  {
    name: "no reopening, even of the strategy's own matter, with every other kind",
    restrictions: [noReopening(["CPL-2026-0042"]), blockedAddresses(["old@example.org"]), spoc(), writtenOnly()],
    codes: [],
  },
  { name: "the same restriction twice", restrictions: [spoc(), spoc()], codes: [] },
  {
    name: "two lists of blocked addresses",
    restrictions: [blockedAddresses(["x@example.org"]), blockedAddresses()],
    codes: [],
  },
];

describe("restriction combinations (9.6, 9.9; 8.4, 9.13–9.14)", () => {
  it.each(CLASHES.map((r) => [r.name, r] as const))("refuses %s", (_name, row) => {
    const errors = restrictionClashes(row.restrictions, person(row.adjustments, row.emails), row.advice);
    expect(errors.map((e) => e.code)).toEqual(row.codes);
    for (const e of errors) {
      // Names both sides, in the labels staff see, and ends with the policy paragraph.
      const [a, b] = e.between;
      expect(e.message).toContain(`“${RESTRICTION_LABELS[a]}”`);
      if (b in RESTRICTION_LABELS) expect(e.message).toContain(`“${RESTRICTION_LABELS[b as RestrictionKind]}”`);
      else expect(e.message).toContain("“Needs contact in writing”");
      expect(e.message).toMatch(new RegExp(`\\(${e.policyRef.replace(/\./g, "\\.")}\\)$`));
      expect(e.policyRef).toMatch(/9\.9|9\.13/);
    }
  });

  it.each(ALLOWED.map((r) => [r.name, r] as const))("allows %s", (_name, row) => {
    expect(restrictionClashes(row.restrictions, person(row.adjustments, row.emails), row.advice)).toEqual([]);
  });

  it("every code has a row in the table; of the 28 pairs of kinds with ordinary values, only two always clash", () => {
    const used = new Set(CLASHES.flatMap((r) => r.codes));
    expect([...used].sort()).toEqual([...COMBINATION_CODES].sort());
    // Any two different kinds with default values: only the pairs above clash.
    const defaults: Record<RestrictionKind, Restriction> = {
      "phone-window": phoneWindow(),
      "written-only": writtenOnly(),
      "call-recording": callRecording(),
      "dedicated-address": dedicatedAddress(DEDICATED),
      "blocked-addresses": blockedAddresses(["old@example.org"]),
      "advocate-only": advocateOnly(),
      "single-point-of-contact": spoc(),
      "no-reopening": noReopening(),
    };
    const clashing: string[] = [];
    for (const a of RESTRICTION_KINDS)
      for (const b of RESTRICTION_KINDS)
        if (a < b && restrictionClashes([defaults[a], defaults[b]], person()).length > 0) clashing.push(`${a}+${b}`);
    expect(clashing.sort()).toEqual(["call-recording+written-only", "phone-window+written-only"]);
  });

  it("puts a pair's error on the later restriction and an adjustment's on the equality advice", () => {
    const [pairError] = restrictionClashes([writtenOnly(), spoc(), phoneWindow()], person());
    expect(pairError?.field).toBe("data.restrictions[2]");
    const [need] = restrictionClashes([blockedAddresses([EMAIL])], person([{ kind: "written-contact" }]));
    expect(need?.field).toBe("data.equalityAdvice");
  });
});

describe("checkCombinations: the events that set restrictions", () => {
  const P = "P-1";
  const base = [
    aPerson({ emails: [EMAIL] }, { id: "reg", personId: P, at: "2026-10-01T09:00:00Z" }),
    needs({ adjustments: [{ kind: "written-contact" }] }, { id: "needs", personId: P, at: "2026-10-02T09:00:00Z" }),
  ];
  const index = indexOf(base);
  const clash = [phoneWindow(), writtenOnly()];

  it("checks an imposition, a variation and a vary review against the person's addresses and needs", () => {
    const imposed = aStrategy({ restrictions: [blockedAddresses([EMAIL])] }, { personId: P });
    expect(checkCombinations(imposed, index).map((e) => e.code)).toEqual(["E_CLASH_BLOCKED_WRITTEN_NEED"]);
    expect(checkCombinations(aVariation({ restrictions: clash }, { personId: P }), index).map((e) => e.code)).toEqual([
      "E_CLASH_CALLS_WRITTEN_ONLY",
    ]);
    const vary = aReview({ outcome: "vary", restrictions: clash, nextReviewDue: "2027-01-01" }, { personId: P });
    expect(checkCombinations(vary, index).map((e) => e.code)).toEqual(["E_CLASH_CALLS_WRITTEN_ONLY"]);
  });

  it("leaves other events alone, a continue review included", () => {
    expect(
      checkCombinations(aReview({ outcome: "continue", nextReviewDue: "2027-01-01" }, { personId: P }), index),
    ).toEqual([]);
    expect(checkCombinations(base[0] as never, index)).toEqual([]);
  });
});
