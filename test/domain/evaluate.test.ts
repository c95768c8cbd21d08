/** Evaluating a contact (record-format §6–§7, §9): who it is from, scope (9.8), as at the contact, stage. */
import { type RecordIndex, type Contact, type RecordEvent } from "../../src/domain";
import {
  aBreach,
  aContact,
  aLift,
  aLoggedContact,
  anIncident,
  aPerson,
  aRetraction,
  aReview,
  aStrategy,
  aVariation,
  aWarning,
  advocateOnly,
  after,
  causesConsidered,
  furtherAction,
  indexOf,
  linked,
  noReopening,
  OFFICER,
  PERSON_EMAIL,
  restrictedPerson,
  unlinked,
  writtenOnly,
} from "../builders";

const T = "2026-10-29T09:00:00Z"; // imposition
const at = (minutes: number) => ({ at: after(T, minutes) });
const call = (minutes: number, c: Partial<Contact> = {}): Contact =>
  aContact({ channel: "phone", from: "07700 900123", at: after(T, minutes), ...c });

describe("scope (9.8)", () => {
  const index = indexOf(
    restrictedPerson({ restrictions: [writtenOnly(), noReopening(["CPL-OLD"])], imposedAt: T, matterRef: "CPL-1" }),
  );
  const verdict = (c: Partial<Contact>) => index.evaluate(call(60, c));

  it("a contact about the strategy's matter is in scope", () => {
    expect(verdict({ matterRef: "CPL-1" }).breaches.map((b) => b.restriction)).toEqual(["written-only"]);
    expect(verdict({ matterRef: "CPL-1" }).notes).toEqual([]);
  });

  it("a contact with no matterRef is in scope", () => {
    expect(verdict({}).breaches.map((b) => b.restriction)).toEqual(["written-only"]);
    expect(verdict({ matterRef: "  " }).breaches.map((b) => b.restriction)).toEqual(["written-only"]);
  });

  it("a contact about another matter breaches nothing, and is noted as another matter to handle normally (9.10)", () => {
    const v = verdict({ matterRef: "CPL-2" });
    expect(v.breaches).toEqual([]);
    expect(v.notes).toEqual([
      {
        code: "other-matter",
        message:
          "This is about CPL-2, which no contact strategy in force covers: handle it normally and review it (9.8, 9.10).",
      },
    ]);
  });

  it("a contact about a matter in the no-reopening list is judged against that restriction alone", () => {
    const v = verdict({ matterRef: "CPL-OLD", reopenRequest: true });
    expect(v.breaches.map((b) => b.restriction)).toEqual(["no-reopening"]);
    expect(v.notes).toEqual([]);
    // Without a request to reopen it breaches nothing, and it is another matter.
    const quiet = verdict({ matterRef: "CPL-OLD" });
    expect(quiet.breaches).toEqual([]);
    expect(quiet.notes.map((n) => n.code)).toEqual(["other-matter"]);
  });

  it("a matter covered by one strategy is not another matter, even when another strategy does not cover it", () => {
    const two = indexOf([
      ...restrictedPerson({ restrictions: [writtenOnly()], imposedAt: T, matterRef: "CPL-1" }),
      aStrategy(
        { strategyId: "S-2", matterRef: "CPL-2", restrictions: [writtenOnly(["post"])], reviewDue: "2027-01-01" },
        at(5),
      ),
    ]);
    const v = two.evaluate(aContact({ channel: "email", at: after(T, 60), matterRef: "CPL-2" }));
    expect(v.breaches.map((b) => [b.strategyId, b.restriction])).toEqual([["S-2", "written-only"]]);
    expect(v.notes).toEqual([]);
  });

  it("a person with no strategy: a contact naming a matter is noted as other-matter, one naming none is not", () => {
    const plain = indexOf([aPerson()]);
    expect(plain.evaluate(aContact({ matterRef: "CPL-9" })).notes.map((n) => n.code)).toEqual(["other-matter"]);
    expect(plain.evaluate(aContact()).notes).toEqual([]);
  });
});

describe("as at the contact (§7): events at or before its instant count", () => {
  const restricted = (extra: RecordEvent[] = []) =>
    indexOf([...restrictedPerson({ restrictions: [writtenOnly()], imposedAt: T }), ...extra]);

  it.each([
    ["a contact before the strategy was imposed", -1, [], false],
    ["a contact at the very instant of the imposition", 0, [], true],
    ["a contact after the imposition", 10, [], true],
    ["a contact at the very instant of the lift", 30, [aLift({}, at(30))], false],
    ["a contact a second before the lift", 29.99, [aLift({}, at(30))], true],
    ["a contact after a lift by review", 40, [aReview({ outcome: "lift" }, at(30))], false],
  ] as [string, number, RecordEvent[], boolean][])("%s", (_name, minutes, extra, breached) => {
    expect(restricted(extra).evaluate(call(minutes)).breaches.length > 0).toBe(breached);
  });

  it("a variation replaces the restrictions from its at on", () => {
    const index = restricted([aVariation({ restrictions: [noReopening()] }, at(30))]);
    expect(index.evaluate(call(29)).breaches.map((b) => b.restriction)).toEqual(["written-only"]);
    expect(index.evaluate(call(30)).breaches).toEqual([]);
  });

  it("a vary review replaces the restrictions; a continue review does not", () => {
    const varied = restricted([aReview({ outcome: "vary", restrictions: [noReopening()] }, at(30))]);
    expect(varied.evaluate(call(31)).breaches).toEqual([]);
    const continued = restricted([aReview({ outcome: "continue" }, at(30))]);
    expect(continued.evaluate(call(31)).breaches.map((b) => b.restriction)).toEqual(["written-only"]);
  });

  it("a retracted imposition counts for nothing, even for a contact before the retraction", () => {
    const events = restrictedPerson({ restrictions: [writtenOnly()], imposedAt: T });
    const imposition = events[4] as RecordEvent;
    const index = indexOf([...events, aRetraction(imposition.id, at(60))]);
    expect(index.evaluate(call(10)).breaches).toEqual([]);
    expect(index.evaluate(call(10)).stage).toBe("warned");
  });

  it("a retracted lift: the strategy stays in force", () => {
    const index = restricted([aLift({}, { id: "lift", ...at(30) }), aRetraction("lift", at(40))]);
    expect(index.evaluate(call(50)).breaches.map((b) => b.restriction)).toEqual(["written-only"]);
  });
});

describe("the stage at the contact's at (§7), counting only what happened since the last lift", () => {
  const P = [aPerson({}, { at: "2026-10-01T09:00:00Z" })];
  const stageAt = (events: RecordEvent[], minutes: number) =>
    indexOf(events).evaluate(aContact({ at: after(T, minutes) })).stage;

  it("none, concern, warned, restricted, further-action", () => {
    const events: RecordEvent[] = [
      ...P,
      anIncident({}, at(-50)),
      causesConsidered({}, at(-45)),
      aWarning({}, at(-40)),
      aStrategy({ restrictions: [writtenOnly()] }, at(0)),
      aBreach({ restriction: "written-only" }, at(10)),
      furtherAction({ outcome: "not-proceeding" }, at(20)),
      furtherAction({ outcome: "proceed" }, at(30)),
    ];
    expect([-60, -50, -40, 0, 20, 30].map((m) => stageAt(events, m))).toEqual([
      "none",
      "concern",
      "warned",
      "restricted",
      "restricted",
      "further-action",
    ]);
  });

  it("the latest further-action decision counts", () => {
    const events: RecordEvent[] = [
      ...restrictedPerson({ imposedAt: T }),
      aBreach({}, at(10)),
      furtherAction({ outcome: "proceed" }, at(20)),
      furtherAction({ outcome: "not-proceeding" }, at(30)),
    ];
    expect([stageAt(events, 25), stageAt(events, 35)]).toEqual(["further-action", "restricted"]);
  });

  it("a lift starts again: warnings and incidents before it no longer count", () => {
    const events: RecordEvent[] = [
      ...restrictedPerson({ imposedAt: T }),
      aBreach({}, at(5)),
      furtherAction({}, at(6)),
      aLift({}, at(10)),
      anIncident({}, at(20)),
      aWarning({}, at(30)),
    ];
    expect([stageAt(events, 10), stageAt(events, 20), stageAt(events, 30)]).toEqual(["none", "concern", "warned"]);
  });

  it("a further-action decision before the last lift does not carry over to a new strategy", () => {
    const events: RecordEvent[] = [
      ...restrictedPerson({ imposedAt: T }),
      aBreach({}, at(5)),
      furtherAction({}, at(6)),
      aLift({}, at(10)),
      aWarning({}, at(20)),
      aStrategy({ strategyId: "S-2" }, at(30)),
    ];
    expect(stageAt(events, 40)).toBe("restricted");
  });

  it("a retracted warning counts for nothing", () => {
    const events: RecordEvent[] = [
      ...P,
      anIncident({}, at(-50)),
      aWarning({}, { id: "w", ...at(-40) }),
      aRetraction("w", at(-30)),
    ];
    expect(stageAt(events, 0)).toBe("concern");
  });
});

describe("who the contact is from (§6)", () => {
  const two = (extra: RecordEvent[] = []): RecordIndex =>
    indexOf([
      aPerson({ name: "Alex Person", emails: [PERSON_EMAIL], phones: ["+44 (0)7700 900123"] }),
      aPerson({ name: "Bo Other", emails: ["bo@example.org"], phones: ["01642 123456"] }, { personId: "P-2" }),
      ...extra,
    ]);

  it.each([
    ["the email, trimmed and in any case", { from: "  A.Person@EXAMPLE.org " }, "P-1"],
    ["the phone in another format", { channel: "phone", from: "07700 900123" }, "P-1"],
    ["the phone with 0044", { channel: "phone", from: "0044 7700 900123" }, "P-1"],
    ["the other person's phone", { channel: "phone", from: "+44 1642 123456" }, "P-2"],
    ["an unknown address", { from: "stranger@example.org" }, null],
    ["a registered personId, whatever the from", { from: "stranger@example.org", personId: "P-2" }, "P-2"],
    ["an unregistered personId", { from: PERSON_EMAIL, personId: "P-404" }, null],
  ] as [string, Partial<Contact>, string | null][])("by %s", (_name, c, expected) => {
    const v = two().evaluate(aContact(c));
    expect(v.person?.id ?? null).toBe(expected);
  });

  it("an unknown sender: person null, stage none, no breaches, no notes", () => {
    expect(two().evaluate(aContact({ from: "stranger@example.org", matterRef: "CPL-1" }))).toEqual({
      person: null,
      stage: "none",
      breaches: [],
      notes: [],
    });
  });

  it("gives the person's id and name", () => {
    expect(two().evaluate(aContact()).person).toEqual({ id: "P-1", name: "Alex Person" });
  });

  it("uses identifiers after links and unlinks", () => {
    const index = two([
      linked({ emails: ["alex.work@example.org"] }, at(1)),
      unlinked({ emails: [PERSON_EMAIL] }, at(2)),
    ]);
    expect(index.evaluate(aContact({ from: "Alex.Work@example.org" })).person?.id).toBe("P-1");
    expect(index.evaluate(aContact({ from: PERSON_EMAIL })).person).toBeNull();
  });

  it("an identifier of two people: person null and the note ambiguous-sender naming both", () => {
    const index = two([linked({ emails: [PERSON_EMAIL] }, { personId: "P-2", ...at(1) })]);
    const v = index.evaluate(aContact({ from: PERSON_EMAIL }));
    expect(v.person).toBeNull();
    expect(v.stage).toBe("none");
    expect(v.notes.map((n) => n.code)).toEqual(["ambiguous-sender"]);
    expect(v.notes[0]?.message).toContain("P-1");
    expect(v.notes[0]?.message).toContain("P-2");
    // A personId settles it.
    expect(index.evaluate(aContact({ from: PERSON_EMAIL, personId: "P-2" })).person?.id).toBe("P-2");
  });

  it("an advocate's address does not identify the person they act for", () => {
    const index = indexOf(restrictedPerson({ restrictions: [advocateOnly()], imposedAt: T }));
    expect(index.evaluate(aContact({ from: "sam@advocacy.example", at: after(T, 10) })).person).toBeNull();
    expect(
      index.evaluate(aContact({ from: "sam@advocacy.example", personId: "P-1", at: after(T, 10) })).breaches,
    ).toEqual([]);
  });

  it("a person whose only registration was retracted is unknown", () => {
    const index = indexOf([aPerson({}, { id: "reg" }), aRetraction("reg", at(1))]);
    expect(index.isRegistered("P-1")).toBe(false);
    expect(index.evaluate(aContact()).person).toBeNull();
    expect(index.evaluate(aContact({ personId: "P-1" })).person).toBeNull();
  });

  it("a person registered after the contact is still identified, with their stage as at the contact", () => {
    const index = indexOf([
      anIncident({}, { at: "2026-01-01T00:00:00Z" }),
      aPerson({}, { at: "2026-12-01T00:00:00Z" }),
    ]);
    const v = index.evaluate(aContact({ at: "2026-06-01T00:00:00Z" }));
    expect(v.person).toEqual({ id: "P-1", name: "Alex Person" });
    expect(v.stage).toBe("concern");
  });

  it("the contact is not appended: evaluating it twice gives the same answer", () => {
    const index = indexOf([...restrictedPerson({ imposedAt: T }), aLoggedContact({}, at(1))]);
    const c = aContact({ at: after(T, 10), to: [OFFICER] });
    expect(index.evaluate(c)).toEqual(index.evaluate(c));
    expect(() => index.evaluate({ ...c, at: "not a time" })).toThrow(RangeError);
  });
});
