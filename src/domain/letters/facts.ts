/**
 * The facts each letter needs, read from a person's fold (fold.ts), so that a letter always says
 * what the record says. Each returns null when the record does not hold what the letter is about.
 */
import type { EventOf } from "../events";
import type { PersonState } from "../fold";
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

export function breachReminderFacts(state: PersonState, breachId: string): BreachReminderFacts | null {
  const b = state.breaches.get(breachId);
  const s = b ? state.strategies.get(b.strategyId) : undefined;
  if (!b || !s) return null;
  return {
    matterRef: s.matterRef,
    reason: s.imposed.data.reason,
    restrictions: s.restrictions,
    breachDate: londonDate(b.atMs),
    detail: b.event.data.detail,
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
