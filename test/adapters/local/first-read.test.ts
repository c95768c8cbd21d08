/**
 * The cold start's first read (issue 10 item 1): IndexedDbEventStore.readForIdentifiers reads only
 * the people who may use an address or number, and RecordService.loadFirst shows them before the
 * whole record is in. The card must never show a state the whole log would contradict, so every
 * answer here is compared with a RecordIndex over the whole log read at the same moment:
 * random logs with links, unlinks and retractions (of registrations and links too), both write
 * paths (append and appendMany), the upgrade from version 2, and a second tab writing meanwhile.
 */
import fc from "fast-check";
import { freshFactory } from "./fake-idb";
import { IndexedDbEventStore } from "../../../src/adapters/local";
import { makeChunk } from "../../../src/adapters/local/chunk";
import { RecordService } from "../../../src/app/record-service";
import { RecordIndex, summarise, type Contact, type RecordEvent } from "../../../src/domain";
import { aPerson, aRetraction, aStrategy, linked, restrictedPerson, unlinked, validate } from "../../builders";
import { contactArb, logArb } from "../../domain/arbitrary-log";

const NOW = Date.parse("2026-12-31T12:00:00Z");
const IDENTIFIERS = [
  "p1@example.org",
  "P2@Example.org", // identifiers compare by identifierKey (case, spacing)
  "p3@example.org",
  "07700 900001",
  "07700900002",
  "07700 900003",
  "nobody@example.org",
];
const clock = { now: () => NOW };

/** What the taskpane could show for contacts from `from`, as `index` answers it. */
function cardView(index: RecordIndex, from: string, contacts: readonly Contact[]): unknown {
  const contact: Contact = { channel: "email", at: new Date(NOW).toISOString(), from, to: [] };
  const { personId, ambiguous } = index.identify(contact);
  const people = [personId, ...ambiguous].filter((p): p is string => p !== null);
  return {
    identify: { personId, ambiguous },
    verdicts: [contact, ...contacts.map((c) => ({ ...c, from }))].map((c) => index.evaluate(c)),
    people: people.map((p) => ({ registered: index.isRegistered(p), summary: summarise(index.person(p), NOW) })),
  };
}

/** The events `validate` accepts, in log order (what a store may hold). */
const accepted = (events: readonly RecordEvent[]): RecordEvent[] =>
  validate(events.map((e) => JSON.parse(JSON.stringify(e)) as unknown)).events.map((l) => l.event);

describe("readForIdentifiers answers as the whole log does", () => {
  const open: IndexedDbEventStore[] = [];
  const openStore = async (factory: IDBFactory, name = "first"): Promise<IndexedDbEventStore> => {
    const s = await IndexedDbEventStore.open({ name, indexedDB: factory });
    open.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  it("for random logs with links, unlinks and retractions, written by append and appendMany", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, fc.nat(), fc.array(contactArb, { maxLength: 4 }), async (log, split, contacts) => {
        const events = accepted(log);
        const store = await openStore(freshFactory());
        const cut = split % (events.length + 1);
        await store.appendMany(events.slice(0, cut));
        for (const e of events.slice(cut)) await store.append(e);
        const whole = new RecordIndex(await store.readAllLogged());
        for (const from of IDENTIFIERS) {
          const read = await store.readForIdentifiers([from]);
          expect(read.empty).toBe(events.length === 0);
          expect(cardView(new RecordIndex(read.events), from, contacts)).toEqual(cardView(whole, from, contacts));
        }
      }),
      { numRuns: Number(process.env["PROP_RUNS"] ?? 40) },
    );
  });

  it("a person's whole history comes with them, and only the people who may use the identifier", async () => {
    const store = await openStore(freshFactory());
    const one = restrictedPerson({ personId: "P-1" });
    const two = restrictedPerson({ personId: "P-2", strategyId: "S-2" }).map((e) =>
      e.type === "PersonRegistered" ? { ...e, data: { ...e.data, emails: ["two@example.org"], phones: [] } } : e,
    );
    await store.appendMany([...one, ...two]);
    const read = await store.readForIdentifiers(["a.person@example.org"]);
    expect(read.events.map((l) => l.event.id).sort()).toEqual(one.map((e) => e.id).sort());
    expect(read.seq).toBe(one.length + two.length);
    expect((await store.readForIdentifiers(["nobody@example.org"])).events).toEqual([]);
  });

  it("links, unlinks and retractions: shared, moved, unshared, and a retracted registration", async () => {
    const store = await openStore(freshFactory());
    const at = (day: number) => `2026-11-${String(day).padStart(2, "0")}T09:00:00Z`;
    const shared = "shared@example.org";
    const check = async () => {
      const whole = new RecordIndex(await store.readAllLogged());
      for (const from of [shared, "a.person@example.org", "b@example.org"]) {
        const read = await store.readForIdentifiers([from]);
        expect(cardView(new RecordIndex(read.events), from, [])).toEqual(cardView(whole, from, []));
      }
      return whole;
    };
    await store.append(aPerson({ name: "Alex", emails: ["a.person@example.org"] }, { id: "r1", at: at(1) }));
    await store.append(
      aPerson({ name: "Bea", emails: ["b@example.org"], phones: [] }, { id: "r2", personId: "P-2", at: at(1) }),
    );
    await store.append(linked({ emails: [shared] }, { id: "l1", at: at(2) }));
    expect((await check()).identify({ from: shared }).personId).toBe("P-1");
    await store.append(linked({ emails: [shared] }, { id: "l2", personId: "P-2", at: at(3) }));
    expect((await check()).identify({ from: shared }).ambiguous).toEqual(["P-1", "P-2"]);
    await store.append(unlinked({ emails: [shared] }, { id: "u1", at: at(4) }));
    expect((await check()).identify({ from: shared }).personId).toBe("P-2");
    await store.append(aRetraction("l2", { id: "x1", personId: "P-2", at: at(5) }));
    expect((await check()).identify({ from: shared }).personId).toBeNull();
    await store.append(aRetraction("r2", { id: "x2", personId: "P-2", at: at(6) }));
    expect((await check()).isRegistered("P-2")).toBe(false);
    await store.clear();
    expect(await store.readForIdentifiers(["a.person@example.org"])).toMatchObject({ events: [], empty: true });
  });

  it("a version 2 database (chunks only) gets its people and identifiers on upgrade", async () => {
    const factory = freshFactory();
    const events = accepted([
      ...restrictedPerson({ personId: "P-1" }),
      aPerson({ emails: ["b@example.org"], phones: [] }, { id: "r2", personId: "P-2" }),
      linked({ emails: ["a.person@example.org"] }, { id: "l2", personId: "P-2", at: "2026-11-01T09:00:00Z" }),
    ]);
    const logged = validate(events).events;
    await new Promise<void>((resolve, reject) => {
      const req = factory.open("v2", 2);
      req.onupgradeneeded = () => {
        req.result.createObjectStore("chunks");
        req.result.createObjectStore("meta");
      };
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(["chunks", "meta"], "readwrite");
        // From seq 4 on (an earlier clear), in two chunks.
        tx.objectStore("chunks").add(makeChunk(4, logged.slice(0, 3)), 4);
        tx.objectStore("chunks").add(makeChunk(7, logged.slice(3)), 7);
        tx.objectStore("meta").put({ seq: 3 + logged.length }, "log");
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
    const store = await openStore(factory, "v2");
    const read = await store.readForIdentifiers(["a.person@example.org"]);
    expect(read.seq).toBe(3 + logged.length);
    const whole = new RecordIndex(await store.readAllLogged());
    expect(whole.events).toHaveLength(events.length);
    expect(cardView(new RecordIndex(read.events), "a.person@example.org", [])).toEqual(
      cardView(whole, "a.person@example.org", []),
    );
    expect(whole.identify({ from: "a.person@example.org" }).ambiguous).toEqual(["P-1", "P-2"]);
    // It goes on being kept up to date.
    await store.append(unlinked({ emails: ["a.person@example.org"] }, { personId: "P-2", at: "2026-11-02T09:00:00Z" }));
    const after = new RecordIndex((await store.readForIdentifiers(["a.person@example.org"])).events);
    expect(after.identify({ from: "a.person@example.org" }).personId).toBe("P-1");
  });
});

describe("RecordService.loadFirst across tabs", () => {
  const open: IndexedDbEventStore[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  const twoTabs = async () => {
    const factory = freshFactory();
    const one = await IndexedDbEventStore.open({ name: "tabs", indexedDB: factory });
    const two = await IndexedDbEventStore.open({ name: "tabs", indexedDB: factory });
    open.push(one, two);
    return { one, two };
  };
  const from = "a.person@example.org";
  const contact: Contact = { channel: "email", at: new Date(NOW).toISOString(), from, to: ["someone@opcc.example"] };

  it("shows the first read before the whole record, and the whole record replaces it", async () => {
    const { one, two } = await twoTabs();
    await two.appendMany(restrictedPerson());
    const record = new RecordService(one, clock);
    let notified = 0;
    record.subscribe(() => notified++);
    await expect(record.loadFirst([from])).resolves.toEqual({ empty: false });
    const first = record.getSnapshot().first;
    expect(record.getSnapshot().version).toBe(0);
    expect(first?.covers(" A.Person@example.org")).toBe(true);
    expect(first?.covers("someone.else@example.org")).toBe(false);
    expect(first?.index.evaluate(contact).breaches.map((b) => b.restriction)).toEqual(["single-point-of-contact"]);
    expect(notified).toBe(1);
    await record.load();
    expect(record.getSnapshot().first).toBeNull();
    expect(record.getSnapshot().version).toBe(1);
  });

  it("another tab appends between the first read and the whole load: the whole load shows it", async () => {
    const { one, two } = await twoTabs();
    const events = restrictedPerson();
    await two.appendMany(events);
    const record = new RecordService(one, clock);
    await record.loadFirst([from]);
    expect(record.getSnapshot().first?.index.evaluate(contact).stage).toBe("restricted");
    const imposed = events.find((e) => e.type === "StrategyImposed") as RecordEvent;
    await two.append(aRetraction(imposed.id, { at: "2026-11-01T09:00:00Z" }));
    await record.load();
    expect(record.index.evaluate(contact).stage).toBe("warned");
    expect(record.getSnapshot().first).toBeNull();
    // A first read that comes back after the whole record is in is not shown.
    await record.loadFirst([from]);
    expect(record.getSnapshot().first).toBeNull();
    expect(record.index.evaluate(contact).stage).toBe("warned");
  });

  it("a first read made while another tab writes sees the log before the batch or after it, never half", async () => {
    const { one, two } = await twoTabs();
    const base = restrictedPerson();
    await two.appendMany(base);
    const batch = [
      aPerson({ emails: ["other@example.org"], phones: [] }, { id: "r2", personId: "P-2" }),
      linked({ emails: [from] }, { id: "l2", personId: "P-2", at: "2026-11-01T09:00:00Z" }),
      ...restrictedPerson({ personId: "P-2", strategyId: "S-2" }).filter((e) => e.type !== "PersonRegistered"),
    ];
    const writing = two.appendMany(batch);
    const read = await one.readForIdentifiers([from]);
    await writing;
    const expected = new RecordIndex(validate(read.seq === base.length ? base : [...base, ...batch]).events);
    expect([base.length, base.length + batch.length]).toContain(read.seq);
    expect(cardView(new RecordIndex(read.events), from, [])).toEqual(cardView(expected, from, []));
  });

  it("an empty store shows nothing first; a store without the read falls back to reading everything", async () => {
    const { one } = await twoTabs();
    const record = new RecordService(one, clock);
    await expect(record.loadFirst([from])).resolves.toEqual({ empty: true });
    expect(record.getSnapshot().first).toBeNull();
    const { MemoryEventStore } = await import("../../../src/adapters/local");
    const memory = new MemoryEventStore();
    await memory.appendMany(restrictedPerson());
    const plain = new RecordService(memory, clock);
    await expect(plain.loadFirst([from])).resolves.toEqual({ empty: false });
    expect(plain.getSnapshot().version).toBe(1);
    expect(plain.getSnapshot().first).toBeNull();
  });

  it("recording before the whole record is in reads it first, so the checks see every event", async () => {
    const { one, two } = await twoTabs();
    await two.appendMany(restrictedPerson());
    const record = new RecordService(one, clock);
    await record.loadFirst([from]);
    // S-1 exists already (E_STRATEGY_EXISTS would be missed against an empty index).
    const again = aStrategy({ strategyId: "S-1" }, { at: "2026-11-02T09:00:00Z" });
    await expect(record.record([again])).rejects.toThrow();
    expect(record.getSnapshot().version).toBeGreaterThan(0);
  });
});
