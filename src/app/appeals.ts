/**
 * Appeals / reconsideration (issue 13 Deliver 2): a person's request that a warning (9.1–9.3) or a
 * contact strategy (9.4–9.9, or the review that kept it in place, 9.12) be looked at again, decided
 * by someone not involved in the decision, with an outcome letter (appeal-letter.ts).
 *
 * The policy itself has no appeal paragraph. What it does say, and what these rules come from:
 * a restriction must be "fair, reasonable and proportionate" (9.5) and kept under review so that it
 * is "still appropriate and fit for purpose" (9.12); the person is told about any change (9.14) in
 * writing, with their needs considered (9.6, 8.6); a decision comes with "a clear rationale … in a
 * way that they can understand" (7.2). A reconsideration is therefore decided by someone who took
 * no part in the decision (the same separation of duties as E_REVIEWER_INVOLVED, domain/duties.ts).
 *
 * Why an app-layer log and not record events: record-format.md §2 is a fixed contract (every store,
 * `csm` and its hidden cases hold exactly those event types). Appeals are the product's own entries
 * (AppealReceived, AppealDecided), kept beside the record in their own store, like the notification
 * ledger (notify.ts). What an appeal changes about the person's restrictions is written to the
 * record with the record's own events, so the fold (stage, strategies, breaches) stays right:
 *   - a warning overturned → EventRetracted of the WarningIssued;
 *   - a strategy overturned → StrategyLifted;
 *   - a strategy varied → StrategyVaried with the restrictions the decider keeps (fewer than now);
 *   - upheld → nothing in the record.
 * docs/record-rules.md ("Appeals") states the rules for people.
 */
import {
  isCalendarDate,
  londonDate,
  RESTRICTION_LABELS,
  samePerson,
  type EventOf,
  type LoggedEvent,
  type RecordEvent,
  type RecordIndex,
  type Restriction,
} from "../domain";
import { longDate } from "../domain/letters";
import { derivedId } from "./derived-id";
import type { Clock, IdSource } from "./ports";
import type { RecordService } from "./record-service";
import { RoleRefusedError, type Access, type Role } from "./roles";

/** The record events a person may ask to be reconsidered. */
export const APPEALABLE_TYPES = ["WarningIssued", "StrategyImposed", "StrategyReviewed"] as const;
export type AppealableType = (typeof APPEALABLE_TYPES)[number];

export const APPEAL_OUTCOMES = ["upheld", "overturned", "varied"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const APPEAL_OUTCOME_LABELS: Readonly<Record<AppealOutcome, string>> = {
  upheld: "Upheld: the decision stands",
  overturned: "Overturned: the decision is withdrawn",
  varied: "Varied: the strategy stays with fewer restrictions",
};

/** Entry: the person (or someone for them) asked for a decision to be reconsidered. */
export interface AppealReceived {
  readonly type: "AppealReceived";
  /** The appeal's id (1–64 of [A-Za-z0-9_-]). */
  readonly id: string;
  readonly personId: string;
  /** The record event under appeal: a WarningIssued, StrategyImposed or StrategyReviewed. */
  readonly decisionEventId: string;
  readonly decisionType: AppealableType;
  /** Who asked: the person themself, or the advocate or representative who asked for them. */
  readonly askedBy: string;
  /** Why they say the decision is wrong, in their words or summarised. */
  readonly grounds: string;
  /** The London date the request arrived (YYYY-MM-DD). */
  readonly receivedOn: string;
  /** The member of staff who recorded it (UPN). */
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** Entry: someone not involved decided the appeal. One per appeal (its id derives from the appeal's). */
export interface AppealDecided {
  readonly type: "AppealDecided";
  readonly id: string;
  readonly appealId: string;
  readonly personId: string;
  readonly outcome: AppealOutcome;
  /** The reasons, as the person will read them in the outcome letter (7.2). */
  readonly rationale: string;
  /** Who decided (UPN): not the maker or approver of the decision under appeal. */
  readonly decidedBy: string;
  readonly decidedOn: string;
  readonly recordedAt: string;
  /** The record event that carries the consequence (EventRetracted, StrategyLifted, StrategyVaried); absent when upheld. */
  readonly recordEventId?: string;
  /** Varied: the restrictions kept. */
  readonly restrictions?: readonly Restriction[];
}

export type AppealEntry = AppealReceived | AppealDecided;

/**
 * The appeals log's store (a SharePoint list in Microsoft 365 mode, the device's store otherwise).
 * Append-only and idempotent by id: the same entry again resolves "duplicate"; a different entry
 * with an id already stored rejects with AppealConflictError and stores nothing.
 */
export interface AppealStore {
  append(entry: AppealEntry): Promise<"appended" | "duplicate">;
  readPerson(personId: string): Promise<AppealEntry[]>;
}

export class AppealConflictError extends Error {
  constructor(readonly id: string) {
    super(`An appeal entry with id ${id} already exists with different content.`);
    this.name = "AppealConflictError";
  }
}

/** Whether two entries are the same entry (everything but recordedAt equal), as the stores compare. */
export function sameEntry(a: AppealEntry, b: AppealEntry): boolean {
  return canonical({ ...a, recordedAt: "" }) === canonical({ ...b, recordedAt: "" });
}

/** JSON with object keys sorted, so an entry read back from a store compares equal whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** Parses an entry read from a store; null when it is not an appeal entry (a damaged or foreign item). */
export function parseAppealEntry(value: unknown): AppealEntry | null {
  if (value === null || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const str = (k: string) => typeof v[k] === "string" && (v[k] as string) !== "";
  if (!str("id") || !str("personId") || !str("recordedAt")) return null;
  if (v["type"] === "AppealReceived") {
    const ok =
      ["decisionEventId", "askedBy", "grounds", "receivedOn", "recordedBy"].every(str) &&
      APPEALABLE.has(v["decisionType"] as string);
    return ok ? (v as unknown as AppealReceived) : null;
  }
  if (v["type"] === "AppealDecided") {
    const ok =
      ["appealId", "rationale", "decidedBy", "decidedOn"].every(str) &&
      (APPEAL_OUTCOMES as readonly unknown[]).includes(v["outcome"]);
    return ok ? (v as unknown as AppealDecided) : null;
  }
  return null;
}

export const APPEAL_CODES = [
  "E_APPEAL_TEXT",
  "E_APPEAL_DATE",
  "E_APPEAL_UNKNOWN_DECISION",
  "E_APPEAL_NOT_A_DECISION",
  "E_APPEAL_RETRACTED",
  "E_APPEAL_STRATEGY_ENDED",
  "E_APPEAL_ALREADY_OPEN",
  "E_APPEAL_UNKNOWN",
  "E_APPEAL_DECIDED",
  "E_APPEAL_DECIDER_INVOLVED",
  "E_APPEAL_VARY",
  "E_APPEAL_WARNING_IN_USE",
] as const;
export type AppealCode = (typeof APPEAL_CODES)[number];

export interface AppealProblem {
  readonly code: AppealCode;
  /** The form field it belongs to: decisionEventId, askedBy, grounds, receivedOn, outcome, rationale, decidedOn, restrictions. */
  readonly field?: string;
  readonly message: string;
}

export class AppealRefusedError extends Error {
  readonly problems: readonly AppealProblem[];
  constructor(problems: readonly AppealProblem[]) {
    super(problems.map((p) => `${p.code}: ${p.message}`).join("; "));
    this.name = "AppealRefusedError";
    this.problems = problems;
  }
  get codes(): AppealCode[] {
    return this.problems.map((p) => p.code);
  }
}

/** Who may record that an appeal arrived (anyone who records casework) and who may decide one (managers). */
export const MAY_RECORD_APPEAL: readonly Role[] = ["caseworker", "manager"];
export const MAY_DECIDE_APPEAL: readonly Role[] = ["manager"];

export interface AppealRequest {
  readonly personId: string;
  readonly decisionEventId: string;
  readonly askedBy: string;
  readonly grounds: string;
  readonly receivedOn: string;
}

export interface AppealDecisionRequest {
  readonly personId: string;
  readonly appealId: string;
  readonly outcome: AppealOutcome;
  readonly rationale: string;
  readonly decidedOn: string;
  /** Varied: indexes into the strategy's current restrictions of those to keep (at least one, fewer than all). */
  readonly keep?: readonly number[];
}

/** One appeal as the person page shows it. */
export interface AppealView {
  readonly received: AppealReceived;
  readonly decided: AppealDecided | null;
  /** The decision under appeal, if still on the record. */
  readonly decision: LoggedEvent | null;
}

/** The appeals of a person, oldest first, each with its decision (if any). */
export function appealViews(entries: readonly AppealEntry[], index: RecordIndex, personId: string): AppealView[] {
  const events = index.eventsOf(personId);
  const decided = new Map<string, AppealDecided>();
  for (const e of entries) if (e.type === "AppealDecided" && e.personId === personId) decided.set(e.appealId, e);
  return entries
    .filter((e): e is AppealReceived => e.type === "AppealReceived" && e.personId === personId)
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.recordedAt.localeCompare(b.recordedAt))
    .map((received) => ({
      received,
      decided: decided.get(received.id) ?? null,
      decision: events.find((l) => l.event.id === received.decisionEventId) ?? null,
    }));
}

const APPEALABLE: ReadonlySet<string> = new Set(APPEALABLE_TYPES);

/** The strategy a decision under appeal is about (null for a warning). */
function strategyIdOf(event: RecordEvent): string | null {
  if (event.type === "StrategyImposed" || event.type === "StrategyReviewed") return event.data.strategyId;
  return null;
}

/** The decisions of a person that can be appealed now: not retracted, and a strategy still in force. */
export function appealableDecisions(index: RecordIndex, personId: string): LoggedEvent[] {
  const state = index.person(personId);
  return index.eventsOf(personId).filter((l) => {
    const e = l.event;
    if (!APPEALABLE.has(e.type) || index.isRetracted(e.id)) return false;
    if (e.type === "StrategyReviewed" && e.data.outcome === "lift") return false;
    const sid = strategyIdOf(e);
    return sid === null || state.strategies.get(sid)?.active === true;
  });
}

/** A short, plain description of a decision for the forms and the history ("Warning of Tuesday 3 March 2026"). */
export function describeDecision(l: LoggedEvent): string {
  const day = longDate(londonDate(l.atMs));
  const e = l.event;
  switch (e.type) {
    case "WarningIssued":
      return `Warning of ${day}${e.data.matterRef ? ` (${e.data.matterRef})` : ""}`;
    case "StrategyImposed":
      return `Contact strategy for ${e.data.matterRef}, imposed ${day}`;
    case "StrategyReviewed":
      return `Review of strategy ${e.data.strategyId} on ${day} (${e.data.outcome})`;
    default:
      return `${e.type} of ${day}`;
  }
}

function checkText(value: string, field: string, what: string): AppealProblem[] {
  return value.trim() === "" ? [{ code: "E_APPEAL_TEXT", field, message: `Enter ${what}.` }] : [];
}

function checkDate(
  value: string,
  field: string,
  what: string,
  today: string,
  notBefore: string | null,
  beforeWhat: string,
): AppealProblem[] {
  if (!isCalendarDate(value))
    return [{ code: "E_APPEAL_DATE", field, message: `Enter ${what} as a date, for example 2026-03-07.` }];
  if (value > today)
    return [
      {
        code: "E_APPEAL_DATE",
        field,
        message: `${capitalise(what)} cannot be in the future: enter the day it happened (today is ${today}).`,
      },
    ];
  if (notBefore !== null && value < notBefore)
    return [
      {
        code: "E_APPEAL_DATE",
        field,
        message: `${capitalise(what)} cannot be before ${beforeWhat} (${notBefore}). Check the date.`,
      },
    ];
  return [];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The rules for recording an appeal: [] when it may be recorded. `today` is the London date. */
export function checkAppealRequest(
  req: AppealRequest,
  index: RecordIndex,
  entries: readonly AppealEntry[],
  today: string,
): AppealProblem[] {
  const out: AppealProblem[] = [
    ...checkText(
      req.askedBy,
      "askedBy",
      "who asked for the decision to be reconsidered (the person, or who asked for them)",
    ),
    ...checkText(req.grounds, "grounds", "the grounds: why they say the decision should be reconsidered"),
  ];
  const logged = index.eventsOf(req.personId).find((l) => l.event.id === req.decisionEventId);
  if (!logged) {
    out.push({
      code: "E_APPEAL_UNKNOWN_DECISION",
      field: "decisionEventId",
      message:
        "Choose the warning or strategy decision the person asks to be reconsidered: this one is not on their record.",
    });
    return [...out, ...checkDate(req.receivedOn, "receivedOn", "the date the request arrived", today, null, "")];
  }
  const e = logged.event;
  if (!APPEALABLE.has(e.type) || (e.type === "StrategyReviewed" && e.data.outcome === "lift")) {
    out.push({
      code: "E_APPEAL_NOT_A_DECISION",
      field: "decisionEventId",
      message:
        "Only a warning, a contact strategy or a review that kept a strategy in place can be reconsidered. Choose one of those.",
    });
  } else if (index.isRetracted(e.id)) {
    out.push({
      code: "E_APPEAL_RETRACTED",
      field: "decisionEventId",
      message:
        "This decision has been withdrawn from the record, so there is nothing to reconsider. Choose another decision.",
    });
  } else {
    const sid = strategyIdOf(e);
    if (sid !== null && index.person(req.personId).strategies.get(sid)?.active !== true)
      out.push({
        code: "E_APPEAL_STRATEGY_ENDED",
        field: "decisionEventId",
        message:
          "This strategy has already been lifted, so it no longer restricts the person. Choose a decision still in force.",
      });
  }
  const views = appealViews(entries, index, req.personId);
  if (views.some((v) => v.received.decisionEventId === req.decisionEventId && v.decided === null))
    out.push({
      code: "E_APPEAL_ALREADY_OPEN",
      field: "decisionEventId",
      message: "An appeal against this decision is already waiting for a decision. Decide that one first.",
    });
  out.push(
    ...checkDate(
      req.receivedOn,
      "receivedOn",
      "the date the request arrived",
      today,
      londonDate(logged.atMs),
      "the decision it is about",
    ),
  );
  return out;
}

/** Who took part in a decision: the maker and, for a strategy, whoever approved or imposed it. */
export function involvedIn(decision: RecordEvent, index: RecordIndex): { who: string; role: string }[] {
  const out: { who: string; role: string }[] = [{ who: decision.by, role: "made" }];
  const sid = strategyIdOf(decision);
  if (sid !== null) {
    const imposed = index.person(decision.personId).strategies.get(sid)?.imposed;
    if (imposed) {
      // For a review, the strategy's own maker and approver were involved too (9.12: E_REVIEWER_INVOLVED).
      if (decision.type === "StrategyReviewed") out.push({ who: imposed.by, role: "imposed the strategy under" });
      out.push({ who: imposed.data.approvedBy, role: "approved" });
    }
  }
  return out;
}

const CONSEQUENCE_PREFIXES = ["appeal-retract", "appeal-lift", "appeal-vary"] as const;

/**
 * The record event an earlier attempt to decide this appeal already wrote (the decision itself was
 * then not stored, e.g. the connection dropped between the two writes); null when there is none.
 */
export function appliedConsequence(index: RecordIndex, personId: string, appealId: string): RecordEvent | null {
  const ids = new Set(CONSEQUENCE_PREFIXES.map((p) => derivedId(p, appealId)));
  return index.eventsOf(personId).find((l) => ids.has(l.event.id))?.event ?? null;
}

/** The rules for deciding an appeal: [] when it may be decided. */
export function checkAppealDecision(
  req: AppealDecisionRequest,
  decider: string,
  index: RecordIndex,
  entries: readonly AppealEntry[],
  today: string,
): AppealProblem[] {
  const view = appealViews(entries, index, req.personId).find((v) => v.received.id === req.appealId);
  if (!view)
    return [
      { code: "E_APPEAL_UNKNOWN", message: "This appeal is not on the person's record. Record the appeal first." },
    ];
  if (view.decided)
    return [
      {
        code: "E_APPEAL_DECIDED",
        message: `This appeal was already decided on ${view.decided.decidedOn}. An appeal is decided once.`,
      },
    ];
  const out: AppealProblem[] = [];
  const decision = view.decision;
  if (decision) {
    const involved = involvedIn(decision.event, index).find((i) => samePerson(i.who, decider));
    if (involved)
      out.push({
        code: "E_APPEAL_DECIDER_INVOLVED",
        message: `You ${involved.role} the decision under appeal, so you cannot decide the appeal: it must be decided by someone not involved (separation of duties, policy 9.5 and 9.12). Ask another manager to decide it.`,
      });
  }
  if (!APPEAL_OUTCOMES.includes(req.outcome))
    out.push({ code: "E_APPEAL_TEXT", field: "outcome", message: "Choose the outcome: upheld, overturned or varied." });
  out.push(
    ...checkText(
      req.rationale,
      "rationale",
      "the reasons for the outcome, as the person will read them in the letter (policy 7.2)",
    ),
  );
  out.push(
    ...checkDate(
      req.decidedOn,
      "decidedOn",
      "the date of the decision",
      today,
      view.received.receivedOn,
      "the date the request arrived",
    ),
  );
  // A retry of a decision whose consequence is already on the record: only that same outcome goes on.
  const applied = appliedConsequence(index, req.personId, req.appealId);
  if (applied) {
    const outcome: AppealOutcome = applied.type === "StrategyVaried" ? "varied" : "overturned";
    if (req.outcome !== outcome)
      out.push({
        code: "E_APPEAL_DECIDED",
        field: "outcome",
        message: `This appeal's outcome (${outcome}) is already on the person's record. Choose ${outcome} to finish recording it.`,
      });
    return out;
  }
  if (!decision || index.isRetracted(decision.event.id)) {
    if (req.outcome !== "upheld")
      out.push({
        code: "E_APPEAL_RETRACTED",
        field: "outcome",
        message:
          "The decision under appeal has since been withdrawn from the record, so it cannot be overturned or varied. Record the outcome as upheld and explain in the reasons.",
      });
    return out;
  }
  const e = decision.event;
  const sid = strategyIdOf(e);
  const strategy = sid === null ? undefined : index.person(req.personId).strategies.get(sid);
  if (sid !== null && strategy?.active !== true && req.outcome !== "upheld")
    out.push({
      code: "E_APPEAL_STRATEGY_ENDED",
      field: "outcome",
      message:
        "The strategy has already been lifted, so there is nothing to overturn or vary. Record the outcome as upheld and explain in the reasons.",
    });
  if (req.outcome === "varied") {
    if (sid === null)
      out.push({
        code: "E_APPEAL_VARY",
        field: "outcome",
        message: "A warning cannot be varied: choose upheld (it stands) or overturned (it is withdrawn).",
      });
    else if (strategy?.active) {
      const keep = [...new Set(req.keep ?? [])].filter((i) => i >= 0 && i < strategy.restrictions.length);
      if (keep.length === 0 || keep.length >= strategy.restrictions.length)
        out.push({
          code: "E_APPEAL_VARY",
          field: "restrictions",
          message:
            strategy.restrictions.length < 2
              ? "This strategy has only one restriction, so it cannot be varied by removing some: choose upheld or overturned."
              : "Tick the restrictions to keep: at least one, and fewer than all of them (to keep them all, choose upheld).",
        });
    }
  }
  if (req.outcome === "overturned" && e.type === "WarningIssued") {
    const relies = warningReliedOn(index, req.personId, decision);
    if (relies)
      out.push({
        code: "E_APPEAL_WARNING_IN_USE",
        field: "outcome",
        message: `The strategy for ${relies} is in force and this is the only warning given before it (policy 9.3). Decide an appeal against the strategy first, or uphold this warning.`,
      });
  }
  return out;
}

/** The matter of an active strategy imposed after this warning, with no warning waived and no other warning before it. */
function warningReliedOn(index: RecordIndex, personId: string, warning: LoggedEvent): string | null {
  const events = index.eventsOf(personId);
  for (const s of index.person(personId).strategies.values()) {
    if (!s.active || s.imposed.data.warningWaived || s.imposedAtMs < warning.atMs) continue;
    const others = events.some(
      (l) =>
        l.event.type === "WarningIssued" &&
        l.event.id !== warning.event.id &&
        !index.isRetracted(l.event.id) &&
        l.atMs <= s.imposedAtMs,
    );
    if (!others) return s.matterRef;
  }
  return null;
}

/** What an outcome writes to the record (null when upheld). Ids derive from the appeal, so a retry adds nothing twice. */
export function consequenceEvent(
  decided: Omit<AppealDecided, "recordEventId" | "restrictions" | "type" | "id" | "recordedAt">,
  decision: RecordEvent,
  index: RecordIndex,
  keep: readonly number[],
  atIso: string,
  today: string,
): RecordEvent | null {
  if (decided.outcome === "upheld") return null;
  const base = { personId: decided.personId, at: atIso, by: decided.decidedBy };
  const why = `Appeal decided on ${decided.decidedOn}: ${decided.rationale.trim()}`;
  if (decision.type === "WarningIssued")
    return {
      ...base,
      id: derivedId("appeal-retract", decided.appealId),
      type: "EventRetracted",
      data: { eventId: decision.id, reason: `Warning overturned on appeal. ${why}` },
    };
  const sid = strategyIdOf(decision);
  const strategy = sid === null ? undefined : index.person(decided.personId).strategies.get(sid);
  if (!strategy || sid === null) return null;
  if (decided.outcome === "overturned")
    return {
      ...base,
      id: derivedId("appeal-lift", decided.appealId),
      type: "StrategyLifted",
      data: { strategyId: sid, reason: `Strategy overturned on appeal. ${why}` },
    };
  const kept = strategy.restrictions.filter((_, i) => keep.includes(i));
  const advice = strategy.imposed.data.equalityAdvice;
  return {
    ...base,
    id: derivedId("appeal-vary", decided.appealId),
    type: "StrategyVaried",
    data: {
      strategyId: sid,
      restrictions: kept,
      reason: `Strategy varied on appeal. ${why}`,
      notifiedOn: today,
      ...(advice ? { equalityAdvice: advice } : {}),
    },
  } as EventOf<"StrategyVaried">;
}

/** The restrictions of a strategy, for the "keep" checkboxes. */
export function restrictionLabel(r: Restriction): string {
  return RESTRICTION_LABELS[r.kind];
}

/** The use cases: record an appeal, decide it (writing its consequence to the record), read a person's appeals. */
export class AppealService {
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly store: AppealStore,
    private readonly record: RecordService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Increments on every change to the appeals log. */
  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private today(): string {
    return londonDate(this.clock.now());
  }

  private checkRole(access: Access, roles: readonly Role[], what: string): void {
    if (access.roles.some((r) => roles.includes(r))) return;
    throw new RoleRefusedError(
      `Your role does not allow you to ${what}. Only ${roles.map((r) => `a ${r}`).join(" or ")} can; ask your administrator if you need that role.`,
    );
  }

  async list(personId: string): Promise<AppealView[]> {
    if (this.record.getSnapshot().version === 0) await this.record.load();
    return appealViews(await this.store.readPerson(personId), this.record.index, personId);
  }

  /** Records that an appeal arrived. Throws AppealRefusedError (nothing stored) or RoleRefusedError. */
  async recordAppeal(req: AppealRequest, by: string): Promise<AppealReceived> {
    this.checkRole(this.record.access, MAY_RECORD_APPEAL, "record an appeal");
    if (this.record.getSnapshot().version === 0) await this.record.load();
    const entries = await this.store.readPerson(req.personId);
    const problems = checkAppealRequest(req, this.record.index, entries, this.today());
    if (problems.length > 0) throw new AppealRefusedError(problems);
    const decision = this.record.index.eventsOf(req.personId).find((l) => l.event.id === req.decisionEventId);
    const entry: AppealReceived = {
      type: "AppealReceived",
      id: this.ids.next("appeal"),
      personId: req.personId,
      decisionEventId: req.decisionEventId,
      decisionType: decision?.event.type as AppealableType,
      askedBy: req.askedBy.trim(),
      grounds: req.grounds.trim(),
      receivedOn: req.receivedOn,
      recordedBy: by,
      recordedAt: new Date(this.clock.now()).toISOString(),
    };
    await this.store.append(entry);
    this.changed();
    return entry;
  }

  /**
   * Decides an appeal. The consequence goes to the record first (through RecordService.record, so
   * the role and §8 checks apply); then the decision is stored. A retry after a failure between the
   * two writes adds nothing twice (the record event's id derives from the appeal).
   */
  async decideAppeal(req: AppealDecisionRequest, decidedBy: string): Promise<AppealDecided> {
    this.checkRole(this.record.access, MAY_DECIDE_APPEAL, "decide an appeal");
    if (this.record.getSnapshot().version === 0) await this.record.load();
    const entries = await this.store.readPerson(req.personId);
    const index = this.record.index;
    const today = this.today();
    const problems = checkAppealDecision(req, decidedBy, index, entries, today);
    if (problems.length > 0) throw new AppealRefusedError(problems);
    const view = appealViews(entries, index, req.personId).find((v) => v.received.id === req.appealId);
    const core = {
      appealId: req.appealId,
      personId: req.personId,
      outcome: req.outcome,
      rationale: req.rationale.trim(),
      decidedBy,
      decidedOn: req.decidedOn,
    };
    const nowIso = new Date(this.clock.now()).toISOString();
    const applied = appliedConsequence(index, req.personId, req.appealId);
    const consequence =
      applied ??
      (view?.decision && !index.isRetracted(view.decision.event.id)
        ? consequenceEvent(core, view.decision.event, index, req.keep ?? [], nowIso, today)
        : null);
    if (consequence && !applied) await this.record.record([consequence]);
    const entry: AppealDecided = {
      type: "AppealDecided",
      id: derivedId("appeal-decided", req.appealId),
      ...core,
      recordedAt: nowIso,
      ...(consequence ? { recordEventId: consequence.id } : {}),
      ...(consequence?.type === "StrategyVaried" ? { restrictions: consequence.data.restrictions } : {}),
    };
    await this.store.append(entry);
    this.changed();
    return entry;
  }
}
