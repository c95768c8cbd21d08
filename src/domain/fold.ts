/**
 * The fold (record-format §7): a person's state read from the log. Every screen is a fold.
 * Events are applied in log order; a retracted event counts for nothing, anywhere. A fold "as at"
 * an instant counts the events at or before it, so a contact is judged against what was in force
 * when it arrived.
 */
import type { FurtherActionOutcome, Stage } from "./catalogue";
import type { Adjustment, Contact, EventOf, LoggedEvent, RecordEvent, Restriction } from "./events";
import { identifierKey } from "./identity";
import { londonDate } from "./time";

export interface StrategyState {
  readonly strategyId: string;
  readonly matterRef: string;
  readonly imposed: EventOf<"StrategyImposed">;
  readonly imposedAtMs: number;
  restrictions: readonly Restriction[];
  /** When the current restrictions took effect: the imposition, variation or `vary` review that set them. */
  restrictionsSinceMs: number;
  reviewDue: string;
  active: boolean;
  liftedAtMs: number | null;
  liftReason: string | null;
  reviews: number;
}

export interface BreachState {
  readonly breachId: string;
  readonly strategyId: string;
  readonly restriction: Restriction["kind"];
  readonly event: EventOf<"BreachRecorded">;
  readonly atMs: number;
  acknowledged: boolean;
  reminderSent: boolean;
}

export interface ContactState {
  readonly contactId: string;
  readonly event: EventOf<"ContactLogged">;
  readonly atMs: number;
  readonly contact: Contact;
  reviewed: boolean;
}

export interface PersonState {
  readonly personId: string;
  registered: boolean;
  name: string;
  emails: string[];
  phones: string[];
  caseRefs: string[];
  adjustments: readonly Adjustment[];
  assistanceOffered: boolean | null;
  readonly incidents: EventOf<"IncidentRecorded">[];
  readonly warnings: EventOf<"WarningIssued">[];
  readonly causes: EventOf<"CausesConsidered">[];
  readonly strategies: Map<string, StrategyState>;
  readonly breaches: Map<string, BreachState>;
  readonly contacts: Map<string, ContactState>;
  readonly sharing: EventOf<"SharingRecorded">[];
  readonly furtherAction: EventOf<"FurtherActionConsidered">[];
  /** The person's events that count (not retracted), in log order: the history timeline. */
  readonly history: LoggedEvent[];
  /** What happened since the last strategy was lifted (§7 stage). */
  sinceLift: { warned: boolean; incident: boolean; furtherAction: FurtherActionOutcome | null };
  everBreached: boolean;
}

export function emptyPerson(personId: string): PersonState {
  return {
    personId,
    registered: false,
    name: "",
    emails: [],
    phones: [],
    caseRefs: [],
    adjustments: [],
    assistanceOffered: null,
    incidents: [],
    warnings: [],
    causes: [],
    strategies: new Map(),
    breaches: new Map(),
    contacts: new Map(),
    sharing: [],
    furtherAction: [],
    history: [],
    sinceLift: { warned: false, incident: false, furtherAction: null },
    everBreached: false,
  };
}

function addIdentifiers(list: string[], values: readonly string[] | undefined): void {
  for (const v of values ?? []) {
    const key = identifierKey(v);
    if (!list.some((x) => identifierKey(x) === key)) list.push(v.trim());
  }
}

function removeIdentifiers(list: string[], values: readonly string[] | undefined): string[] {
  const gone = new Set((values ?? []).map(identifierKey));
  return list.filter((x) => !gone.has(identifierKey(x)));
}

function lift(state: PersonState, s: StrategyState, atMs: number, reason: string): void {
  if (!s.active) return;
  s.active = false;
  s.liftedAtMs = atMs;
  s.liftReason = reason;
  // Stage counts only what happened since the last strategy was lifted (§7).
  state.sinceLift = { warned: false, incident: false, furtherAction: null };
}

/** Applies one (non-retracted) event to the person's state. Events for unknown strategies, breaches or contacts change nothing. */
export function applyEvent(state: PersonState, logged: LoggedEvent): void {
  const e: RecordEvent = logged.event;
  const atMs = logged.atMs;
  state.history.push(logged);
  switch (e.type) {
    case "PersonRegistered":
      state.registered = true;
      state.name = e.data.name;
      addIdentifiers(state.emails, e.data.emails);
      addIdentifiers(state.phones, e.data.phones);
      for (const ref of e.data.caseRefs ?? []) if (!state.caseRefs.includes(ref)) state.caseRefs.push(ref);
      break;
    case "IdentifiersLinked":
      addIdentifiers(state.emails, e.data.emails);
      addIdentifiers(state.phones, e.data.phones);
      break;
    case "IdentifiersUnlinked":
      state.emails = removeIdentifiers(state.emails, e.data.emails);
      state.phones = removeIdentifiers(state.phones, e.data.phones);
      break;
    case "AssistanceOffered":
      state.assistanceOffered = e.data.accepted;
      break;
    case "NeedsRecorded":
      // The full current set: it replaces the previous one (8.2: taken at face value).
      state.adjustments = e.data.adjustments;
      break;
    case "IncidentRecorded":
      state.incidents.push(e);
      state.sinceLift.incident = true;
      break;
    case "CausesConsidered":
      state.causes.push(e);
      break;
    case "WarningIssued":
      state.warnings.push(e);
      state.sinceLift.warned = true;
      break;
    case "StrategyImposed":
      if (!state.strategies.has(e.data.strategyId)) {
        state.strategies.set(e.data.strategyId, {
          strategyId: e.data.strategyId,
          matterRef: e.data.matterRef,
          imposed: e,
          imposedAtMs: atMs,
          restrictions: e.data.restrictions,
          restrictionsSinceMs: atMs,
          reviewDue: e.data.reviewDue,
          active: true,
          liftedAtMs: null,
          liftReason: null,
          reviews: 0,
        });
      }
      break;
    case "StrategyVaried": {
      const s = state.strategies.get(e.data.strategyId);
      if (s?.active) {
        s.restrictions = e.data.restrictions;
        s.restrictionsSinceMs = atMs;
      }
      break;
    }
    case "StrategyReviewed": {
      const s = state.strategies.get(e.data.strategyId);
      if (!s?.active) break;
      s.reviews += 1;
      // Review due (9.12): replaced by the nextReviewDue of each review that gives one.
      if (e.data.nextReviewDue !== undefined) s.reviewDue = e.data.nextReviewDue;
      if (e.data.outcome === "lift") {
        lift(state, s, atMs, e.data.rationale);
        break;
      }
      if (e.data.outcome === "vary" && e.data.restrictions) {
        s.restrictions = e.data.restrictions;
        s.restrictionsSinceMs = atMs;
      }
      break;
    }
    case "StrategyLifted": {
      const s = state.strategies.get(e.data.strategyId);
      if (s) lift(state, s, atMs, e.data.reason);
      break;
    }
    case "ContactLogged":
      if (!state.contacts.has(e.data.contactId)) {
        state.contacts.set(e.data.contactId, {
          contactId: e.data.contactId,
          event: e,
          atMs,
          // The contact as §6 writes it (the event's at is the contact's time); same shape every time.
          contact: {
            channel: e.data.channel,
            at: e.at,
            from: e.data.from,
            to: e.data.to,
            matterRef: e.data.matterRef,
            reopenRequest: e.data.reopenRequest,
            viaAdvocate: e.data.viaAdvocate,
            personId: e.data.personId,
          },
          reviewed: false,
        });
      }
      break;
    case "BreachRecorded":
      // 10.1: "a strategy with a breach" — a breach of a strategy that counts (not retracted).
      if (state.strategies.has(e.data.strategyId)) state.everBreached = true;
      if (!state.breaches.has(e.data.breachId)) {
        state.breaches.set(e.data.breachId, {
          breachId: e.data.breachId,
          strategyId: e.data.strategyId,
          restriction: e.data.restriction,
          event: e,
          atMs,
          acknowledged: false,
          reminderSent: false,
        });
      }
      break;
    case "BreachReminderSent": {
      const b = state.breaches.get(e.data.breachId);
      if (b) b.reminderSent = true;
      break;
    }
    case "BreachAcknowledged": {
      const b = state.breaches.get(e.data.breachId);
      if (b) b.acknowledged = true;
      break;
    }
    case "ContactReviewed": {
      const c = state.contacts.get(e.data.contactId);
      if (c) c.reviewed = true;
      break;
    }
    case "SharingRecorded":
      state.sharing.push(e);
      break;
    case "FurtherActionConsidered":
      state.furtherAction.push(e);
      state.sinceLift.furtherAction = e.data.outcome;
      break;
    case "EventRetracted":
      break;
  }
}

/**
 * Folds one person's events. `events` must be in log order; `retracted` is the set of event ids
 * withdrawn anywhere in the log; only events at or before `asAtMs` count.
 */
export function foldPerson(
  personId: string,
  events: readonly LoggedEvent[],
  retracted: ReadonlySet<string>,
  asAtMs: number = Number.POSITIVE_INFINITY,
): PersonState {
  const state = emptyPerson(personId);
  for (const logged of events) {
    if (logged.atMs > asAtMs) break;
    if (retracted.has(logged.event.id)) continue;
    applyEvent(state, logged);
  }
  return state;
}

export function activeStrategies(state: PersonState): StrategyState[] {
  return [...state.strategies.values()].filter((s) => s.active);
}

/** The person's stage (§7), counting only what happened since their last strategy was lifted. */
export function stageOf(state: PersonState): Stage {
  if (activeStrategies(state).length > 0) {
    return state.sinceLift.furtherAction === "proceed" ? "further-action" : "restricted";
  }
  if (state.sinceLift.warned) return "warned";
  if (state.sinceLift.incident) return "concern";
  return "none";
}

/** 9.12: an active strategy is overdue for review when today's London date is after its review date. */
export function isOverdue(s: StrategyState, nowMs: number): boolean {
  return s.active && londonDate(nowMs) > s.reviewDue;
}
