/**
 * The log both local stores hold in memory: every stored event by id and by person, plus the valid
 * ones in log order (record-format §1) for the domain's store-side checks (decideAppend, §8).
 * Not a store itself: it does no I/O and takes events it is given as already stored. Stored events
 * were checked when they were appended, so they are not checked again when the log is loaded: their
 * instants come parsed from the store (replaceParsed) or are parsed here (trustedLogged, add), and
 * one that is not even structurally an event is kept by id (never overwritten) but left out of the log.
 */
import {
  compareLogOrder,
  decideAppend,
  decideAppendMany,
  isInLogOrder,
  RecordRejectedError,
  trustedLogged,
  type AppendDecision,
  type BatchDecision,
  type LoggedEvent,
  type RecordEvent,
} from "../../domain";

/**
 * The event as JSON, the record's interchange form (§1): a copy that shares nothing with the
 * caller's object, exactly as a JSON-backed store (SharePoint) would hold it. Input that is not
 * JSON data (a cycle, a BigInt) is refused as E_SCHEMA.
 */
export function toJsonEvent(event: unknown): unknown {
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

const copy = (e: RecordEvent): RecordEvent => structuredClone(e);

export class EventLog {
  private readonly byId = new Map<string, RecordEvent>();
  /** Built on first use (readPerson); loading the log does not need it. */
  private byPerson: Map<string, RecordEvent[]> | null = null;
  /** The stored events that are well-formed, in log order (what decideAppend checks against). */
  private logged: LoggedEvent[] = [];

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * What appending `json` would do: "duplicate", "rejected" with every code, or "append".
   * An id that is stored but unreadable as an event (written by something other than this code)
   * is never overwritten: E_DUPLICATE_ID.
   */
  decide(json: unknown): AppendDecision {
    const decision = decideAppend(this.logged, json);
    if (decision.kind === "append" && this.byId.has(decision.logged.event.id)) {
      const id = decision.logged.event.id;
      return {
        kind: "rejected",
        errors: [
          {
            code: "E_DUPLICATE_ID",
            field: "id",
            message: `id: "${id}" already exists with different content; give this event a new id`,
          },
        ],
      };
    }
    return decision;
  }

  /**
   * What appending the batch `jsons` would do, all or nothing (decideAppendMany): per-event
   * outcomes, or the first refused event. An id that is stored but unreadable is E_DUPLICATE_ID.
   */
  decideMany(jsons: readonly unknown[]): BatchDecision {
    // Ids stored but not in the log (unreadable events); none in the usual case.
    const unreadable = new Set(this.byId.size === this.logged.length ? [] : this.byId.keys());
    if (unreadable.size > 0) for (const l of this.logged) unreadable.delete(l.event.id);
    for (let index = 0; index < jsons.length && unreadable.size > 0; index++) {
      const id = (jsons[index] as { id?: unknown } | null)?.id;
      if (typeof id === "string" && unreadable.has(id)) {
        return {
          kind: "rejected",
          index,
          errors: [
            {
              code: "E_DUPLICATE_ID",
              field: "id",
              message: `id: "${id}" already exists with different content; give this event a new id`,
            },
          ],
        };
      }
    }
    return decideAppendMany(this.logged, jsons);
  }

  /** The valid stored events in log order (a new array; the events are shared: treat them as read-only). */
  loggedEvents(): LoggedEvent[] {
    return [...this.logged];
  }

  /** Adds stored events checked as a batch (the log takes ownership of the objects). */
  addMany(logged: readonly LoggedEvent[]): void {
    const fresh = logged.filter((l) => !this.byId.has(l.event.id));
    for (const l of fresh) this.index(l.event);
    if (fresh.length === 0) return;
    const last = this.logged[this.logged.length - 1];
    const sorted = isInLogOrder(fresh) ? fresh : [...fresh].sort(compareLogOrder);
    const first = sorted[0] as LoggedEvent;
    if (!last || compareLogOrder(last, first) <= 0) this.logged.push(...sorted);
    else this.logged = [...this.logged, ...sorted].sort(compareLogOrder);
  }

  /** Adds a stored event (the log takes ownership of the object). */
  add(event: RecordEvent, logged?: LoggedEvent): void {
    if (this.byId.has(event.id)) return;
    this.index(event);
    const l = logged ?? trustedLogged(event);
    if (!l) return;
    // Appends are nearly always the newest event, so search from the end.
    let i = this.logged.length;
    while (i > 0 && compareLogOrder(this.logged[i - 1]!, l) > 0) i--;
    this.logged.splice(i, 0, l);
  }

  /**
   * Replaces the whole content with stored events whose instants were parsed when they were
   * stored: `logged` holds the well-formed ones among `events`, in the same order (the log takes
   * ownership of the objects).
   */
  replaceParsed(events: readonly RecordEvent[], logged: LoggedEvent[]): void {
    this.clear();
    for (const e of events) this.index(e);
    this.logged = isInLogOrder(logged) ? logged : logged.sort(compareLogOrder);
  }

  /**
   * Removes every stored event of one person (retention erasure, record-format §1's one exception);
   * returns how many were removed. Events that are not structurally events stay (they are nobody's).
   */
  removePerson(personId: string): number {
    const before = this.byId.size;
    for (const [id, e] of this.byId) if (e.personId === personId) this.byId.delete(id);
    this.logged = this.logged.filter((l) => l.event.personId !== personId);
    this.byPerson = null;
    return before - this.byId.size;
  }

  clear(): void {
    this.byId.clear();
    this.byPerson = null;
    this.logged = [];
  }

  /** Copies of every stored event. */
  all(): RecordEvent[] {
    return [...this.byId.values()].map(copy);
  }

  /** Copies of one person's stored events. */
  person(personId: string): RecordEvent[] {
    if (!this.byPerson) {
      this.byPerson = new Map();
      for (const e of this.byId.values()) this.indexPerson(e);
    }
    return (this.byPerson.get(personId) ?? []).map(copy);
  }

  private index(event: RecordEvent): void {
    this.byId.set(event.id, event);
    if (this.byPerson) this.indexPerson(event);
  }

  private indexPerson(event: RecordEvent): void {
    if (!this.byPerson) return;
    const list = this.byPerson.get(event.personId);
    if (list) list.push(event);
    else this.byPerson.set(event.personId, [event]);
  }
}
