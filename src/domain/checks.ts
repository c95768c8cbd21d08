/**
 * The checks on writing that need the log (record-format §8): an event is checked against the log
 * before it in log order, with the retractions before it applied. The caller feeds accepted events
 * in log order; one that fails is not part of the log for checking the others, and a later
 * retraction never makes an accepted event invalid.
 */
import type { RecordError } from "./errors";
import type { LoggedEvent, Restriction } from "./events";
import { applyEvent, emptyPerson, type PersonState } from "./fold";
import { quote } from "./text";
import { addCalendarMonths, londonDate } from "./time";

/** An optional reason counts only when it says something (a blank reason records nothing). */
const present = (v: string | undefined): boolean => v !== undefined && v.trim() !== "";

function fail(errors: RecordError[], code: RecordError["code"], field: string | undefined, message: string): void {
  errors.push(field === undefined ? { code, message } : { code, field, message });
}

/** E_UNKNOWN_STRATEGY: the strategy must have been imposed on this person and still be active. */
function strategyIsActive(errors: RecordError[], st: PersonState, strategyId: string): void {
  const s = st.strategies.get(strategyId);
  if (!s) {
    fail(
      errors,
      "E_UNKNOWN_STRATEGY",
      "data.strategyId",
      `data.strategyId: no contact strategy ${quote(strategyId)} has been imposed on this person before this event (9.4)`,
    );
  } else if (!s.active) {
    fail(
      errors,
      "E_UNKNOWN_STRATEGY",
      "data.strategyId",
      `data.strategyId: contact strategy ${quote(strategyId)} is no longer active: it was lifted before this event (9.12)`,
    );
  }
}

/** E_REVIEW_TOO_FAR (9.12): no later than the London date of the decision plus three calendar months. */
function reviewWithinThreeMonths(errors: RecordError[], atMs: number, field: string, due: string | undefined): void {
  if (due === undefined) return;
  const latest = addCalendarMonths(londonDate(atMs), 3);
  if (due > latest)
    fail(
      errors,
      "E_REVIEW_TOO_FAR",
      field,
      `${field}: ${due} is more than three months after this decision; review by ${latest} at the latest (9.12)`,
    );
}

/** E_ADJUSTMENT_CONFLICT (8.4, 9.13–9.14): written-only against a phone-contact adjustment needs equality advice. */
function adjustmentConflict(
  errors: RecordError[],
  st: PersonState,
  restrictions: readonly Restriction[] | undefined,
  advice: string | undefined,
): void {
  if (!restrictions?.some((r) => r.kind === "written-only")) return;
  if (!st.adjustments.some((a) => a.kind === "phone-contact")) return;
  if (present(advice)) return;
  fail(
    errors,
    "E_ADJUSTMENT_CONFLICT",
    "data.equalityAdvice",
    "data.equalityAdvice: a written-only restriction conflicts with this person's recorded reasonable adjustment to be contacted by phone; seek equality advice and record it in equalityAdvice (8.4, 9.13–9.14)",
  );
}

export class LogChecker {
  /** personId → ids of the person's PersonRegistered events, anywhere in the log (§8 E_UNKNOWN_PERSON). */
  private readonly registrations: ReadonlyMap<string, readonly string[]>;
  private readonly accepted = new Map<string, LoggedEvent>();
  private readonly retracted = new Set<string>();
  private readonly byPerson = new Map<string, LoggedEvent[]>();
  private readonly states = new Map<string, PersonState>();
  /** strategyIds imposed (and not retracted) before the event being checked: unique across all people. */
  private readonly strategyIds = new Set<string>();
  /** Strategy ids the caller reserves for events it does not feed (see decideAppend). */
  private readonly reserved = new Set<string>();

  /**
   * `registrations`: every person's PersonRegistered event ids in the whole log (a person may be
   * registered after an incident that happened earlier). A person counts as registered unless all
   * of their registrations are retracted before the event being checked.
   */
  constructor(registrations: ReadonlyMap<string, readonly string[]>) {
    this.registrations = registrations;
  }

  private state(personId: string): PersonState {
    let s = this.states.get(personId);
    if (!s) {
      s = emptyPerson(personId);
      this.states.set(personId, s);
    }
    return s;
  }

  /** Marks a strategy id as taken by an event not fed to this checker. */
  reserveStrategyId(strategyId: string): void {
    this.reserved.add(strategyId);
  }

  /** Adds an event that is known to be valid (it was checked, or it is already in a store); log order. */
  accept(logged: LoggedEvent): void {
    const e = logged.event;
    this.accepted.set(e.id, logged);
    let list = this.byPerson.get(e.personId);
    if (!list) {
      list = [];
      this.byPerson.set(e.personId, list);
    }
    list.push(logged);
    if (e.type === "EventRetracted") {
      this.retracted.add(e.data.eventId);
      // A retracted event counts for nothing (§7): read the person again without it.
      const target = this.accepted.get(e.data.eventId);
      if (target?.event.type === "StrategyImposed") this.strategyIds.delete(target.event.data.strategyId);
      this.rebuild(e.personId);
      return;
    }
    applyEvent(this.state(e.personId), logged);
    if (e.type === "StrategyImposed") this.strategyIds.add(e.data.strategyId);
  }

  private rebuild(personId: string): void {
    const fresh = emptyPerson(personId);
    for (const logged of this.byPerson.get(personId) ?? []) {
      if (logged.event.type !== "EventRetracted" && !this.retracted.has(logged.event.id)) applyEvent(fresh, logged);
    }
    this.states.set(personId, fresh);
  }

  private isRegistered(personId: string): boolean {
    return (this.registrations.get(personId) ?? []).some((id) => !this.retracted.has(id));
  }

  /** The §8 checks that need the log (all but E_SCHEMA, E_BEHAVIOUR_KIND and E_DUPLICATE_ID). */
  check(logged: LoggedEvent): RecordError[] {
    const e = logged.event;
    const errors: RecordError[] = [];
    if (!this.isRegistered(e.personId)) {
      fail(
        errors,
        "E_UNKNOWN_PERSON",
        "personId",
        `personId: no person ${quote(e.personId)} is registered anywhere in the log; record PersonRegistered for them (record-format §8)`,
      );
    }
    const st = this.state(e.personId);
    switch (e.type) {
      case "StrategyImposed":
        if (this.strategyIds.has(e.data.strategyId) || this.reserved.has(e.data.strategyId)) {
          fail(
            errors,
            "E_STRATEGY_EXISTS",
            "data.strategyId",
            `data.strategyId: ${quote(e.data.strategyId)} is already the id of another contact strategy (ids are unique across all people); choose a new id (9.4)`,
          );
        }
        reviewWithinThreeMonths(errors, logged.atMs, "data.reviewDue", e.data.reviewDue);
        if (st.warnings.length === 0 && !present(e.data.warningWaived)) {
          fail(
            errors,
            "E_NO_WARNING",
            "data.warningWaived",
            "data.warningWaived: no warning has been issued to this person before this strategy; issue a warning first, or record in warningWaived why a warning was not possible (9.1–9.3)",
          );
        }
        if (st.causes.length === 0) {
          fail(
            errors,
            "E_NO_CAUSES",
            undefined,
            "no consideration of underlying causes (CausesConsidered) is recorded for this person before this strategy; answer the five questions of 7.2 first (7.2–7.3)",
          );
        }
        adjustmentConflict(errors, st, e.data.restrictions, e.data.equalityAdvice);
        break;
      case "StrategyVaried":
        strategyIsActive(errors, st, e.data.strategyId);
        adjustmentConflict(errors, st, e.data.restrictions, e.data.equalityAdvice);
        break;
      case "StrategyReviewed":
        strategyIsActive(errors, st, e.data.strategyId);
        reviewWithinThreeMonths(errors, logged.atMs, "data.nextReviewDue", e.data.nextReviewDue);
        if (e.data.outcome === "vary") adjustmentConflict(errors, st, e.data.restrictions, e.data.equalityAdvice);
        break;
      case "StrategyLifted":
      case "BreachRecorded":
        strategyIsActive(errors, st, e.data.strategyId);
        break;
      case "BreachReminderSent":
      case "BreachAcknowledged":
        if (!st.breaches.has(e.data.breachId)) {
          fail(
            errors,
            "E_UNKNOWN_BREACH",
            "data.breachId",
            `data.breachId: no breach ${quote(e.data.breachId)} is recorded for this person before this event (9.11)`,
          );
        }
        break;
      case "ContactReviewed":
        if (!st.contacts.has(e.data.contactId)) {
          fail(
            errors,
            "E_UNKNOWN_CONTACT",
            "data.contactId",
            `data.contactId: no contact ${quote(e.data.contactId)} is logged for this person before this event (9.10)`,
          );
        }
        break;
      case "SharingRecorded":
        if (!e.data.dpoConsulted) {
          fail(
            errors,
            "E_DPO_NOT_CONSULTED",
            "data.dpoConsulted",
            "data.dpoConsulted: is false; consult the Data Protection Officer before sharing details of the strategy with a partner (9.15)",
          );
        }
        break;
      case "FurtherActionConsidered":
        if (!st.everBreached) {
          fail(
            errors,
            "E_NO_STRATEGY_HISTORY",
            undefined,
            "further action is for when a contact strategy has not worked; this person has never had a contact strategy with a recorded breach (10.1)",
          );
        }
        break;
      case "EventRetracted":
        this.retractable(errors, e.personId, e.data.eventId);
        break;
      default:
        break;
    }
    return errors;
  }

  /** E_UNKNOWN_EVENT: the target must be an earlier event of the same person, not retracted, not a retraction. */
  private retractable(errors: RecordError[], personId: string, eventId: string): void {
    const target = this.accepted.get(eventId);
    if (!target || target.event.personId !== personId) {
      fail(
        errors,
        "E_UNKNOWN_EVENT",
        "data.eventId",
        `data.eventId: no event ${quote(eventId)} for this person comes earlier in the log, so there is nothing to retract (record-format §8)`,
      );
    } else if (target.event.type === "EventRetracted") {
      fail(
        errors,
        "E_UNKNOWN_EVENT",
        "data.eventId",
        `data.eventId: ${quote(eventId)} is itself a retraction, and a retraction cannot be retracted; record the event again instead (record-format §2)`,
      );
    } else if (this.retracted.has(eventId)) {
      fail(
        errors,
        "E_UNKNOWN_EVENT",
        "data.eventId",
        `data.eventId: event ${quote(eventId)} is already retracted (record-format §8)`,
      );
    }
  }

  /** The person's state as the checker holds it (for callers that check then preview). */
  personState(personId: string): PersonState {
    return this.state(personId);
  }
}
