/**
 * Sync: the shared record (a SharePoint list in production) read into a local replica by delta
 * query (architecture.md "The record"). The replica answers "who is this sender" from memory with
 * no round trip and keeps working offline; the deltaLink is kept with it, so each pull fetches only
 * what changed. A 410 from the delta endpoint means the token can no longer be served: the engine
 * enumerates the whole list again from the Location Graph gives and replaces the replica with it.
 * The log is append-only and merged by event id, so a resync loses nothing (m365-reference §4.10).
 *
 * The replica is validated as a whole (record-format §8, validateLog): when two members of staff
 * write at the same moment, each store-side check ran against its own last sync, so the shared list
 * can hold an event the checks would refuse in log order (two impositions reusing one strategy id).
 * Such an event is not part of the log for anyone; it is listed in `conflicts()` for staff to see.
 */
import {
  checkShape,
  validateLog,
  type LineError,
  type LoggedEvent,
  type ParsedLine,
  type RecordEvent,
} from "../domain";

/** One item of the remote log: its item id, and the event it holds (or why it is unreadable). */
export interface RemoteItem {
  readonly itemId: string;
  /** The event as JSON (unchecked); null when the item could not be read as an event. */
  readonly event: unknown;
  readonly problem?: string;
}

export interface DeltaPage {
  readonly items: readonly RemoteItem[];
  /** Item ids the server reports deleted (GDPR erasure at the end of retention). */
  readonly deleted: readonly string[];
  readonly nextLink?: string;
  readonly deltaLink?: string;
}

/** The server said the delta token is no longer valid (410); `location` starts a fresh enumeration. */
export class ResyncRequiredError extends Error {
  constructor(readonly location: string | null) {
    super("The change feed must be read again from the start (resync).");
    this.name = "ResyncRequiredError";
  }
}

export interface RemoteLog {
  /** A page of the change feed: `link` null starts a full enumeration. Throws ResyncRequiredError on 410. */
  deltaPage(link: string | null): Promise<DeltaPage>;
}

export interface ReplicaSnapshot {
  readonly items: readonly RemoteItem[];
  readonly deltaLink: string | null;
}

export interface ReplicaChange {
  /** Replace everything (after a resync) instead of merging. */
  readonly reset: boolean;
  readonly upserts: readonly RemoteItem[];
  readonly deletes: readonly string[];
  /** Unchanged when undefined (an item noted after an append). */
  readonly deltaLink?: string | null;
}

/** The durable replica: items and deltaLink change together, in one transaction. */
export interface ReplicaStorage {
  load(): Promise<ReplicaSnapshot>;
  save(change: ReplicaChange): Promise<void>;
}

export interface SyncResult {
  readonly changed: number;
  readonly resynced: boolean;
}

export interface Conflict {
  readonly itemId: string;
  readonly eventId: string | null;
  readonly errors: readonly Pick<LineError, "code" | "message">[];
}

export class SyncEngine {
  private items = new Map<string, RemoteItem>();
  private deltaLink: string | null = null;
  private loaded = false;
  private inflight: Promise<SyncResult> | null = null;
  private cache: { events: RecordEvent[]; logged: LoggedEvent[]; conflicts: Conflict[] } | null = null;
  private readonly listeners = new Set<() => void>();
  /** Resyncs done (410), for the status line and tests. */
  resyncs = 0;

  constructor(
    private readonly remote: RemoteLog,
    private readonly storage: ReplicaStorage,
  ) {}

  /** Loads the replica from storage (once). Works offline. */
  async open(): Promise<void> {
    if (this.loaded) return;
    const snap = await this.storage.load();
    this.items = new Map(snap.items.map((i) => [i.itemId, i]));
    this.deltaLink = snap.deltaLink;
    this.loaded = true;
    this.cache = null;
  }

  get hasSynced(): boolean {
    return this.deltaLink !== null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.cache = null;
    for (const l of this.listeners) l();
  }

  /** Fetches what changed since the last pull. Concurrent callers share one pull. */
  pull(): Promise<SyncResult> {
    if (!this.inflight) {
      this.inflight = this.doPull().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async doPull(): Promise<SyncResult> {
    await this.open();
    let link = this.deltaLink;
    let reset = false;
    const upserts = new Map<string, RemoteItem>();
    const deletes = new Set<string>();
    for (;;) {
      let page: DeltaPage;
      try {
        page = await this.remote.deltaPage(link);
      } catch (e) {
        if (e instanceof ResyncRequiredError && !reset) {
          // 410: start again from the beginning; what was gathered from the old token is discarded.
          reset = true;
          upserts.clear();
          deletes.clear();
          link = e.location;
          continue;
        }
        throw e;
      }
      for (const item of page.items) {
        deletes.delete(item.itemId);
        upserts.set(item.itemId, item); // the feed may repeat an item: the last one wins
      }
      for (const id of page.deleted) {
        upserts.delete(id);
        deletes.add(id);
      }
      if (page.nextLink) {
        link = page.nextLink;
        continue;
      }
      if (!page.deltaLink) throw new Error("The change feed ended without a deltaLink.");
      await this.storage.save({
        reset,
        upserts: [...upserts.values()],
        deletes: [...deletes],
        deltaLink: page.deltaLink,
      });
      if (reset) {
        this.items = new Map(upserts);
        this.resyncs += 1;
      } else {
        for (const [id, item] of upserts) this.items.set(id, item);
        for (const id of deletes) this.items.delete(id);
      }
      this.deltaLink = page.deltaLink;
      const changed = upserts.size + deletes.size;
      if (changed > 0 || reset) this.changed();
      return { changed, resynced: reset };
    }
  }

  /**
   * Forgets the replica in memory (after its storage was wiped: sign-out, access taken away); the
   * next pull starts a full enumeration.
   */
  forgetAll(): void {
    this.items = new Map();
    this.deltaLink = null;
    this.changed();
  }

  /** Empties the replica in storage and in memory, keeping nothing of the shared record here. */
  async dropReplica(): Promise<void> {
    await this.open();
    await this.storage.save({ reset: true, upserts: [], deletes: [], deltaLink: null });
    this.forgetAll();
  }

  /** Records an item this client has just created, so it is visible before the next pull. */
  async noteAppended(itemId: string, event: RecordEvent): Promise<void> {
    await this.open();
    const item: RemoteItem = { itemId, event };
    await this.storage.save({ reset: false, upserts: [item], deletes: [] });
    this.items.set(itemId, item);
    this.changed();
  }

  private view(): { events: RecordEvent[]; logged: LoggedEvent[]; conflicts: Conflict[] } {
    if (this.cache) return this.cache;
    const ordered = [...this.items.values()].sort(
      (a, b) => Number(a.itemId) - Number(b.itemId) || (a.itemId < b.itemId ? -1 : 1),
    );
    const lines: ParsedLine[] = [];
    const lineItem = new Map<number, RemoteItem>();
    const conflicts: Conflict[] = [];
    ordered.forEach((item, i) => {
      if (item.event === null) {
        conflicts.push({
          itemId: item.itemId,
          eventId: null,
          errors: [{ code: "E_SCHEMA", message: item.problem ?? "the list item is not an event of the record" }],
        });
        return;
      }
      lines.push({ line: i + 1, value: item.event });
      lineItem.set(i + 1, item);
    });
    const validated = validateLog(lines);
    const byLine = new Map<number, LineError[]>();
    for (const err of validated.errors)
      if (err.line !== null) byLine.set(err.line, [...(byLine.get(err.line) ?? []), err]);
    for (const [line, errs] of byLine) {
      const item = lineItem.get(line);
      conflicts.push({
        itemId: item?.itemId ?? String(line),
        eventId: errs[0]?.id ?? null,
        errors: errs.map((e) => ({ code: e.code, message: e.message })),
      });
    }
    const events = validated.events.map((l) => l.event);
    const view = { events, logged: [...validated.events], conflicts };
    this.cache = view;
    return view;
  }

  /** The valid events of the replica (record-format §8 applied in log order). */
  events(): RecordEvent[] {
    return this.view().events;
  }

  logged(): LoggedEvent[] {
    return this.view().logged;
  }

  /** Items of the shared list that are not part of the log, with the reasons. */
  conflicts(): Conflict[] {
    return this.view().conflicts;
  }

  /** The raw stored item for an event id (case-sensitive), if any. */
  findEvent(eventId: string): RemoteItem | null {
    for (const item of this.items.values()) {
      const shape = item.event === null ? null : checkShape(item.event);
      if (shape?.id === eventId) return item;
    }
    return null;
  }
}
