/**
 * "Needs attention" (issue 12 Deliver 4): the shared list's items that sync quarantined (a forged
 * `by`, an untrusted application, an item edited or deleted after it was recorded), as managers
 * review them. The record must be the one that was written for a decision to be challengeable
 * (policy 9.12, 9.14); these items are never folded into it, and the people whose role may review
 * them (roles.ts MAY_REVIEW_QUARANTINE) see what changed, who and when, to look into it.
 */
import type { FieldChange, Quarantined, QuarantineReason } from "./sync";

/** Where the quarantine comes from (the sync engine): read now, and told when it may have changed. */
export interface QuarantineSource {
  quarantined(): readonly Quarantined[];
  subscribe(listener: () => void): () => void;
}

export const REASON_LABELS: Readonly<Record<QuarantineReason, string>> = {
  "forged-by": "Not written by who it says",
  edited: "Changed after it was recorded",
  deleted: "Deleted from the shared list",
};

/** Event fields as staff know them (record-format §2). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: "id",
  type: "type",
  personId: "person",
  at: "when it happened",
  recordedAt: "when it was recorded",
  by: "recorded by",
  data: "details",
  item: "the whole item",
};

const MAX_VALUE = 200;

/** A value as one line of text, shortened; "(none)" for absent, "(not known)" when never seen. */
export function valueText(v: unknown, known = true): string {
  if (!known) return "(not known)";
  if (v === undefined || v === null || v === "") return "(none)";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

export interface ChangeLine {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export function changeLine(c: FieldChange): ChangeLine {
  const field = c.field.startsWith("data.") ? `details: ${c.field.slice(5)}` : (FIELD_LABELS[c.field] ?? c.field);
  return { field, before: valueText(c.before, "before" in c), after: valueText(c.after) };
}

export interface AttentionRow {
  readonly key: string;
  readonly itemId: string;
  readonly reason: QuarantineReason;
  readonly reasonLabel: string;
  readonly eventId: string;
  readonly type: string;
  readonly personId: string;
  readonly claimedBy: string;
  readonly summary: string;
  readonly changes: readonly ChangeLine[];
  readonly who: string;
  readonly when: string | null;
  /** What to do about it, in plain English. */
  readonly whatToDo: string;
}

const WHAT_TO_DO: Readonly<Record<QuarantineReason, string>> = {
  "forged-by":
    "Ask the person SharePoint names whether they wrote it. If the event is right, the member of staff named should record it again themselves; then ask the site owner to remove this item.",
  edited:
    "Compare with the item's version history in SharePoint. If the first version was right, record it again as a new event; tell the records officer, who keeps the record append-only.",
  deleted:
    "Ask the records officer whether this was erasure at the end of retention. If not, check SharePoint's audit log for who deleted it and restore it from the recycle bin.",
};

/** Rows for the view, most recent first (unknown times last). */
export function attentionRows(items: readonly Quarantined[]): AttentionRow[] {
  const rows = items.map((q): AttentionRow => ({
    key: `${q.itemId}:${q.reason}`,
    itemId: q.itemId,
    reason: q.reason,
    reasonLabel: REASON_LABELS[q.reason],
    eventId: q.eventId ?? "(no id)",
    type: q.type ?? "(unknown)",
    personId: q.personId ?? "(unknown)",
    claimedBy: q.by ?? "(nobody)",
    summary: q.summary,
    changes: q.changes.map(changeLine),
    who: q.who ?? "SharePoint does not say",
    when: q.when,
    whatToDo: WHAT_TO_DO[q.reason],
  }));
  const ms = (r: AttentionRow) => (r.when === null ? -Infinity : Date.parse(r.when));
  return rows.sort((a, b) => ms(b) - ms(a) || Number(a.itemId) - Number(b.itemId));
}
