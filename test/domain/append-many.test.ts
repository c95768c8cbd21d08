/**
 * decideAppendMany (a batch appended all or nothing, checked in one pass in log order) and
 * trustedLogged (a stored event read back with only its instants parsed), against the checks
 * they must agree with: validateLog, decideAppend and checkShape.
 */
import fc from "fast-check";
import {
  checkShape,
  decideAppend,
  decideAppendMany,
  trustedLogged,
  type LoggedEvent,
  type RecordEvent,
} from "../../src/domain";
import { anIncident, validate } from "../builders";
import { logArb, shuffle } from "./arbitrary-log";

const RUNS = { numRuns: Number(process.env["PROP_RUNS"] ?? 150) };
const json = (e: RecordEvent): unknown => JSON.parse(JSON.stringify(e));

/** The accepted events of a random log whose registrations were all accepted (so none counts by lookahead only). */
function validLog(events: readonly RecordEvent[]): LoggedEvent[] | null {
  const accepted = validate(events.map(json)).events;
  const ids = new Set(accepted.map((l) => l.event.id));
  return events.every((e) => e.type !== "PersonRegistered" || ids.has(e.id)) ? [...accepted] : null;
}

describe("decideAppendMany", () => {
  it("accepts any valid log split into stored events and a batch in any order, appending every batch event", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), fc.integer(), (events, cut, seed) => {
        const log = validLog(events);
        fc.pre(log !== null && log.length > 0);
        const k = cut % (log!.length + 1);
        const existing = log!.slice(0, k);
        const batch = shuffle(
          log!.slice(k).map((l) => l.event),
          seed,
        );
        const decision = decideAppendMany(existing, batch.map(json));
        expect(decision.kind).toBe("append");
        if (decision.kind !== "append") return;
        expect(decision.outcomes).toEqual(batch.map(() => "appended"));
        expect(decision.logged.map((l) => l.event.id)).toEqual(batch.map((e) => e.id));
      }),
      RUNS,
    );
  });

  it("agrees with decideAppend for a batch of one", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), (events, pick) => {
        const accepted = validate(events.map(json)).events;
        fc.pre(events.length > 0);
        const candidate = json(events[pick % events.length] as RecordEvent);
        const one = decideAppend(accepted, candidate);
        const many = decideAppendMany(accepted, [candidate]);
        if (one.kind === "rejected") {
          expect(many).toEqual({ kind: "rejected", index: 0, errors: one.errors });
        } else if (one.kind === "duplicate") {
          expect(many).toEqual({ kind: "append", outcomes: ["duplicate"], logged: [] });
        } else {
          expect(many).toEqual({ kind: "append", outcomes: ["appended"], logged: [one.logged] });
        }
      }),
      RUNS,
    );
  });

  it("refuses the whole batch for one bad event, naming the first refused one by position", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), (events, where) => {
        const log = validLog(events);
        fc.pre(log !== null && log.length > 0);
        const batch: unknown[] = log!.map((l) => json(l.event));
        const at = where % (batch.length + 1);
        batch.splice(at, 0, json(anIncident({}, { id: "stray-1", personId: "P-404" })));
        const decision = decideAppendMany([], batch);
        expect(decision.kind).toBe("rejected");
        if (decision.kind !== "rejected") return;
        expect(decision.index).toBe(at);
        expect(decision.errors.map((e) => e.code)).toEqual(["E_UNKNOWN_PERSON"]);
      }),
      RUNS,
    );
  });

  it("an identical repeat in the batch is a duplicate; a conflicting one is E_DUPLICATE_ID", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), (events, pick) => {
        const log = validLog(events);
        fc.pre(log !== null && log.length > 0);
        const batch: unknown[] = log!.map((l) => json(l.event));
        const i = pick % batch.length;
        const again = decideAppendMany([], [...batch, batch[i]]);
        expect(again.kind === "append" && again.outcomes[batch.length]).toBe("duplicate");
        const changed = { ...(batch[i] as RecordEvent), by: "someone.else@opcc.example" };
        const conflict = decideAppendMany([], [...batch, changed]);
        expect(conflict.kind === "rejected" && [conflict.index, conflict.errors.map((e) => e.code)]).toEqual([
          batch.length,
          ["E_DUPLICATE_ID"],
        ]);
      }),
      RUNS,
    );
  });
});

describe("trustedLogged", () => {
  it("reads back every accepted event exactly as checkShape parses it", () => {
    fc.assert(
      fc.property(logArb, (events) => {
        for (const { event } of validate(events.map(json)).events) {
          const shape = checkShape(event);
          expect(trustedLogged(event)).toEqual({ event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs });
        }
      }),
      RUNS,
    );
  });

  it("is null for what is not structurally an event", () => {
    const e = json(anIncident()) as Record<string, unknown>;
    for (const bad of [
      null,
      "x",
      [],
      { ...e, at: "yesterday" },
      { ...e, recordedAt: 5 },
      { ...e, id: 7 },
      { ...e, data: null },
    ])
      expect(trustedLogged(bad)).toBeNull();
    expect(trustedLogged(e)).not.toBeNull();
  });
});
