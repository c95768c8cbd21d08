/**
 * The record in a SharePoint list (architecture.md "The record"): an EventStore over Graph.
 *
 * - append: pulls the delta feed, decides with the domain's decideAppend against the synced log
 *   (identical id → "duplicate"; different content → E_DUPLICATE_ID; every other §8 check), then
 *   creates one item. The EventId column enforces unique values, so a create that races another
 *   writer, or replays after a lost response, gets 409: the item is read back and compared; the same
 *   content is "duplicate", different content is E_DUPLICATE_ID.
 * - readAll/readPerson: pull, then answer from the replica (validated in log order; see sync.ts).
 *
 * Data is stored as JSON in a multi-line text column; At and RecordedAt as text so the offset the
 * event was written with survives (a dateTime column would normalise to UTC).
 */
import {
  checkShape,
  MAX_LINE_CHARS,
  parseWithinLimits,
  RecordRejectedError,
  sameContent,
  type RecordEvent,
} from "../../domain";
import { decideAppend } from "../../domain";
import type { AppendOutcome, EventStore } from "../../app/ports";
import {
  erasureEntry,
  PurgeRefusedError,
  type ErasureEntry,
  type ErasureRequest,
  type ErasureStore,
} from "../../app/retention";
import type { SharePointErasureLog } from "./erasure-list";
import { GraphRequestError } from "./graph-client";
import type { DeltaPage, RemoteLog, SyncEngine } from "../../app/sync";
import { isUniqueConflict, type SharePointList } from "./sharepoint";

export function eventToFields(event: RecordEvent): Record<string, string> {
  return {
    Title: event.id,
    EventId: event.id,
    PersonId: event.personId,
    Type: event.type,
    At: event.at,
    RecordedAt: event.recordedAt ?? "",
    By: event.by,
    Data: JSON.stringify(event.data),
  };
}

/** The event an item holds, as JSON (unchecked), or why it cannot be one. */
export function fieldsToEvent(fields: Readonly<Record<string, unknown>>): { event: unknown; problem?: string } {
  const text = (k: string): string | undefined => (typeof fields[k] === "string" ? (fields[k] as string) : undefined);
  const id = text("EventId");
  if (!id) return { event: null, problem: "the item has no EventId" };
  // Limits before parsing (domain limits.ts): an item nested 5,000 deep would stop structuredClone
  // and IndexedDB for every later item; it is quarantined on its own and sync moves past it.
  const parsed = parseWithinLimits(text("Data") ?? "", MAX_LINE_CHARS);
  if ("refused" in parsed) return { event: null, problem: `the Data of ${id} ${parsed.refused}` };
  if ("parseError" in parsed) return { event: null, problem: `the Data of ${id} is not JSON` };
  const data = parsed.value;
  const recordedAt = text("RecordedAt");
  return {
    event: {
      id,
      type: text("Type"),
      personId: text("PersonId"),
      at: text("At"),
      ...(recordedAt ? { recordedAt } : {}),
      by: text("By"),
      data,
    },
  };
}

function toJson(event: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(event);
  } catch {
    throw new RecordRejectedError([
      { code: "E_SCHEMA", field: "event", message: "event: must be JSON data (no cycles or BigInt values)" },
    ]);
  }
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

const duplicateId = (id: string, extra = ""): RecordRejectedError =>
  new RecordRejectedError([
    {
      code: "E_DUPLICATE_ID",
      field: "id",
      message: `id: "${id}" already exists with different content${extra}; give this event a new id (record-format §1)`,
    },
  ]);

/** The record list's change feed, as the sync engine reads it. */
export class SharePointRemoteLog implements RemoteLog {
  constructor(private readonly list: SharePointList) {}
  deltaPage(link: string | null): Promise<DeltaPage> {
    return this.list.deltaPage(link, fieldsToEvent);
  }
}

export class SharePointEventStore implements EventStore, ErasureStore {
  constructor(
    private readonly list: SharePointList,
    private readonly sync: SyncEngine,
    /** The erasure log list; without it the store cannot erase (retention). */
    private readonly erasureLog: SharePointErasureLog | null = null,
  ) {}

  /**
   * Retention erasure (app/retention.ts; record-format §1's one exception): every list item about
   * the person (events, items the log does not count, tombstones) is deleted. The erasure is logged
   * FIRST, with the item ids, so a replica that sees the deletions drops them rather than
   * quarantining them. Interrupted (a failed delete), running it again finishes the same erasure:
   * an entry that already names every remaining item is reused, not logged twice.
   */
  async erasePerson(personId: string, request: ErasureRequest): Promise<ErasureEntry> {
    if (!this.erasureLog)
      throw new PurgeRefusedError(
        "E_NOT_SUPPORTED",
        "Nothing was deleted: the erasure log list is not set up. Ask an administrator to run the setup.",
      );
    await this.sync.pull();
    const itemIds = this.sync.itemsOfPerson(personId);
    const logged = await this.erasureLog.entries();
    const existing = logged.find((e) => itemIds.length > 0 && itemIds.every((id) => e.itemIds.includes(id)));
    const entry = existing ?? (await this.erasureLog.add(erasureEntry(request, itemIds.length, itemIds)));
    let deleted = 0;
    for (const id of itemIds) {
      try {
        await this.list.deleteItem(id);
        deleted += 1;
      } catch (e) {
        if (e instanceof GraphRequestError && e.status === 404) continue; // already gone
        // Nothing deleted by a new entry: withdraw it, so it cannot excuse a later deletion of these items.
        if (deleted === 0 && !existing) await this.erasureLog.withdraw(entry).catch(() => undefined);
        throw e;
      }
    }
    await this.sync.pull();
    return entry;
  }

  async erasures(): Promise<readonly ErasureEntry[]> {
    return this.erasureLog ? this.erasureLog.entries() : [];
  }

  /** Items logged erasures named that the list still holds (from the replica, after a pull). */
  private async leftOver(): Promise<string[]> {
    if (!this.erasureLog) return [];
    await this.sync.pull();
    const named = new Set((await this.erasureLog.entries()).flatMap((e) => e.itemIds));
    return [...named].filter((id) => this.sync.hasItem(id));
  }

  async unfinishedErasures(): Promise<number> {
    return (await this.leftOver()).length;
  }

  /** Finishes erasures interrupted part-way: deletes what they named and is still in the list. */
  async finishErasures(): Promise<number> {
    const ids = await this.leftOver();
    let deleted = 0;
    for (const id of ids) {
      try {
        await this.list.deleteItem(id);
        deleted += 1;
      } catch (e) {
        if (!(e instanceof GraphRequestError && e.status === 404)) throw e;
      }
    }
    if (ids.length > 0) await this.sync.pull();
    return deleted;
  }

  async append(event: RecordEvent): Promise<AppendOutcome> {
    const json = toJson(event);
    await this.sync.pull();
    const shapeId = checkShape(json).id;
    // An item with this id that the log does not count (refused in log order) still owns the id.
    const stored = shapeId ? this.sync.findEvent(shapeId) : null;
    const decision = decideAppend(this.sync.logged(), json);
    if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
    if (decision.kind === "duplicate") return "duplicate";
    const candidate = decision.logged.event;
    if (stored) {
      const shape = stored.event === null ? null : checkShape(stored.event);
      if (shape?.event && sameContent(shape.event, candidate)) return "duplicate";
      throw duplicateId(candidate.id);
    }
    try {
      const created = await this.list.createItem(eventToFields(candidate));
      await this.sync.noteAppended(created.itemId, candidate);
      return "appended";
    } catch (error) {
      if (!isUniqueConflict(error)) throw error;
      return this.resolveConflict(candidate);
    }
  }

  /** After a unique-value conflict: the same content is success, anything else E_DUPLICATE_ID. */
  private async resolveConflict(candidate: RecordEvent): Promise<AppendOutcome> {
    const matches = await this.list.findBy("EventId", candidate.id);
    const exact = matches.find((m) => m.fields["EventId"] === candidate.id);
    if (!exact) {
      // SharePoint's unique values ignore case: "E1" blocks "e1".
      throw duplicateId(candidate.id, " (SharePoint treats ids that differ only in upper/lower case as the same)");
    }
    const { event } = fieldsToEvent(exact.fields);
    const shape = event === null ? null : checkShape(event);
    if (shape?.event && sameContent(shape.event, candidate)) {
      await this.sync.noteAppended(exact.itemId, shape.event);
      return "duplicate";
    }
    throw duplicateId(candidate.id);
  }

  /** Copies: what a caller does with the events it read never changes the replica. */
  async readAll(): Promise<RecordEvent[]> {
    await this.sync.pull();
    return structuredClone(this.sync.events());
  }

  async readPerson(personId: string): Promise<RecordEvent[]> {
    await this.sync.pull();
    return structuredClone(this.sync.events().filter((e) => e.personId === personId));
  }
}
