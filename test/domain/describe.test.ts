/** Plain-English descriptions, messages and small helpers of the domain. */
import {
  assistanceOffered,
  blockedAddresses,
  callRecording,
  dedicatedAddress,
  advocateOnly,
  aPerson,
  indexOf,
  noReopening,
  phoneWindow,
  spoc,
  writtenOnly,
} from "../builders";
import {
  deepEqual,
  describeRestriction,
  describeRestrictions,
  listInWords,
  oneLine,
  quote,
  RecordRejectedError,
  restrictionFields,
  sameContent,
} from "../../src/domain";

describe("describeRestriction", () => {
  it.each([
    [phoneWindow(), "phone calls only on Tuesday 10:00–12:00"],
    [phoneWindow({ maxCalls: 1 }), "phone calls only on Tuesday 10:00–12:00, at most 1 call a week"],
    [
      phoneWindow({
        maxCalls: 3,
        per: "month",
        windows: [
          { day: "mon", from: "09:00", to: "10:00" },
          { day: "thu", from: "14:00", to: "15:00" },
        ],
      }),
      "phone calls only on Monday 09:00–10:00 and Thursday 14:00–15:00, at most 3 calls a month",
    ],
    [writtenOnly(), "contact in writing only, by email or post"],
    [callRecording(), "telephone calls are recorded or monitored"],
    [dedicatedAddress("cs@opcc.example"), "emails only to cs@opcc.example"],
    [blockedAddresses(["a@x.org", "b@x.org"]), "emails from a@x.org and b@x.org are blocked"],
    [advocateOnly({ name: "Sam" }), "contact only through their advocate, Sam"],
    [spoc("one@opcc.example"), "contact only with the single point of contact, one@opcc.example"],
    [noReopening(["M-1"]), "no reopening of closed matter M-1"],
    [noReopening(["M-1", "M-2", "M-3"]), "no reopening of closed matters M-1, M-2 and M-3"],
  ])("%j", (r, text) => {
    expect(describeRestriction(r)).toBe(text);
  });

  it("joins a set", () => {
    expect(describeRestrictions([writtenOnly(["email"]), callRecording()])).toBe(
      "contact in writing only, by email and telephone calls are recorded or monitored",
    );
    expect(listInWords([])).toBe("");
  });
});

describe("restrictionFields keeps the documented fields of every kind", () => {
  it.each([
    phoneWindow(),
    writtenOnly(),
    callRecording(),
    dedicatedAddress(),
    blockedAddresses(),
    advocateOnly(),
    spoc(),
    noReopening(),
  ])("%j", (r) => {
    expect(restrictionFields(r)).toEqual(r);
  });
});

describe("messages", () => {
  it("quote echoes values short, on one line", () => {
    expect(quote("a\nb")).toBe('"a b"');
    expect(quote(undefined)).toBe("undefined");
    expect(quote(12)).toBe("12");
    expect(quote({ a: [1] })).toBe('{"a":[1]}');
    expect(quote(10n)).toBe("10");
    expect(quote("x".repeat(100))).toBe(`"${"x".repeat(60)}…"`);
    expect(oneLine("a\r\nb", 2)).toBe("a …");
  });

  it("a refused append carries every code", () => {
    const err = new RecordRejectedError([
      { code: "E_NO_WARNING", message: "no warning" },
      { code: "E_NO_CAUSES", message: "no causes" },
    ]);
    expect(err.codes).toEqual(["E_NO_WARNING", "E_NO_CAUSES"]);
    expect(err.message).toBe("E_NO_WARNING: no warning; E_NO_CAUSES: no causes");
    expect(err.name).toBe("RecordRejectedError");
  });
});

describe("identical events (§1): everything but recordedAt equal", () => {
  it("ignores key order and recordedAt, but not data", () => {
    const a = aPerson({}, { id: "p", recordedAt: "2026-01-01T00:00:00Z" });
    const b = {
      by: a.by,
      data: { phones: a.data.phones, emails: a.data.emails, name: a.data.name },
      at: a.at,
      personId: a.personId,
      type: a.type,
      id: a.id,
    };
    expect(sameContent(a, b as typeof a)).toBe(true);
    expect(sameContent(a, { ...a, data: { ...a.data, name: "Other" } })).toBe(false);
    expect(sameContent(a, { ...a, data: { ...a.data, emails: [] } })).toBe(false);
  });

  it("deepEqual compares JSON values, stack-safe", () => {
    expect(deepEqual([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual(null, {})).toBe(false);
    let x: unknown = 1;
    let y: unknown = 1;
    for (let i = 0; i < 100_000; i++) {
      x = [x];
      y = [y];
    }
    expect(deepEqual(x, y)).toBe(true);
  });
});

describe("the fold keeps what it is told", () => {
  it("assistance offered at the outset (8.1)", () => {
    const index = indexOf([aPerson(), assistanceOffered({ accepted: false }, { at: "2026-10-30T00:00:00Z" })]);
    expect(index.person("P-1").assistanceOffered).toBe(false);
  });
});
