/** When a contact breaches each restriction (record-format §5, policy 9.9), in London time. */
import type { Contact, RecordEvent, Restriction } from "../../src/domain";
import {
  aContact,
  advocateOnly,
  aLoggedContact,
  aRetraction,
  aReview,
  aVariation,
  blockedAddresses,
  callRecording,
  dedicatedAddress,
  indexOf,
  noReopening,
  OFFICER,
  OTHER_OFFICER,
  PERSON_EMAIL,
  PERSON_PHONE,
  phoneWindow,
  restrictedPerson,
  spoc,
  writtenOnly,
} from "../builders";

const IMPOSED = "2026-03-02T09:00:00Z"; // a Monday in GMT, before both the BST and GMT cases below

/** The kinds of restriction the contact breaches, for a person restricted by `restrictions` (plus `extra` events). */
function breaches(restrictions: Restriction[], contact: Partial<Contact>, extra: RecordEvent[] = []): string[] {
  const index = indexOf([...restrictedPerson({ restrictions, imposedAt: IMPOSED }), ...extra]);
  return index.evaluate(aContact(contact)).breaches.map((b) => b.restriction);
}

const phone = (at: string, c: Partial<Contact> = {}): Partial<Contact> => ({
  channel: "phone",
  at,
  from: PERSON_PHONE,
  to: [OFFICER],
  ...c,
});
const tuesdayMorning = phoneWindow({ windows: [{ day: "tue", from: "10:00", to: "12:00" }] });
const sundayLate = phoneWindow({ windows: [{ day: "sun", from: "22:00", to: "24:00" }] });
const always = (r: Partial<Extract<Restriction, { kind: "phone-window" }>>) =>
  phoneWindow({
    windows: (["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const).map((day) => ({
      day,
      from: "00:00",
      to: "24:00",
    })),
    ...r,
  });
const loggedCall = (at: string, env: { id?: string } = {}) => aLoggedContact({ channel: "phone" }, { at, ...env });

describe("phone-window: outside every window, London local time, from inclusive, to exclusive", () => {
  it.each([
    ["Tue 10:00 GMT: from is inclusive", "2026-11-03T10:00:00Z", tuesdayMorning, false],
    ["Tue 11:59:59 GMT", "2026-11-03T11:59:59Z", tuesdayMorning, false],
    ["Tue 12:00 GMT: to is exclusive", "2026-11-03T12:00:00Z", tuesdayMorning, true],
    ["Tue 09:59:59 GMT", "2026-11-03T09:59:59Z", tuesdayMorning, true],
    ["Wed 10:30 GMT: another day", "2026-11-04T10:30:00Z", tuesdayMorning, true],
    ["Tue 10:30 BST (09:30 UTC)", "2026-06-02T09:30:00Z", tuesdayMorning, false],
    ["Tue 12:30 BST (11:30 UTC, inside in UTC)", "2026-06-02T11:30:00Z", tuesdayMorning, true],
    ["Tue 09:30 BST (08:30 UTC)", "2026-06-02T08:30:00Z", tuesdayMorning, true],
    ["Sun 23:59:59 GMT with to 24:00", "2026-11-08T23:59:59Z", sundayLate, false],
    ["Mon 00:00 GMT after a Sunday window to 24:00", "2026-11-09T00:00:00Z", sundayLate, true],
    ["Sun 23:59 BST with to 24:00", "2026-06-07T22:59:00Z", sundayLate, false],
    ["Mon 00:00 BST (Sun 23:00 UTC)", "2026-06-07T23:00:00Z", sundayLate, true],
    ["Sun 22:00 BST (21:00 UTC)", "2026-06-07T21:00:00Z", sundayLate, false],
    ["Sun 21:30 BST (20:30 UTC)", "2026-06-07T20:30:00Z", sundayLate, true],
  ])("%s", (_name, at, r, breached) => {
    expect(breaches([r], phone(at))).toEqual(breached ? ["phone-window"] : []);
  });

  it("applies to phone contacts only", () => {
    expect(breaches([tuesdayMorning], { channel: "email", at: "2026-11-04T10:30:00Z" })).toEqual([]);
    expect(breaches([tuesdayMorning], { channel: "in-person", at: "2026-11-04T10:30:00Z" })).toEqual([]);
  });

  it("is inside when any one of several windows holds it", () => {
    const r = phoneWindow({
      windows: [
        { day: "mon", from: "09:00", to: "10:00" },
        { day: "wed", from: "14:00", to: "15:00" },
      ],
    });
    expect(breaches([r], phone("2026-11-04T14:30:00Z"))).toEqual([]);
    expect(breaches([r], phone("2026-11-04T15:30:00Z"))).toEqual(["phone-window"]);
  });

  it("gives a reason in UK time that staff can act on", () => {
    const index = indexOf(restrictedPerson({ restrictions: [tuesdayMorning], imposedAt: IMPOSED }));
    const [b] = index.evaluate(aContact(phone("2026-06-02T11:30:00Z"))).breaches;
    expect(b).toEqual({
      strategyId: "S-1",
      restriction: "phone-window",
      policyRef: "9.9",
      reason:
        "This call on Tuesday at 12:30 UK time is outside the agreed call times (Tuesday 10:00–12:00); remind them of the agreed calls and record the breach.",
    });
  });
});

describe("phone-window maxCalls: call maxCalls + 1 or more in its London week or month", () => {
  const oncePerWeek = always({ maxCalls: 1 });
  it.each([
    ["the first call of the week", [], "2026-11-04T10:00:00Z", false],
    ["a second call in the same week", ["2026-11-03T10:00:00Z"], "2026-11-04T10:00:00Z", true],
    ["Monday 00:30 GMT after a Sunday 23:30 call: a new week", ["2026-11-08T23:30:00Z"], "2026-11-09T00:30:00Z", false],
    [
      "Monday 00:30 BST (Sun 23:30 UTC) after a Sunday 23:00 BST call: a new week",
      ["2026-06-07T22:00:00Z"],
      "2026-06-07T23:30:00Z",
      false,
    ],
    ["Sunday 23:45 BST after a Monday call that week", ["2026-06-01T09:00:00Z"], "2026-06-07T22:45:00Z", true],
    ["a call logged after the contact does not count", ["2026-11-05T10:00:00Z"], "2026-11-04T10:00:00Z", false],
    [
      "a call logged at the very same instant does not count (it is this call)",
      ["2026-11-04T10:00:00Z"],
      "2026-11-04T10:00:00Z",
      false,
    ],
  ])("%s", (_name, earlier, at, breached) => {
    expect(
      breaches(
        [oncePerWeek],
        phone(at),
        earlier.map((t) => loggedCall(t)),
      ),
    ).toEqual(breached ? ["phone-window"] : []);
  });

  it("defaults to a week and counts only logged phone contacts", () => {
    const extra = [
      aLoggedContact({ channel: "email", from: PERSON_EMAIL }, { at: "2026-11-03T10:00:00Z" }),
      aLoggedContact({ channel: "in-person" }, { at: "2026-11-03T11:00:00Z" }),
    ];
    expect(breaches([oncePerWeek], phone("2026-11-04T10:00:00Z"), extra)).toEqual([]);
  });

  it("counts as one more call after the logged ones: two allowed, the third breaches", () => {
    const twice = always({ maxCalls: 2 });
    const calls = [loggedCall("2026-11-02T10:00:00Z"), loggedCall("2026-11-03T10:00:00Z")];
    expect(breaches([twice], phone("2026-11-03T09:00:00Z"), calls)).toEqual([]);
    expect(breaches([twice], phone("2026-11-04T10:00:00Z"), calls)).toEqual(["phone-window"]);
    const index = indexOf([...restrictedPerson({ restrictions: [twice], imposedAt: IMPOSED }), ...calls]);
    expect(index.evaluate(aContact(phone("2026-11-04T10:00:00Z"))).breaches[0]?.reason).toBe(
      "It is call 3 this week, more than the 2 allowed; remind them of the agreed calls and record the breach.",
    );
  });

  it.each([
    ["30 June 23:30 BST is still June: call 3", "2026-06-30T22:30:00Z", true],
    ["1 July 00:30 BST (30 June 23:30 UTC) is July: call 1", "2026-06-30T23:30:00Z", false],
    ["30 Nov 23:59 GMT is November: call 3", "2026-11-30T23:59:00Z", true],
    ["1 Dec 00:00 GMT is December", "2026-12-01T00:00:00Z", false],
  ])("per month, calendar months in London: %s", (_name, at, breached) => {
    const twiceAMonth = always({ maxCalls: 2, per: "month" });
    const month = at.startsWith("2026-06") ? "2026-06" : "2026-11";
    const calls = [loggedCall(`${month}-10T10:00:00Z`), loggedCall(`${month}-20T10:00:00Z`)];
    expect(breaches([twiceAMonth], phone(at), calls)).toEqual(breached ? ["phone-window"] : []);
  });

  it("counts only since the restriction took effect: its imposition", () => {
    const index = indexOf([
      ...restrictedPerson({ restrictions: [oncePerWeek], imposedAt: "2026-11-04T12:00:00Z" }),
      loggedCall("2026-11-04T09:00:00Z"),
    ]);
    expect(index.evaluate(aContact(phone("2026-11-05T10:00:00Z"))).breaches).toEqual([]);
  });

  it("counts only since the restriction took effect: a variation or vary review that set it", () => {
    const before = [loggedCall("2026-11-03T09:00:00Z")];
    const varied = aVariation({ restrictions: [oncePerWeek] }, { at: "2026-11-03T12:00:00Z" });
    expect(breaches([oncePerWeek], phone("2026-11-04T10:00:00Z"), [...before, varied])).toEqual([]);
    const reviewed = aReview(
      { outcome: "vary", restrictions: [oncePerWeek], nextReviewDue: "2027-01-01" },
      { at: "2026-11-03T12:00:00Z" },
    );
    expect(breaches([oncePerWeek], phone("2026-11-04T10:00:00Z"), [...before, reviewed])).toEqual([]);
    // A continue review changes nothing: the earlier call still counts.
    const continued = aReview({ outcome: "continue", nextReviewDue: "2027-01-01" }, { at: "2026-11-03T12:00:00Z" });
    expect(breaches([oncePerWeek], phone("2026-11-04T10:00:00Z"), [...before, continued])).toEqual(["phone-window"]);
  });

  it("excludes retracted calls", () => {
    const extra = [
      loggedCall("2026-11-03T10:00:00Z", { id: "call-1" }),
      aRetraction("call-1", { at: "2026-11-03T11:00:00Z" }),
    ];
    expect(breaches([oncePerWeek], phone("2026-11-04T10:00:00Z"), extra)).toEqual([]);
  });

  it("reports both problems of one call in one sentence", () => {
    const index = indexOf([
      ...restrictedPerson({ restrictions: [phoneWindow({ maxCalls: 1 })], imposedAt: IMPOSED }),
      loggedCall("2026-11-03T10:00:00Z"),
    ]);
    const verdict = index.evaluate(aContact(phone("2026-11-04T10:30:00Z")));
    expect(verdict.breaches).toHaveLength(1);
    expect(verdict.breaches[0]?.reason).toMatch(
      /^This call on Wednesday at 10:30 UK time is outside .*, and it is call 2 this week, more than the 1 allowed; /,
    );
  });
});

describe("the other restrictions", () => {
  const cases: [string, Restriction, Partial<Contact>, boolean][] = [
    ["written-only: an email when email is allowed", writtenOnly(["email"]), { channel: "email" }, false],
    ["written-only: a letter when only email is allowed", writtenOnly(["email"]), { channel: "post" }, true],
    ["written-only: a call", writtenOnly(), { channel: "phone", from: PERSON_PHONE }, true],
    ["written-only: a visit", writtenOnly(), { channel: "in-person" }, true],
    ["written-only: a web form", writtenOnly(), { channel: "online" }, true],
    ["written-only: other", writtenOnly(), { channel: "other" }, true],
    ["call-recording: never", callRecording(), { channel: "phone", from: PERSON_PHONE }, false],
    ["dedicated-address: only to the address", dedicatedAddress("cs@opcc.example"), { to: ["cs@opcc.example"] }, false],
    [
      "dedicated-address: case and spaces do not matter",
      dedicatedAddress("cs@opcc.example"),
      { to: [" CS@OPCC.example "] },
      false,
    ],
    [
      "dedicated-address: copied to an officer",
      dedicatedAddress("cs@opcc.example"),
      { to: ["cs@opcc.example", OFFICER] },
      true,
    ],
    ["dedicated-address: to an officer only", dedicatedAddress("cs@opcc.example"), { to: [OFFICER] }, true],
    [
      "dedicated-address: a call is not an email",
      dedicatedAddress("cs@opcc.example"),
      { channel: "phone", from: PERSON_PHONE, to: [OFFICER] },
      false,
    ],
    [
      "blocked-addresses: from a blocked address",
      blockedAddresses([" A.Person@Example.org"]),
      { from: PERSON_EMAIL },
      true,
    ],
    ["blocked-addresses: from another address", blockedAddresses(["old@example.org"]), { from: PERSON_EMAIL }, false],
    ["blocked-addresses: a letter", blockedAddresses([PERSON_EMAIL]), { channel: "post", from: PERSON_EMAIL }, false],
    ["advocate-only: directly from the person", advocateOnly(), { from: PERSON_EMAIL }, true],
    ["advocate-only: a call from the person", advocateOnly(), { channel: "phone", from: PERSON_PHONE }, true],
    ["advocate-only: marked as via the advocate", advocateOnly(), { from: PERSON_EMAIL, viaAdvocate: true }, false],
    [
      "advocate-only: from the advocate's email",
      advocateOnly(),
      { from: "SAM@advocacy.example", personId: "P-1" },
      false,
    ],
    [
      "advocate-only: from the advocate's phone",
      advocateOnly(),
      { channel: "phone", from: "+44 1642 000111", personId: "P-1" },
      false,
    ],
    [
      "advocate-only: viaAdvocate false and not from the advocate",
      advocateOnly(),
      { from: PERSON_EMAIL, viaAdvocate: false },
      true,
    ],
    [
      "advocate-only: an advocate with no email",
      advocateOnly({ name: "Sam" }),
      { from: "sam@advocacy.example", personId: "P-1" },
      true,
    ],
    ["single point of contact: to the SPOC", spoc(OFFICER), { to: [OFFICER.toUpperCase()] }, false],
    ["single point of contact: to another officer", spoc(OFFICER), { to: [OTHER_OFFICER] }, true],
    ["single point of contact: copied to another officer", spoc(OFFICER), { to: [OFFICER, OTHER_OFFICER] }, true],
    [
      "single point of contact: a call taken by another officer",
      spoc(OFFICER),
      { channel: "phone", from: PERSON_PHONE, to: [OTHER_OFFICER] },
      true,
    ],
    [
      "single point of contact: a visit seen by another officer",
      spoc(OFFICER),
      { channel: "in-person", to: [OTHER_OFFICER] },
      true,
    ],
    [
      "single point of contact: a letter cannot breach it",
      spoc(OFFICER),
      { channel: "post", to: [OTHER_OFFICER] },
      false,
    ],
    [
      "single point of contact: online cannot breach it",
      spoc(OFFICER),
      { channel: "online", to: [OTHER_OFFICER] },
      false,
    ],
    [
      "single point of contact: other cannot breach it",
      spoc(OFFICER),
      { channel: "other", to: [OTHER_OFFICER] },
      false,
    ],
    [
      "no-reopening: a request to reopen a listed matter",
      noReopening(["CPL-0"]),
      { matterRef: "CPL-0", reopenRequest: true },
      true,
    ],
    [
      "no-reopening: about a listed matter without asking to reopen",
      noReopening(["CPL-0"]),
      { matterRef: "CPL-0", reopenRequest: false },
      false,
    ],
    [
      "no-reopening: asking to reopen another matter",
      noReopening(["CPL-0"]),
      { matterRef: "CPL-1", reopenRequest: true },
      false,
    ],
  ];
  it.each(cases)("%s", (_name, r, contact, breached) => {
    expect(breaches([r], contact)).toEqual(breached ? [r.kind] : []);
  });

  it("a dedicated address of the same strategy also counts as allowed for the SPOC", () => {
    expect(breaches([spoc(OFFICER), dedicatedAddress("cs@opcc.example")], { to: ["cs@opcc.example"] })).toEqual([]);
    // Each restriction is judged on its own: the SPOC is allowed, the dedicated address is not respected.
    expect(
      breaches([spoc(OFFICER), dedicatedAddress("cs@opcc.example")], { to: ["cs@opcc.example", OFFICER] }),
    ).toEqual(["dedicated-address"]);
    expect(
      breaches([spoc(OFFICER), dedicatedAddress("cs@opcc.example")], { to: ["cs@opcc.example", OTHER_OFFICER] }),
    ).toEqual(["single-point-of-contact", "dedicated-address"]);
  });

  it("a dedicated address of another strategy does not count for this SPOC", () => {
    const index = indexOf([
      ...restrictedPerson({ restrictions: [spoc(OFFICER)], imposedAt: IMPOSED, matterRef: "M-1" }),
      ...restrictedPerson({
        restrictions: [dedicatedAddress("cs@opcc.example")],
        imposedAt: "2026-03-20T09:00:00Z",
        strategyId: "S-2",
        matterRef: "M-2",
      }).slice(4),
    ]);
    const verdict = index.evaluate(aContact({ to: ["cs@opcc.example"] }));
    expect(verdict.breaches.map((b) => [b.strategyId, b.restriction])).toEqual([["S-1", "single-point-of-contact"]]);
  });

  it.each([
    [
      writtenOnly(["email"]),
      { channel: "in-person" as const },
      "Contact is agreed in writing only (by email) but this came in person; ask them to write instead and record the breach.",
    ],
    [
      dedicatedAddress("cs@opcc.example"),
      { to: [OFFICER] },
      "This email was sent to officer.one@opcc.example instead of only the dedicated address cs@opcc.example; redirect it there and record the breach.",
    ],
    [
      blockedAddresses([PERSON_EMAIL]),
      {},
      "This email comes from a.person@example.org, an address the contact strategy blocks; review it for anything new (9.10) and record the breach.",
    ],
    [
      advocateOnly(),
      {},
      "Contact is agreed only through their advocate Sam Advocate but this came directly; reply through the advocate and record the breach.",
    ],
    [
      spoc(OTHER_OFFICER),
      { channel: "phone" as const, from: PERSON_PHONE },
      "This call was taken by officer.one@opcc.example rather than the single point of contact officer.two@opcc.example; pass it to them and record the breach.",
    ],
    [
      noReopening(["CPL-0"]),
      { matterRef: "CPL-0", reopenRequest: true },
      "This asks to reopen CPL-0, a closed matter the contact strategy says will not be reopened; do not reopen it, review it for anything new (9.10) and record the breach.",
    ],
  ])("reason for %j is one plain sentence", (r, contact, reason) => {
    const index = indexOf(restrictedPerson({ restrictions: [r], imposedAt: IMPOSED }));
    expect(index.evaluate(aContact(contact)).breaches.map((b) => b.reason)).toEqual([reason]);
  });
});
