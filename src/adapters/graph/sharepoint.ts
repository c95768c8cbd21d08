/**
 * SharePoint lists through Graph (m365-reference §4.8, §4.10): finding the site, checking and
 * setting up a list with the columns the product needs, creating and reading items, and the item
 * delta feed. The record's list and the notification ledger's list are both described here.
 */
import type { DeltaPage, Provenance, RemoteItem, WriterIdentity } from "../../app/sync";
import { ResyncRequiredError } from "../../app/sync";
import { GraphRequestError, type GraphClient } from "./graph-client";

export interface ColumnSpec {
  readonly name: string;
  /** "text": one line (≤ 255 characters, can be indexed); "note": multiple lines of plain text. */
  readonly kind: "text" | "note";
  readonly indexed?: boolean;
  readonly unique?: boolean;
  /** Why the column is there, shown on the setup screen. */
  readonly purpose: string;
}

export interface ListSpec {
  readonly displayName: string;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
}

/** The record (record-format §1): one item per event. */
export const RECORD_LIST: ListSpec = {
  displayName: "Contact strategy record",
  description: "The record of the unacceptable behaviour policy: one item per event (append-only).",
  columns: [
    {
      name: "EventId",
      kind: "text",
      indexed: true,
      unique: true,
      purpose: "the event's id; unique, so an event is stored once whatever the retries",
    },
    { name: "PersonId", kind: "text", indexed: true, purpose: "the member of the public the event is about" },
    { name: "Type", kind: "text", purpose: "the event type (record-format §2)" },
    // Text, not dateTime: a date column would store UTC and lose the offset the event was written with.
    { name: "At", kind: "text", purpose: "when it happened (ISO-8601 with offset, exactly as recorded)" },
    { name: "RecordedAt", kind: "text", purpose: "when it was written" },
    { name: "By", kind: "text", purpose: "the member of staff who recorded it" },
    { name: "Data", kind: "note", purpose: "the event's data as JSON" },
  ],
};

/** The notification ledger: one item per breach notification (see src/app/notify.ts). */
export const LEDGER_LIST: ListSpec = {
  displayName: "Contact strategy notifications",
  description: "Which breach notifications have been sent to line managers in Teams (one item per breach).",
  columns: [
    {
      name: "NotificationKey",
      kind: "text",
      indexed: true,
      unique: true,
      purpose: "the breach event's id; unique, so a breach is claimed once",
    },
    { name: "State", kind: "text", purpose: "claimed or sent" },
    { name: "ClaimToken", kind: "text", purpose: "which page instance holds the claim" },
    { name: "ClaimedAt", kind: "text", purpose: "when the claim was made or renewed (ms since 1970)" },
    { name: "ChatMessageId", kind: "text", purpose: "the Teams message that was sent" },
  ],
};

/**
 * The erasure log (issue 13 Deliver 4, app/retention.ts): one item per retention erasure, holding
 * no personal data (when, how many events, which role, and the record list's item ids removed,
 * which identify nobody). Other replicas read it to drop the erased items instead of quarantining.
 */
export const ERASURE_LIST: ListSpec = {
  displayName: "Contact strategy erasures",
  description:
    "Retention erasures of the contact strategy record: when, how many events, by which role (no personal data).",
  columns: [
    {
      name: "ErasureId",
      kind: "text",
      indexed: true,
      unique: true,
      purpose: "a random id for the erasure; unique, so an erasure is logged once",
    },
    { name: "ErasedAt", kind: "text", purpose: "when the erasure was made (ISO-8601)" },
    { name: "Events", kind: "text", purpose: "how many events were removed" },
    { name: "ByRole", kind: "text", purpose: "the role that made the erasure (records-officer)" },
    { name: "Reason", kind: "text", purpose: "why: retention" },
    { name: "ItemIds", kind: "note", purpose: "the record list's item ids removed (JSON), so replicas drop them" },
  ],
};

export interface ListCheck {
  readonly ok: boolean;
  readonly listId: string | null;
  /** One sentence per problem, saying exactly what is missing. */
  readonly missing: readonly string[];
}

interface GraphColumn {
  id: string;
  name: string;
  indexed?: boolean;
  enforceUniqueValues?: boolean;
  text?: { allowMultipleLines?: boolean };
}

interface GraphList {
  id: string;
  displayName: string;
  columns?: GraphColumn[];
}

export function columnDefinition(c: ColumnSpec): Record<string, unknown> {
  return {
    name: c.name,
    displayName: c.name,
    text:
      c.kind === "note"
        ? { allowMultipleLines: true, textType: "plain", linesForEditing: 6 }
        : { allowMultipleLines: false, maxLength: 255 },
    ...(c.indexed ? { indexed: true } : {}),
    ...(c.unique ? { enforceUniqueValues: true } : {}),
  };
}

/** Compares a list's columns with the spec; one sentence per difference. */
export function checkColumns(spec: ListSpec, columns: readonly GraphColumn[]): string[] {
  const missing: string[] = [];
  for (const c of spec.columns) {
    const col = columns.find((x) => x.name === c.name);
    if (!col) {
      missing.push(`Column "${c.name}" is missing (${c.purpose}).`);
      continue;
    }
    if (!col.text) {
      missing.push(
        `Column "${c.name}" must be a text column (${c.kind === "note" ? "multiple lines" : "one line"} of text).`,
      );
      continue;
    }
    if (c.kind === "note" && !col.text.allowMultipleLines)
      missing.push(
        `Column "${c.name}" must allow multiple lines of text (event data can be longer than 255 characters).`,
      );
    if (c.kind === "text" && col.text.allowMultipleLines)
      missing.push(`Column "${c.name}" must be a single line of text (so it can be indexed and filtered).`);
    if (c.indexed && !col.indexed) missing.push(`Column "${c.name}" is not indexed.`);
    if (c.unique && !col.enforceUniqueValues)
      missing.push(
        `Column "${c.name}" does not enforce unique values (needed so that each ${c.name === "EventId" ? "event" : c.name === "ErasureId" ? "erasure" : "notification"} is stored once).`,
      );
  }
  return missing;
}

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export class SharePointSite {
  private siteId: string | null = null;

  constructor(
    private readonly graph: GraphClient,
    /** "contoso.sharepoint.com:/sites/casework" or a site id. */
    private readonly siteRef: string,
    private readonly scopes: { readonly read: readonly string[]; readonly manage: readonly string[] },
  ) {}

  async id(): Promise<string> {
    if (this.siteId) return this.siteId;
    const ref = this.siteRef.includes(":/") ? this.siteRef : encodeURIComponent(this.siteRef);
    const site = await this.graph.get<{ id: string }>(`/sites/${ref}`, this.scopes.read);
    this.siteId = site.id;
    return site.id;
  }

  async findList(displayName: string): Promise<GraphList | null> {
    const siteId = await this.id();
    const match = (lists: readonly GraphList[]): GraphList | null =>
      lists.find((l) => l.displayName.toLowerCase() === displayName.toLowerCase()) ?? null;
    try {
      const res = await this.graph.get<{ value: GraphList[] }>(
        `/sites/${siteId}/lists?$filter=displayName eq ${encodeURIComponent(odataString(displayName))}&$expand=columns`,
        this.scopes.read,
      );
      return match(res.value);
    } catch (e) {
      // If the service will not filter lists by displayName (unverified, docs/permissions.md §6), list them all.
      if (!(e instanceof GraphRequestError && e.status === 400)) throw e;
      return match(await this.graph.getAll<GraphList>(`/sites/${siteId}/lists?$expand=columns`, this.scopes.read));
    }
  }

  /** On every start: is the list there, with every column as the product needs it? */
  async check(spec: ListSpec): Promise<ListCheck> {
    let list: GraphList | null;
    try {
      list = await this.findList(spec.displayName);
    } catch (e) {
      if (e instanceof GraphRequestError && e.status === 404) {
        return {
          ok: false,
          listId: null,
          missing: [`The SharePoint site "${this.siteRef}" was not found, or this account cannot see it.`],
        };
      }
      if (e instanceof GraphRequestError && e.status === 403) {
        return {
          ok: false,
          listId: null,
          missing: [
            `This app has not been given access to the SharePoint site "${this.siteRef}" (ask an administrator to grant it; see docs/permissions.md).`,
          ],
        };
      }
      throw e;
    }
    if (!list) {
      return {
        ok: false,
        listId: null,
        missing: [
          `The list "${spec.displayName}" does not exist on the site. An administrator can create it from the setup screen.`,
        ],
      };
    }
    const missing = checkColumns(spec, list.columns ?? []);
    return { ok: missing.length === 0, listId: list.id, missing };
  }

  /**
   * Admin setup: creates the list with its columns, or repairs what is missing on an existing one
   * (adds columns, turns on indexing and unique values). Returns the check after the work; what it
   * cannot repair (a column of the wrong type) stays in `missing` for a person to fix.
   */
  async setUp(spec: ListSpec): Promise<ListCheck> {
    const siteId = await this.id();
    let list = await this.findList(spec.displayName);
    if (!list) {
      list = await this.graph.post<GraphList>(
        `/sites/${siteId}/lists`,
        this.scopes.manage,
        {
          displayName: spec.displayName,
          description: spec.description,
          list: { template: "genericList" },
          columns: spec.columns.map(columnDefinition),
        },
        { idempotent: false },
      );
    }
    const columns =
      list.columns ??
      (await this.graph.get<{ value: GraphColumn[] }>(`/sites/${siteId}/lists/${list.id}/columns`, this.scopes.read))
        .value;
    for (const c of spec.columns) {
      const col = columns.find((x) => x.name === c.name);
      if (!col) {
        await this.graph.post(`/sites/${siteId}/lists/${list.id}/columns`, this.scopes.manage, columnDefinition(c), {
          idempotent: false,
        });
        continue;
      }
      // Whether indexed/enforceUniqueValues take effect at creation is unverified (m365-reference §7.5): set them again if not.
      const wantIndexed = c.indexed === true && !col.indexed && col.text?.allowMultipleLines !== true;
      const wantUnique = c.unique === true && !col.enforceUniqueValues && col.text?.allowMultipleLines !== true;
      if (wantIndexed || wantUnique) {
        await this.graph.patch(`/sites/${siteId}/lists/${list.id}/columns/${col.id}`, this.scopes.manage, {
          indexed: true,
          ...(c.unique ? { enforceUniqueValues: true } : {}),
        });
      }
    }
    return this.check(spec);
  }
}

export interface CreatedItem {
  readonly itemId: string;
  readonly eTag: string;
}

export interface ListItem {
  readonly itemId: string;
  readonly eTag: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Who created the item (Graph createdBy.user), where the response says. */
  readonly createdBy?: { readonly id?: string; readonly email?: string };
}

interface GraphIdentity {
  id?: string;
  email?: string;
  displayName?: string;
}

interface GraphIdentitySet {
  user?: GraphIdentity;
  application?: GraphIdentity;
}

interface GraphItem {
  id: string;
  eTag?: string;
  "@odata.etag"?: string;
  fields?: Record<string, unknown>;
  createdBy?: GraphIdentitySet;
  lastModifiedBy?: GraphIdentitySet;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  deleted?: { state?: string };
}

/** Graph's identitySet (user and/or application) as the sync engine compares it. */
export function writerIdentity(set: GraphIdentitySet | undefined): WriterIdentity | undefined {
  if (!set) return undefined;
  const u = set.user;
  const a = set.application;
  const out: Record<string, string> = {};
  if (u?.id) out["userId"] = u.id;
  if (u?.email) out["email"] = u.email;
  if (u?.displayName) out["name"] = u.displayName;
  if (a?.id) out["appId"] = a.id;
  if (a?.displayName) out["appName"] = a.displayName;
  return out as WriterIdentity;
}

/** What the list says about who wrote an item and when (issue 12 Deliver 4). */
export function itemProvenance(i: GraphItem): Provenance {
  const createdBy = writerIdentity(i.createdBy);
  const lastModifiedBy = writerIdentity(i.lastModifiedBy);
  const eTag = i.eTag ?? i["@odata.etag"];
  return {
    ...(createdBy ? { createdBy } : {}),
    ...(lastModifiedBy ? { lastModifiedBy } : {}),
    ...(i.createdDateTime ? { created: i.createdDateTime } : {}),
    ...(i.lastModifiedDateTime ? { modified: i.lastModifiedDateTime } : {}),
    ...(eTag ? { eTag } : {}),
  };
}

/** True when a create failed because a unique column already holds the value. */
export function isUniqueConflict(error: unknown): boolean {
  if (!(error instanceof GraphRequestError)) return false;
  if (error.status === 409) return true;
  // SharePoint's own wording when the status differs (unverified against a tenant; docs/permissions.md §5).
  return (error.status === 400 || error.status === 500) && /duplicate values/i.test(error.graphMessage);
}

/** The list the product needs is not on the site (the setup has not been run). */
export class ListMissingError extends Error {
  constructor(readonly displayName: string) {
    super(`The list "${displayName}" does not exist on the site; run the setup.`);
    this.name = "ListMissingError";
  }
}

export class SharePointList {
  private listId: string | null = null;

  constructor(
    private readonly graph: GraphClient,
    private readonly site: SharePointSite,
    private readonly spec: ListSpec,
    private readonly scopes: { readonly read: readonly string[]; readonly write: readonly string[] },
  ) {}

  private async base(): Promise<string> {
    const siteId = await this.site.id();
    if (!this.listId) {
      const list = await this.site.findList(this.spec.displayName);
      if (!list) throw new ListMissingError(this.spec.displayName);
      this.listId = list.id;
    }
    return `/sites/${siteId}/lists/${this.listId}`;
  }

  async createItem(fields: Record<string, unknown>): Promise<CreatedItem> {
    const base = await this.base();
    // Replaying a create is safe: the unique column turns a second copy into a 409.
    const item = await this.graph.post<GraphItem>(`${base}/items`, this.scopes.write, { fields }, { idempotent: true });
    return { itemId: item.id, eTag: item.eTag ?? item["@odata.etag"] ?? "" };
  }

  /** Items whose (indexed) column equals the value. SharePoint compares text case-insensitively. */
  async findBy(column: string, value: string): Promise<ListItem[]> {
    const base = await this.base();
    const filter = encodeURIComponent(`fields/${column} eq ${odataString(value)}`);
    const items = await this.graph.getAll<GraphItem>(
      `${base}/items?$expand=fields&$filter=${filter}`,
      this.scopes.read,
    );
    return items.map((i) => ({
      itemId: i.id,
      eTag: i.eTag ?? i["@odata.etag"] ?? "",
      fields: i.fields ?? {},
      ...(i.createdBy?.user
        ? {
            createdBy: {
              ...(i.createdBy.user.id ? { id: i.createdBy.user.id } : {}),
              ...(i.createdBy.user.email ? { email: i.createdBy.user.email } : {}),
            },
          }
        : {}),
    }));
  }

  /** Every item of the list with its fields (a small list: the erasure log). */
  async allItems(): Promise<ListItem[]> {
    const base = await this.base();
    const items = await this.graph.getAll<GraphItem>(`${base}/items?$expand=fields`, this.scopes.read);
    return items.map((i) => ({ itemId: i.id, eTag: i.eTag ?? i["@odata.etag"] ?? "", fields: i.fields ?? {} }));
  }

  /** Deletes one item (a squatted notification claim, written by someone it does not belong to). */
  async deleteItem(itemId: string): Promise<void> {
    const base = await this.base();
    await this.graph.delete(`${base}/items/${encodeURIComponent(itemId)}`, this.scopes.write);
  }

  /** Updates fields only if the item is unchanged since `eTag` (412 otherwise). */
  async patchFields(itemId: string, fields: Record<string, unknown>, eTag: string): Promise<ListItem> {
    const base = await this.base();
    const out = await this.graph.patch<Record<string, unknown>>(
      `${base}/items/${itemId}/fields`,
      this.scopes.write,
      fields,
      { "if-match": eTag },
    );
    const etag = typeof out["@odata.etag"] === "string" ? (out["@odata.etag"] as string) : "";
    return { itemId, eTag: etag, fields: out };
  }

  /** One page of the delta feed; `link` null starts a full enumeration. */
  async deltaPage(
    link: string | null,
    toEvent: (fields: Record<string, unknown>) => { event: unknown; problem?: string },
  ): Promise<DeltaPage> {
    const url = link ?? `${await this.base()}/items/delta?$expand=fields`;
    let page: { value?: GraphItem[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string };
    try {
      page = await this.graph.get(url, this.scopes.read);
    } catch (e) {
      if (e instanceof GraphRequestError && e.status === 410) throw new ResyncRequiredError(e.location);
      throw e;
    }
    const items: RemoteItem[] = [];
    const deleted: string[] = [];
    for (const i of page.value ?? []) {
      if (i.deleted) {
        deleted.push(i.id);
        continue;
      }
      const { event, problem } = toEvent(i.fields ?? {});
      const provenance = itemProvenance(i);
      items.push(problem ? { itemId: i.id, event: null, problem, provenance } : { itemId: i.id, event, provenance });
    }
    return {
      items,
      deleted,
      ...(page["@odata.nextLink"] ? { nextLink: page["@odata.nextLink"] } : {}),
      ...(page["@odata.deltaLink"] ? { deltaLink: page["@odata.deltaLink"] } : {}),
    };
  }
}
