/**
 * The facts each letter needs, read from a person's fold (fold.ts), so that a letter always says
 * what the record says. Each returns null when the record does not hold what the letter is about.
 */
import { listInWords } from "../describe";
import { deepEqual, type EventOf } from "../events";
import type { BreachState, PersonState, StrategyState } from "../fold";
import { findingOf, occasionOf, type Finding } from "./happened";
import { londonDate } from "../time";
import type { BreachReminderFacts } from "./templates/breach-reminder";
import type { ReviewOutcomeFacts } from "./templates/review-outcome";
import type { StrategyNoticeFacts } from "./templates/strategy-notice";
import type { VariationFacts } from "./templates/variation-notice";
import type { WarningFacts } from "./templates/warning";

export function warningFacts(e: EventOf<"WarningIssued">): WarningFacts {
  const { behaviours, expectedChange, consequences, matterRef } = e.data;
  return matterRef
    ? { behaviours, expectedChange, consequences, matterRef }
    : { behaviours, expectedChange, consequences };
}

export function strategyNoticeFacts(state: PersonState, strategyId: string): StrategyNoticeFacts | null {
  const s = state.strategies.get(strategyId);
  if (!s) return null;
  return {
    matterRef: s.matterRef,
    reason: s.imposed.data.reason,
    restrictions: s.restrictions,
    reviewDue: s.reviewDue,
  };
}

/**
 * The breaches one reminder covers: every breach recorded for the same contact as `breachId`
 * (one call can break several restrictions, and the person gets one letter for it, 9.11), or
 * that breach alone when it is tied to no contact. Strategies the record no longer holds are left out.
 */
export function breachesForReminder(state: PersonState, breachId: string): BreachState[] {
  const b = state.breaches.get(breachId);
  if (!b || !state.strategies.has(b.strategyId)) return [];
  const contactId = b.event.data.contactId;
  if (contactId === undefined) return [b];
  return [...state.breaches.values()].filter(
    (x) => x.event.data.contactId === contactId && state.strategies.has(x.strategyId),
  );
}

/** One contact's breaches, as the reminder step offers them: one reminder each. */
export interface ReminderGroup {
  /** The first breach of the contact (any of its breach ids selects the whole group). */
  readonly breachId: string;
  readonly breachIds: readonly string[];
  readonly atMs: number;
  readonly restrictions: readonly BreachState["restriction"][];
  /** Every breach of the contact has had a reminder. */
  readonly reminderSent: boolean;
}

/** The person's breaches grouped by contact: those still needing a reminder first, newest first. */
export function reminderGroups(state: PersonState): ReminderGroup[] {
  const seen = new Set<string>();
  const out: ReminderGroup[] = [];
  for (const b of state.breaches.values()) {
    if (seen.has(b.breachId)) continue;
    const group = breachesForReminder(state, b.breachId);
    if (group.length === 0) continue;
    for (const x of group) seen.add(x.breachId);
    out.push({
      breachId: b.breachId,
      breachIds: group.map((x) => x.breachId),
      atMs: b.atMs,
      restrictions: [...new Set(group.map((x) => x.restriction))],
      reminderSent: group.every((x) => x.reminderSent),
    });
  }
  return out.sort((a, b) => Number(a.reminderSent) - Number(b.reminderSent) || b.atMs - a.atMs);
}

/**
 * The reminder's facts for the contact behind `breachId` (all its breaches). What happened is
 * derived from the restrictions and the logged contact, never from the breach's `detail`, which
 * is written for staff.
 */
export function breachReminderFacts(state: PersonState, breachId: string): BreachReminderFacts | null {
  const breaches = breachesForReminder(state, breachId);
  const first = breaches[0];
  if (!first) return null;
  const strategies = [...new Set(breaches.map((b) => b.strategyId))]
    .map((id) => state.strategies.get(id))
    .filter((s): s is StrategyState => s !== undefined);
  const contactId = first.event.data.contactId;
  const logged = contactId !== undefined ? state.contacts.get(contactId) : undefined;
  const atMs = logged?.atMs ?? first.atMs;
  const findings: Finding[] = [];
  for (const b of breaches) {
    const s = state.strategies.get(b.strategyId);
    if (!s) continue;
    const f = findingOf(b, s, logged?.contact, atMs);
    if (!findings.some((x) => deepEqual(x, f))) findings.push(f);
  }
  return {
    matterRef: listInWords([...new Set(strategies.map((s) => s.matterRef))]),
    reason: [...new Set(strategies.map((s) => s.imposed.data.reason.trim()))].join("\n"),
    restrictions: strategies.flatMap((s) => s.restrictions),
    breachDate: londonDate(atMs),
    occasion: occasionOf(first, logged),
    findings,
    breachIds: breaches.map((b) => b.breachId),
  };
}

export function variationFacts(state: PersonState, e: EventOf<"StrategyVaried">): VariationFacts | null {
  const s = state.strategies.get(e.data.strategyId);
  if (!s) return null;
  return { matterRef: s.matterRef, reason: e.data.reason, restrictions: e.data.restrictions, reviewDue: s.reviewDue };
}

export function reviewOutcomeFacts(state: PersonState, e: EventOf<"StrategyReviewed">): ReviewOutcomeFacts | null {
  const s = state.strategies.get(e.data.strategyId);
  if (!s) return null;
  if (e.data.outcome === "lift") return { outcome: "lift", matterRef: s.matterRef, rationale: e.data.rationale };
  return {
    outcome: e.data.outcome,
    matterRef: s.matterRef,
    rationale: e.data.rationale,
    restrictions: e.data.restrictions ?? s.restrictions,
    nextReviewDue: e.data.nextReviewDue ?? s.reviewDue,
  };
}

export function liftingFacts(state: PersonState, e: EventOf<"StrategyLifted">): ReviewOutcomeFacts | null {
  const s = state.strategies.get(e.data.strategyId);
  if (!s) return null;
  return { outcome: "lift", matterRef: s.matterRef, rationale: e.data.reason };
}
