/**
 * Letters the policy asks for, drafted from the record: pure functions returning
 * `{ subject, html }` for Outlook's reply or new-message form. The wording lives in templates/
 * (one file per letter; see templates/README.md).
 */
import { renderLetter } from "./render";
import { breachReminderTemplate, type BreachReminderFacts } from "./templates/breach-reminder";
import { reviewOutcomeTemplate, type ReviewOutcomeFacts } from "./templates/review-outcome";
import { strategyNoticeTemplate, type StrategyNoticeFacts } from "./templates/strategy-notice";
import { variationNoticeTemplate, type VariationFacts } from "./templates/variation-notice";
import { warningTemplate, type WarningFacts } from "./templates/warning";
import type { Letter, LetterContext } from "./types";

export * from "./facts";
export { escapeHtml, presentationFor, renderBlocks, renderLetter, type Presentation } from "./render";
export { longDate, restrictionForPerson } from "./format";
export { findingForPerson, type BreachOccasion, type Finding } from "./happened";
export type { Block, Letter, LetterContext, LetterTemplate, Wording } from "./types";
export type { BreachReminderFacts, ReviewOutcomeFacts, StrategyNoticeFacts, VariationFacts, WarningFacts };

/** 9.1–9.3 */
export const warningLetter = (facts: WarningFacts, ctx: LetterContext): Letter =>
  renderLetter(warningTemplate, facts, ctx);
/** 9.6–9.8 */
export const strategyNoticeLetter = (facts: StrategyNoticeFacts, ctx: LetterContext): Letter =>
  renderLetter(strategyNoticeTemplate, facts, ctx);
/** 9.11 */
export const breachReminderLetter = (facts: BreachReminderFacts, ctx: LetterContext): Letter =>
  renderLetter(breachReminderTemplate, facts, ctx);
/** 9.14 */
export const variationNoticeLetter = (facts: VariationFacts, ctx: LetterContext): Letter =>
  renderLetter(variationNoticeTemplate, facts, ctx);
/** 9.12: continue, vary or lift (also used for a lifting outside a review). */
export const reviewOutcomeLetter = (facts: ReviewOutcomeFacts, ctx: LetterContext): Letter =>
  renderLetter(reviewOutcomeTemplate, facts, ctx);

export const LETTER_KINDS = [
  "warning",
  "strategy-notice",
  "breach-reminder",
  "variation-notice",
  "review-outcome",
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
