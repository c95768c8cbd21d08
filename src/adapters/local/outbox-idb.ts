/**
 * The sync engine's durable state in IndexedDB (through `idb`): the outbox of appends not yet in
 * the shared record, the replica of the shared record with its deltaLink, and small values
 * (throttle, reconcile times). Survives a reload; shared by the tabs of one browser profile.
 *
 * Database `csm-sync` (configurable), schema version 1:
 * - `outbox`  keyed by event id: OutboxEntry.
 * - `replica` keyed by SharePoint item id: RemoteItem (the event as stored on the server).
 * - `meta`    key/value: "deltaLink" and the KeyValueStorage values. Never a token; never an
 *             address in clear (callers use opaque keys, app/m365-state.ts).
 *
 * Replica changes and the deltaLink are written in ONE transaction: a reload between the two can
 * never leave a deltaLink that skips changes the replica does not have.
 */
import { wrap, type DBSchema, type IDBPDatabase } from "idb";
import type { OutboxEntry, OutboxStorage } from "../../app/outbox";
import type { KeyValueStorage } from "../../app/m365-state";
import type { RemoteItem, ReplicaChange, ReplicaSnapshot, ReplicaStorage } from "../../app/sync";

export const DEFAULT_SYNC_DATABASE = "csm-sync";
const VERSION = 1;
const DELTA_KEY = "deltaLink";
/** Values a sign-out keeps: the administrator's settings overrides (app/m365-settings.ts). */
const KEPT_ON_WIPE: readonly string[] = ["kv:m365.settings"];

interface SyncDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry };
  replica: { key: string; value: RemoteItem };
  meta: { key: string; value: unknown };
}

export interface IdbSyncStorageOptions {
  readonly name?: string;
  /** Default `globalThis.indexedDB`; tests pass a fake-indexeddb factory. */
  readonly indexedDB?: IDBFactory;
}

export class IdbSyncStorage implements OutboxStorage, ReplicaStorage, KeyValueStorage {
  private constructor(private readonly db: IDBPDatabase<SyncDb>) {}

  static async open(options: IdbSyncStorageOptions = {}): Promise<IdbSyncStorage> {
    const factory = options.indexedDB ?? globalThis.indexedDB;
    if (!factory) throw new Error("IndexedDB is unavailable in this browser; changes cannot be kept across a reload.");
    const request = factory.open(options.name ?? DEFAULT_SYNC_DATABASE, VERSION);
    request.onupgradeneeded = () => {
      const database = request.result;
      for (const name of ["outbox", "replica", "meta"])
        if (!database.objectStoreNames.contains(name)) database.createObjectStore(name);
    };
    const db = (await wrap(request)) as unknown as IDBPDatabase<SyncDb>;
    return new IdbSyncStorage(db);
  }

  close(): void {
    this.db.close();
  }

  // OutboxStorage
  async list(): Promise<OutboxEntry[]> {
    return this.db.getAll("outbox");
  }
  async put(entry: OutboxEntry): Promise<void> {
    await this.db.put("outbox", entry, entry.id);
  }
  async remove(id: string): Promise<void> {
    await this.db.delete("outbox", id);
  }

  // ReplicaStorage
  async load(): Promise<ReplicaSnapshot> {
    const tx = this.db.transaction(["replica", "meta"], "readonly");
    const [items, deltaLink] = await Promise.all([
      tx.objectStore("replica").getAll(),
      tx.objectStore("meta").get(DELTA_KEY),
    ]);
    await tx.done;
    return { items, deltaLink: typeof deltaLink === "string" ? deltaLink : null };
  }

  async save(change: ReplicaChange): Promise<void> {
    const tx = this.db.transaction(["replica", "meta"], "readwrite");
    const replica = tx.objectStore("replica");
    const ops: Promise<unknown>[] = [];
    if (change.reset) ops.push(replica.clear());
    for (const id of change.deletes) ops.push(replica.delete(id));
    for (const item of change.upserts) ops.push(replica.put(item, item.itemId));
    if (change.deltaLink !== undefined) ops.push(tx.objectStore("meta").put(change.deltaLink, DELTA_KEY));
    await Promise.all([...ops, tx.done]);
  }

  /**
   * Sign-out (app/local-data.ts): the outbox, the replica, the deltaLink and the sync state, in one
   * transaction. The device's Microsoft 365 settings (KEPT_ON_WIPE) stay: they configure the add-in,
   * not a user's work.
   */
  async wipe(): Promise<void> {
    const tx = this.db.transaction(["outbox", "replica", "meta"], "readwrite");
    const meta = tx.objectStore("meta");
    const keys = (await meta.getAllKeys()).filter((k) => !KEPT_ON_WIPE.includes(String(k)));
    await Promise.all([
      tx.objectStore("outbox").clear(),
      tx.objectStore("replica").clear(),
      ...keys.map((k) => meta.delete(k)),
      tx.done,
    ]);
  }

  // KeyValueStorage
  async get<T>(key: string): Promise<T | undefined> {
    return (await this.db.get("meta", `kv:${key}`)) as T | undefined;
  }
  async set<T>(key: string, value: T): Promise<void> {
    await this.db.put("meta", value, `kv:${key}`);
  }
}
