/**
 * The front-line view (issue 12 Deliver 5): who sees it (no case role), what it holds (the
 * restrictions as instructions, what to do with this message, the adjustments to honour by kind)
 * and what it never holds (every free-text field of the record, 9.15 need to know, 8.2).
 */
import { Access, ROLES, type Role } from "../../src/app/roles";
import { frontLineView, seesFrontLineView } from "../../src/app/need-to-know";
import {
  aContact,
  aContactReview,
  advocateOnly,
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
  aBreach,
  after,
  causesConsidered,
  dedicatedAddress,
  furtherAction,
  indexOf,
  needs,
  OFFICER,
  PERSON,
  PERSON_PHONE,
  phoneWindow,
  spoc,
  STRATEGY,
  MATTER,
} from "../builders";
import type { RecordEvent } from "../../src/domain";

const T0 = "2026-10-01T09:00:00Z";
const at = (days: number) => ({ at: after(T0, days * 24 * 60) });

/** A record with a recognisable secret in every field staff type free text into. */
function secretRecord(): RecordEvent[] {
  const incident = anIncident(
    { summary: "SECRET-incident-summary shouted at reception", staffAffected: ["SECRET-staff-affected"] },
    at(1),
  );
  return [
    aPerson({ name: "Alex Person" }, at(0)),
    assistanceOffered({ accepted: true, note: "SECRET-assistance-note" }, at(0)),
    needs(
      {
        adjustments: [
          { kind: "large-print", detail: "SECRET-adjustment-detail sight loss" },
          { kind: "interpreter", detail: "SECRET-interpreter-detail" },
          { kind: "other", detail: "SECRET-other-adjustment mental health" },
        ],
        source: "third-party",
      },
      at(0),
    ),
    incident,
    anIncident({ summary: "SECRET-retracted-incident" }, at(1)),
    causesConsidered({ actions: "SECRET-causes-actions" }, at(2)),
    aWarning({ expectedChange: "SECRET-warning-change", consequences: "SECRET-warning-consequences" }, at(3)),
    aStrategy(
      {
        reason: "SECRET-strategy-reason",
        proportionality: "SECRET-proportionality",
        equalityAdvice: "SECRET-equality-advice",
        restrictions: [spoc(), phoneWindow(), dedicatedAddress()],
        reviewDue: "2027-01-05",
      },
      at(5),
    ),
    aVariation(
      {
        reason: "SECRET-variation-reason",
        equalityAdvice: "SECRET-variation-equality",
        restrictions: [spoc(), phoneWindow(), dedicatedAddress(), advocateOnly()],
        notifiedOn: "2026-10-08",
      },
      at(7),
    ),
    aReview({ rationale: "SECRET-review-rationale", nextReviewDue: "2027-01-08" }, at(8)),
    aLoggedContact({ contactId: "C-1", note: "SECRET-call-note" }, at(9)),
    aContactReview({ contactId: "C-1", note: "SECRET-contact-review-note" }, at(10)),
    aBreach({ detail: "SECRET-breach-detail", contactId: "C-1" }, at(10)),
    aReminder({}, at(11)),
    anAcknowledgement({ note: "SECRET-acknowledgement-note" }, at(11)),
    aSharing(
      {
        partner: "SECRET-sharing-partner",
        purpose: "SECRET-sharing-purpose",
        lawfulBasis: "SECRET-lawful-basis",
        dpoName: "SECRET-dpo-name",
      },
      at(12),
    ),
    furtherAction({ adviceSought: "SECRET-further-action-advice", outcome: "not-proceeding" }, at(13)),
    aRetraction("placeholder", at(14), "SECRET-retraction-reason"),
  ];
}

function record() {
  const events = secretRecord();
  // Retract the second incident (its id is only known once built).
  const retracted = events[4] as RecordEvent;
  const retraction = events[events.length - 1] as RecordEvent & { data: { eventId: string } };
  (retraction.data as { eventId: string }).eventId = retracted.id;
  return indexOf(events);
}

describe("who sees the front-line view (no case role)", () => {
  const expected: Record<Role, boolean> = {
    caseworker: false,
    manager: false,
    dpo: false,
    "records-officer": false,
    admin: true,
  };
  it.each(ROLES)("%s", (role) => {
    expect(seesFrontLineView(new Access([role]))).toBe(expected[role]);
  });
  it("no role at all (signed out, reception): the front-line view", () => {
    expect(seesFrontLineView(Access.none())).toBe(true);
  });
  it("an administrator who is also a caseworker, and every role (local mode): the full record", () => {
    expect(seesFrontLineView(new Access(["admin", "caseworker"]))).toBe(false);
    expect(seesFrontLineView(Access.everyone())).toBe(false);
  });
});

describe("frontLineView", () => {
  const index = record();
  const person = index.person(PERSON);
  // An email to someone other than the single point of contact, not to the dedicated address.
  const breaching = index.evaluate(aContact({ at: "2026-11-03T09:30:00Z", to: ["someone.else@opcc.example"] }));
  // A call through the advocate to the single point of contact, on Tuesday 10:30 (in the window).
  const fine = index.evaluate(
    aContact({ channel: "phone", from: PERSON_PHONE, at: "2026-11-03T10:30:00Z", to: [OFFICER], viaAdvocate: true }),
  );

  it("the fixture really holds the secrets (so the absence below means something)", () => {
    const full = JSON.stringify({
      history: person.history.map((h) => h.event),
      adjustments: person.adjustments,
    });
    for (const s of [
      "SECRET-incident-summary",
      "SECRET-adjustment-detail",
      "SECRET-strategy-reason",
      "SECRET-review-rationale",
      "SECRET-breach-detail",
      "SECRET-sharing-purpose",
      "SECRET-call-note",
    ])
      expect(full).toContain(s);
    expect(breaching.breaches.length).toBeGreaterThan(0);
  });

  it.each([
    ["with a breaching message", () => breaching],
    ["with a message that breaches nothing", () => fine],
    ["with no message (the Teams tab)", () => null],
  ])("never holds free text staff typed, %s", (_label, verdict) => {
    const view = frontLineView(person, verdict());
    expect(JSON.stringify(view)).not.toMatch(/SECRET/);
    // Nor the person's reference, addresses or the approving manager: only what is needed.
    expect(JSON.stringify(view)).not.toContain("manager@opcc.example");
    expect(JSON.stringify(view)).not.toContain(STRATEGY);
  });

  it("gives the name, the matter and each restriction as an instruction (9.8, 9.9)", () => {
    const view = frontLineView(person, null);
    expect(view.name).toBe("Alex Person");
    expect(view.restricted).toBe(true);
    expect(view.strategies.map((s) => s.matterRef)).toEqual([MATTER]);
    const lines = view.strategies.flatMap((s) => s.restrictions.map((r) => r.instruction));
    expect(lines).toEqual([
      `Only ${OFFICER} deals with them (the single point of contact). Pass anything from them to ${OFFICER}.`,
      "Calls: Tuesday 10:00–12:00 only. At other times, politely ask them to call back then.",
      "Only email contact.strategy@opcc.example. Anything they send elsewhere goes there.",
      "Contact only through their advocate, Sam Advocate. Do not reply to them directly.",
    ]);
    expect(view.passTo).toBe(OFFICER);
    expect(view.message).toBeNull();
  });

  it("gives the adjustments to honour by kind and the least needed, never their detail (8.2, 8.4)", () => {
    const view = frontLineView(person, null);
    expect(view.adjustments.map((a) => [a.kind, a.label])).toEqual([
      ["large-print", "Large print"],
      ["interpreter", "Interpreter"],
      ["other", "Other adjustment"],
    ]);
    expect(view.adjustments[0]?.instruction).toBe("Send anything written in large print.");
    expect(view.adjustments[2]?.instruction).toMatch(/ask a caseworker/);
  });

  it("says what to do with a breaching message: pass it on, and a caseworker records the breach (9.11)", () => {
    const m = frontLineView(person, breaching).message;
    expect(m?.breaches).toBe(true);
    expect(m?.breached).toEqual(expect.arrayContaining(["A single point of contact", "A dedicated email address"]));
    expect(m?.steps).toContain(`Do not reply yourself: pass it to ${OFFICER}.`);
    expect(m?.steps).toContain("Forward it to contact.strategy@opcc.example, the dedicated address.");
    expect(m?.steps.at(-1)).toMatch(/A caseworker records the breach/);
  });

  it("a message that breaches nothing is still passed on to be logged and reviewed (9.10)", () => {
    const m = frontLineView(person, fine).message;
    expect(fine.breaches).toEqual([]);
    expect(m?.breaches).toBe(false);
    expect(m?.breached).toEqual([]);
    expect(m?.steps.join(" ")).toMatch(/9\.10/);
  });

  it("a person with no strategy in force: handle as usual, adjustments still honoured, no warning detail", () => {
    const idx = indexOf([
      aPerson({ name: "Pat Jones" }, at(0)),
      needs({ adjustments: [{ kind: "phone-contact", detail: "SECRET-x" }] }, at(0)),
      anIncident({ summary: "SECRET-y" }, at(1)),
      causesConsidered({}, at(2)),
      aWarning({ expectedChange: "SECRET-z" }, at(3)),
    ]);
    const p = idx.person(PERSON);
    const view = frontLineView(p, idx.evaluate(aContact()));
    expect(view.restricted).toBe(false);
    expect(view.strategies).toEqual([]);
    expect(view.passTo).toBe("a caseworker");
    expect(view.message?.steps).toEqual(["No contact strategy applies: handle the message as usual."]);
    expect(view.adjustments.map((a) => a.kind)).toEqual(["phone-contact"]);
    expect(JSON.stringify(view)).not.toMatch(/SECRET|warn/i);
  });
});
