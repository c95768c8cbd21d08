/**
 * The record on this device: an EventStore over IndexedDB (through `idb`). It passes
 * test/contract/store-contract.ts.
 *
 * Layout (schema version 1) of database `csm-record` (configurable):
 * - object store `events`, keyed by event id: `{ id, personId, seq, event }`, with an index
 *   `personId` (a person's events, e.g. for erasure at the end of retention, record-format §1) and
 *   a unique index `seq` (the order in which events were written to this database).
 * - object store `meta`, key `"log"`: `{ seq }`, the last `seq` used. `clear()` uses a `seq` too,
 *   without an event, so a database that was cleared since the cache was loaded has a gap.
 *
 * Consistency across instances (two tabs, two Outlook windows) with an in-memory cache:
 * the store keeps the log in memory (EventLog) together with the `seq` it reflects. Every
 * operation runs in ONE IndexedDB transaction over both object stores and first reads
 * `meta.seq`: if it equals the cache's `seq`, nobody else has written and the cache is used as it
 * is (one small read); if another instance has written, only the events with a larger `seq` are
 * read (from the end of the `seq` index) and added; when they do not follow on from the cache
 * (a `clear()` elsewhere left a gap, or the database was deleted and made again) the log is read
 * again in full. An append then decides (decideAppend, §8)
 * against the caught-up cache and writes the event and the new `meta.seq` in the same
 * transaction. IndexedDB runs read-write transactions whose scopes overlap one at a time, across
 * every connection of the origin, so catch-up, check and write are atomic with respect to every
 * other writer: two tabs appending the same event resolve to one "appended" and one "duplicate",
 * and no check is made against a stale log. No BroadcastChannel or lock is needed for
 * correctness. One event is one transaction, so a batch is atomic per event.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from "idb";
import { inLogOrder, RecordRejectedError, type LoggedEvent, type RecordEvent } from "../../domain";
import type { AppendOutcome, EventStore } from "../../app/ports";
import { EventLog, toJsonEvent } from "./event-log";
import {
  blockedError,
  errorName,
  foreignDatabaseError,
  storageError,
  unavailableError,
  type StorageActivity,
} from "./local-store-error";

export const DEFAULT_DATABASE_NAME = "csm-record";
const SCHEMA_VERSION = 1;
const META_KEY = "log";

interface StoredEvent {
  readonly id: string;
  readonly personId: string;
  readonly seq: number;
  readonly event: RecordEvent;
}

interface LogMeta {
  readonly seq: number;
}

const EMPTY_META: LogMeta = { seq: 0 };

interface RecordDb extends DBSchema {
  events: { key: string; value: StoredEvent; indexes: { personId: string; seq: number } };
  meta: { key: string; value: LogMeta };
}

const STORES = ["events", "meta"] as const;
type Stores = typeof STORES;
type Tx<M extends IDBTransactionMode> = IDBPTransaction<RecordDb, Stores, M>;

export interface IndexedDbStoreOptions {
  /** Database name; default "csm-record". */
  readonly name?: string;
  /**
   * The IndexedDB factory; default `globalThis.indexedDB`. Tests pass a fresh fake-indexeddb
   * factory. (The `idb` wrapper recognises IndexedDB objects by the global IDB* classes, so those
   * must exist; in a browser they always do.)
   */
  readonly indexedDB?: IDBFactory;
}

export class IndexedDbEventStore implements EventStore {
  readonly name: string;
  private readonly factory: IDBFactory | undefined;
  private connecting: Promise<IDBPDatabase<RecordDb>> | null = null;
  private raw: IDBDatabase | null = null;
  private readonly log = new EventLog();
  /** The `meta.seq` the cache reflects; -1: nothing loaded yet. */
  private seq = -1;

  private constructor(options: IndexedDbStoreOptions) {
    this.name = options.name ?? DEFAULT_DATABASE_NAME;
    this.factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  }

  /**
   * Opens (creating if need be) the database and loads the log. Rejects with a LocalStoreError
   * that says what to do when the browser will not give storage.
   */
  static async open(options: IndexedDbStoreOptions = {}): Promise<IndexedDbEventStore> {
    const store = new IndexedDbEventStore(options);
    await store.run("readonly", "open", (tx) => store.catchUp(tx));
    return store;
  }

  async append(event: RecordEvent): Promise<AppendOutcome> {
    const json = toJsonEvent(event);
    const result = await this.run("readwrite", "write", async (tx) => {
      const meta = await this.catchUp(tx);
      const decision = this.log.decide(json);
      if (decision.kind !== "append") return { decision, record: null };
      const e = decision.logged.event;
      const record: StoredEvent = { id: e.id, personId: e.personId, seq: meta.seq + 1, event: e };
      await Promise.all([
        tx.objectStore("events").add(record),
        tx.objectStore("meta").put({ seq: record.seq }, META_KEY),
      ]);
      return { decision, record };
    });
    const { decision, record } = result;
    if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
    if (decision.kind === "duplicate" || !record) return "duplicate";
    // Committed. Add it to the cache unless something else has moved the cache on meanwhile (the
    // next operation then catches up from the database).
    if (this.seq === record.seq - 1) {
      this.log.add(record.event, decision.logged);
      this.seq = record.seq;
    }
    return "appended";
  }

  /** All or nothing, in one transaction (see EventStore.appendMany). */
  async appendMany(events: readonly RecordEvent[]): Promise<AppendOutcome[]> {
    const jsons = events.map((e) => toJsonEvent(e));
    const result = await this.run("readwrite", "write", async (tx) => {
      const meta = await this.catchUp(tx);
      const decision = this.log.decideMany(jsons);
      if (decision.kind !== "append" || decision.logged.length === 0) return { decision, first: meta.seq + 1 };
      const store = tx.objectStore("events");
      // Written in log order, so that reading back in `seq` order needs no sort.
      const ordered = inLogOrder(decision.logged);
      const writes: Promise<unknown>[] = ordered.map(({ event: e }, i) =>
        store.add({ id: e.id, personId: e.personId, seq: meta.seq + 1 + i, event: e }),
      );
      writes.push(tx.objectStore("meta").put({ seq: meta.seq + decision.logged.length }, META_KEY));
      await Promise.all(writes);
      return { decision, first: meta.seq + 1 };
    });
    const { decision, first } = result;
    if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
    // Committed: add the batch to the cache unless something else moved it on meanwhile.
    if (decision.logged.length > 0 && this.seq === first - 1) {
      this.log.addMany(decision.logged);
      this.seq = first - 1 + decision.logged.length;
    }
    return [...decision.outcomes];
  }

  async readAllLogged(): Promise<readonly LoggedEvent[]> {
    return this.run("readonly", "read", async (tx) => {
      await this.catchUp(tx);
      return this.log.loggedEvents();
    });
  }

  async readAll(): Promise<RecordEvent[]> {
    return this.run("readonly", "read", async (tx) => {
      await this.catchUp(tx);
      return this.log.all();
    });
  }

  async readPerson(personId: string): Promise<RecordEvent[]> {
    return this.run("readonly", "read", async (tx) => {
      await this.catchUp(tx);
      return this.log.person(personId);
    });
  }

  /** Removes every event (the preview's "Reset sample data"); other instances see it on their next operation. */
  async clear(): Promise<void> {
    const cleared = await this.run("readwrite", "write", async (tx) => {
      const meta = (await tx.objectStore("meta").get(META_KEY)) ?? EMPTY_META;
      const seq = meta.seq + 1;
      await Promise.all([tx.objectStore("events").clear(), tx.objectStore("meta").put({ seq }, META_KEY)]);
      return seq;
    });
    if (this.seq < cleared) {
      this.log.clear();
      this.seq = cleared;
    }
  }

  /** Closes the connection; a later operation opens it again. */
  close(): void {
    this.forget();
  }

  /**
   * Brings the cache up to the database's `meta.seq`, inside the caller's transaction (which
   * spans both object stores, so what it reads is one consistent state).
   */
  private async catchUp(tx: Tx<IDBTransactionMode>): Promise<LogMeta> {
    const meta = (await tx.objectStore("meta").get(META_KEY)) ?? EMPTY_META;
    if (meta.seq === this.seq) return meta;
    if (this.seq >= 0 && meta.seq > this.seq) {
      // Another instance appended: read only what is newer than the cache, newest first.
      const since = this.seq;
      const tail: StoredEvent[] = [];
      let cursor = await tx.objectStore("events").index("seq").openCursor(null, "prev");
      while (cursor && cursor.value.seq > since) {
        tail.push(cursor.value);
        cursor = await cursor.continue();
      }
      for (const r of tail.reverse()) {
        if (r.seq <= this.seq) continue;
        if (r.seq !== this.seq + 1) break;
        this.log.add(r.event);
        this.seq = r.seq;
      }
      if (this.seq === meta.seq) return meta;
    }
    // First load, a gap (a clear() elsewhere), a database made again: read everything again, in
    // `seq` order (the order written, nearly always log order, so the log needs no sort).
    const all = await tx.objectStore("events").index("seq").getAll();
    this.log.replace(all.map((r) => r.event));
    this.seq = meta.seq;
    return meta;
  }

  /** Runs `body` in one transaction over both object stores and waits for it to commit. */
  private async run<M extends IDBTransactionMode, T>(
    mode: M,
    activity: StorageActivity,
    body: (tx: Tx<M>) => Promise<T>,
  ): Promise<T> {
    let tx: Tx<M>;
    try {
      tx = await this.transaction(mode);
    } catch (error) {
      throw storageError(error, this.name, activity);
    }
    const done = tx.done;
    done.catch(() => undefined); // observed below; avoids an unhandled rejection when body fails first
    try {
      const result = await body(tx);
      await done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished
      }
      throw storageError(error, this.name, activity);
    }
  }

  private async transaction<M extends IDBTransactionMode>(mode: M): Promise<Tx<M>> {
    const db = await this.connection();
    try {
      return db.transaction(STORES, mode) as Tx<M>;
    } catch (error) {
      // The connection was closed under us (another tab upgraded or deleted the database): reopen once.
      if (errorName(error) !== "InvalidStateError") throw error;
      this.forget();
      return (await this.connection()).transaction(STORES, mode) as Tx<M>;
    }
  }

  private connection(): Promise<IDBPDatabase<RecordDb>> {
    if (!this.connecting) {
      const opening = openDatabase(this.factory, this.name).then((raw) => {
        this.raw = raw;
        // Another tab wants to upgrade or delete the database: let go, and forget the cache,
        // which may not describe the database that comes back.
        raw.onversionchange = () => this.forget(raw);
        raw.onclose = () => this.forget(raw);
        return wrap(raw) as unknown as IDBPDatabase<RecordDb>;
      });
      opening.catch(() => {
        if (this.connecting === opening) this.connecting = null;
      });
      this.connecting = opening;
    }
    return this.connecting;
  }

  private forget(raw: IDBDatabase | null = this.raw): void {
    if (raw === null || raw !== this.raw) return;
    raw.close();
    this.raw = null;
    this.connecting = null;
    this.log.clear();
    this.seq = -1;
  }
}

function openDatabase(factory: IDBFactory | undefined, name: string): Promise<IDBDatabase> {
  if (!factory) return Promise.reject(unavailableError());
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, SCHEMA_VERSION);
    } catch (error) {
      reject(storageError(error, name, "open"));
      return;
    }
    let gaveUp = false;
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (event.oldVersion < 1) {
        const events = db.createObjectStore("events", { keyPath: "id" });
        events.createIndex("personId", "personId");
        events.createIndex("seq", "seq", { unique: true });
        db.createObjectStore("meta");
      }
    };
    request.onblocked = () => {
      gaveUp = true;
      reject(blockedError(name));
    };
    request.onsuccess = () => {
      const db = request.result;
      if (gaveUp) {
        db.close();
        return;
      }
      if (!db.objectStoreNames.contains("events") || !db.objectStoreNames.contains("meta")) {
        db.close();
        reject(foreignDatabaseError(name));
        return;
      }
      resolve(db);
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (!gaveUp) reject(storageError(request.error, name, "open"));
    };
  });
}
