/**
 * The erasure log in SharePoint (issue 13 Deliver 4; ERASURE_LIST, "Contact strategy erasures"):
 * one item per retention erasure, without personal data. The record list's sync reads it
 * (`erasedItemIds`) so that the items an erasure removed are dropped from every replica, not
 * quarantined as tampering (app/sync.ts).
 */
import { ROLES, type Role } from "../../app/roles";
import type { ErasureEntry } from "../../app/retention";
import { isUniqueConflict, ListMissingError, type ListItem, type SharePointList } from "./sharepoint";

function toEntry(item: ListItem): ErasureEntry | null {
  const f = item.fields;
  const text = (k: string): string => (typeof f[k] === "string" ? (f[k] as string) : "");
  const erasureId = text("ErasureId");
  if (!erasureId) return null;
  let itemIds: string[] = [];
  try {
    const parsed = JSON.parse(text("ItemIds") || "[]") as unknown;
    if (Array.isArray(parsed)) itemIds = parsed.filter((x): x is string => typeof x === "string");
  } catch {
    itemIds = [];
  }
  const role = ROLES.find((r) => r === text("ByRole")) ?? ("records-officer" satisfies Role);
  return {
    erasureId,
    at: text("ErasedAt"),
    events: Number(text("Events")) || 0,
    byRole: role,
    reason: "retention",
    itemIds,
  };
}

export class SharePointErasureLog {
  constructor(private readonly list: SharePointList) {}

  /** Every erasure, oldest first. */
  async entries(): Promise<ErasureEntry[]> {
    const items = await this.list.allItems();
    return items
      .map(toEntry)
      .filter((e): e is ErasureEntry => e !== null)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  /**
   * The record list's item ids that erasures removed. A deployment whose setup has not made the
   * erasure list yet has had no erasure: none (deletions are then quarantined, as before). Any
   * other failure is thrown, so the pull fails and is retried, rather than quarantining an erasure.
   */
  async erasedItemIds(): Promise<ReadonlySet<string>> {
    try {
      return new Set((await this.entries()).flatMap((e) => e.itemIds));
    } catch (e) {
      if (e instanceof ListMissingError) return new Set();
      throw e;
    }
  }

  /**
   * Withdraws an entry whose erasure deleted nothing (its first delete was refused), so that it
   * cannot later excuse someone else's deletion of those items. Best effort.
   */
  async withdraw(entry: ErasureEntry): Promise<void> {
    const items = await this.list.findBy("ErasureId", entry.erasureId);
    for (const i of items) if (i.fields["ErasureId"] === entry.erasureId) await this.list.deleteItem(i.itemId);
  }

  /** Logs an erasure (before its items are deleted, so every replica can tell it from tampering). */
  async add(entry: ErasureEntry): Promise<ErasureEntry> {
    const fields = {
      Title: entry.erasureId,
      ErasureId: entry.erasureId,
      ErasedAt: entry.at,
      Events: String(entry.events),
      ByRole: entry.byRole,
      Reason: entry.reason,
      ItemIds: JSON.stringify(entry.itemIds),
    };
    try {
      await this.list.createItem(fields);
    } catch (e) {
      // The same erasure logged already (a create replayed after a lost response).
      if (!isUniqueConflict(e)) throw e;
    }
    return entry;
  }
}
