/** E_SCHEMA and E_BEHAVIOUR_KIND (record-format §1–§6, §8): the shape of every event type. */
import { checkContact, checkShape, EVENT_TYPES, type RecordEvent } from "../../src/domain";
import {
  aBreach,
  aContact,
  aContactReview,
  advocateOnly,
  aLift,
  aLoggedContact,
  anAcknowledgement,
  anIncident,
  aPerson,
  aReminder,
  aRetraction,
  aReview,
  aSharing,
  assistanceOffered,
  aStrategy,
  aVariation,
  aWarning,
  blockedAddresses,
  callRecording,
  causesConsidered,
  dedicatedAddress,
  furtherAction,
  linked,
  needs,
  noReopening,
  phoneWindow,
  spoc,
  unlinked,
  writtenOnly,
} from "../builders";

/** A JSON copy of `e` with `path` (dot/bracket path) set to `value` (undefined deletes it). */
function withField(e: unknown, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
  const keys = path.split(/\.|\[|\]/).filter((k) => k !== "");
  let target: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

const shapeErrors = (raw: unknown): string[] => checkShape(raw).errors.map((e) => `${e.code} ${e.field ?? ""}`);

describe("well-formed events of every type pass", () => {
  const every: RecordEvent[] = [
    aPerson(),
    aPerson({ caseRefs: ["CPL-1"], emails: [], phones: [] }),
    linked({ emails: ["other@example.org"] }),
    linked({}),
    unlinked({ phones: ["07700 900999"] }),
    assistanceOffered({ accepted: false, note: "" }),
    needs({ adjustments: [] }),
    needs({ adjustments: [{ kind: "interpreter", detail: "Polish" }], source: "third-party" }),
    anIncident({
      kind: "abusive",
      behaviours: ["verbal-abuse", "harm"],
      channel: "phone",
      callEnded: true,
      staffAffected: ["a@opcc.example"],
      matterRef: "M",
    }),
    anIncident({ kind: "demands", behaviours: ["copying-staff"], channel: "online" }),
    causesConsidered({ supportOffered: false, actions: "Offered an advocate." }),
    aWarning({ method: "in-person", matterRef: "M", behaviours: ["verbal-abuse", "wrong-channels"] }),
    aStrategy({
      restrictions: [
        phoneWindow({ maxCalls: 1, per: "month", windows: [{ day: "sun", from: "22:00", to: "24:00" }] }),
        writtenOnly(["post"]),
        callRecording(),
        dedicatedAddress(),
        blockedAddresses(),
        advocateOnly({ name: "Sam" }),
        spoc(),
        noReopening(),
      ],
      warningWaived: "Violence",
      equalityAdvice: "E&D lead",
    }),
    aVariation({ equalityAdvice: "Advice" }),
    aReview({ outcome: "vary", restrictions: [spoc()] }),
    aReview({ outcome: "lift", nextReviewDue: undefined }),
    aReview({ outcome: "lift" }),
    aLift(),
    aLoggedContact({ matterRef: "M", reopenRequest: true, viaAdvocate: false, personId: "P-1", to: [] }),
    aBreach({ contactId: "C-1" }),
    aReminder({ method: "phone" }),
    anAcknowledgement({ note: "Seen." }),
    aContactReview({ outcome: "safeguarding", note: "Referred." }),
    aSharing(),
    aSharing({ dpoConsulted: false, dpoName: undefined }),
    furtherAction({ outcome: "not-proceeding" }),
    aRetraction("x-1"),
  ];
  it.each(every.map((e) => [e.type, e] as const))("%s", (_type, e) => {
    const clean = JSON.parse(JSON.stringify(e)) as unknown;
    expect(shapeErrors(clean)).toEqual([]);
    expect(checkShape(clean).event).not.toBeNull();
  });

  it("covers every event type of §2", () => {
    expect(new Set(every.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  it("ignores unknown extra fields in data (forward compatibility)", () => {
    expect(shapeErrors(withField(aPerson(), "data.pronouns", "they/them"))).toEqual([]);
    expect(shapeErrors(withField(aLoggedContact(), "data.at", "not a time"))).toEqual([]);
  });
});

describe("the envelope (§1)", () => {
  it.each([
    ["id", undefined],
    ["id", ""],
    ["id", "has space"],
    ["id", "x".repeat(65)],
    ["id", 7],
    ["type", "PersonDeleted"],
    ["type", undefined],
    ["personId", ""],
    ["personId", "   "],
    ["personId", 1],
    ["at", "2026-11-03T09:30:00"],
    ["at", "2026-11-03"],
    ["at", undefined],
    ["recordedAt", "soon"],
    ["recordedAt", null],
    ["by", undefined],
    ["by", ""],
    ["data", undefined],
    ["data", []],
    ["data", "x"],
  ])("%s = %j is E_SCHEMA naming the field", (field, value) => {
    const errors = checkShape(withField(aPerson(), field, value)).errors;
    expect(errors.map((e) => e.code)).toContain("E_SCHEMA");
    expect(errors.map((e) => e.field)).toContain(field);
    for (const e of errors) expect(e.message.startsWith(`${e.field}: `)).toBe(true);
  });

  it("accepts ids of 64 characters of letters, digits, - and _", () => {
    expect(shapeErrors(withField(aPerson(), "id", `A_b-9${"x".repeat(59)}`))).toEqual([]);
  });

  it.each([null, 42, "text", [1, 2]])("refuses %j as an event", (raw) => {
    expect(shapeErrors(raw)).toEqual(["E_SCHEMA event"]);
  });

  it("keeps the id of an otherwise broken event, for the error report", () => {
    expect(checkShape(withField(aPerson({}, { id: "keep-me" }), "data.name", "")).id).toBe("keep-me");
  });
});

describe("data fields (§2): missing, wrong type, or not an allowed value", () => {
  const cases: [string, RecordEvent, string, unknown][] = [
    ["name missing", aPerson(), "data.name", undefined],
    ["name blank", aPerson(), "data.name", "  "],
    ["emails not a list", aPerson(), "data.emails", "a@b.org"],
    ["emails missing", aPerson(), "data.emails", undefined],
    ["an email without @", aPerson(), "data.emails[0]", "not-an-address"],
    ["a phone without digits", aPerson(), "data.phones[0]", "unknown"],
    ["a phone with @", aPerson(), "data.phones[0]", "0770@0900"],
    ["caseRefs blank entry", aPerson({ caseRefs: ["x"] }), "data.caseRefs[0]", ""],
    ["linked emails not a list", linked({}), "data.emails", "a@b.org"],
    ["accepted not a boolean", assistanceOffered(), "data.accepted", "yes"],
    ["note not text", assistanceOffered(), "data.note", 3],
    ["adjustments missing", needs(), "data.adjustments", undefined],
    ["adjustment kind unknown", needs(), "data.adjustments[0].kind", "wheelchair"],
    ["adjustment not an object", needs(), "data.adjustments[0]", "phone-contact"],
    ["source unknown", needs(), "data.source", "doctor"],
    ["incident kind unknown", anIncident(), "data.kind", "rude"],
    ["behaviours empty", anIncident(), "data.behaviours", []],
    ["behaviour not in §3", anIncident(), "data.behaviours[0]", "shouting"],
    ["channel unknown", anIncident(), "data.channel", "fax"],
    ["summary blank", anIncident(), "data.summary", ""],
    ["callEnded not a boolean", anIncident(), "data.callEnded", "true"],
    ["staffAffected not a list", anIncident(), "data.staffAffected", "a@b"],
    ["a 7.2 answer missing", causesConsidered(), "data.rationaleGiven", undefined],
    ["warning behaviours empty", aWarning(), "data.behaviours", []],
    ["warning method unknown", aWarning(), "data.method", "text"],
    ["expectedChange blank", aWarning(), "data.expectedChange", " "],
    ["consequences missing", aWarning(), "data.consequences", undefined],
    ["strategyId missing", aStrategy(), "data.strategyId", undefined],
    ["matterRef missing", aStrategy(), "data.matterRef", undefined],
    ["restrictions empty", aStrategy(), "data.restrictions", []],
    ["restriction kind unknown", aStrategy(), "data.restrictions[0].kind", "curfew"],
    ["restriction not an object", aStrategy(), "data.restrictions[0]", "spoc"],
    ["proportionality blank", aStrategy(), "data.proportionality", ""],
    ["approvedBy missing", aStrategy(), "data.approvedBy", undefined],
    ["notifiedOn not a date", aStrategy(), "data.notifiedOn", "29/10/2026"],
    ["notifiedBy phone", aStrategy(), "data.notifiedBy", "phone"],
    ["reviewDue impossible", aStrategy(), "data.reviewDue", "2027-02-30"],
    ["warningWaived not text", aStrategy(), "data.warningWaived", true],
    ["variation restrictions missing", aVariation(), "data.restrictions", undefined],
    ["variation notifiedOn missing", aVariation(), "data.notifiedOn", undefined],
    ["review outcome unknown", aReview(), "data.outcome", "pause"],
    ["review rationale blank", aReview(), "data.rationale", ""],
    ["nextReviewDue missing on continue", aReview(), "data.nextReviewDue", undefined],
    ["restrictions missing on vary", aReview({ outcome: "vary" }), "data.restrictions", undefined],
    ["restrictions given on continue", aReview(), "data.restrictions", [spoc()]],
    ["restrictions given on lift", aReview({ outcome: "lift" }), "data.restrictions", [spoc()]],
    ["lift reason missing", aLift(), "data.reason", undefined],
    ["contactId missing", aLoggedContact(), "data.contactId", undefined],
    ["contact to not a list", aLoggedContact(), "data.to", "a@b"],
    ["contact from missing", aLoggedContact(), "data.from", undefined],
    ["contact reopenRequest not a boolean", aLoggedContact(), "data.reopenRequest", "no"],
    ["contact viaAdvocate not a boolean", aLoggedContact(), "data.viaAdvocate", 1],
    ["breach restriction unknown", aBreach(), "data.restriction", "other"],
    ["breach detail blank", aBreach(), "data.detail", ""],
    ["reminder method unknown", aReminder(), "data.method", "carrier pigeon"],
    ["acknowledgement breachId missing", anAcknowledgement(), "data.breachId", undefined],
    ["contact review outcome unknown", aContactReview(), "data.outcome", "spam"],
    ["sharing partner missing", aSharing(), "data.partner", undefined],
    ["dpoConsulted not a boolean", aSharing(), "data.dpoConsulted", "yes"],
    ["dpoName missing when consulted", aSharing(), "data.dpoName", undefined],
    ["further action outcome unknown", furtherAction(), "data.outcome", "maybe"],
    ["adviceSought blank", furtherAction(), "data.adviceSought", ""],
    ["retraction eventId missing", aRetraction("x"), "data.eventId", undefined],
    ["retraction reason blank", aRetraction("x"), "data.reason", " "],
  ];
  it.each(cases)("%s → E_SCHEMA at %s", (_name, event, field, value) => {
    const errors = checkShape(withField(event, field, value)).errors;
    expect(errors.map((e) => [e.code, e.field])).toContainEqual(["E_SCHEMA", field]);
    expect(checkShape(withField(event, field, value)).event).toBeNull();
  });
});

describe("restrictions (§5)", () => {
  const cases: [string, unknown, string][] = [
    ["no windows", { kind: "phone-window", windows: [] }, "windows"],
    [
      "a window on no day",
      { kind: "phone-window", windows: [{ day: "monday", from: "10:00", to: "11:00" }] },
      "windows[0].day",
    ],
    ["from after to", { kind: "phone-window", windows: [{ day: "mon", from: "11:00", to: "10:00" }] }, "windows[0].to"],
    [
      "from equal to to",
      { kind: "phone-window", windows: [{ day: "mon", from: "10:00", to: "10:00" }] },
      "windows[0].to",
    ],
    ["from 24:00", { kind: "phone-window", windows: [{ day: "mon", from: "24:00", to: "24:00" }] }, "windows[0].from"],
    ["to 25:00", { kind: "phone-window", windows: [{ day: "mon", from: "10:00", to: "25:00" }] }, "windows[0].to"],
    ["a window not an object", { kind: "phone-window", windows: ["mon 10-11"] }, "windows[0]"],
    [
      "maxCalls 0",
      { kind: "phone-window", windows: [{ day: "mon", from: "10:00", to: "11:00" }], maxCalls: 0 },
      "maxCalls",
    ],
    [
      "maxCalls 1.5",
      { kind: "phone-window", windows: [{ day: "mon", from: "10:00", to: "11:00" }], maxCalls: 1.5 },
      "maxCalls",
    ],
    ["per day", { kind: "phone-window", windows: [{ day: "mon", from: "10:00", to: "11:00" }], per: "day" }, "per"],
    ["written-only empty", { kind: "written-only", allowed: [] }, "allowed"],
    ["written-only by phone", { kind: "written-only", allowed: ["phone"] }, "allowed[0]"],
    ["dedicated address not an address", { kind: "dedicated-address", address: "inbox" }, "address"],
    ["blocked addresses empty", { kind: "blocked-addresses", addresses: [] }, "addresses"],
    ["advocate missing", { kind: "advocate-only" }, "advocate"],
    ["advocate unnamed", { kind: "advocate-only", advocate: { email: "a@b" } }, "advocate.name"],
    ["advocate email not text", { kind: "advocate-only", advocate: { name: "A", email: 5 } }, "advocate.email"],
    ["spoc without staff", { kind: "single-point-of-contact" }, "staff"],
    ["no-reopening empty", { kind: "no-reopening", matterRefs: [] }, "matterRefs"],
  ];
  it.each(cases)("%s → E_SCHEMA at data.restrictions[0].%s", (_name, restriction, field) => {
    const errors = checkShape(withField(aStrategy(), "data.restrictions", [restriction])).errors;
    expect(errors.map((e) => [e.code, e.field])).toContainEqual(["E_SCHEMA", `data.restrictions[0].${field}`]);
    expect(errors.find((e) => e.field === `data.restrictions[0].${field}`)?.message).toMatch(/9\.9/);
  });

  it("accepts a window ending at 24:00 and checks every restriction of a varied set", () => {
    expect(
      shapeErrors(
        withField(aStrategy(), "data.restrictions", [
          phoneWindow({ windows: [{ day: "fri", from: "00:00", to: "24:00" }] }),
        ]),
      ),
    ).toEqual([]);
    expect(shapeErrors(withField(aVariation(), "data.restrictions", [spoc(), { kind: "nope" }]))).toEqual([
      "E_SCHEMA data.restrictions[1].kind",
    ]);
  });
});

describe("E_BEHAVIOUR_KIND: each behaviour belongs to the incident's kind (§3)", () => {
  it.each([
    ["abusive", "demanding-updates"],
    ["persistence", "verbal-abuse"],
    ["demands", "no-evidence"],
  ] as const)("a %s incident with %s", (kind, behaviour) => {
    const result = checkShape(JSON.parse(JSON.stringify(anIncident({ kind, behaviours: [behaviour] }))));
    expect(result.errors.map((e) => [e.code, e.field])).toEqual([["E_BEHAVIOUR_KIND", "data.behaviours[0]"]]);
    // Still well-formed enough for the log checks (an event may fail with more than one code).
    expect(result.event).not.toBeNull();
  });

  it("is not checked for a warning, which has no kind", () => {
    expect(
      shapeErrors(
        JSON.parse(JSON.stringify(aWarning({ behaviours: ["verbal-abuse", "no-evidence", "copying-staff"] }))),
      ),
    ).toEqual([]);
  });
});

describe("messages are plain English, name the field and where the rule comes from", () => {
  it("names the event type and policy paragraph", () => {
    const [err] = checkShape(withField(aStrategy(), "data.reviewDue", undefined)).errors;
    expect(err?.message).toBe(
      "data.reviewDue: is missing; expected a real calendar date written YYYY-MM-DD (StrategyImposed, policy 9.4–9.9)",
    );
  });

  it("echoes long values short and on one line", () => {
    const [err] = checkShape(withField(anIncident(), "data.channel", `fax\n${"x".repeat(5000)}`)).errors;
    expect(err?.message.length).toBeLessThan(200);
    expect(err?.message).not.toContain("\n");
  });
});

describe("a contact (§6) given to evaluate", () => {
  it("passes with only the required fields", () => {
    const result = checkContact({ channel: "post", at: "2026-11-03T09:30:00Z", from: "1 High Street", to: [] });
    expect(result.ok).toBe(true);
  });

  it.each([
    ["channel", "pigeon"],
    ["at", "2026-11-03T09:30:00"],
    ["at", undefined],
    ["from", undefined],
    ["to", undefined],
    ["to", "officer.one@opcc.example"],
    ["matterRef", 42],
    ["reopenRequest", "true"],
    ["viaAdvocate", null],
    ["personId", 1],
  ])("%s = %j is E_SCHEMA", (field, value) => {
    const result = checkContact(withField(aContact(), field, value));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => [e.code, e.field])).toContainEqual(["E_SCHEMA", `contact.${field}`]);
  });

  it("refuses something that is not an object", () => {
    const result = checkContact([aContact()]);
    expect(result.ok).toBe(false);
  });
});
