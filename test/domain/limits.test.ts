/**
 * Limits before parsing or copying (issue 16, Deliver 1): nesting past 64 levels is one E_SCHEMA
 * error everywhere (never a RangeError), and what the shared record cannot store (SharePoint's
 * 255-character single-line and 63,999-character multi-line columns) is refused on writing.
 */
import {
  checkShape,
  checkStorable,
  decideAppend,
  decideAppendMany,
  MAX_DATA_CHARS,
  MAX_DEPTH,
  MAX_TEXT_CHARS,
  parseWithinLimits,
  quote,
  scanJsonText,
  validateLog,
} from "../../src/domain";
import { aPerson, anIncident, aStrategy, phoneWindow } from "../builders";

/** `[[[…]]]` n deep, as a value (built without recursion). */
function nested(n: number): unknown {
  let v: unknown = [];
  for (let i = 1; i < n; i++) v = [v];
  return v;
}
const nestedText = (n: number): string => "[".repeat(n) + "]".repeat(n);

describe("nesting depth", () => {
  it("an event nested 5,000 deep in an ignored extra field is one E_SCHEMA error naming data, not a RangeError", () => {
    const e = aPerson();
    const hostile = { ...e, data: { ...e.data, extra: nested(5000) } };
    const shape = checkShape(hostile);
    expect(shape.event).toBeNull();
    expect(shape.id).toBe(e.id);
    expect(shape.errors).toEqual([
      { code: "E_SCHEMA", field: "data", message: expect.stringMatching(/^data: is nested more than 64 levels deep/) },
    ]);
    expect(decideAppend([], hostile)).toMatchObject({
      kind: "rejected",
      errors: [{ code: "E_SCHEMA", field: "data" }],
    });
  });

  it("a deep value where text belongs (the name) and a line that is itself a deep list are refused the same way", () => {
    const e = aPerson();
    expect(checkShape({ ...e, data: { ...e.data, name: nested(5000) } }).errors[0]?.field).toBe("data");
    expect(checkShape(nested(5000)).errors[0]).toMatchObject({ code: "E_SCHEMA", field: "event" });
    expect(validateLog([{ line: 3, value: nested(100_000) }]).errors).toEqual([
      { line: 3, id: null, code: "E_SCHEMA", message: expect.stringContaining("nested more than 64") },
    ]);
  });

  it("the deepest real event (a phone window) is far inside the limit, and 64 levels still pass", () => {
    expect(checkShape(aStrategy({ restrictions: [phoneWindow()] })).errors).toEqual([]);
    const e = aPerson();
    // event(1) → data(2) → extra(3) … : MAX_DEPTH levels in all.
    expect(checkShape({ ...e, data: { ...e.data, extra: nested(MAX_DEPTH - 2) } }).errors).toEqual([]);
    expect(checkShape({ ...e, data: { ...e.data, extra: nested(MAX_DEPTH - 1) } }).errors).toHaveLength(1);
  });

  it("scans text before parsing: brackets inside strings and escaped quotes do not count", () => {
    expect(scanJsonText(nestedText(MAX_DEPTH))).toBeNull();
    expect(scanJsonText(nestedText(MAX_DEPTH + 1))).toMatch(/nested more than 64/);
    expect(scanJsonText(JSON.stringify({ a: "[".repeat(500) + '\\"' + "{".repeat(500) }))).toBeNull();
    expect(scanJsonText("x".repeat(11), 10)).toBe("is 11 characters long; at most 10 are read (record-format §1)");
    expect(parseWithinLimits(nestedText(70))).toEqual({ refused: expect.stringMatching(/nested/) });
    expect(parseWithinLimits("{nope")).toEqual({ parseError: expect.any(String) });
    expect(parseWithinLimits('{"a":1}')).toEqual({ value: { a: 1 } });
  });

  it("quote never recurses into a value too deep for JSON.stringify", () => {
    expect(quote(nested(20_000))).toBe("a list");
    expect(quote({ a: nested(20_000) })).toBe("an object");
  });
});

describe("what the shared record can store (checked on writing, not by csm)", () => {
  const person = aPerson({}, { id: "p1" });
  const existing = [{ event: person, atMs: Date.parse(person.at), recordedAtMs: Number.NEGATIVE_INFINITY }];

  it("a 300,000-character file note is refused at once, naming the field and the limit", () => {
    const note = anIncident({ summary: "x".repeat(300_000) });
    const decision = decideAppend(existing, note);
    expect(decision).toEqual({
      kind: "rejected",
      errors: [
        {
          code: "E_SCHEMA",
          field: "data.summary",
          message: `data.summary: is 300,000 characters long; at most 20,000 fit the shared record, so shorten it (record-format §1)`,
        },
      ],
    });
    expect(decideAppendMany(existing, [note])).toMatchObject({ kind: "rejected" });
    // …while the record-format itself sets no size: csm's validate reads it as valid.
    expect(
      validateLog([
        { line: 1, value: person },
        { line: 2, value: note },
      ]).errors,
    ).toEqual([]);
  });

  it("texts within the field limit that add up past the column's 63,999 characters are refused as data", () => {
    const big = "y".repeat(MAX_TEXT_CHARS);
    const e = anIncident({ summary: big, matterRef: big, staffAffected: [big, big] });
    expect(checkStorable(e)).toEqual([
      { field: "data", message: expect.stringMatching(/^data: is 80,\d{3} characters as JSON; at most 63,999/) },
    ]);
    expect(decideAppend(existing, e).kind).toBe("rejected");
  });

  it("escapes count: 12,000 control characters are 72,000 characters as stored", () => {
    const e = anIncident({ summary: "\u0001".repeat(12_000) });
    expect(JSON.stringify(e.data).length).toBeGreaterThan(MAX_DATA_CHARS);
    expect(checkStorable(e).map((p) => p.field)).toEqual(["data"]);
  });

  it("envelope fields longer than a single-line column (255) are refused", () => {
    const e = anIncident({}, { personId: "p".repeat(256), by: "b".repeat(300) });
    expect(checkStorable(e).map((p) => p.field)).toEqual(["personId", "by"]);
    expect(checkStorable(anIncident({}, { personId: "p".repeat(255) }))).toEqual([]);
  });

  it("an ordinary event is untouched", () => {
    expect(checkStorable(anIncident({ summary: "z".repeat(MAX_TEXT_CHARS) }))).toEqual([]);
    expect(decideAppend(existing, anIncident()).kind).toBe("append");
  });
});
