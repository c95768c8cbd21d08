/**
 * RecordIndex.whoUses folds only the people whose registrations or links name the identifier; it
 * must give exactly what folding everyone and looking at their identifiers gives (after links,
 * unlinks and retractions), for every identifier, in any case or spacing.
 */
import fc from "fast-check";
import { identifierKey, RecordIndex, type RecordEvent } from "../../src/domain";
import { validate } from "../builders";
import { logArb } from "./arbitrary-log";

const RUNS = { numRuns: Number(process.env["PROP_RUNS"] ?? 150) };
const json = (e: RecordEvent): unknown => JSON.parse(JSON.stringify(e));
const IDENTIFIERS = ["p1@example.org", "P2@Example.org ", "p3@example.org", "nobody@example.org"];

/** Everyone folded: who has an identifier with this key. */
function everyoneWho(index: RecordIndex, from: string): string[] {
  const key = identifierKey(from);
  return index
    .personIds()
    .filter((id) => {
      const s = index.person(id);
      return [...s.emails, ...s.phones].some((v) => identifierKey(v) === key);
    })
    .sort();
}

describe("RecordIndex.whoUses", () => {
  it("agrees with folding everyone, for emails and phones, asked once or twice", () => {
    fc.assert(
      fc.property(logArb, (events) => {
        const valid = validate(events.map(json)).events;
        const phones = events.flatMap((e) =>
          e.type === "PersonRegistered" || e.type === "IdentifiersLinked" ? [...(e.data.phones ?? [])] : [],
        );
        const index = new RecordIndex(valid);
        const brute = new RecordIndex(valid);
        for (const from of [...IDENTIFIERS, ...phones]) {
          expect(index.whoUses(from)).toEqual(everyoneWho(brute, from));
          expect(index.whoUses(from)).toEqual(everyoneWho(brute, from));
        }
      }),
      RUNS,
    );
  });
});
