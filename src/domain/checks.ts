/**
 * The checks on writing (record-format §8). An event is checked against the log before it in log
 * order, with the retractions before it applied; one that fails is not part of the log for
 * checking the others, and a later retraction never makes an accepted event invalid.
 */
import type { RecordError } from "./errors";
import { compareLogOrder, sameContent, type LoggedEvent, type RecordEvent, type Restriction } from "./events";
import { applyEvent, emptyPerson, type PersonState } from "./fold";
import { checkShape } from "./schema";
import { addCalendarMonths, londonDate } from "./time";

const present = (v: string | undefined): boolean => v !== undefined && v.trim() !== "";

/** Incremental checker: accepts events in log order and checks each candidate against what it holds. */
export class LogChecker {
  private readonly registered: ReadonlySet<string>;
  private readonly accepted = new Map<string, LoggedEvent>();
  private readonly retracted = new Set<string>();
  private readonly byPerson = new Map<string, LoggedEvent[]>();
  private readonly states = new Map<string, PersonState>();
  /** strategyId → the person it was imposed for (not retracted). Ids are unique across all people. */
  private readonly strategyOwner = new Map<string, string>();

  constructor(registeredPersons: ReadonlySet<string>) {
    this.registered = registeredPersons;
  }

  private state(personId: string): PersonState {
    let s = this.states.get(personId);
    if (!s) {
      s = emptyPerson(personId);
      this.states.set(personId, s);
    }
    return s;
  }

  /** Adds an event that is known to be valid (it was checked, or it is already in a store). */
  accept(logged: LoggedEvent): void {
    const e = logged.event;
    this.accepted.set(e.id, logged);
    const list = this.byPerson.get(e.personId) ?? [];
    list.push(logged);
    this.byPerson.set(e.personId, list);
    if (e.type === "EventRetracted") {
      this.retracted.add(e.data.eventId);
      this.rebuild(e.personId);
      return;
    }
    applyEvent(this.state(e.personId), logged);
    if (e.type === "StrategyImposed" && !this.strategyOwner.has(e.data.strategyId)) {
      this.strategyOwner.set(e.data.strategyId, e.personId);
    }
  }

  private rebuild(personId: string): void {
    const fresh = emptyPerson(personId);
    for (const [sid, owner] of this.strategyOwner) if (owner === personId) this.strategyOwner.delete(sid);
    for (const logged of this.byPerson.get(personId) ?? []) {
      if (this.retracted.has(logged.event.id) || logged.event.type === "EventRetracted") continue;
      applyEvent(fresh, logged);
      const e = logged.event;
      if (e.type === "StrategyImposed" && !this.strategyOwner.has(e.data.strategyId)) {
        this.strategyOwner.set(e.data.strategyId, personId);
      }
    }
    this.states.set(personId, fresh);
  }

  /** The §8 checks that need the log (all but E_SCHEMA, E_BEHAVIOUR_KIND and E_DUPLICATE_ID). */
  check(logged: LoggedEvent): RecordError[] {
    const e = logged.event;
    const errors: RecordError[] = [];
    const fail = (code: RecordError["code"], field: string | undefined, message: string): void => {
      errors.push(field === undefined ? { code, message } : { code, field, message });
    };
    if (!this.registered.has(e.personId)) {
      fail("E_UNKNOWN_PERSON", "personId", `personId: no person "${e.personId}" is registered; register the person first`);
    }
    const st = this.state(e.personId);
    const strategyIsActive = (field: string, strategyId: string): void => {
      const s = st.strategies.get(strategyId);
      if (!s) {
        fail("E_UNKNOWN_STRATEGY", field, `${field}: no contact strategy "${strategyId}" was imposed for this person (9.4)`);
      } else if (!s.active) {
        fail("E_UNKNOWN_STRATEGY", field, `${field}: contact strategy "${strategyId}" is no longer active; it was lifted (9.12)`);
      }
    };
    const reviewWithinThreeMonths = (field: string, due: string | undefined): void => {
      if (due === undefined) return;
      const latest = addCalendarMonths(londonDate(logged.atMs), 3);
      if (due > latest) {
        fail("E_REVIEW_TOO_FAR", field, `${field}: the review must be no later than ${latest}, three months after the decision; choose an earlier date (9.12)`);
      }
    };
    const adjustmentConflict = (restrictions: readonly Restriction[] | undefined, advice: string | undefined): void => {
      if (!restrictions?.some((r) => r.kind === "written-only")) return;
      if (!st.adjustments.some((a) => a.kind === "phone-contact")) return;
      if (present(advice)) return;
      fail(
        "E_ADJUSTMENT_CONFLICT",
        "data.equalityAdvice",
        "data.equalityAdvice: written-only contact conflicts with this person's recorded reasonable adjustment to contact by phone; seek and record equality advice first (8.4, 9.13–9.14)",
      );
    };

    switch (e.type) {
      case "StrategyImposed":
        if (this.strategyOwner.has(e.data.strategyId)) {
          fail("E_STRATEGY_EXISTS", "data.strategyId", `data.strategyId: "${e.data.strategyId}" is already used by another contact strategy; choose a new id`);
        }
        reviewWithinThreeMonths("data.reviewDue", e.data.reviewDue);
        if (st.warnings.length === 0 && !present(e.data.warningWaived)) {
          fail("E_NO_WARNING", "data.warningWaived", "data.warningWaived: no warning has been issued to this person; warn them first, or record why a warning was not possible (9.1–9.3)");
        }
        if (st.causes.length === 0) {
          fail("E_NO_CAUSES", undefined, "no consideration of underlying causes is recorded for this person; answer the five questions of 7.2 before imposing a strategy (7.2–7.3)");
        }
        adjustmentConflict(e.data.restrictions, e.data.equalityAdvice);
        break;
      case "StrategyVaried":
        strategyIsActive("data.strategyId", e.data.strategyId);
        adjustmentConflict(e.data.restrictions, e.data.equalityAdvice);
        break;
      case "StrategyReviewed":
        strategyIsActive("data.strategyId", e.data.strategyId);
        if (e.data.outcome !== "lift") reviewWithinThreeMonths("data.nextReviewDue", e.data.nextReviewDue);
        if (e.data.outcome === "vary") adjustmentConflict(e.data.restrictions, e.data.equalityAdvice);
        break;
      case "StrategyLifted":
        strategyIsActive("data.strategyId", e.data.strategyId);
        break;
      case "BreachRecorded":
        strategyIsActive("data.strategyId", e.data.strategyId);
        break;
      case "BreachReminderSent":
      case "BreachAcknowledged":
        if (!st.breaches.has(e.data.breachId)) {
          fail("E_UNKNOWN_BREACH", "data.breachId", `data.breachId: no breach "${e.data.breachId}" is recorded for this person (9.11)`);
        }
        break;
      case "ContactReviewed":
        if (!st.contacts.has(e.data.contactId)) {
          fail("E_UNKNOWN_CONTACT", "data.contactId", `data.contactId: no contact "${e.data.contactId}" is logged for this person (9.10)`);
        }
        break;
      case "SharingRecorded":
        if (!e.data.dpoConsulted) {
          fail("E_DPO_NOT_CONSULTED", "data.dpoConsulted", "data.dpoConsulted: consult the Data Protection Officer before sharing details with another agency (9.15)");
        }
        break;
      case "FurtherActionConsidered":
        if (!st.everBreached) {
          fail("E_NO_STRATEGY_HISTORY", undefined, "further action is only for a person whose contact strategy has been breached; this person has no breach of a strategy on record (10.1)");
        }
        break;
      case "EventRetracted": {
        const target = this.accepted.get(e.data.eventId);
        if (!target || target.event.personId !== e.personId || compareLogOrder(target, logged) >= 0) {
          fail("E_UNKNOWN_EVENT", "data.eventId", `data.eventId: no earlier event "${e.data.eventId}" for this person to retract`);
        } else if (target.event.type === "EventRetracted") {
          fail("E_UNKNOWN_EVENT", "data.eventId", "data.eventId: a retraction cannot itself be retracted; record the event again instead");
        } else if (this.retracted.has(e.data.eventId)) {
          fail("E_UNKNOWN_EVENT", "data.eventId", `data.eventId: event "${e.data.eventId}" is already retracted`);
        }
        break;
      }
      default:
        break;
    }
    return errors;
  }

  /** The person's state as the checker holds it (for callers that check then preview). */
  personState(personId: string): PersonState {
    return this.state(personId);
  }
}

export interface LineError {
  readonly line: number | null;
  readonly id: string | null;
  readonly code: RecordError["code"];
  readonly message: string;
}

export interface ValidatedLog {
  /** Accepted, distinct events in log order. */
  readonly events: readonly LoggedEvent[];
  /** Every error, in line order. */
  readonly errors: readonly LineError[];
}

export type ParsedLine = { readonly line: number; readonly value: unknown } | { readonly line: number; readonly parseError: string };

/**
 * `csm validate` (§8): checks a whole file in log order and reports every failing event with its
 * line; the later line of a conflicting duplicate carries E_DUPLICATE_ID; an identical duplicate is
 * a no-op.
 */
export function validateLog(lines: readonly ParsedLine[]): ValidatedLog {
  const errorsByLine = new Map<number, LineError[]>();
  const report = (line: number, id: string | null, err: { code: RecordError["code"]; message: string }): void => {
    const list = errorsByLine.get(line) ?? [];
    list.push({ line, id, code: err.code, message: err.message });
    errorsByLine.set(line, list);
  };

  interface Candidate {
    line: number;
    logged: LoggedEvent;
    preErrors: number;
  }
  const firstById = new Map<string, RecordEvent>();
  const candidates: Candidate[] = [];
  for (const l of lines) {
    if ("parseError" in l) {
      report(l.line, null, { code: "E_SCHEMA", message: `line ${l.line} is not valid JSON (${l.parseError}); each line must be one JSON object` });
      continue;
    }
    const shape = checkShape(l.value);
    for (const err of shape.errors) report(l.line, shape.id, err);
    if (shape.id !== null) {
      const first = firstById.get(shape.id);
      if (first) {
        if (shape.event && shape.errors.length === 0 && sameContent(first, shape.event)) continue; // identical: a no-op
        report(l.line, shape.id, {
          code: "E_DUPLICATE_ID",
          message: `id: "${shape.id}" is already used by an earlier line with different content; give this event a new id`,
        });
        continue;
      }
      if (shape.event && shape.errors.length === 0) firstById.set(shape.id, shape.event);
    }
    if (shape.event) {
      candidates.push({
        line: l.line,
        logged: { event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs },
        preErrors: shape.errors.length,
      });
    }
  }

  const registered = new Set<string>();
  for (const c of candidates) if (c.preErrors === 0 && c.logged.event.type === "PersonRegistered") registered.add(c.logged.event.personId);

  candidates.sort((a, b) => compareLogOrder(a.logged, b.logged));
  const checker = new LogChecker(registered);
  const accepted: LoggedEvent[] = [];
  for (const c of candidates) {
    const errors = checker.check(c.logged);
    for (const err of errors) report(c.line, c.logged.event.id, err);
    if (errors.length === 0 && c.preErrors === 0) {
      checker.accept(c.logged);
      accepted.push(c.logged);
    }
  }
  const errors = [...errorsByLine.keys()].sort((a, b) => a - b).flatMap((line) => errorsByLine.get(line) ?? []);
  return { events: accepted, errors };
}

export type AppendDecision =
  | { readonly kind: "append"; readonly logged: LoggedEvent }
  | { readonly kind: "duplicate" }
  | { readonly kind: "rejected"; readonly errors: readonly RecordError[] };

/**
 * Decides an append to a store that holds `existing` (valid, any order): identical id → no-op,
 * conflicting id → E_DUPLICATE_ID, otherwise every §8 check against the log before it.
 */
export function decideAppend(existing: readonly LoggedEvent[], raw: unknown): AppendDecision {
  const shape = checkShape(raw);
  if (shape.id !== null) {
    const same = existing.find((x) => x.event.id === shape.id);
    if (same) {
      if (shape.event && shape.errors.length === 0 && sameContent(same.event, shape.event)) return { kind: "duplicate" };
      return {
        kind: "rejected",
        errors: [...shape.errors, { code: "E_DUPLICATE_ID", field: "id", message: `id: "${shape.id}" already exists with different content; give this event a new id` }],
      };
    }
  }
  if (!shape.event) return { kind: "rejected", errors: shape.errors };
  const logged: LoggedEvent = { event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs };
  const registered = new Set<string>();
  for (const x of [...existing, logged]) if (x.event.type === "PersonRegistered") registered.add(x.event.personId);
  const checker = new LogChecker(registered);
  const before = existing.filter((x) => compareLogOrder(x, logged) < 0).sort(compareLogOrder);
  for (const x of before) checker.accept(x);
  const errors = [...shape.errors, ...checker.check(logged)];
  return errors.length > 0 ? { kind: "rejected", errors } : { kind: "append", logged };
}
