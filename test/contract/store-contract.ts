/**
 * The EventStore contract (src/app/ports.ts, record-format §1 and §8): one suite that every store
 * must pass. It knows nothing of any storage technology; a store's test file calls
 *
 *   describeEventStoreContract("My store", async () => ({ store, reopen, cleanup }));
 *
 * `makeStore` gives a fresh, empty store for each test. `reopen`, when the store persists, gives
 * ANOTHER instance over the same storage (as a reload or a second tab would) while the first stays
 * usable. Stores that cannot reopen (memory) or clear (production stores) say so in `options`, and
 * those tests show as skipped rather than passing without checking anything.
 */
import { RecordRejectedError, type ErrorCode, type RecordEvent } from "../../src/domain";
import type { EventStore } from "../../src/app/ports";
import { minutes, recordBuilder } from "./builders";

export interface StoreUnderTest {
  readonly store: EventStore;
  /** Another instance over the same storage (a reload, or a second tab). */
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

export interface ContractOptions {
  /** Default true: `makeStore` gives `reopen`, and the persistence and two-instance tests run. */
  readonly supportsReopen?: boolean;
  /** Default true: the store implements `clear()`. */
  readonly supportsClear?: boolean;
  /**
   * Default false: the store implements the optional `appendMany` and `readAllLogged`, and their
   * tests run (a store that has them must say so: one test checks the flag matches the store).
   */
  readonly supportsAppendMany?: boolean;
}

const byId = (events: readonly RecordEvent[]): RecordEvent[] =>
  [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const idsOf = (events: readonly RecordEvent[]): string[] => events.map((e) => e.id).sort();

/** The codes of the RecordRejectedError `p` rejects with (sorted); fails if it does not reject so. */
async function refusal(p: Promise<unknown>): Promise<ErrorCode[]> {
  let outcome: unknown;
  try {
    outcome = await p;
  } catch (error) {
    expect(error).toBeInstanceOf(RecordRejectedError);
    const rejected = error as RecordRejectedError;
    for (const e of rejected.errors) expect(e.message.trim()).not.toBe("");
    return [...rejected.codes].sort();
  }
  throw new Error(`expected the append to be refused, but it resolved ${JSON.stringify(outcome)}`);
}

export function describeEventStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  options: ContractOptions = {},
): void {
  const itReopen = options.supportsReopen === false ? it.skip : it;
  const itClear = options.supportsClear === false ? it.skip : it;
  const itReopenAndClear = options.supportsReopen === false || options.supportsClear === false ? it.skip : it;
  const itMany = options.supportsAppendMany === true ? it : it.skip;
  const itManyReopen = options.supportsAppendMany === true && options.supportsReopen !== false ? it : it.skip;

  describe(`${name}: EventStore contract`, () => {
    const opened: StoreUnderTest[] = [];
    const open = async (): Promise<StoreUnderTest> => {
      const s = await makeStore();
      opened.push(s);
      return s;
    };
    const reopen = (s: StoreUnderTest): Promise<EventStore> => {
      if (!s.reopen)
        throw new Error(
          `${name}: makeStore() gave no reopen; pass { supportsReopen: false } to skip the tests that need a second instance`,
        );
      return s.reopen();
    };
    const appendAll = async (store: EventStore, events: readonly RecordEvent[]): Promise<void> => {
      for (const e of events) await expect(store.append(e)).resolves.toBe("appended");
    };

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.cleanup();
    });

    describe("append, readAll, readPerson", () => {
      it("starts empty", async () => {
        const { store } = await open();
        await expect(store.readAll()).resolves.toEqual([]);
        await expect(store.readPerson("P-1")).resolves.toEqual([]);
      });

      it("stores appended events and reads them back whole and per person", async () => {
        const { store } = await open();
        const b = recordBuilder("P-1");
        const p1 = b.person();
        const p2 = b.person({ personId: "P-2" });
        const inc = b.incident();
        const inc2 = b.incident({ personId: "P-2", recordedAt: minutes(100) });
        await appendAll(store, [p1, p2, inc, inc2]);

        expect(byId(await store.readAll())).toEqual(byId([p1, p2, inc, inc2]));
        expect(byId(await store.readPerson("P-1"))).toEqual(byId([p1, inc]));
        expect(byId(await store.readPerson("P-2"))).toEqual(byId([p2, inc2]));
        await expect(store.readPerson("P-9")).resolves.toEqual([]);
      });

      it("keeps what was stored when the caller later changes its objects or the events it read", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const p = b.person();
        const original = structuredClone(p);
        await store.append(p);
        (p.data as { name: string }).name = "Changed after append";
        const [read] = await store.readAll();
        (read!.data as { name: string }).name = "Changed after read";
        (await store.readPerson("P-1")).pop();

        expect(await store.readAll()).toEqual([original]);
        expect(await store.readPerson("P-1")).toEqual([original]);
      });
    });

    describe("idempotency by id (record-format §1)", () => {
      it("an identical duplicate resolves 'duplicate' and changes nothing, even with another recordedAt", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const p = b.person({ recordedAt: minutes(1) });
        await store.append(p);

        await expect(store.append({ ...p, recordedAt: minutes(50) })).resolves.toBe("duplicate");
        await expect(store.append(structuredClone(p))).resolves.toBe("duplicate");
        expect(await store.readAll()).toEqual([p]);
      });

      it("a duplicate with different content rejects with E_DUPLICATE_ID and stores nothing", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const p = b.person();
        const inc = b.incident();
        await appendAll(store, [p, inc]);

        expect(await refusal(store.append({ ...p, data: { ...p.data, name: "Someone Else" } }))).toEqual([
          "E_DUPLICATE_ID",
        ]);
        // Same id, another person and type entirely.
        expect(await refusal(store.append(b.person({ id: inc.id, personId: "P-2" })))).toEqual(["E_DUPLICATE_ID"]);
        expect(byId(await store.readAll())).toEqual(byId([p, inc]));
        await expect(store.readPerson("P-2")).resolves.toEqual([]);
      });
    });

    describe("checks on writing (record-format §8)", () => {
      it("refuses an event for an unregistered person (E_UNKNOWN_PERSON) and stores nothing", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [b.person()]);
        const before = await store.readAll();

        expect(await refusal(store.append(b.incident({ personId: "P-404" })))).toEqual(["E_UNKNOWN_PERSON"]);
        expect(await store.readAll()).toEqual(before);
        await expect(store.readPerson("P-404")).resolves.toEqual([]);
      });

      it("reports every failing check at once (E_NO_WARNING and E_NO_CAUSES) and stores nothing", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const p = b.person();
        await appendAll(store, [p, b.incident()]);
        const before = byId(await store.readAll());

        expect(await refusal(store.append(b.strategy()))).toEqual(["E_NO_CAUSES", "E_NO_WARNING"]);
        expect(await refusal(store.append(b.sharing({ data: { dpoConsulted: false } })))).toEqual([
          "E_DPO_NOT_CONSULTED",
        ]);
        expect(await refusal(store.append(b.breach()))).toEqual(["E_UNKNOWN_STRATEGY"]);
        expect(byId(await store.readAll())).toEqual(before);
      });

      it("refuses a malformed event (E_SCHEMA) and stores nothing", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [b.person()]);
        const { summary: _omitted, ...data } = b.incident().data;
        const malformed = { ...b.incident(), data } as unknown as RecordEvent;

        expect(await refusal(store.append(malformed))).toEqual(["E_SCHEMA"]);
        expect(await refusal(store.append({ ...b.incident(), id: "not a valid id!" }))).toEqual(["E_SCHEMA"]);
        expect(await store.readAll()).toHaveLength(1);
      });

      it("an id whose append was refused is free for a valid event afterwards", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const early = b.incident({ id: "inc-1" });
        expect(await refusal(store.append(early))).toEqual(["E_UNKNOWN_PERSON"]);

        await appendAll(store, [b.person()]);
        await expect(store.append(early)).resolves.toBe("appended");
        expect(idsOf(await store.readAll())).toEqual(["e2", "inc-1"]);
      });

      it("a refused event in the middle of a batch leaves the events before and after it stored", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const batch = [b.person(), b.incident(), b.strategy(), b.causes()];
        const outcomes: string[] = [];
        for (const e of batch)
          outcomes.push(
            await store
              .append(e)
              .catch((err: unknown) =>
                err instanceof RecordRejectedError ? [...err.codes].sort().join() : "other error",
              ),
          );

        expect(outcomes).toEqual(["appended", "appended", "E_NO_CAUSES,E_NO_WARNING", "appended"]);
        expect(idsOf(await store.readAll())).toEqual(idsOf([batch[0]!, batch[1]!, batch[3]!]));
      });
    });

    describe("log order: an append is checked against the log before it (record-format §1, §8)", () => {
      it("a backdated strategy is checked against the events before its `at`, not against everything stored", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [b.person({ at: 0 }), b.causes({ at: 1 }), b.warning({ at: 10 })]);

        // The warning exists in the store but is later in log order than this strategy.
        expect(await refusal(store.append(b.strategy({ at: 5 })))).toEqual(["E_NO_WARNING"]);
        await expect(store.append(b.strategy({ at: 11 }))).resolves.toBe("appended");
      });

      it("equal `at` is ordered by recordedAt, then id", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [
          b.person({ at: 0 }),
          b.causes({ at: 1 }),
          b.warning({ id: "w-m", at: 10, recordedAt: minutes(20) }),
        ]);

        expect(await refusal(store.append(b.strategy({ id: "s-a", at: 10, recordedAt: minutes(19) })))).toEqual([
          "E_NO_WARNING",
        ]);
        expect(await refusal(store.append(b.strategy({ id: "s-a", at: 10, recordedAt: minutes(20) })))).toEqual([
          "E_NO_WARNING",
        ]);
        await expect(store.append(b.strategy({ id: "z-s", at: 10, recordedAt: minutes(20) }))).resolves.toBe(
          "appended",
        );
      });

      it("a breach backdated before its strategy was imposed names an unknown strategy", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [
          b.person({ at: 0 }),
          b.causes({ at: 1 }),
          b.warning({ at: 2 }),
          b.strategy({ at: 10 }),
        ]);

        expect(await refusal(store.append(b.breach({ at: 9 })))).toEqual(["E_UNKNOWN_STRATEGY"]);
        await expect(store.append(b.breach({ at: 11 }))).resolves.toBe("appended");
      });

      it("registration anywhere in the log counts: an incident from before the person was registered is accepted", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [b.person({ at: 0 }), b.incident({ at: -60 })]);
        expect(await store.readAll()).toHaveLength(2);
      });
    });

    describe("retraction (record-format §1, §7, §8)", () => {
      it("a retracted warning counts for nothing after the retraction, and both events stay stored", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const warning = b.warning({ at: 3 });
        const retraction = b.retract(warning.id, { at: 5 });
        await appendAll(store, [b.person({ at: 0 }), b.causes({ at: 1 }), warning, retraction]);

        expect(await refusal(store.append(b.strategy({ at: 6 })))).toEqual(["E_NO_WARNING"]);
        const stored = idsOf(await store.readAll());
        expect(stored).toContain(warning.id);
        expect(stored).toContain(retraction.id);
      });

      it("an event backdated before the retraction is checked with the warning still in force", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const warning = b.warning({ at: 3 });
        await appendAll(store, [b.person({ at: 0 }), b.causes({ at: 1 }), warning, b.retract(warning.id, { at: 5 })]);

        await expect(store.append(b.strategy({ at: 4 }))).resolves.toBe("appended");
      });

      it("refuses to retract an unknown event, a retraction, an already retracted event, another person's event or a later one", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const other = b.person({ personId: "P-2", at: 0 });
        const inc = b.incident({ at: 2 });
        const later = b.incident({ at: 50 });
        const retraction = b.retract(inc.id, { at: 5 });
        await appendAll(store, [b.person({ at: 0 }), other, inc, later, retraction]);
        const before = byId(await store.readAll());

        expect(await refusal(store.append(b.retract("no-such-event", { at: 10 })))).toEqual(["E_UNKNOWN_EVENT"]);
        expect(await refusal(store.append(b.retract(retraction.id, { at: 10 })))).toEqual(["E_UNKNOWN_EVENT"]);
        expect(await refusal(store.append(b.retract(inc.id, { at: 10 })))).toEqual(["E_UNKNOWN_EVENT"]);
        expect(await refusal(store.append(b.retract(other.id, { at: 10 })))).toEqual(["E_UNKNOWN_EVENT"]);
        expect(await refusal(store.append(b.retract(later.id, { at: 10 })))).toEqual(["E_UNKNOWN_EVENT"]);
        expect(byId(await store.readAll())).toEqual(before);
      });
    });

    describe("concurrency", () => {
      it("concurrent appends of the same event resolve to one stored event", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [b.person()]);
        const breachLike = b.incident({ id: "breach-msg-123" });

        const outcomes = await Promise.all([
          store.append(breachLike),
          store.append(structuredClone(breachLike)),
          store.append(breachLike),
        ]);
        expect([...outcomes].sort()).toEqual(["appended", "duplicate", "duplicate"]);
        expect(await store.readPerson("P-1")).toHaveLength(2);
      });

      it("concurrent conflicting appends of one id: exactly one is stored, the other is E_DUPLICATE_ID", async () => {
        const { store } = await open();
        const b = recordBuilder();
        await appendAll(store, [b.person()]);
        const first = b.incident({ id: "same-id", data: { summary: "First version." } });
        const second = b.incident({ id: "same-id", data: { summary: "Second version." } });

        const outcomes = await Promise.allSettled([store.append(first), store.append(second)]);
        const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect((rejected[0]!.reason as RecordRejectedError).codes).toEqual(["E_DUPLICATE_ID"]);
        const stored = (await store.readAll()).filter((e) => e.id === "same-id");
        expect(stored).toHaveLength(1);
        expect([first, second]).toContainEqual(stored[0]);
      });

      it("concurrent appends of different events all land", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const person = b.person();
        await appendAll(store, [person]);
        const incidents = Array.from({ length: 12 }, (_, i) => b.incident({ at: 100 - i }));

        const outcomes = await Promise.all(incidents.map((e) => store.append(e)));
        expect(outcomes.every((o) => o === "appended")).toBe(true);
        expect(idsOf(await store.readPerson("P-1"))).toEqual(idsOf([person, ...incidents]));
      });

      itReopen("two instances appending the same event at once resolve to one stored event", async () => {
        const s = await open();
        const other = await reopen(s);
        const b = recordBuilder();
        await appendAll(s.store, [b.person()]);
        const e = b.incident({ id: "breach-msg-456" });

        const outcomes = await Promise.all([s.store.append(e), other.append(structuredClone(e))]);
        expect([...outcomes].sort()).toEqual(["appended", "duplicate"]);
        expect((await s.store.readAll()).filter((x) => x.id === e.id)).toHaveLength(1);
        expect((await other.readAll()).filter((x) => x.id === e.id)).toHaveLength(1);
      });
    });

    describe("order independence", () => {
      it("readAll holds the same events whatever order they were appended in", async () => {
        const b = recordBuilder();
        const person = b.person({ at: 0 });
        const inc1 = b.incident({ at: 1 });
        const causes = b.causes({ at: 2 });
        const warning = b.warning({ at: 3 });
        const strategy = b.strategy({ at: 4 });
        const breach = b.breach({ at: 6 });
        const inc0 = b.incident({ at: -5 });
        const one = await open();
        const two = await open();
        await appendAll(one.store, [person, inc1, causes, warning, strategy, breach, inc0]);
        // Not log order; each event's prerequisites (earlier in log order) are appended before it.
        await appendAll(two.store, [person, inc0, warning, causes, inc1, strategy, breach]);

        expect(byId(await one.store.readAll())).toEqual(byId(await two.store.readAll()));
        expect(byId(await one.store.readPerson("P-1"))).toEqual(byId(await two.store.readPerson("P-1")));
        expect(await one.store.readAll()).toHaveLength(7);
      });
    });

    describe("appendMany and readAllLogged (optional; all or nothing)", () => {
      const many = (store: EventStore, events: readonly RecordEvent[]) => {
        if (!store.appendMany) throw new Error(`${name}: the store has no appendMany()`);
        return store.appendMany(events);
      };
      const loggedIds = async (store: EventStore): Promise<string[]> => {
        if (!store.readAllLogged) throw new Error(`${name}: the store has no readAllLogged()`);
        return (await store.readAllLogged()).map((l) => l.event.id);
      };

      it("the supportsAppendMany option matches what the store offers", async () => {
        const { store } = await open();
        expect(typeof store.appendMany === "function").toBe(options.supportsAppendMany === true);
        expect(typeof store.readAllLogged === "function").toBe(options.supportsAppendMany === true);
      });

      itMany(
        "appends a batch with one outcome per event, read back whole, per person and parsed in log order",
        async () => {
          const { store } = await open();
          const b = recordBuilder();
          const p1 = b.person({ at: 0 });
          const p2 = b.person({ personId: "P-2", at: 1 });
          const inc = b.incident({ at: 5 });
          const early = b.incident({ personId: "P-2", at: 3 });
          await expect(many(store, [p1, p2, inc, early])).resolves.toEqual([
            "appended",
            "appended",
            "appended",
            "appended",
          ]);

          expect(byId(await store.readAll())).toEqual(byId([p1, p2, inc, early]));
          expect(byId(await store.readPerson("P-2"))).toEqual(byId([p2, early]));
          expect(await loggedIds(store)).toEqual([p1.id, p2.id, early.id, inc.id]);
          const [first] = await store.readAllLogged!();
          expect(first).toEqual({ event: p1, atMs: Date.parse(p1.at), recordedAtMs: Number.NEGATIVE_INFINITY });
          await expect(many(store, [])).resolves.toEqual([]);
        },
      );

      itMany("identical events already stored or earlier in the batch are 'duplicate' and stored once", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const p = b.person();
        await appendAll(store, [p]);
        const inc = b.incident();

        await expect(many(store, [{ ...p, recordedAt: minutes(40) }, inc, structuredClone(inc)])).resolves.toEqual([
          "duplicate",
          "appended",
          "duplicate",
        ]);
        expect(byId(await store.readAll())).toEqual(byId([p, inc]));
      });

      itMany("a refused event anywhere in the batch stores nothing and rejects with that event's codes", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const p = b.person();
        await appendAll(store, [p]);
        const before = byId(await store.readAll());

        // E_NO_WARNING and E_NO_CAUSES for the strategy; the events around it would pass alone.
        expect(await refusal(many(store, [b.incident(), b.strategy(), b.causes()]))).toEqual([
          "E_NO_CAUSES",
          "E_NO_WARNING",
        ]);
        expect(await refusal(many(store, [b.incident(), b.incident({ personId: "P-404" })]))).toEqual([
          "E_UNKNOWN_PERSON",
        ]);
        expect(await refusal(many(store, [b.incident(), { ...p, data: { ...p.data, name: "Other" } }]))).toEqual([
          "E_DUPLICATE_ID",
        ]);
        const clash = b.incident();
        expect(await refusal(many(store, [clash, { ...clash, by: "someone.else@opcc.example" }]))).toEqual([
          "E_DUPLICATE_ID",
        ]);
        const { summary: _omitted, ...data } = b.incident().data;
        expect(await refusal(many(store, [b.incident(), { ...b.incident(), data } as unknown as RecordEvent]))).toEqual(
          ["E_SCHEMA"],
        );
        // Of two refused events, the first in the batch's order is reported.
        expect(await refusal(many(store, [b.breach({ at: 90 }), b.incident({ personId: "P-404", at: 10 })]))).toEqual([
          "E_UNKNOWN_STRATEGY",
        ]);
        expect(byId(await store.readAll())).toEqual(byId(before));
        expect(await loggedIds(store)).toEqual([p.id]);
        // Nothing was half-written: the ids are all free again.
        await expect(store.append(clash)).resolves.toBe("appended");
      });

      itMany("the batch is checked as the log it makes, in log order, whatever order it is given in", async () => {
        const { store } = await open();
        const b = recordBuilder();
        const person = b.person({ at: 0 });
        await appendAll(store, [person]);
        const strategy = b.strategy({ at: 10 });
        const warning = b.warning({ at: 2 });
        const causes = b.causes({ at: 3 });
        const breach = b.breach({ at: 11 });
        // A registration later in the batch counts (as it does anywhere in the log).
        const p2Incident = b.incident({ personId: "P-2", at: 4 });
        const p2 = b.person({ personId: "P-2", at: 20 });

        await expect(many(store, [breach, strategy, p2Incident, causes, p2, warning])).resolves.toEqual(
          Array(6).fill("appended"),
        );
        expect(await loggedIds(store)).toEqual([
          person.id,
          warning.id,
          causes.id,
          p2Incident.id,
          strategy.id,
          breach.id,
          p2.id,
        ]);
        // ...and a later append is checked against it.
        expect(await refusal(store.append(b.strategy({ at: 12, data: { strategyId: "S-1" } })))).toEqual([
          "E_STRATEGY_EXISTS",
        ]);
        // A batch event is checked only against what is before it: backdated before the warning.
        expect(await refusal(many(store, [b.strategy({ at: 1, data: { strategyId: "S-2" } })]))).toEqual([
          "E_NO_CAUSES",
          "E_NO_WARNING",
        ]);
      });

      itManyReopen("another instance sees a batch, and one written by another instance", async () => {
        const s = await open();
        const other = await reopen(s);
        await expect(other.readAll()).resolves.toEqual([]);
        const b = recordBuilder();
        const batch = [b.person(), b.incident(), b.causes(), b.warning()];
        await many(s.store, batch);

        expect(byId(await other.readAll())).toEqual(byId(batch));
        expect(await loggedIds(other)).toEqual(batch.map((e) => e.id));
        await expect(many(other, [b.strategy(), batch[0]!])).resolves.toEqual(["appended", "duplicate"]);
        expect(await loggedIds(s.store)).toHaveLength(5);
        const again = await reopen(s);
        expect(await loggedIds(again)).toEqual(await loggedIds(s.store));
        expect(await refusal(again.append(b.strategy()))).toEqual(["E_STRATEGY_EXISTS"]);
      });
    });

    describe("persistence", () => {
      itReopen("another instance over the same storage sees everything, and checks against it", async () => {
        const s = await open();
        const b = recordBuilder();
        const person = b.person({ at: 0 });
        const warning = b.warning({ at: 2 });
        const events = [
          person,
          b.person({ personId: "P-2", at: 0 }),
          b.causes({ at: 1 }),
          warning,
          b.incident({ at: 3 }),
          b.retract(warning.id, { at: 4 }),
        ];
        await appendAll(s.store, events);
        // Neither a refusal nor a duplicate leaves anything behind in the storage.
        expect(await refusal(s.store.append(b.incident({ personId: "P-404" })))).toEqual(["E_UNKNOWN_PERSON"]);
        await expect(s.store.append(person)).resolves.toBe("duplicate");

        const again = await reopen(s);
        expect(byId(await again.readAll())).toEqual(byId(events));
        expect(byId(await again.readPerson("P-2"))).toEqual(byId([events[1]!]));
        await expect(again.append(person)).resolves.toBe("duplicate");
        expect(await refusal(again.append({ ...person, by: "someone.else@opcc.example" }))).toEqual(["E_DUPLICATE_ID"]);
        // The reopened store checks against the stored history, retraction included.
        expect(await refusal(again.append(b.strategy({ at: 5 })))).toEqual(["E_NO_WARNING"]);
        await expect(again.append(b.strategy({ at: 2.5 }))).resolves.toBe("appended");
      });

      itReopen("an instance opened earlier sees what another wrote since, without reopening", async () => {
        const s = await open();
        const other = await reopen(s);
        await expect(other.readAll()).resolves.toEqual([]);
        const b = recordBuilder();
        const person = b.person();
        await appendAll(s.store, [person]);

        await expect(other.append(b.incident())).resolves.toBe("appended");
        expect(await refusal(other.append({ ...person, data: { ...person.data, name: "Changed" } }))).toEqual([
          "E_DUPLICATE_ID",
        ]);
        await expect(other.append(person)).resolves.toBe("duplicate");
        expect(await s.store.readPerson("P-1")).toHaveLength(2);
        expect(await other.readPerson("P-1")).toHaveLength(2);
      });
    });

    describe("clear", () => {
      itClear("removes every event; the same ids can be appended again", async () => {
        const { store } = await open();
        if (!store.clear) throw new Error(`${name}: the store has no clear(); pass { supportsClear: false }`);
        const b = recordBuilder();
        const person = b.person();
        await appendAll(store, [person, b.incident()]);

        await store.clear();
        await expect(store.readAll()).resolves.toEqual([]);
        await expect(store.readPerson("P-1")).resolves.toEqual([]);
        expect(await refusal(store.append(b.incident({ id: "e2" })))).toEqual(["E_UNKNOWN_PERSON"]);
        await expect(store.append({ ...person, data: { ...person.data, name: "New Name" } })).resolves.toBe("appended");
      });

      itReopenAndClear("a clear by one instance is seen by another", async () => {
        const s = await open();
        const other = await reopen(s);
        const b = recordBuilder();
        const person = b.person();
        await appendAll(s.store, [person, b.incident()]);
        await expect(other.readAll()).resolves.toHaveLength(2);

        await s.store.clear!();
        await expect(other.readAll()).resolves.toEqual([]);
        await expect(other.append({ ...person, data: { ...person.data, name: "New Name" } })).resolves.toBe("appended");
        await expect(s.store.readAll()).resolves.toHaveLength(1);
      });
    });
  });
}
