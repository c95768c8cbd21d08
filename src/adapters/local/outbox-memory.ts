/**
 * The sync engine's durable state held in memory: the outbox, the replica of the shared record
 * and small settings (throttle, reconcile times). For tests, simulations and the fallback when the
 * browser offers no IndexedDB (then nothing survives a reload, and the surface says so).
 * Same contract as outbox-idb.ts. Values are deep-copied in and out, as a database would.
 */
import type { OutboxEntry, OutboxStorage } from "../../app/outbox";
import type { KeyValueStorage } from "../../app/m365-state";
import type { RemoteItem, ReplicaChange, ReplicaSnapshot, ReplicaStorage } from "../../app/sync";

const copy = <T>(v: T): T => structuredClone(v);

export class MemorySyncStorage implements OutboxStorage, ReplicaStorage, KeyValueStorage {
  private readonly outbox = new Map<string, OutboxEntry>();
  private readonly replica = new Map<string, RemoteItem>();
  private deltaLink: string | null = null;
  private readonly values = new Map<string, unknown>();

  // OutboxStorage
  async list(): Promise<OutboxEntry[]> {
    return [...this.outbox.values()].map(copy);
  }
  async put(entry: OutboxEntry): Promise<void> {
    this.outbox.set(entry.id, copy(entry));
  }
  async remove(id: string): Promise<void> {
    this.outbox.delete(id);
  }

  // ReplicaStorage
  async load(): Promise<ReplicaSnapshot> {
    return { items: [...this.replica.values()].map(copy), deltaLink: this.deltaLink };
  }
  async save(change: ReplicaChange): Promise<void> {
    if (change.reset) this.replica.clear();
    for (const id of change.deletes) this.replica.delete(id);
    for (const item of change.upserts) this.replica.set(item.itemId, copy(item));
    if (change.deltaLink !== undefined) this.deltaLink = change.deltaLink;
  }

  async wipe(): Promise<void> {
    this.outbox.clear();
    this.replica.clear();
    this.deltaLink = null;
    for (const key of [...this.values.keys()]) if (key !== "m365.settings") this.values.delete(key);
  }

  // KeyValueStorage
  async get<T>(key: string): Promise<T | undefined> {
    return this.values.has(key) ? copy(this.values.get(key) as T) : undefined;
  }
  async set<T>(key: string, value: T): Promise<void> {
    this.values.set(key, copy(value));
  }
}
