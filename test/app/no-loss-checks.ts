/**
 * What the no-loss proof checks at the end of a schedule, beyond counting ids (issue 15):
 *
 * - content: every event a writer accepted is, as canonical JSON (keys sorted, absent = undefined),
 *   identical in the SharePoint list and in every writer's replica to what the writer appended;
 *   a difference names the event and the first differing field;
 * - refusals: every change a writer kept "needs attention" (or was refused at once) is classified;
 *   only a genuine conflict (E_DUPLICATE_ID against different content) or a domain refusal (a
 *   record-format §8 check) may be refused. A refusal of a transient fault (408, 429, 5xx, offline,
 *   timeout), an E_DUPLICATE_ID whose stored copy has the same content, or any other refusal fails.
 */
import { sameContent, type RecordError, type RecordEvent } from "../../src/domain";
import type { OutboxEntry } from "../../src/app/outbox";

/** JSON with object keys sorted and `undefined` members dropped: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = sortKeys(x);
  }
  return out;
}

/** The path of the first field where two JSON values differ ("data.summary", "recordedAt"), or null. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | null {
  if (canonicalJson(a) === canonicalJson(b)) return null;
  const bothObjects =
    a !== null && b !== null && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return path || "(the whole event)";
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  for (const k of keys) {
    const sub = firstDifference(ao[k], bo[k], path ? `${path}.${k}` : k);
    if (sub !== null) return sub;
  }
  return path || "(the whole event)";
}

/** Why a change was refused. Only "conflict" and "domain" are allowed in a run. */
export type RefusalClass = "conflict" | "domain" | "transient" | "sameContent" | "server" | "unexplained";

export const ALLOWED_REFUSALS: ReadonlySet<RefusalClass> = new Set(["conflict", "domain"]);

/** HTTP answers that a retry can change: never a reason to refuse a change. */
export function isTransientStatus(status: unknown): boolean {
  if (typeof status !== "number") return true; // offline, timeout: no answer at all
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Classifies a refusal: `errors` (from the record's checks) or `refusalStatus` (an HTTP refusal),
 * against the copy of the event the shared list holds at the end (if any).
 */
export function classifyRefusal(
  event: RecordEvent,
  errors: readonly Pick<RecordError, "code">[] | undefined,
  refusalStatus: number | undefined | null,
  stored: RecordEvent | undefined,
): RefusalClass {
  if (refusalStatus !== undefined && refusalStatus !== null)
    return isTransientStatus(refusalStatus) ? "transient" : "server";
  if (!errors || errors.length === 0) return "unexplained";
  if (errors.some((e) => e.code === "E_DUPLICATE_ID")) {
    // A genuine conflict: the list holds another event under this id. The same content is not a
    // conflict at all (the append should have been "duplicate"); nothing stored is not one either.
    if (!stored || sameContent(stored, event)) return "sameContent";
    return "conflict";
  }
  return "domain";
}

export function classifyEntry(entry: OutboxEntry, stored: RecordEvent | undefined): RefusalClass {
  return classifyRefusal(entry.event, entry.errors, entry.refusal?.status, stored);
}

/** One copy of the record to compare with what the writers appended. */
export interface Replica {
  readonly name: string;
  readonly events: ReadonlyMap<string, unknown>;
}

export interface ContentCheck {
  readonly differences: number;
  readonly problems: string[];
}

/**
 * Compares an accepted event (not refused) with the list's copy and every replica's copy, naming
 * the event id and the first field that differs.
 */
export function compareAccepted(
  writer: string,
  appended: RecordEvent,
  inList: unknown,
  replicas: readonly Replica[],
  out: { differences: number; problems: string[] },
): void {
  const note = (where: string, field: string): void => {
    out.differences += 1;
    out.problems.push(`event ${appended.id} (accepted by ${writer}): ${field} ${where}`);
  };
  if (inList !== undefined) {
    const field = firstDifference(appended, inList);
    if (field !== null) note("differs in the SharePoint list", `field ${field}`);
  }
  for (const r of replicas) {
    const copy = r.events.get(appended.id);
    if (copy === undefined) {
      if (inList !== undefined) note(`is missing from the replica of ${r.name}`, "the event");
      continue;
    }
    const field = firstDifference(appended, copy);
    if (field !== null) note(`differs in the replica of ${r.name}`, `field ${field}`);
  }
}
