import { ActionInputError, problemsOf } from "../../src/app/action-errors";
import * as A from "../../src/app/actions";
import { RecordRejectedError, type RecordEvent } from "../../src/domain";
import { MATTER, PERSON_EMAIL, registered, restricted, REVIEWER, SPOC, warned } from "./ladder-fixture";
import { makeWorld } from "./world";

async function rejection(p: Promise<unknown>): Promise<{ code: string; field?: string; message: string }[]> {
  try {
    await p;
  } catch (e) {
    const problems = problemsOf(e);
    if (problems) return problems;
    throw e;
  }
  throw new Error("expected the action to be refused");
}

const ofType = (events: RecordEvent[], type: RecordEvent["type"]) => events.filter((e) => e.type === type);

describe("register and link", () => {
  it("registers with an id from the IdSource, `at` from the Clock and `by` the member of staff, trimming what was typed", async () => {
    const w = makeWorld("2026-11-03T09:30:00Z");
    const e = await A.registerPerson(w.ctx("officer.two@opcc.example"), {
      name: "  Alex Person ",
      emails: [" a.person@example.org ", ""],
      phones: [],
    });
    expect(e).toMatchObject({
      id: "PersonRegistered-2",
      type: "PersonRegistered",
      personId: "P-1",
      at: "2026-11-03T09:30:00.000Z",
      by: "officer.two@opcc.example",
    });
    expect(e.data).toEqual({ name: "Alex Person", emails: ["a.person@example.org"], phones: [] });
    expect(w.record.index.whoUses("A.Person@example.org")).toEqual(["P-1"]);
  });

  it("refuses a blank name with the domain's error on data.name, appending nothing", async () => {
    const w = makeWorld();
    const problems = await rejection(A.registerPerson(w.ctx(), { name: "  ", emails: [PERSON_EMAIL] }));
    expect(problems).toEqual([{ code: "E_SCHEMA", field: "data.name", message: expect.stringMatching(/blank/) }]);
    expect(await w.events()).toEqual([]);
  });

  it("links a new address so the person is found by it; refuses a link with nothing to link", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    await A.linkIdentifiers(w.ctx(), { personId, emails: ["alex.other@example.net"] });
    expect(w.record.index.whoUses("alex.other@example.net")).toEqual([personId]);
    await expect(A.linkIdentifiers(w.ctx(), { personId, emails: [" "] })).rejects.toBeInstanceOf(ActionInputError);
    await A.unlinkIdentifiers(w.ctx(), { personId, emails: ["alex.other@example.net"] });
    expect(w.record.index.whoUses("alex.other@example.net")).toEqual([]);
  });

  it("uses a date-time staff give instead of the clock", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const e = await A.recordAssistanceOffered(w.ctx(), {
      personId,
      accepted: true,
      note: " ",
      at: "2026-10-01T10:00:00+01:00",
    });
    expect(e.at).toBe("2026-10-01T10:00:00+01:00");
    expect(e.data).toEqual({ accepted: true });
  });
});

describe("incidents, causes and warnings", () => {
  it("refuses behaviours of another kind (E_BEHAVIOUR_KIND on the behaviour's field)", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const problems = await rejection(
      A.recordIncident(w.ctx(), {
        personId,
        kind: "abusive",
        behaviours: ["verbal-abuse", "demanding-updates"],
        channel: "phone",
        summary: "x",
      }),
    );
    expect(problems.map((p) => [p.code, p.field])).toEqual([["E_BEHAVIOUR_KIND", "data.behaviours[1]"]]);
  });

  it("keeps `callEnded` only for a phone call (4.4–4.5)", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const call = await A.recordIncident(w.ctx(), {
      personId,
      kind: "abusive",
      behaviours: ["verbal-abuse"],
      channel: "phone",
      summary: "Swore at me; I ended the call.",
      callEnded: true,
    });
    const letter = await A.recordIncident(w.ctx(), {
      personId,
      kind: "abusive",
      behaviours: ["verbal-abuse"],
      channel: "post",
      summary: "Abusive letter.",
      callEnded: true,
    });
    expect(call.data.callEnded).toBe(true);
    expect(letter.data).not.toHaveProperty("callEnded");
  });

  it("asks what will be done about any \u201cno\u201d (7.3) and appends nothing until it is said", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const answers = {
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: false,
      supportOffered: true,
      rationaleGiven: true,
    };
    const problems = await rejection(A.recordCausesConsidered(w.ctx(), { personId, ...answers, actions: "  " }));
    expect(problems).toEqual([expect.objectContaining({ field: "data.actions", code: "input" })]);
    expect(problems[0]?.message).toMatch(/7\.3/);
    expect(ofType(await w.events(), "CausesConsidered")).toHaveLength(0);
    const e = await A.recordCausesConsidered(w.ctx(), {
      personId,
      ...answers,
      actions: "Monthly update letters from now on.",
    });
    expect(e.data).toEqual({ ...answers, actions: "Monthly update letters from now on." });
  });

  it("records all-yes causes without asking for actions", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const e = await A.recordCausesConsidered(w.ctx(), {
      personId,
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: true,
      supportOffered: true,
      rationaleGiven: true,
    });
    expect(e.data).not.toHaveProperty("actions");
  });
});

describe("imposing a strategy (9.4–9.9)", () => {
  const base = {
    matterRef: MATTER,
    reason: "Persistent demands.",
    restrictions: [{ kind: "single-point-of-contact" as const, staff: SPOC }],
    proportionality: "Least restrictive.",
    approvedBy: "manager@opcc.example",
    notifiedOn: "2026-11-30",
    notifiedBy: "email" as const,
  };

  it("refuses before a warning and before causes are considered, naming the fields and paragraphs", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const problems = await rejection(A.imposeStrategy(w.ctx(), { personId, ...base }));
    expect(problems.map((p) => p.code).sort()).toEqual(["E_NO_CAUSES", "E_NO_WARNING"]);
    expect(problems.find((p) => p.code === "E_NO_WARNING")).toMatchObject({ field: "data.warningWaived" });
    expect(problems.find((p) => p.code === "E_NO_WARNING")?.message).toMatch(/9\.1–9\.3/);
  });

  it("defaults the review date to three calendar months on, end of month clamped (30 Nov → 28 Feb)", async () => {
    const w = makeWorld();
    const personId = await warned(w);
    w.clock.set("2026-11-30T12:00:00Z");
    const e = await A.imposeStrategy(w.ctx(), { personId, ...base });
    expect(e.data.reviewDue).toBe("2027-02-28");
    expect(e.data.strategyId).toMatch(/^S-\d+$/);
    expect(w.record.index.person(personId).strategies.get(e.data.strategyId)?.active).toBe(true);
  });

  it("counts the three months from the London date: 23:30 UTC on 31 May is 1 June in London, so review by 1 September", async () => {
    const w = makeWorld("2026-05-01T09:00:00Z");
    const personId = await warned(w);
    // 2026-05-31T23:30 UTC is 1 June 00:30 in London → review by 1 September.
    const e = await A.imposeStrategy(w.ctx(), {
      personId,
      ...base,
      at: "2026-05-31T23:30:00Z",
      notifiedOn: "2026-06-01",
    });
    expect(e.data.reviewDue).toBe("2026-09-01");
    expect(A.latestReviewDate("2026-05-31T23:30:00Z", w.clock)).toBe("2026-09-01");
  });

  it("refuses a review date later than three months (E_REVIEW_TOO_FAR on data.reviewDue)", async () => {
    const w = makeWorld("2026-11-03T09:30:00Z");
    const personId = await warned(w);
    const problems = await rejection(A.imposeStrategy(w.ctx(), { personId, ...base, reviewDue: "2027-02-04" }));
    expect(problems).toEqual([expect.objectContaining({ code: "E_REVIEW_TOO_FAR", field: "data.reviewDue" })]);
    expect(problems[0]?.message).toContain("2027-02-03");
  });

  it("refuses written-only contact against a phone-contact adjustment without equality advice, and accepts it with advice", async () => {
    const w = makeWorld();
    const personId = await warned(w);
    await A.recordNeeds(w.ctx(), {
      personId,
      adjustments: [{ kind: "phone-contact", detail: "Dyslexia: cannot write easily" }],
      source: "self-declared",
    });
    const writtenOnly = { ...base, restrictions: [{ kind: "written-only" as const, allowed: ["email" as const] }] };
    const problems = await rejection(A.imposeStrategy(w.ctx(), { personId, ...writtenOnly }));
    expect(problems).toEqual([
      expect.objectContaining({ code: "E_ADJUSTMENT_CONFLICT", field: "data.equalityAdvice" }),
    ]);
    const e = await A.imposeStrategy(w.ctx(), {
      personId,
      ...writtenOnly,
      equalityAdvice: "Equality lead: allow a monthly call.",
    });
    expect(e.data.equalityAdvice).toBe("Equality lead: allow a monthly call.");
  });

  it("accepts a waived warning with a reason (9.3: for example violence)", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    await A.recordCausesConsidered(w.ctx(), {
      personId,
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: true,
      supportOffered: true,
      rationaleGiven: true,
    });
    const e = await A.imposeStrategy(w.ctx(), {
      personId,
      ...base,
      warningWaived: "Threatened to harm staff at the front desk.",
    });
    expect(e.data.warningWaived).toBe("Threatened to harm staff at the front desk.");
  });
});

describe("vary, review, lift (9.12–9.14)", () => {
  it("varies with the full new set", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    await A.varyStrategy(w.ctx(), {
      personId,
      strategyId,
      restrictions: [{ kind: "call-recording" }],
      reason: "Calls have calmed down.",
      notifiedOn: "2026-11-10",
    });
    expect(w.record.index.person(personId).strategies.get(strategyId)?.restrictions).toEqual([
      { kind: "call-recording" },
    ]);
  });

  it("continues with a next review defaulting to three months, and keeps restrictions off a continue", async () => {
    const w = makeWorld("2026-11-03T09:30:00Z");
    const { personId, strategyId } = await restricted(w);
    w.clock.set("2027-01-15T10:00:00Z");
    const e = await A.reviewStrategy(w.ctx(REVIEWER), {
      personId,
      strategyId,
      outcome: "continue",
      rationale: "Still needed.",
      restrictions: [{ kind: "call-recording" }],
    });
    expect(e.data).toEqual({
      strategyId,
      outcome: "continue",
      rationale: "Still needed.",
      nextReviewDue: "2027-04-15",
    });
  });

  it("varies on review with restrictions; lifts on review without a next date", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    const vary = await A.reviewStrategy(w.ctx(REVIEWER), {
      personId,
      strategyId,
      outcome: "vary",
      rationale: "Less needed.",
      restrictions: [{ kind: "call-recording" }],
    });
    expect(vary.data.restrictions).toEqual([{ kind: "call-recording" }]);
    const lift = await A.reviewStrategy(w.ctx(REVIEWER), {
      personId,
      strategyId,
      outcome: "lift",
      rationale: "Behaviour has improved.",
      nextReviewDue: "2026-12-01",
    });
    expect(lift.data).not.toHaveProperty("nextReviewDue");
    expect(w.record.index.person(personId).strategies.get(strategyId)?.active).toBe(false);
  });

  it("lifts, after which the strategy cannot be varied (E_UNKNOWN_STRATEGY)", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    await A.liftStrategy(w.ctx(), { personId, strategyId, reason: "No longer needed." });
    const problems = await rejection(
      A.varyStrategy(w.ctx(), {
        personId,
        strategyId,
        restrictions: [{ kind: "call-recording" }],
        reason: "x",
        notifiedOn: "2026-11-03",
      }),
    );
    expect(problems[0]).toMatchObject({ code: "E_UNKNOWN_STRATEGY", field: "data.strategyId" });
  });
});

describe("logging a call or visit (9.10–9.11)", () => {
  const window = [{ kind: "phone-window" as const, windows: [{ day: "tue" as const, from: "10:00", to: "12:00" }] }];

  it("records a breach on the spot when a call falls outside the agreed times, exactly once on retry", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w, window);
    const call = { personId, channel: "phone" as const, at: "2026-11-03T14:00:00Z", from: "07700 900123", to: [SPOC] };
    const first = await A.logContact(w.ctx(), call);
    expect(first.outcome).toBe("appended");
    expect(first.verdict.breaches.map((b) => b.restriction)).toEqual(["phone-window"]);
    const breaches = ofType(await w.events(), "BreachRecorded");
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({
      at: call.at,
      data: { strategyId, restriction: "phone-window", contactId: first.contactId, breachId: first.breachIds[0] },
    });
    // A retry (same contact id) changes nothing.
    const again = await A.logContact(w.ctx(), { ...call, contactId: first.contactId });
    expect(again.outcome).toBe("already-recorded");
    expect(ofType(await w.events(), "BreachRecorded")).toHaveLength(1);
    expect(ofType(await w.events(), "ContactLogged")).toHaveLength(1);
  });

  it("records no breach for a call inside the window, and leaves the contact awaiting review", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w, window);
    const r = await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: "2026-11-03T10:30:00Z",
      from: "07700 900123",
      to: [SPOC],
    });
    expect(r.breachIds).toEqual([]);
    w.clock.set("2026-11-03T11:00:00Z");
    expect(ofType(await w.events(), "BreachRecorded")).toHaveLength(0);
    const state = w.record.index.person(personId);
    expect([...state.contacts.values()].filter((c) => !c.reviewed).map((c) => c.contactId)).toEqual([r.contactId]);
    await A.reviewContact(w.ctx(), { personId, contactId: r.contactId, outcome: "no-new-information" });
    expect(w.record.index.person(personId).contacts.get(r.contactId)?.reviewed).toBe(true);
  });

  it("counts a call over the limit as a breach (maxCalls)", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w, [
      { kind: "phone-window", windows: [{ day: "tue", from: "00:00", to: "24:00" }], maxCalls: 1 },
    ]);
    const a = await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: "2026-11-03T10:00:00Z",
      from: "07700 900123",
      to: [SPOC],
    });
    const b = await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: "2026-11-03T11:00:00Z",
      from: "07700 900123",
      to: [SPOC],
    });
    expect(a.breachIds).toEqual([]);
    expect(b.verdict.breaches[0]?.reason).toMatch(/call 2 this week/);
  });

  it("refuses a contact without a valid time on the `at` field", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w);
    const problems = await rejection(
      A.logContact(w.ctx(), { personId, channel: "phone", at: "yesterday", from: "0770", to: [SPOC] }),
    );
    expect(problems).toEqual([expect.objectContaining({ field: "at", code: "E_SCHEMA" })]);
  });
});

describe("a breaching email message", () => {
  const contact = {
    channel: "email" as const,
    at: "2026-11-04T08:00:00Z",
    from: PERSON_EMAIL,
    to: ["officer.two@opcc.example"],
    matterRef: MATTER,
  };

  it("records ContactLogged and BreachRecorded with ids derived from the message id; two staff on the same message record it once", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w);
    const one = await A.recordMessageBreach(w.ctx("officer.one@opcc.example"), {
      messageId: "AAMkAG+x/y==",
      contact,
      personId,
    });
    const two = await A.recordMessageBreach(w.ctx("officer.two@opcc.example"), {
      messageId: "AAMkAG+x/y==",
      contact,
      personId,
    });
    expect(one.status).toBe("recorded");
    expect(two.status).toBe("recorded");
    if (one.status !== "recorded" || two.status !== "recorded") return;
    expect(one.outcome).toBe("appended");
    expect(two.outcome).toBe("already-recorded");
    expect(two.breachIds).toEqual(one.breachIds);
    const events = await w.events();
    expect(ofType(events, "ContactLogged")).toHaveLength(1);
    expect(ofType(events, "BreachRecorded")).toHaveLength(1);
    expect(one.contactId).toMatch(/^msg-[0-9a-f]{28}$/);
    expect(ofType(events, "BreachRecorded")[0]?.data).toMatchObject({
      restriction: "single-point-of-contact",
      contactId: one.contactId,
    });
  });

  it("leaves a message that breaches nothing alone", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w);
    const before = (await w.events()).length;
    const r = await A.recordMessageBreach(w.ctx(), {
      messageId: "m-ok",
      contact: { ...contact, to: [SPOC] },
      personId,
    });
    expect(r.status).toBe("no-breach");
    expect((await w.events()).length).toBe(before);
  });

  it("a breach recorded by hand for the same contact and restriction is refused as already recorded", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    const r = await A.recordMessageBreach(w.ctx(), { messageId: "m-1", contact, personId });
    if (r.status !== "recorded") throw new Error("expected a breach");
    const problems = await rejection(
      A.recordBreach(w.ctx(), {
        personId,
        strategyId,
        restriction: "single-point-of-contact",
        contactId: r.contactId,
        detail: "Emailed officer two.",
      }),
    );
    expect(problems[0]).toMatchObject({ field: "data.restriction", code: "input" });
  });
});

describe("breaches, sharing, further action and retraction", () => {
  it("records a breach by hand, then its reminder (9.11); a reminder for an unknown breach is refused", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    const b = await A.recordBreach(w.ctx(), {
      personId,
      strategyId,
      restriction: "single-point-of-contact",
      detail: "Rang the front desk.",
    });
    await A.recordBreachReminder(w.ctx(), { personId, breachId: b.data.breachId, method: "email" });
    expect(w.record.index.person(personId).breaches.get(b.data.breachId)?.reminderSent).toBe(true);
    const problems = await rejection(A.recordBreachReminder(w.ctx(), { personId, breachId: "nope", method: "email" }));
    expect(problems[0]).toMatchObject({ code: "E_UNKNOWN_BREACH", field: "data.breachId" });
    await A.acknowledgeBreach(w.ctx(), { personId, breachId: b.data.breachId, note: "Seen." });
    expect(w.record.index.person(personId).breaches.get(b.data.breachId)?.acknowledged).toBe(true);
  });

  it("refuses sharing without the DPO (9.15) and records it with the DPO named", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w);
    const share = { personId, partner: "Cleveland Police", purpose: "Safeguarding", lawfulBasis: "Legal obligation" };
    const problems = await rejection(A.recordSharing(w.ctx(), { ...share, dpoConsulted: false }));
    expect(problems).toEqual([expect.objectContaining({ code: "E_DPO_NOT_CONSULTED", field: "data.dpoConsulted" })]);
    const named = await rejection(A.recordSharing(w.ctx(), { ...share, dpoConsulted: true, dpoName: " " }));
    expect(named[0]).toMatchObject({ code: "E_SCHEMA", field: "data.dpoName" });
    const e = await A.recordSharing(w.ctx(), { ...share, dpoConsulted: true, dpoName: "Dana Protection" });
    expect(e.data.dpoName).toBe("Dana Protection");
  });

  it("refuses further action where no strategy was breached (10.1), accepts it after a breach", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    const problems = await rejection(
      A.considerFurtherAction(w.ctx(), { personId, adviceSought: "Legal services", outcome: "proceed" }),
    );
    expect(problems[0]?.code).toBe("E_NO_STRATEGY_HISTORY");
    await A.recordBreach(w.ctx(), { personId, strategyId, restriction: "single-point-of-contact", detail: "x" });
    await A.considerFurtherAction(w.ctx(), { personId, adviceSought: "Legal services", outcome: "proceed" });
    expect(w.record.index.person(personId).sinceLift.furtherAction).toBe("proceed");
  });

  it("retracts an event with a reason, after which it counts for nothing; a retraction cannot be retracted", async () => {
    const w = makeWorld();
    const personId = await warned(w);
    const warning = w.record.index.person(personId).warnings[0];
    if (!warning) throw new Error("no warning");
    w.clock.set("2026-11-03T10:00:00Z");
    const r = await A.retractEvent(w.ctx(), { personId, eventId: warning.id, reason: "Sent to the wrong person." });
    expect(w.record.index.person(personId).warnings).toHaveLength(0);
    const problems = await rejection(A.retractEvent(w.ctx(), { personId, eventId: r.id, reason: "x" }));
    expect(problems[0]).toMatchObject({ code: "E_UNKNOWN_EVENT", field: "data.eventId" });
  });

  it("problemsOf returns null for errors that are not refusals", () => {
    expect(problemsOf(new Error("network down"))).toBeNull();
    expect(
      problemsOf(
        new RecordRejectedError([
          { code: "E_SCHEMA", field: "data.x", message: "data.x: is 3; expected text (record-format §2)" },
        ]),
      ),
    ).toEqual([{ code: "E_SCHEMA", field: "data.x", message: "is 3; expected text (record-format §2)" }]);
  });
});
