/**
 * The record on this device: an EventStore over IndexedDB (through `idb`). It passes
 * test/contract/store-contract.ts.
 *
 * Layout (schema version 3) of database `csm-record` (configurable):
 * - object store `chunks`: the events packed in runs of up to CHUNK_SIZE, in the order written
 *   (chunk.ts: `{ first, json, atMs, recordedAtMs }`). A chunk's key is the `seq` of its first
 *   event, and its events have the `seq`s that follow one after another. Appends fill the last
 *   chunk, then start a new one. Packing is for speed: Chromium reads 100 rows of 100 events in
 *   about a third of the time it takes to read 10,000 rows of one (the taskpane's cold start,
 *   issue 3 item 8).
 * - object store `meta`, key `"log"`: `{ seq }`, the last `seq` used. `clear()` uses a `seq` too,
 *   without an event, so a database that was cleared since the cache was loaded has a gap.
 * - object store `people`, keyed by `personId`: every event of that person, in the order written,
 *   packed like a chunk (`first` is the `seq` of the person's first event); and object store
 *   `identifiers`, keyed by identifier (domain `identifierKey`): the ids of the people whose
 *   registrations or links name it (record-format §6; retracted or unlinked ones included, the fold
 *   decides). Both are written in the same transaction as the chunks, so they always describe the
 *   same `seq`. Why (issue 10 item 1): the taskpane's first card needs only the people who may use
 *   the sender's address, and `readForIdentifiers` reads just their rows, whatever the size of the
 *   record; the whole log is read after the card is on screen.
 * Version 1 kept one row per event (`events`, keyed by id, indexes `personId` and `seq`); version 2
 * had no `people` or `identifiers`. Opening either upgrades it in the upgrade transaction (all or
 * nothing: if anything fails the database stays as it was, untouched), keeping every event in the
 * order written.
 *
 * Consistency across instances (two tabs, two Outlook windows) with an in-memory cache:
 * the store keeps the log in memory (EventLog) together with the `seq` it reflects. Every
 * operation runs in ONE IndexedDB transaction over both object stores and first reads
 * `meta.seq`: if it equals the cache's `seq`, nobody else has written and the cache is used as it
 * is (one small read); if another instance has written, only the chunks from the one holding the
 * cache's next `seq` onwards are read and their newer events added; when they do not follow on
 * from the cache (a `clear()` elsewhere left a gap, or the database was deleted and made again)
 * the log is read again in full. An append then decides (decideAppend, §8)
 * against the caught-up cache and writes the event and the new `meta.seq` in the same
 * transaction. IndexedDB runs read-write transactions whose scopes overlap one at a time, across
 * every connection of the origin, so catch-up, check and write are atomic with respect to every
 * other writer: two tabs appending the same event resolve to one "appended" and one "duplicate",
 * and no check is made against a stale log. No BroadcastChannel or lock is needed for
 * correctness. One event is one transaction, so a batch is atomic per event.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from "idb";
import {
  identifierKey,
  inLogOrder,
  RecordRejectedError,
  trustedLogged,
  type LoggedEvent,
  type RecordEvent,
} from "../../domain";
import type { AppendOutcome, EventStore, IdentifiersRead } from "../../app/ports";
import { erasureEntry, type ErasureEntry, type ErasureRequest, type ErasureStore } from "../../app/retention";
import { chunkLength, extendChunk, makeChunk, openChunk, type ChunkEntry, type StoredChunk } from "./chunk";
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
const SCHEMA_VERSION = 3;
const META_KEY = "log";
/** The erasure log (app/retention.ts) in `meta`: no personal data, only when, how many, which role. */
const ERASURES_KEY = "erasures";
/** Events per chunk: big enough that a cold read is a few rows, small enough that an append rewrites little. */
export const CHUNK_SIZE = 100;

/** A version 1 row (one event per row), read only when upgrading. */
interface V1Row {
  readonly seq: number;
  readonly event: RecordEvent;
}

interface LogMeta {
  readonly seq: number;
}

const EMPTY_META: LogMeta = { seq: 0 };

interface ErasureRow {
  readonly entries: readonly ErasureEntry[];
}

interface RecordDb extends DBSchema {
  chunks: { key: number; value: StoredChunk };
  // `log` holds LogMeta; `erasures` an ErasureRow.
  meta: { key: string; value: LogMeta | ErasureRow };
  people: { key: string; value: StoredChunk };
  identifiers: { key: string; value: readonly string[] };
}

const STORES = ["chunks", "meta", "people", "identifiers"] as const;
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

/** The `log` row of `meta` (LogMeta), whatever the type says the store may hold. */
const asMeta = (v: LogMeta | ErasureRow | undefined): LogMeta | undefined =>
  v && typeof (v as LogMeta).seq === "number" ? (v as LogMeta) : undefined;

export class IndexedDbEventStore implements EventStore, ErasureStore {
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
   * Opens (creating or upgrading if need be) the database. Rejects with a LocalStoreError that says
   * what to do when the browser will not give storage. The log itself is read by the first
   * operation, in the same transaction as everything else that operation does, so a surface that
   * opens the store and then reads the record waits for one transaction, not two.
   */
  static async open(options: IndexedDbStoreOptions = {}): Promise<IndexedDbEventStore> {
    const store = new IndexedDbEventStore(options);
    try {
      await store.connection();
    } catch (error) {
      throw storageError(error, store.name, "open");
    }
    return store;
  }

  async append(event: RecordEvent): Promise<AppendOutcome> {
    const json = toJsonEvent(event);
    const result = await this.run("readwrite", "write", async (tx) => {
      const meta = await this.catchUp(tx);
      const decision = this.log.decide(json);
      if (decision.kind !== "append") return { decision, seq: 0 };
      await writeEvents(tx, meta.seq, [decision.logged]);
      return { decision, seq: meta.seq + 1 };
    });
    const { decision, seq } = result;
    if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
    if (decision.kind === "duplicate") return "duplicate";
    // Committed. Add it to the cache unless something else has moved the cache on meanwhile (the
    // next operation then catches up from the database).
    if (this.seq === seq - 1) {
      this.log.add(decision.logged.event, decision.logged);
      this.seq = seq;
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
      // Written in log order, so that reading back in `seq` order needs no sort.
      await writeEvents(tx, meta.seq, inLogOrder(decision.logged));
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

  /**
   * The first card's read (issue 10 item 1): every event of every person whose registration or
   * link names one of `identifiers`, in one transaction (so one consistent `seq`), without reading
   * the log. The people are all who may use those identifiers, each with their whole history, so a
   * RecordIndex over these events identifies the sender and folds them exactly as the whole log
   * does. Does not touch the in-memory cache.
   */
  async readForIdentifiers(identifiers: readonly string[]): Promise<IdentifiersRead> {
    const keys = [...new Set(identifiers.map((v) => identifierKey(v)))];
    return this.run("readonly", "read", async (tx) => {
      const [meta, count, ...named] = await Promise.all([
        tx.objectStore("meta").get(META_KEY).then(asMeta),
        tx.objectStore("chunks").count(),
        ...keys.map((k) => tx.objectStore("identifiers").get(k)),
      ]);
      const personIds = [...new Set(named.flatMap((ids) => ids ?? []))].sort();
      const rows = await Promise.all(personIds.map((id) => tx.objectStore("people").get(id)));
      const events: LoggedEvent[] = [];
      for (const row of rows) {
        if (!row) continue;
        for (const l of openChunk(row, this.name).logged) if (l) events.push(l);
      }
      return { events, empty: count === 0, seq: (meta ?? EMPTY_META).seq };
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
      const meta = (await tx.objectStore("meta").get(META_KEY).then(asMeta)) ?? EMPTY_META;
      const seq = meta.seq + 1;
      await Promise.all([
        tx.objectStore("chunks").clear(),
        tx.objectStore("people").clear(),
        tx.objectStore("identifiers").clear(),
        tx.objectStore("meta").put({ seq }, META_KEY),
      ]);
      return seq;
    });
    if (this.seq < cleared) {
      this.log.clear();
      this.seq = cleared;
    }
  }

  /**
   * Retention erasure (app/retention.ts; record-format §1's one exception): removes every event of
   * the person together, in one transaction, and appends an entry without personal data to the
   * erasure log. The remaining events are written again with new `seq`s after a gap, so every
   * other instance reads the whole log again on its next operation (as after `clear()`).
   */
  async erasePerson(personId: string, request: ErasureRequest): Promise<ErasureEntry> {
    const entry = await this.run("readwrite", "write", async (tx) => {
      const meta = await this.catchUp(tx);
      const kept: ChunkEntry[] = [];
      let removed = 0;
      for (const chunk of await tx.objectStore("chunks").getAll()) {
        const opened = openChunk(chunk, this.name);
        opened.events.forEach((e, i) => {
          if ((e as Partial<RecordEvent> | null)?.personId === personId) removed += 1;
          else kept.push(entryOf(e as RecordEvent, opened.logged[i] ?? null));
        });
      }
      const made = erasureEntry(request, removed);
      const old = (await tx.objectStore("meta").get(ERASURES_KEY)) as ErasureRow | undefined;
      await Promise.all([
        tx.objectStore("chunks").clear(),
        tx.objectStore("people").clear(),
        tx.objectStore("identifiers").clear(),
        tx.objectStore("meta").put({ entries: [...(old?.entries ?? []), made] }, ERASURES_KEY),
      ]);
      await writeEvents(tx, meta.seq + 1, kept);
      return made;
    });
    // Read again in full by the next operation.
    this.log.clear();
    this.seq = -1;
    return entry;
  }

  async erasures(): Promise<readonly ErasureEntry[]> {
    return this.run("readonly", "read", async (tx) => {
      const row = (await tx.objectStore("meta").get(ERASURES_KEY)) as ErasureRow | undefined;
      return structuredClone(row?.entries ?? []);
    });
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
    const chunks = tx.objectStore("chunks");
    if (this.seq < 0) {
      // Nothing loaded yet: ask for the counter and every chunk at once (one round trip, one
      // consistent state: both are read in this transaction).
      const [stored, all] = await Promise.all([tx.objectStore("meta").get(META_KEY).then(asMeta), chunks.getAll()]);
      const meta = stored ?? EMPTY_META;
      this.loadChunks(all, meta);
      return meta;
    }
    const meta = (await tx.objectStore("meta").get(META_KEY).then(asMeta)) ?? EMPTY_META;
    if (meta.seq === this.seq) return meta;
    if (meta.seq > this.seq) {
      // Another instance appended: read only the chunks from the one holding the cache's next
      // `seq` onwards (its key is at most that `seq`), and add what is newer than the cache.
      const next = this.seq + 1;
      const holding = await chunks.openKeyCursor(IDBKeyRange.upperBound(next), "prev");
      const newer = await chunks.getAll(IDBKeyRange.lowerBound(holding ? holding.key : next));
      catchingUp: for (const chunk of newer) {
        if (chunk.first + chunkLength(chunk) - 1 <= this.seq) continue;
        const { events, logged } = openChunk(chunk, this.name);
        for (let i = Math.max(0, this.seq + 1 - chunk.first); i < events.length; i++) {
          if (chunk.first + i !== this.seq + 1) break catchingUp; // a gap: read everything, below
          this.log.add(events[i] as RecordEvent, logged[i] ?? undefined);
          this.seq += 1;
        }
      }
      if (this.seq === meta.seq) return meta;
    }
    // First load, a gap (a clear() elsewhere), a database made again: read everything again, in
    // `seq` order (the order written, nearly always log order, so the log needs no sort).
    this.loadChunks(await chunks.getAll(), meta);
    return meta;
  }

  private loadChunks(all: readonly StoredChunk[], meta: LogMeta): void {
    const events: RecordEvent[] = [];
    const logged: LoggedEvent[] = [];
    for (const chunk of all) {
      const opened = openChunk(chunk, this.name);
      for (let i = 0; i < opened.events.length; i++) {
        events.push(opened.events[i] as RecordEvent);
        const l = opened.logged[i];
        if (l) logged.push(l);
      }
    }
    this.log.replaceParsed(events, logged);
    this.seq = meta.seq;
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
      const upgrade = request.transaction as IDBTransaction;
      if (event.oldVersion < 1) {
        for (const store of STORES) db.createObjectStore(store);
        return;
      }
      const foreign = () => {
        gaveUp = true;
        upgrade.abort(); // leaves the database as it was
        reject(foreignDatabaseError(name));
      };
      /** Version 3's `people` and `identifiers`, made from every event (in `seq` order, with their `seq`s). */
      const addIndexes = (entries: readonly ChunkEntry[], seqs: readonly number[]) => {
        const people = db.createObjectStore("people");
        const identifiers = db.createObjectStore("identifiers");
        const index = indexEntries(entries, (i) => seqs[i] ?? 0);
        for (const [personId, row] of index.people) people.add(makeChunk(row.first, row.entries), personId);
        for (const [key, ids] of index.identifiers) identifiers.add([...ids], key);
      };
      if (event.oldVersion === 2) {
        // Version 2 → 3: the chunks stay; the per-person rows and the identifier index are made from them.
        if (!db.objectStoreNames.contains("chunks") || !db.objectStoreNames.contains("meta")) return foreign();
        const read = upgrade.objectStore("chunks").getAll();
        read.onsuccess = () => {
          const chunks = read.result as StoredChunk[];
          const entries: ChunkEntry[] = [];
          const seqs: number[] = [];
          for (const chunk of chunks) {
            let opened: ReturnType<typeof openChunk>;
            try {
              opened = openChunk(chunk, name);
            } catch (error) {
              gaveUp = true;
              upgrade.abort(); // a damaged chunk: nothing is changed
              reject(error);
              return;
            }
            opened.events.forEach((e, i) => {
              entries.push(entryOf(e, opened.logged[i] ?? null));
              seqs.push(chunk.first + i);
            });
          }
          addIndexes(entries, seqs);
        };
        return;
      }
      // Version 1 → 3: one row per event → chunks, in the order written, and the indexes.
      if (!db.objectStoreNames.contains("events") || !db.objectStoreNames.contains("meta")) return foreign();
      const read = upgrade.objectStore("events").index("seq").getAll();
      read.onsuccess = () => {
        const events = (read.result as V1Row[]).map((r) => asEntry(r.event));
        db.deleteObjectStore("events");
        const chunks = db.createObjectStore("chunks");
        // Numbered afresh from 1: every other connection is closed by the upgrade and forgets its cache.
        for (let first = 1; first <= events.length; first += CHUNK_SIZE) {
          chunks.add(makeChunk(first, events.slice(first - 1, first - 1 + CHUNK_SIZE)), first);
        }
        upgrade.objectStore("meta").put({ seq: events.length }, META_KEY);
        addIndexes(
          events,
          events.map((_, i) => i + 1),
        );
      };
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
      if (!STORES.every((store) => db.objectStoreNames.contains(store))) {
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

/**
 * Writes `events` (already decided) as `seq` after + 1, after + 2, …: into the last chunk while it
 * has room and ends at `after`, then into new chunks; and sets `meta.seq`. Inside the caller's
 * read-write transaction.
 */
async function writeEvents(tx: Tx<"readwrite">, after: number, events: readonly ChunkEntry[]): Promise<void> {
  const chunks = tx.objectStore("chunks");
  const writes: Promise<unknown>[] = [];
  let from = 0;
  const lastCursor = await chunks.openCursor(null, "prev");
  const last = lastCursor?.value;
  if (last && last.first + chunkLength(last) === after + 1 && chunkLength(last) < CHUNK_SIZE) {
    from = Math.min(CHUNK_SIZE - chunkLength(last), events.length);
    writes.push(chunks.put(extendChunk(last, events.slice(0, from)), last.first));
  }
  for (; from < events.length; from += CHUNK_SIZE) {
    const first = after + 1 + from;
    writes.push(chunks.add(makeChunk(first, events.slice(from, from + CHUNK_SIZE)), first));
  }
  writes.push(tx.objectStore("meta").put({ seq: after + events.length }, META_KEY));
  // The same events into their people's rows and the identifier index, in this transaction.
  const index = indexEntries(events, (i) => after + 1 + i);
  const people = tx.objectStore("people");
  const identifiers = tx.objectStore("identifiers");
  for (const [personId, row] of index.people) {
    writes.push(
      people
        .get(personId)
        .then((old) => people.put(old ? extendChunk(old, row.entries) : makeChunk(row.first, row.entries), personId)),
    );
  }
  for (const [key, ids] of index.identifiers) {
    writes.push(
      identifiers.get(key).then((old) => {
        const missing = [...ids].filter((id) => !old?.includes(id));
        return missing.length === 0 ? undefined : identifiers.put([...(old ?? []), ...missing], key);
      }),
    );
  }
  await Promise.all(writes);
}

/**
 * What `entries` (the i-th with `seq` `seqOf(i)`) add to the `people` rows and the `identifiers` index:
 * each person's entries in order (with the `seq` of the first), and for every address or number a
 * registration or link names (record-format §2, §6; as RecordIndex's candidates), who named it.
 */
function indexEntries(
  entries: readonly ChunkEntry[],
  seqOf: (i: number) => number,
): {
  people: Map<string, { first: number; entries: ChunkEntry[] }>;
  identifiers: Map<string, Set<string>>;
} {
  const people = new Map<string, { first: number; entries: ChunkEntry[] }>();
  const identifiers = new Map<string, Set<string>>();
  entries.forEach((entry, i) => {
    const e = entry.event as Partial<RecordEvent> | null;
    if (!e || typeof e.personId !== "string") return; // not an event at all (a damaged v1 row): nobody's
    const row = people.get(e.personId);
    if (row) row.entries.push(entry);
    else people.set(e.personId, { first: seqOf(i), entries: [entry] });
    if (e.type !== "PersonRegistered" && e.type !== "IdentifiersLinked") return;
    const data = (e.data ?? {}) as { emails?: unknown; phones?: unknown };
    for (const list of [data.emails, data.phones]) {
      if (!Array.isArray(list)) continue;
      for (const v of list) {
        if (typeof v !== "string") continue;
        const key = identifierKey(v);
        const ids = identifiers.get(key);
        if (ids) ids.add(e.personId);
        else identifiers.set(key, new Set([e.personId]));
      }
    }
  });
  return { people, identifiers };
}

/** A stored event as a chunk entry again (its instants as they were stored). */
function entryOf(event: RecordEvent, logged: LoggedEvent | null): ChunkEntry {
  return logged ?? { event, atMs: Number.NaN, recordedAtMs: Number.NaN };
}

/** A version 1 event as a chunk entry: its instants parsed, or NaN when it is not well-formed. */
function asEntry(event: RecordEvent): ChunkEntry {
  return trustedLogged(event) ?? { event, atMs: Number.NaN, recordedAtMs: Number.NaN };
}
