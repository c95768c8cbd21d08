import { freshFactory } from "./fake-idb";
import {
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

  it("keeps events in database csm-record by default, in object store events keyed by id, indexed by personId", async () => {
    const factory = freshFactory();
    const store = track(await IndexedDbEventStore.open({ indexedDB: factory }));
    const b = recordBuilder();
    await store.append(b.person());
    await store.append(b.person({ personId: "P-2" }));
    await store.append(b.incident({ id: "inc-1" }));
    store.close();

    expect(DEFAULT_DATABASE_NAME).toBe("csm-record");
    const db = await request(factory.open("csm-record"));
    try {
      const events = db.transaction("events").objectStore("events");
      expect(events.keyPath).toBe("id");
      expect([...events.indexNames]).toContain("personId");
      const stored = (await request(events.get("inc-1"))) as { personId: string; event: RecordEvent };
      expect(stored.personId).toBe("P-1");
      expect(stored.event.type).toBe("IncidentRecorded");
      const tx = db.transaction("events");
      const p1 = (await request(tx.objectStore("events").index("personId").getAll("P-1"))) as { id: string }[];
      expect(p1.map((r) => r.id).sort()).toEqual(["e1", "inc-1"]);
    } finally {
      db.close();
    }
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

    it("a database of the same name made by something else: foreign, and says to use another name", async () => {
      const factory = freshFactory();
      (await request(factory.open("csm-record", 1))).close();
      const e = await problemOf(factory);
      expect(e.problem).toBe("foreign");
      expect(e.message).toMatch(/different database name/);
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
