/**
 * A read model over a valid log: events by person, retractions, and an index of identifiers, so
 * that "who is this sender" and "does this breach" are answered from memory (evaluate < 1 ms).
 */
import { inLogOrder, type Contact, type LoggedEvent } from "./events";
import { ambiguousSenderNote, evaluateForPerson, type Verdict } from "./evaluate";
import { foldPerson, type PersonState } from "./fold";
import { identifierKey } from "./identity";
import { parseInstant } from "./time";

export class RecordIndex {
  readonly events: readonly LoggedEvent[];
  private readonly byPerson = new Map<string, LoggedEvent[]>();
  private readonly retracted = new Set<string>();
  private readonly registered = new Set<string>();
  /** The events that give a person identifiers (registrations and links), for whoUses. */
  private readonly identifierEvents: LoggedEvent[] = [];
  private candidateIndex: Map<string, string[]> | null = null;
  /** whoUses answers by identifier key, worked out on first use. */
  private readonly owners = new Map<string, string[]>();
  private readonly fullStates = new Map<string, PersonState>();

  /** `events` must be valid (accepted by the §8 checks); any order. A repeated id counts once. */
  constructor(events: readonly LoggedEvent[]) {
    const sorted = inLogOrder(events);
    const seen = new Set<string>();
    const kept: LoggedEvent[] = [];
    const registrations: LoggedEvent[] = [];
    for (const logged of sorted) {
      const e = logged.event;
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      kept.push(logged);
      let list = this.byPerson.get(e.personId);
      if (!list) {
        list = [];
        this.byPerson.set(e.personId, list);
      }
      list.push(logged);
      if (e.type === "EventRetracted") this.retracted.add(e.data.eventId);
      if (e.type === "PersonRegistered") registrations.push(logged);
      if (e.type === "PersonRegistered" || e.type === "IdentifiersLinked") this.identifierEvents.push(logged);
    }
    this.events = kept;
    // A retracted registration counts for nothing (§7): the person is registered by another one or not at all.
    for (const r of registrations) if (!this.retracted.has(r.event.id)) this.registered.add(r.event.personId);
  }

  isRegistered(personId: string): boolean {
    return this.registered.has(personId);
  }

  personIds(): string[] {
    return [...this.registered];
  }

  isRetracted(eventId: string): boolean {
    return this.retracted.has(eventId);
  }

  eventsOf(personId: string): readonly LoggedEvent[] {
    return this.byPerson.get(personId) ?? [];
  }

  /**
   * The person's fold over the whole log, or as at an instant. The whole-log fold is computed
   * once and shared (treat it as read-only); it also answers any instant at or after the
   * person's last event, which is the usual case for a contact arriving now.
   */
  person(personId: string, asAtMs?: number): PersonState {
    const events = this.eventsOf(personId);
    const last = events[events.length - 1];
    if (asAtMs === undefined || last === undefined || asAtMs >= last.atMs) {
      let s = this.fullStates.get(personId);
      if (!s) {
        s = foldPerson(personId, events, this.retracted);
        this.fullStates.set(personId, s);
      }
      return s;
    }
    return foldPerson(personId, events, this.retracted, asAtMs);
  }

  /**
   * Identifier key → the registered people whose registrations or links name it, built in one pass
   * on first use (cheap: no folds), so each later lookup folds only those candidates.
   */
  private candidatesByKey(): Map<string, string[]> {
    if (this.candidateIndex) return this.candidateIndex;
    const index = new Map<string, string[]>();
    for (const { event: e } of this.identifierEvents) {
      if (!this.registered.has(e.personId)) continue;
      const d = e.data as { readonly emails?: readonly string[]; readonly phones?: readonly string[] };
      for (const v of [...(d.emails ?? []), ...(d.phones ?? [])]) {
        const k = identifierKey(v);
        const list = index.get(k);
        if (!list) index.set(k, [e.personId]);
        else if (!list.includes(e.personId)) list.push(e.personId);
      }
    }
    this.candidateIndex = index;
    return index;
  }

  /**
   * Registered persons who use this address or number (after links and unlinks). Only the people
   * whose registrations or links name the identifier are folded (a person's identifiers all come
   * from those events), so the first answer does not fold the whole record.
   */
  whoUses(from: string): string[] {
    const key = identifierKey(from);
    let owners = this.owners.get(key);
    if (!owners) {
      const candidates = this.candidatesByKey().get(key) ?? [];
      owners = [...candidates].filter((id) => {
        const s = this.person(id);
        return s.emails.some((v) => identifierKey(v) === key) || s.phones.some((v) => identifierKey(v) === key);
      });
      owners.sort();
      this.owners.set(key, owners);
    }
    return [...owners];
  }

  /**
   * Identifies the contact's person (§6): `personId` when given and registered; otherwise by
   * `from`; null (with the note `ambiguous-sender`) when the identifier belongs to two people.
   */
  identify(contact: Pick<Contact, "from" | "personId">): { personId: string | null; ambiguous: string[] } {
    if (contact.personId !== undefined) {
      return { personId: this.registered.has(contact.personId) ? contact.personId : null, ambiguous: [] };
    }
    const owners = this.whoUses(contact.from);
    if (owners.length === 1) return { personId: owners[0] ?? null, ambiguous: [] };
    return { personId: null, ambiguous: owners.length > 1 ? owners : [] };
  }

  /** `csm evaluate` (§9): the contact judged against the log as it stands; it is not appended. */
  evaluate(contact: Contact): Verdict {
    const atMs = parseInstant(contact.at);
    if (atMs === null) throw new RangeError("contact.at must be an ISO-8601 date-time with an offset");
    const { personId, ambiguous } = this.identify(contact);
    if (personId === null) {
      return {
        person: null,
        stage: "none",
        breaches: [],
        notes: ambiguous.length > 1 ? [ambiguousSenderNote(ambiguous)] : [],
      };
    }
    const state = this.person(personId, atMs);
    const full = this.person(personId);
    const verdict = evaluateForPerson(state, contact, atMs);
    // The name is who the person is now (a registration may come after the contact).
    return { ...verdict, person: { id: personId, name: full.name } };
  }
}
