/**
 * The appeals log in Microsoft 365 (issue 13 Deliver 2; app/appeals.ts): a SharePoint list beside the
 * record's, on the same site, so it has the record's protection (retention labels, audit,
 * eDiscovery). One item per entry; EntryId unique, so a retried append cannot store an entry twice.
 */
import {
  AppealConflictError,
  parseAppealEntry,
  sameEntry,
  type AppealEntry,
  type AppealStore,
} from "../../app/appeals";
import { isUniqueConflict, type ListSpec, type SharePointList } from "./sharepoint";

export const APPEALS_LIST: ListSpec = {
  displayName: "Contact strategy appeals",
  description:
    "Requests to reconsider a warning or a contact strategy, and their decisions (one item per entry, append-only).",
  columns: [
    {
      name: "EntryId",
      kind: "text",
      indexed: true,
      unique: true,
      purpose: "the entry's id; unique, so an entry is stored once whatever the retries",
    },
    { name: "PersonId", kind: "text", indexed: true, purpose: "the member of the public the appeal is about" },
    { name: "EntryType", kind: "text", purpose: "AppealReceived or AppealDecided" },
    { name: "Entry", kind: "note", purpose: "the entry as JSON" },
  ],
};

export class SharePointAppealStore implements AppealStore {
  constructor(private readonly list: SharePointList) {}

  async append(entry: AppealEntry): Promise<"appended" | "duplicate"> {
    try {
      await this.list.createItem({
        Title: entry.id,
        EntryId: entry.id,
        PersonId: entry.personId,
        EntryType: entry.type,
        Entry: JSON.stringify(entry),
      });
      return "appended";
    } catch (e) {
      if (!isUniqueConflict(e)) throw e;
      const stored = (await this.list.findBy("EntryId", entry.id))
        .filter((i) => i.fields["EntryId"] === entry.id)
        .map((i) => readEntry(i.fields))
        .find((x) => x !== null);
      if (stored && sameEntry(stored, entry)) return "duplicate";
      throw new AppealConflictError(entry.id);
    }
  }

  async readPerson(personId: string): Promise<AppealEntry[]> {
    const items = await this.list.findBy("PersonId", personId);
    return items.map((i) => readEntry(i.fields)).filter((e): e is AppealEntry => e !== null && e.personId === personId);
  }
}

/** An item's entry; null for an item that does not hold one (edited by hand in the list, for example). */
function readEntry(fields: Readonly<Record<string, unknown>>): AppealEntry | null {
  const text = fields["Entry"];
  if (typeof text !== "string") return null;
  try {
    const entry = parseAppealEntry(JSON.parse(text));
    // The columns SharePoint filters on must agree with the entry they index.
    return entry && entry.id === fields["EntryId"] && entry.personId === fields["PersonId"] ? entry : null;
  } catch {
    return null;
  }
}
