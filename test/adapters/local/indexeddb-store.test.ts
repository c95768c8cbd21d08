import { freshFactory } from "./fake-idb";
import {
  CHUNK_SIZE,
  DEFAULT_DATABASE_NAME,
  IndexedDbEventStore,
  LocalStoreError,
  MemoryEventStore,
  openLocalEventStore,
} from "../../../src/adapters/local";
import { storageError } from "../../../src/adapters/local/local-store-error";
import type { RecordEvent } from "../../../src/domain";
import { recordBuilder } from "../../contract/builders";
import { describeEventStoreContract } from "../../contract/store-contract";

describeEventStoreContract(
  "IndexedDbEventStore over fake-indexeddb",
  async () => {
    const factory = freshFactory();
    const instances: IndexedDbEventStore[] = [];
    const openOne = async (): Promise<IndexedDbEventStore> => {
      const s = await IndexedDbEventStore.open({ name: "contract", indexedDB: factory });
      instances.push(s);
      return s;
    };
    const store = await openOne();
    return { store, reopen: openOne, cleanup: async () => instances.forEach((s) => s.close()) };
  },
  { supportsAppendMany: true },
);

/** A raw IndexedDB request as a promise (the tests look at the database without the store). */
function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

const ids = (events: readonly RecordEvent[]): string[] => events.map((e) => e.id).sort();

describe("IndexedDbEventStore", () => {
  const open: IndexedDbEventStore[] = [];
  const track = (s: IndexedDbEventStore): IndexedDbEventStore => {
    open.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  /** The raw chunks of a database, in key order. */
  const readChunks = async (factory: IDBFactory, name: string) => {
    const db = await request(factory.open(name));
    try {
      const store = db.transaction("chunks").objectStore("chunks");
      const keys = (await request(store.getAllKeys())) as number[];
      const stored = (await request(store.getAll())) as {
        first: number;
        json: string;
        atMs: Float64Array;
        recordedAtMs: Float64Array;
      }[];
      const values = stored.map((c) => ({
        first: c.first,
        events: JSON.parse(c.json) as RecordEvent[],
        atMs: [...c.atMs],
        recordedAtMs: [...c.recordedAtMs],
      }));
      const meta = (await request(db.transaction("meta").objectStore("meta").get("log"))) as { seq: number };
      return { version: db.version, stores: [...db.objectStoreNames].sort(), keys, values, meta };
    } finally {
      db.close();
    }
  };

  it("keeps events in database csm-record by default, packed in chunks keyed by the seq of their first event", async () => {
    const factory = freshFactory();
    const store = track(await IndexedDbEventStore.open({ indexedDB: factory }));
    const b = recordBuilder();
    await store.append(b.person());
    await store.append(b.person({ personId: "P-2" }));
    await store.append(b.incident({ id: "inc-1" }));
    store.close();

    expect(DEFAULT_DATABASE_NAME).toBe("csm-record");
    const raw = await readChunks(factory, "csm-record");
    expect(raw.version).toBe(3);
    expect(raw.stores).toEqual(["chunks", "identifiers", "meta", "people"]);
    expect(raw.keys).toEqual([1]);
    expect(raw.values[0]?.first).toBe(1);
    expect(raw.values[0]?.events.map((e) => e.id)).toEqual(["e1", "e2", "inc-1"]);
    expect(raw.meta.seq).toBe(3);
  });

  it(`fills the last chunk up to ${CHUNK_SIZE} events, then starts a new one; after a clear, chunks start at the next seq`, async () => {
    const factory = freshFactory();
    const store = track(await IndexedDbEventStore.open({ name: "c", indexedDB: factory }));
    const b = recordBuilder();
    const batch = [b.person(), ...Array.from({ length: CHUNK_SIZE + 49 }, () => b.incident())];
    await store.appendMany(batch); // seq 1..150
    for (let i = 0; i < CHUNK_SIZE - 50 + 2; i++) await store.append(b.incident()); // 151..202
    await store.appendMany([b.incident(), b.incident()]); // 203, 204
    let raw = await readChunks(factory, "c");
    expect(raw.keys).toEqual([1, CHUNK_SIZE + 1, 2 * CHUNK_SIZE + 1]);
    expect(raw.values.map((c) => c.events.length)).toEqual([CHUNK_SIZE, CHUNK_SIZE, 4]);
    expect(raw.values.every((c, i) => c.first === raw.keys[i])).toBe(true);
    expect(raw.values.flatMap((c) => c.events).map((e) => e.id)).toEqual(
      (await store.readAllLogged()).map((l) => l.event.id),
    );
    expect(raw.meta.seq).toBe(204);

    await store.clear(); // seq 205, no event
    await store.append(b.person({ personId: "P-9" }));
    raw = await readChunks(factory, "c");
    expect(raw.keys).toEqual([206]);
    expect(raw.meta.seq).toBe(206);
  });

  it("stores each event's instants parsed beside it (at, and recordedAt or -Infinity when absent)", async () => {
    const factory = freshFactory();
    const store = track(await IndexedDbEventStore.open({ name: "i", indexedDB: factory }));
    const b = recordBuilder();
    const person = b.person({ at: "2026-03-29T01:30:00+01:00" });
    const incident = b.incident({ recordedAt: "2026-03-30T10:00:00.250Z" });
    await store.append(person);
    await store.appendMany([incident]);
    const raw = await readChunks(factory, "i");
    expect(raw.values[0]?.atMs).toEqual([Date.parse("2026-03-29T00:30:00Z"), Date.parse(incident.at)]);
    expect(raw.values[0]?.recordedAtMs).toEqual([Number.NEGATIVE_INFINITY, Date.parse("2026-03-30T10:00:00.250Z")]);
    const fresh = track(await IndexedDbEventStore.open({ name: "i", indexedDB: factory }));
    expect(await fresh.readAllLogged()).toEqual(await store.readAllLogged());
  });

  it("a damaged chunk is reported as a damaged record that says what to do, and nothing is written", async () => {
    const factory = freshFactory();
    const store = track(await IndexedDbEventStore.open({ name: "d", indexedDB: factory }));
    const b = recordBuilder();
    await store.appendMany([b.person(), b.incident()]);
    store.close();
    const db = await request(factory.open("d"));
    const tx = db.transaction("chunks", "readwrite");
    const chunk = (await request(tx.objectStore("chunks").get(1))) as { json: string };
    await request(tx.objectStore("chunks").put({ ...chunk, json: chunk.json.slice(0, 40) }, 1));
    db.close();

    const again = track(await IndexedDbEventStore.open({ name: "d", indexedDB: factory }));
    const error = await again.readAll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalStoreError);
    expect((error as LocalStoreError).message).toMatch(/is damaged/);
    expect((error as LocalStoreError).message).toMatch(/import it again/);
    await expect(again.append(b.incident())).rejects.toBeInstanceOf(LocalStoreError);
    again.close();
    const after = await request(factory.open("d"));
    const check = after.transaction(["chunks", "meta"]);
    expect(await request(check.objectStore("meta").get("log"))).toEqual({ seq: 2 });
    expect(await request(check.objectStore("chunks").count())).toBe(1);
    after.close();
  });

  it("an instance catches up across chunk boundaries, reading what another instance wrote since", async () => {
    const factory = freshFactory();
    const a = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const c = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const b = recordBuilder();
    const written: RecordEvent[] = [b.person(), ...Array.from({ length: CHUNK_SIZE - 5 }, () => b.incident())];
    await a.appendMany(written);
    await expect(c.readAll()).resolves.toHaveLength(written.length); // c's cache: seq 1..95
    // a writes on past the end of the first chunk and into a third, one by one and in a batch.
    for (let i = 0; i < 10; i++) {
      const e = b.incident();
      written.push(e);
      await a.append(e);
    }
    const more = Array.from({ length: CHUNK_SIZE + 3 }, () => b.incident());
    written.push(...more);
    await a.appendMany(more);
    const seen = await c.readAllLogged();
    expect(seen.map((l) => l.event.id)).toEqual(written.map((e) => e.id));
    // c writes; a sees it, and an identical copy from a is a duplicate.
    const last = b.incident();
    await expect(c.append(last)).resolves.toBe("appended");
    await expect(a.append(last)).resolves.toBe("duplicate");
    const fresh = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    for (const s of [a, c, fresh]) expect(ids(await s.readAll())).toEqual(ids([...written, last]));
  });

  describe("upgrading a version 1 database (one row per event)", () => {
    /** A version 1 database as the previous release wrote it: rows { id, personId, seq, event }, meta { seq }. */
    const makeV1 = async (
      factory: IDBFactory,
      name: string,
      rows: { seq: number; event: RecordEvent }[],
      seq: number,
    ) => {
      const open = factory.open(name, 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        const events = db.createObjectStore("events", { keyPath: "id" });
        events.createIndex("personId", "personId");
        events.createIndex("seq", "seq", { unique: true });
        db.createObjectStore("meta");
      };
      const db = await request(open);
      const tx = db.transaction(["events", "meta"], "readwrite");
      for (const r of rows) tx.objectStore("events").add({ id: r.event.id, personId: r.event.personId, ...r });
      tx.objectStore("meta").put({ seq }, "log");
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    };

    it("keeps every event, in the order written, and the store works on as before", async () => {
      const factory = freshFactory();
      const b = recordBuilder();
      // 230 events written from seq 12 (a clear() used seq 11), stored out of log order in places.
      const events: RecordEvent[] = [b.person({ at: 0 })];
      for (let i = 0; i < 229; i++) events.push(b.incident({ at: 1 + ((i * 37) % 229) }));
      events.push(b.person({ personId: "P-2", at: 5 }));
      const rows = events.map((event, i) => ({ seq: 12 + i, event }));
      // Put into the object store in a shuffled id order: the upgrade must go by seq.
      await makeV1(factory, "v1", [...rows].reverse(), 12 + events.length - 1);

      const store = track(await IndexedDbEventStore.open({ name: "v1", indexedDB: factory }));
      const all = await store.readAll();
      expect(all).toEqual(events); // same content, same (seq) order
      const memory = new MemoryEventStore();
      await memory.appendMany(events);
      expect((await store.readAllLogged()).map((l) => l.event.id)).toEqual(
        (await memory.readAllLogged()).map((l) => l.event.id),
      );
      expect(await store.readPerson("P-2")).toEqual([events[events.length - 1]]);
      store.close();

      const raw = await readChunks(factory, "v1");
      expect(raw.version).toBe(3);
      expect(raw.stores).toEqual(["chunks", "identifiers", "meta", "people"]);
      expect(raw.keys).toEqual([1, 101, 201]);
      expect(raw.values.map((c) => c.events.length)).toEqual([100, 100, 31]);
      expect(raw.meta.seq).toBe(events.length);

      const again = track(await IndexedDbEventStore.open({ name: "v1", indexedDB: factory }));
      await expect(again.append(events[3] as RecordEvent)).resolves.toBe("duplicate");
      await expect(again.append(b.incident({ at: 500 }))).resolves.toBe("appended");
      expect(await again.readAll()).toHaveLength(events.length + 1);
      expect((await readChunks(factory, "v1")).values.map((c) => c.events.length)).toEqual([100, 100, 32]);
    });

    it("an event that is not well-formed stays stored by id, out of the log, and is never overwritten", async () => {
      const factory = freshFactory();
      const b = recordBuilder();
      const person = b.person();
      const odd = { ...b.incident({ id: "odd" }), at: "yesterday" } as RecordEvent;
      await makeV1(
        factory,
        "odd",
        [
          { seq: 1, event: person },
          { seq: 2, event: odd },
        ],
        2,
      );
      const store = track(await IndexedDbEventStore.open({ name: "odd", indexedDB: factory }));
      expect(ids(await store.readAll())).toEqual(["e1", "odd"]);
      expect((await store.readAllLogged()).map((l) => l.event.id)).toEqual(["e1"]);
      await expect(store.append(b.incident({ id: "odd" }))).rejects.toMatchObject({
        errors: [expect.objectContaining({ code: "E_DUPLICATE_ID" })],
      });
      const raw = await readChunks(factory, "odd");
      expect(raw.values[0]?.atMs[1]).toBeNaN();
    });

    it("an empty version 1 database becomes an empty version 3 one", async () => {
      const factory = freshFactory();
      await makeV1(factory, "empty", [], 0);
      const store = track(await IndexedDbEventStore.open({ name: "empty", indexedDB: factory }));
      await expect(store.readAll()).resolves.toEqual([]);
      store.close();
      const raw = await readChunks(factory, "empty");
      expect(raw).toMatchObject({ version: 3, keys: [], meta: { seq: 0 } });
    });
  });

  it("keeps databases of different names apart", async () => {
    const factory = freshFactory();
    const a = track(await IndexedDbEventStore.open({ name: "a", indexedDB: factory }));
    const b = track(await IndexedDbEventStore.open({ name: "b", indexedDB: factory }));
    await a.append(recordBuilder().person());
    await expect(b.readAll()).resolves.toEqual([]);
    await expect(a.readAll()).resolves.toHaveLength(1);
  });

  it("never uses the global indexedDB: without a factory and without a global it says IndexedDB is unavailable", async () => {
    expect((globalThis as { indexedDB?: unknown }).indexedDB).toBeUndefined();
    const error = await IndexedDbEventStore.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalStoreError);
    expect((error as LocalStoreError).problem).toBe("unavailable");
  });

  it("two instances writing in turn stay consistent with each other and with a fresh instance", async () => {
    const factory = freshFactory();
    const a = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const c = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const b = recordBuilder();
    const person = b.person({ at: 0 });
    await a.append(person);
    const written: RecordEvent[] = [person];
    for (let i = 0; i < 30; i++) {
      const writer = i % 3 === 0 ? a : c;
      const e = b.incident({ at: 1 + ((i * 7) % 30) });
      await expect(writer.append(e)).resolves.toBe("appended");
      written.push(e);
      // The other instance sees it at once: an identical copy is a duplicate there.
      await expect((writer === a ? c : a).append(e)).resolves.toBe("duplicate");
    }
    const fresh = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    for (const s of [a, c, fresh]) expect(ids(await s.readAll())).toEqual(ids(written));
  });

  it("an instance catches up when another clears the record and writes again", async () => {
    const factory = freshFactory();
    const a = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const c = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const b = recordBuilder();
    await a.append(b.person());
    await a.append(b.incident());
    await expect(c.readAll()).resolves.toHaveLength(2);

    await c.clear();
    const other = b.person({ personId: "P-2" });
    await c.append(other);
    await expect(a.readAll()).resolves.toEqual([other]);
    // a's checks use the cleared log: P-1 is no longer registered.
    await expect(a.append(b.incident())).rejects.toMatchObject({ codes: ["E_UNKNOWN_PERSON"] });
  });

  it("lets go of the database when another tab deletes it, then starts afresh", async () => {
    const factory = freshFactory();
    const store = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const b = recordBuilder();
    const person = b.person();
    await store.append(person);

    const deletion = factory.deleteDatabase("t");
    let blocked = false;
    deletion.onblocked = () => {
      blocked = true;
    };
    await request(deletion);
    expect(blocked).toBe(false);

    // Another instance makes the database again with as many events as before (same seq).
    const fresh = track(await IndexedDbEventStore.open({ name: "t", indexedDB: factory }));
    const other = b.person({ personId: "P-2" });
    await fresh.append(other);

    await expect(store.readAll()).resolves.toEqual([other]);
    await expect(store.append(b.incident())).rejects.toMatchObject({ codes: ["E_UNKNOWN_PERSON"] });
    await expect(store.append(person)).resolves.toBe("appended");
    expect(ids(await fresh.readAll())).toEqual(ids([person, other]));
  });

  describe("when the browser will not give storage", () => {
    /** An IDBFactory whose open request does what `then` says, after open() returns. */
    const stubFactory = (then: (req: Record<string, unknown>) => void): IDBFactory =>
      ({
        open: () => {
          const req: Record<string, unknown> = {};
          queueMicrotask(() => then(req));
          return req;
        },
      }) as unknown as IDBFactory;
    const failWith = (name: string) =>
      stubFactory((req) => {
        req["error"] = new DOMException("refused", name);
        (req["onerror"] as (e: { preventDefault(): void }) => void)({ preventDefault: () => undefined });
      });
    const problemOf = async (factory: IDBFactory): Promise<LocalStoreError> => {
      const error = await IndexedDbEventStore.open({ indexedDB: factory }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalStoreError);
      return error as LocalStoreError;
    };

    it("private mode (open throws SecurityError, or fails with InvalidStateError): unavailable, and says to use a normal window", async () => {
      const throwing = {
        open: () => {
          throw new DOMException("no", "SecurityError");
        },
      } as unknown as IDBFactory;
      for (const factory of [throwing, failWith("InvalidStateError"), failWith("SecurityError")]) {
        const e = await problemOf(factory);
        expect(e.problem).toBe("unavailable");
        expect(e.message).toMatch(/private or incognito/);
        expect(e.message).toMatch(/normal window/);
      }
    });

    it("out of space: quota, and says to free space", async () => {
      const e = await problemOf(failWith("QuotaExceededError"));
      expect(e.problem).toBe("quota");
      expect(e.message).toMatch(/Free some disk space/);
    });

    it("blocked by another tab on an older version: blocked, and says to close the other windows", async () => {
      const e = await problemOf(stubFactory((req) => (req["onblocked"] as () => void)()));
      expect(e.problem).toBe("blocked");
      expect(e.message).toMatch(/"csm-record"/);
      expect(e.message).toMatch(/Close the other windows or tabs/);
    });

    it("a database from a newer version of the add-in: version, and says to reload", async () => {
      const factory = freshFactory();
      (await request(factory.open("csm-record", 7))).close();
      const e = await problemOf(factory);
      expect(e.problem).toBe("version");
      expect(e.message).toMatch(/newer version/);
    });

    it("a database of the same name made by something else: foreign, says to use another name, and is left as it was", async () => {
      for (const version of [1, 2]) {
        const factory = freshFactory();
        const made = factory.open("csm-record", version);
        made.onupgradeneeded = () => made.result.createObjectStore("theirs");
        (await request(made)).close();
        const e = await problemOf(factory);
        expect(e.problem).toBe("foreign");
        expect(e.message).toMatch(/different database name/);
        const db = await request(factory.open("csm-record"));
        expect(db.version).toBe(version);
        expect([...db.objectStoreNames]).toEqual(["theirs"]);
        db.close();
      }
    });

    it("a write refused for lack of space says that nothing was saved", () => {
      const e = storageError(new DOMException("full", "QuotaExceededError"), "csm-record", "write") as LocalStoreError;
      expect(e.problem).toBe("quota");
      expect(e.message).toMatch(/nothing was saved/);
      const other = new TypeError("a bug");
      expect(storageError(other, "csm-record", "write")).toBe(other);
    });
  });

  describe("openLocalEventStore", () => {
    it("opens the IndexedDB store when it can", async () => {
      const local = await openLocalEventStore({ indexedDB: freshFactory() });
      expect(local.persistent).toBe(true);
      expect(local.store).toBeInstanceOf(IndexedDbEventStore);
      track(local.store as IndexedDbEventStore);
    });

    it("falls back to memory only when IndexedDB is unavailable, and says the record will not be kept", async () => {
      const local = await openLocalEventStore({
        indexedDB: {
          open: () => {
            throw new DOMException("no", "SecurityError");
          },
        } as unknown as IDBFactory,
      });
      expect(local.persistent).toBe(false);
      expect(local.store).toBeInstanceOf(MemoryEventStore);
      expect(local.problem?.problem).toBe("unavailable");
    });

    it("does not hide a database that exists: other problems are thrown", async () => {
      const factory = freshFactory();
      (await request(factory.open("csm-record", 7))).close();
      await expect(openLocalEventStore({ indexedDB: factory })).rejects.toMatchObject({ problem: "version" });
    });
  });
});
