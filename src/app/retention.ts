/**
 * Retention (issue 13 Deliver 4): personal data is kept no longer than needed (UK GDPR Art. 5(1)(e),
 * storage limitation). A person's record is due for deletion a configurable period (months or
 * years, the administrator's default in the deployment settings) after the later of their last
 * contact and the lift of their last strategy (9.12); a person with an active strategy is never
 * due. The records officer sees who is due and why, confirms, and the purge removes ALL of the
 * person's events together from the shared record and every replica: the one exception to the
 * append-only record (record-format §1). What is kept is an anonymous tombstone: when, how many
 * events, by which role, and the store's item ids (not personal data) so that other replicas drop
 * the deleted items instead of quarantining them as tampering (sync.ts).
 *
 * Pure functions here; the stores implement ErasureStore (src/adapters/local, src/adapters/graph).
 */
import { activeStrategies, addCalendarMonths, londonDate, type LoggedEvent, type RecordIndex } from "../domain";
import { RoleRefusedError, type Access, type Role } from "./roles";

/** The retention period, in whole calendar months (years are 12 months each). */
export interface RetentionPolicy {
  readonly months: number;
}

/** The product's default when the deployment sets none: six years (a common public-body schedule). */
export const DEFAULT_RETENTION: RetentionPolicy = { months: 72 };

const PERIOD = /^\s*(\d{1,3})\s*(y|yr|yrs|year|years|m|mo|month|months)\s*$/i;

/**
 * "6 years", "18 months", "6y", "18m" → a policy; "" → the product default; null when it is not
 * such a value or is outside 1 month to 100 years.
 */
export function parseRetentionPeriod(text: string): RetentionPolicy | null {
  if (text.trim() === "") return DEFAULT_RETENTION;
  const m = PERIOD.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const months = /^y/i.test(m[2] ?? "") ? n * 12 : n;
  return months >= 1 && months <= 1200 ? { months } : null;
}

/** Problems with a retentionPeriod setting ([] when fine), each a sentence an administrator can act on. */
export function retentionPeriodProblems(text: string): string[] {
  return parseRetentionPeriod(text)
    ? []
    : [`"${text}" is not a retention period: enter a number of years or months, such as "6 years" or "18 months".`];
}

/** The period as staff read it: "6 years", "18 months", "1 year 6 months". */
export function describeRetention(p: RetentionPolicy): string {
  const y = Math.floor(p.months / 12);
  const m = p.months % 12;
  const part = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (y === 0) return part(m, "month");
  if (m === 0) return part(y, "year");
  return `${part(y, "year")} ${part(m, "month")}`;
}

/** One person due for deletion, with why, for the records officer to confirm. */
export interface DueForDeletion {
  readonly personId: string;
  /** The person's name as registered: shown to the records officer only, never logged. */
  readonly name: string;
  /** London date of the last contact (a logged contact or an incident), or of registration when none. */
  readonly lastContact: string;
  /** London date the last strategy was lifted; null when none was ever imposed. */
  readonly lastLift: string | null;
  /** The later of the two: what the period runs from. */
  readonly basis: string;
  /** The first day the record may be deleted: `basis` plus the period. */
  readonly dueOn: string;
  /** How many events the purge would remove. */
  readonly events: number;
}

/** Events that are contact from the person (9.10 logged contact, 4.3–4.6 incidents). */
const CONTACT_TYPES = new Set(["ContactLogged", "IncidentRecorded", "BreachRecorded"]);

/**
 * Where a person stands: null when they can never be due now (an active strategy), otherwise the
 * dates. Retracted contacts still count as contact (it only ever makes the due date later).
 */
export function retentionDates(
  index: RecordIndex,
  personId: string,
  policy: RetentionPolicy,
): Omit<DueForDeletion, "name"> | null {
  const events: readonly LoggedEvent[] = index.eventsOf(personId);
  if (events.length === 0) return null;
  const state = index.person(personId);
  if (activeStrategies(state).length > 0) return null; // never due while restricted (9.12)
  let lastContactMs = Number.NEGATIVE_INFINITY;
  let firstMs = Number.POSITIVE_INFINITY;
  for (const l of events) {
    firstMs = Math.min(firstMs, l.atMs);
    if (CONTACT_TYPES.has(l.event.type)) lastContactMs = Math.max(lastContactMs, l.atMs);
  }
  if (!Number.isFinite(lastContactMs)) lastContactMs = firstMs;
  let lastLiftMs: number | null = null;
  for (const s of state.strategies.values())
    if (s.liftedAtMs !== null) lastLiftMs = Math.max(lastLiftMs ?? s.liftedAtMs, s.liftedAtMs);
  const lastContact = londonDate(lastContactMs);
  const lastLift = lastLiftMs === null ? null : londonDate(lastLiftMs);
  const basis = lastLift !== null && lastLift > lastContact ? lastLift : lastContact;
  return {
    personId,
    lastContact,
    lastLift,
    basis,
    dueOn: addCalendarMonths(basis, policy.months),
    events: events.length,
  };
}

/**
 * Everyone whose record is due for deletion today (London date at `nowMs` on or after the due
 * date), oldest due first. Every person with events counts, registered or not (an unregistered
 * person's stray events are personal data too).
 */
export function dueForDeletion(index: RecordIndex, policy: RetentionPolicy, nowMs: number): DueForDeletion[] {
  const today = londonDate(nowMs);
  const people = new Set(index.events.map((l) => l.event.personId));
  const out: DueForDeletion[] = [];
  for (const personId of people) {
    const d = retentionDates(index, personId, policy);
    if (!d || d.dueOn > today) continue;
    const name = index.isRegistered(personId) ? index.person(personId).name : "";
    out.push({ ...d, name });
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.personId < b.personId ? -1 : 1));
}

/**
 * What is kept of one erasure: no name, no person id, no event ids, nothing of the events. The
 * item ids are the store's own row numbers (SharePoint list item ids), which identify nobody.
 */
export interface ErasureEntry {
  /** A random id for the entry itself. */
  readonly erasureId: string;
  /** When the erasure was made (ISO-8601). */
  readonly at: string;
  /** How many events were removed. */
  readonly events: number;
  /** The role under which it was done. */
  readonly byRole: Role;
  readonly reason: "retention";
  /** The store's ids of the removed items (SharePoint list item ids); [] for a store without them. */
  readonly itemIds: readonly string[];
}

export interface ErasureRequest {
  readonly erasureId: string;
  readonly at: string;
  readonly byRole: Role;
}

/** A store that can erase a person (the one exception to append-only, record-format §1). */
export interface ErasureStore {
  /** Removes every event of the person, together, and logs the erasure; resolves the entry. */
  erasePerson(personId: string, request: ErasureRequest): Promise<ErasureEntry>;
  /** The erasure log: every entry, oldest first. */
  erasures(): Promise<readonly ErasureEntry[]>;
  /**
   * How many items logged erasures named are still in the store (an erasure interrupted part-way;
   * a store that erases in one transaction has none).
   */
  unfinishedErasures?(): Promise<number>;
  /** Deletes what logged erasures named and is still there; resolves how many items it deleted. */
  finishErasures?(): Promise<number>;
}

/** The entry for an erasure: only these fields, whatever else the request object carries. */
export function erasureEntry(request: ErasureRequest, events: number, itemIds: readonly string[] = []): ErasureEntry {
  return {
    erasureId: request.erasureId,
    at: request.at,
    events,
    byRole: request.byRole,
    reason: "retention",
    itemIds: [...itemIds],
  };
}

export function isErasureStore(store: unknown): store is ErasureStore {
  const s = store as Partial<ErasureStore> | null;
  return typeof s?.erasePerson === "function" && typeof s.erasures === "function";
}

export class PurgeRefusedError extends Error {
  constructor(
    readonly code: "E_NOT_CONFIRMED" | "E_NOT_DUE" | "E_NOT_SUPPORTED",
    message: string,
  ) {
    super(message);
    this.name = "PurgeRefusedError";
  }
}

/** Throws RoleRefusedError (E_ROLE_NOT_ALLOWED) unless the user is a records officer (roles.ts MAY_PURGE). */
export function checkPurge(access: Access): Role {
  const role = access.purgeRole;
  if (role) return role;
  throw new RoleRefusedError(
    "Your role does not allow deleting records. Only a records officer can delete a person's record at the end of the retention period; ask your records officer.",
  );
}

export interface PurgeOptions {
  readonly store: unknown;
  readonly access: Access;
  readonly index: RecordIndex;
  readonly policy: RetentionPolicy;
  readonly nowMs: number;
  /** The records officer confirmed ("Delete permanently" in the confirmation dialog). */
  readonly confirmed: boolean;
  /** A random id per erasure entry. */
  readonly newId: () => string;
}

/**
 * Erases the people chosen, each as one erasure. Refuses, before anything is deleted: a user who
 * is not a records officer, an unconfirmed request, a person who is not due (an active strategy,
 * or the period has not run) and a store that cannot erase. Resolves the entries written.
 */
export async function purgePeople(personIds: readonly string[], o: PurgeOptions): Promise<ErasureEntry[]> {
  const byRole = checkPurge(o.access);
  if (!o.confirmed)
    throw new PurgeRefusedError(
      "E_NOT_CONFIRMED",
      "Nothing was deleted: confirm that these records are to be deleted permanently.",
    );
  if (!isErasureStore(o.store))
    throw new PurgeRefusedError("E_NOT_SUPPORTED", "Nothing was deleted: this record cannot delete a person's events.");
  // An erasure interrupted part-way is finished first (its person may no longer show as due: what
  // is left of their record can be a fragment the log does not count).
  if (o.store.finishErasures) await o.store.finishErasures();
  const due = new Set(dueForDeletion(o.index, o.policy, o.nowMs).map((d) => d.personId));
  const notDue = [...new Set(personIds)].filter((p) => !due.has(p));
  if (notDue.length > 0)
    throw new PurgeRefusedError(
      "E_NOT_DUE",
      `Nothing was deleted: ${notDue.length === 1 ? "one of the records chosen is" : `${notDue.length} of the records chosen are`} not due for deletion (an active strategy, or the retention period has not ended). Refresh the list and choose again.`,
    );
  const at = new Date(o.nowMs).toISOString();
  const out: ErasureEntry[] = [];
  for (const personId of new Set(personIds)) {
    out.push(await o.store.erasePerson(personId, { erasureId: o.newId(), at, byRole }));
  }
  return out;
}

/** "N people's records erased under the retention policy" (the tombstone count). */
export function tombstoneText(entries: readonly ErasureEntry[]): string {
  const n = entries.length;
  return n === 1
    ? "1 person's record erased under the retention policy"
    : `${n} people's records erased under the retention policy`;
}
