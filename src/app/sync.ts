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
 *
 * Tamper evidence (issue 12 Deliver 4; policy 9.12: a decision must be open to challenge, so the
 * record must be the one that was written): each item carries what SharePoint says about it (who
 * created it, who last changed it, when). An item whose creator is not the event's `by` (a forged
 * `by`), an item changed after it was created (its fields, or its modified time moving on), and an
 * item deleted from the list are QUARANTINED: never part of the log, listed in `quarantined()` with
 * what changed (field, before and after where this device knew them, who, when), and kept in the
 * replica (a deleted item as a tombstone without its data). The enforcement service writes with an
 * app-only identity, so its items' creator is an application: only an application the deployment
 * trusts (TRUSTED_WRITER_APPS: its app id and the `by` it records with) may write events that way.
 *
 * Retention erasure (issue 13 Deliver 4, app/retention.ts) is the one deletion that is not
 * tampering: before a deleted item is quarantined, sync asks the erasure log (`erasedItems`) for
 * the item ids the records officer's erasures removed; those items are DROPPED from the replica
 * (nothing of them is kept, not even a tombstone), and nothing is quarantined for them.
 */
import {
  checkShape,
  deepEqual,
  validateLog,
  type LineError,
  type LoggedEvent,
  type ParsedLine,
  type RecordEvent,
} from "../domain";

/** Who SharePoint says created or changed an item (Graph identitySet: user and/or application). */
export interface WriterIdentity {
  /** The user's object id, mail and name (createdBy.user). */
  readonly userId?: string;
  readonly email?: string;
  readonly name?: string;
  /** The application's (client) id and name (createdBy.application): an app-only write. */
  readonly appId?: string;
  readonly appName?: string;
}

/** What the list says about an item besides its fields. */
export interface Provenance {
  readonly createdBy?: WriterIdentity;
  readonly lastModifiedBy?: WriterIdentity;
  /** createdDateTime and lastModifiedDateTime (ISO). */
  readonly created?: string;
  readonly modified?: string;
  readonly eTag?: string;
}

/** One field of an event that changed: `data.<key>` for the event's data. */
export interface FieldChange {
  readonly field: string;
  /** Undefined when this device never saw the item before it changed. */
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Found by sync: the item was changed after it was created, or deleted from the list. */
export interface Tamper {
  readonly kind: "edited" | "deleted";
  /** The event as this device first read it (undefined: already changed when first read). */
  readonly original?: unknown;
  readonly changes: readonly FieldChange[];
  /** Who changed it (lastModifiedBy), as a name or address; null when SharePoint does not say (deletion). */
  readonly who: string | null;
  /** When it changed (lastModifiedDateTime), or when this device noticed a deletion. */
  readonly when: string | null;
}

/** One item of the remote log: its item id, and the event it holds (or why it is unreadable). */
export interface RemoteItem {
  readonly itemId: string;
  /** The event as JSON (unchecked); null when the item could not be read as an event. */
  readonly event: unknown;
  readonly problem?: string;
  /** Absent for an item this device noted after its own append (until the feed brings it). */
  readonly provenance?: Provenance;
  /** Set by sync when the item was edited or deleted (the item is then quarantined). */
  readonly tamper?: Tamper;
}

/**
 * An application whose app-only writes are trusted (the enforcement service): its application
 * (client) id, and the `by` it records with. Configured by the deployment (TRUSTED_WRITER_APPS).
 */
export interface TrustedWriter {
  readonly appId: string;
  readonly by: string;
}

export type QuarantineReason = "forged-by" | "edited" | "deleted";

/** An item kept out of the log because the list shows it was not written as it says, or was changed. */
export interface Quarantined {
  readonly itemId: string;
  readonly eventId: string | null;
  readonly personId: string | null;
  readonly type: string | null;
  /** The `by` the event claims. */
  readonly by: string | null;
  readonly reason: QuarantineReason;
  /** One plain-English sentence saying what is wrong. */
  readonly summary: string;
  readonly changes: readonly FieldChange[];
  /** Who wrote or changed it, as SharePoint says; null when it does not say. */
  readonly who: string | null;
  readonly when: string | null;
}

export interface SyncOptions {
  /** Applications whose app-only writes are trusted (the enforcement service's app id and `by`). */
  readonly trustedWriters?: readonly TrustedWriter[];
  /** For the time a deletion was noticed. */
  readonly now?: () => number;
  /**
   * The item ids removed by retention erasures (the erasure log, app/retention.ts): asked when the
   * feed reports deletions; those items are dropped, not quarantined.
   */
  readonly erasedItems?: () => Promise<ReadonlySet<string>>;
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
  private cache: View | null = null;
  private readonly listeners = new Set<() => void>();
  /** Resyncs done (410), for the status line and tests. */
  resyncs = 0;

  private readonly trusted: readonly TrustedWriter[];
  private readonly now: () => number;
  private readonly erasedItems: (() => Promise<ReadonlySet<string>>) | null;

  constructor(
    private readonly remote: RemoteLog,
    private readonly storage: ReplicaStorage,
    options: SyncOptions = {},
  ) {
    this.trusted = options.trustedWriters ?? [];
    this.now = options.now ?? Date.now;
    this.erasedItems = options.erasedItems ?? null;
  }

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
      // Tamper evidence: each item compared with what this device knew of it; a deleted item is
      // kept as a tombstone (quarantined), never just dropped.
      const changed = upserts.size + deletes.size;
      const noticed = new Date(this.now()).toISOString();
      // Deletions a retention erasure made are dropped, not tombstoned (record-format §1's exception).
      // Asked only when something was deleted (or, after a resync, is no longer listed).
      const vanished = reset && [...this.items.keys()].some((id) => !upserts.has(id) && !deletes.has(id));
      const erased = deletes.size > 0 || vanished ? await this.erasedItemIds() : new Set<string>();
      const drops: string[] = [];
      const out = new Map<string, RemoteItem>();
      for (const [id, item] of upserts) out.set(id, withTamper(this.items.get(id), item));
      for (const id of deletes) {
        if (erased.has(id)) drops.push(id);
        else out.set(id, tombstone(this.items.get(id), id, noticed));
      }
      if (reset) {
        // Items and tombstones the fresh enumeration no longer lists were deleted meanwhile.
        for (const [id, prev] of this.items) {
          if (out.has(id) || erased.has(id)) continue;
          out.set(id, prev.tamper?.kind === "deleted" ? prev : tombstone(prev, id, noticed));
        }
      } else {
        // A deletion noticed before its erasure was logged (another device's erasure in flight).
        for (const [id, prev] of this.items)
          if (prev.tamper?.kind === "deleted" && erased.has(id) && !drops.includes(id)) drops.push(id);
      }
      await this.storage.save({ reset, upserts: [...out.values()], deletes: drops, deltaLink: page.deltaLink });
      if (reset) {
        this.items = out;
        this.resyncs += 1;
      } else {
        for (const [id, item] of out) this.items.set(id, item);
        for (const id of drops) this.items.delete(id);
      }
      this.deltaLink = page.deltaLink;
      if (changed > 0 || reset) this.changed();
      return { changed, resynced: reset };
    }
  }

  private async erasedItemIds(): Promise<ReadonlySet<string>> {
    return this.erasedItems ? this.erasedItems() : new Set<string>();
  }

  /** Whether the replica holds the item (an event, an item the log does not count, or a tombstone). */
  hasItem(itemId: string): boolean {
    return this.items.has(itemId);
  }

  /**
   * The item ids of every item this replica holds about the person: events, items the log does not
   * count (conflicts, quarantined), and tombstones (retention erasure removes them all).
   */
  itemsOfPerson(personId: string): string[] {
    const out: string[] = [];
    for (const item of this.items.values()) {
      const ev = asObject(item.tamper?.original) ?? asObject(item.event);
      const also = asObject(item.event);
      if (ev?.["personId"] === personId || also?.["personId"] === personId) out.push(item.itemId);
    }
    return out;
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
    // Already read from the list (a create that answered 409): what the list said stays.
    if (this.items.has(itemId)) return;
    const item: RemoteItem = { itemId, event };
    await this.storage.save({ reset: false, upserts: [item], deletes: [] });
    this.items.set(itemId, item);
    this.changed();
  }

  private view(): View {
    if (this.cache) return this.cache;
    const ordered = [...this.items.values()].sort(
      (a, b) => Number(a.itemId) - Number(b.itemId) || (a.itemId < b.itemId ? -1 : 1),
    );
    const lines: ParsedLine[] = [];
    const lineItem = new Map<number, RemoteItem>();
    const conflicts: Conflict[] = [];
    const quarantined: Quarantined[] = [];
    ordered.forEach((item, i) => {
      const q = quarantine(item, this.trusted);
      if (q) {
        quarantined.push(q);
        return;
      }
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
    const view = { events, logged: [...validated.events], conflicts, quarantined };
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

  /**
   * Items kept out of the log because SharePoint shows they were not written as they say (a forged
   * `by`, an untrusted application) or were edited or deleted after creation: "needs attention".
   */
  quarantined(): Quarantined[] {
    return this.view().quarantined;
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

interface View {
  events: RecordEvent[];
  logged: LoggedEvent[];
  conflicts: Conflict[];
  quarantined: Quarantined[];
}

const lower = (v: string | undefined): string => (v ?? "").trim().toLowerCase();

function sameIdentity(a: WriterIdentity | undefined, b: WriterIdentity | undefined): boolean {
  if (!a || !b) return true; // not said: nothing to compare
  if (a.userId || b.userId) return lower(a.userId) === lower(b.userId) && lower(a.appId) === lower(b.appId);
  if (a.email || b.email) return lower(a.email) === lower(b.email);
  return lower(a.appId) === lower(b.appId);
}

/** A person or application as staff can recognise it. */
export function identityLabel(w: WriterIdentity | undefined): string | null {
  if (!w) return null;
  if (w.email || w.userId) return w.email ?? w.name ?? w.userId ?? null;
  if (w.appId || w.appName) return `the application ${w.appName ?? w.appId}`;
  return w.name ?? null;
}

const sameTime = (a: string | undefined, b: string | undefined): boolean =>
  a === undefined || b === undefined || a === b || Date.parse(a) === Date.parse(b);

const asObject = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Field by field (and key by key inside `data`), what differs between two versions of an event. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = asObject(before);
  const b = asObject(after);
  if (!a || !b) return deepEqual(before, after) ? [] : [{ field: "item", before, after }];
  const out: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    if (k === "data" && asObject(a[k]) && asObject(b[k])) {
      const da = asObject(a[k])!;
      const db = asObject(b[k])!;
      for (const dk of [...new Set([...Object.keys(da), ...Object.keys(db)])]) {
        if (!deepEqual(da[dk], db[dk])) out.push({ field: `data.${dk}`, before: da[dk], after: db[dk] });
      }
      continue;
    }
    if (!deepEqual(a[k], b[k])) out.push({ field: k, before: a[k], after: b[k] });
  }
  return out;
}

/** The item as read now, with what sync concludes from what this device knew of it before. */
function withTamper(prev: RemoteItem | undefined, next: RemoteItem): RemoteItem {
  const p = next.provenance;
  const who = identityLabel(p?.lastModifiedBy ?? p?.createdBy);
  const when = p?.modified ?? null;
  const edited = (original: unknown): RemoteItem => ({
    ...next,
    tamper: {
      kind: "edited",
      ...(original !== undefined ? { original } : {}),
      changes: original === undefined ? [] : fieldChanges(original, next.event),
      who,
      when,
    },
  });
  if (prev?.tamper?.kind === "edited") return edited(prev.tamper.original);
  const before = prev && prev.event !== null ? prev.event : undefined;
  // The content this device knew differs (whatever SharePoint's dates say).
  if (before !== undefined && next.event !== null && !deepEqual(before, next.event)) return edited(before);
  // SharePoint's own evidence: modified after created, by someone else, or modified again since last read.
  if (p && !sameTime(p.created, p.modified)) return edited(before);
  if (p && !sameIdentity(p.createdBy, p.lastModifiedBy)) return edited(before);
  if (
    p &&
    prev?.provenance &&
    (!sameTime(prev.provenance.modified, p.modified) ||
      (prev.provenance.eTag !== undefined && p.eTag !== undefined && prev.provenance.eTag !== p.eTag))
  )
    return edited(before);
  return next;
}

/** What is kept of a deleted item: who it was about and who wrote it, not its data (erasure). */
function tombstone(prev: RemoteItem | undefined, itemId: string, noticed: string): RemoteItem {
  if (prev?.tamper?.kind === "deleted") return prev;
  const ev = asObject(prev?.tamper?.original ?? prev?.event);
  const kept: Record<string, unknown> = {};
  if (ev) for (const k of ["id", "type", "personId", "at", "by"]) if (ev[k] !== undefined) kept[k] = ev[k];
  return {
    itemId,
    event: null,
    problem: "deleted from the list",
    ...(prev?.provenance ? { provenance: prev.provenance } : {}),
    tamper: {
      kind: "deleted",
      ...(ev ? { original: kept } : {}),
      changes: [],
      who: null,
      when: noticed,
    },
  };
}

/** Whether the item's creator, as SharePoint says, is the one the event claims; a sentence if not. */
function forgedBy(item: RemoteItem, trusted: readonly TrustedWriter[]): string | null {
  const c = item.provenance?.createdBy;
  const ev = asObject(item.event);
  if (!c || !ev) return null; // not read from the list yet (this device's own append): nothing to compare
  const by = typeof ev["by"] === "string" ? (ev["by"] as string) : "";
  const claimed = by === "" ? "nobody" : by;
  if (c.email || c.userId) {
    if (lower(by) !== "" && (lower(by) === lower(c.email) || lower(by) === lower(c.userId))) return null;
    return `It says it was recorded by ${claimed}, but SharePoint says ${identityLabel(c)} created it.`;
  }
  if (c.appId) {
    const t = trusted.find((x) => lower(x.appId) === lower(c.appId));
    if (!t)
      return `It says it was recorded by ${claimed}, but ${identityLabel(c)} created it, which this deployment does not trust to write the record.`;
    if (lower(t.by) === lower(by)) return null;
    return `It says it was recorded by ${claimed}, but ${identityLabel(c)} created it, and that application records as ${t.by}.`;
  }
  return `It says it was recorded by ${claimed}, but SharePoint does not say who created it, so that cannot be checked.`;
}

function quarantine(item: RemoteItem, trusted: readonly TrustedWriter[]): Quarantined | null {
  const shown = asObject(item.tamper?.original ?? item.event) ?? asObject(item.event);
  const str = (k: string): string | null => (shown && typeof shown[k] === "string" ? (shown[k] as string) : null);
  const base = {
    itemId: item.itemId,
    eventId: str("id"),
    personId: str("personId"),
    type: str("type"),
    by: str("by"),
  };
  const t = item.tamper;
  if (t?.kind === "deleted") {
    return {
      ...base,
      reason: "deleted",
      summary: `The item was deleted from the shared list (noticed ${t.when ?? "at the last sync"}); SharePoint's audit log says who deleted it.`,
      changes: [],
      who: null,
      when: t.when,
    };
  }
  if (t?.kind === "edited") {
    const what =
      t.original === undefined
        ? "it had already been changed when this device first read it; what it held before is in the item's version history"
        : t.changes.length === 0
          ? "it was saved again without a visible change"
          : `${t.changes.map((c) => c.field).join(", ")} changed`;
    return {
      ...base,
      reason: "edited",
      summary: `The item was changed after it was recorded: ${what}.`,
      changes: t.changes,
      who: t.who,
      when: t.when,
    };
  }
  const forged = item.event === null ? null : forgedBy(item, trusted);
  if (forged) {
    return {
      ...base,
      reason: "forged-by",
      summary: forged,
      changes: [],
      who: identityLabel(item.provenance?.createdBy),
      when: item.provenance?.created ?? null,
    };
  }
  return null;
}
