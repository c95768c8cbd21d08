/**
 * Properties of the fold (record-format §1, §7): it does not depend on input order; appending an
 * identical event twice changes nothing; a retracted event is as if absent. And London time agrees
 * with the platform's time-zone database.
 */
import fc from "fast-check";
import { decideAppend, londonTime, RecordIndex, summarise, type Contact, type RecordEvent } from "../../src/domain";
import { aRetraction, toLogged, validate } from "../builders";
import { contactArb, logArb, PEOPLE, shuffle } from "./arbitrary-log";

const NOW = Date.parse("2026-12-31T12:00:00Z");
const RUNS = { numRuns: Number(process.env["PROP_RUNS"] ?? 150) };

/** Everything a screen could show: each person's summary, and verdicts for some contacts. */
function view(index: RecordIndex, contacts: readonly Contact[]): unknown {
  return {
    people: PEOPLE.filter((p) => index.isRegistered(p)).map((p) => summarise(index.person(p), NOW)),
    verdicts: contacts.map((c) => index.evaluate(c)),
  };
}

const json = (e: RecordEvent): unknown => JSON.parse(JSON.stringify(e));
const errorKeys = (events: readonly unknown[]) =>
  validate(events)
    .errors.map((e) => `${e.id}:${e.code}`)
    .sort();

describe("the fold does not depend on input order", () => {
  it("validation and every view are the same for any order of the lines", () => {
    fc.assert(
      fc.property(logArb, fc.integer(), fc.array(contactArb, { maxLength: 8 }), (events, seed, contacts) => {
        const shuffled = shuffle(events, seed);
        const a = validate(events.map(json));
        const b = validate(shuffled.map(json));
        expect(b.events.map((e) => e.event.id)).toEqual(a.events.map((e) => e.event.id));
        expect(errorKeys(shuffled.map(json))).toEqual(errorKeys(events.map(json)));
        expect(view(new RecordIndex(b.events), contacts)).toEqual(view(new RecordIndex(a.events), contacts));
      }),
      RUNS,
    );
  });
});

describe("appending an identical event twice changes nothing", () => {
  it("a repeated line is a no-op, wherever it appears", () => {
    fc.assert(
      fc.property(
        logArb,
        fc.nat(),
        fc.nat(),
        fc.array(contactArb, { maxLength: 8 }),
        (events, pick, where, contacts) => {
          const once = validate(events.map(json));
          const copy = events[pick % events.length] as RecordEvent;
          const lines = events.map(json);
          lines.splice(where % (lines.length + 1), 0, json(copy));
          const twice = validate(lines);
          expect(twice.events.map((e) => e.event.id)).toEqual(once.events.map((e) => e.event.id));
          expect(view(new RecordIndex(twice.events), contacts)).toEqual(view(new RecordIndex(once.events), contacts));
        },
      ),
      RUNS,
    );
  });

  it("a store answers duplicate for an event it already holds", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), (events, pick) => {
        const accepted = validate(events.map(json)).events;
        fc.pre(accepted.length > 0);
        const held = (accepted[pick % accepted.length] as (typeof accepted)[number]).event;
        expect(decideAppend(accepted, json(held)).kind).toBe("duplicate");
      }),
      RUNS,
    );
  });
});

describe("a retracted event is as if absent", () => {
  it("every view with the event retracted equals the view without it", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), fc.array(contactArb, { maxLength: 8 }), (events, pick, contacts) => {
        const accepted = validate(events.map(json)).events;
        const index = new RecordIndex(accepted);
        const candidates = accepted.filter((l) => l.event.type !== "EventRetracted" && !index.isRetracted(l.event.id));
        fc.pre(candidates.length > 0);
        const target = (candidates[pick % candidates.length] as (typeof candidates)[number]).event;
        const retraction = aRetraction(target.id, {
          id: "the-retraction",
          personId: target.personId,
          at: "2027-01-01T00:00:00Z",
        });
        const withRetraction = validate([...accepted.map((l) => json(l.event)), json(retraction)]);
        // (It can be refused only when the person's registration itself was retracted: E_UNKNOWN_PERSON.)
        fc.pre(withRetraction.errors.length === 0);
        const without = toLogged(accepted.map((l) => l.event).filter((e) => e.id !== target.id));
        expect(view(new RecordIndex(withRetraction.events), contacts)).toEqual(
          view(new RecordIndex(without), contacts),
        );
      }),
      RUNS,
    );
  });
});

describe("London time agrees with the time-zone database", () => {
  const fmt = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short",
    hourCycle: "h23",
  });
  it("for any instant from 1997 to 2099", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("1997-01-01T00:00:00Z"), max: Date.parse("2099-12-31T00:00:00Z") }),
        (ms) => {
          const parts = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
          const t = londonTime(ms);
          expect(t.date).toBe(`${parts["year"]}-${parts["month"]}-${parts["day"]}`);
          expect(t.minutes).toBe(Number(parts["hour"]) * 60 + Number(parts["minute"]));
          expect(t.weekday).toBe(String(parts["weekday"]).toLowerCase().slice(0, 3));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
