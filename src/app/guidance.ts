/**
 * The policy's steps in order, and what is next for a person at their stage. The order is the
 * policy's: ask about needs at the outset (8.1), record what happened (4, 6), consider causes
 * (7.2), warn before restricting (9.1–9.3), impose a strategy only if the behaviour continues
 * (9.4), then keep to it: review every contact (9.10), remind after every breach (9.11), review at
 * least every three months (9.12), vary (9.13–9.14) or lift; share only with the DPO's advice
 * (9.15); further action only when a strategy has failed (10).
 */
import { activeStrategies, isOverdue, londonDate, stageOf, type PersonState } from "../domain";
import { reminderGroups } from "../domain/letters";

export const STEP_IDS = [
  "register",
  "assistance",
  "needs",
  "incident",
  "causes",
  "warning",
  "strategy",
  "log-contact",
  "review-contact",
  "breach",
  "reminder",
  "review",
  "vary",
  "lift",
  "sharing",
  "further-action",
  "history",
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepStatus = "next" | "due" | "done" | "available" | "unavailable";

export interface StepInfo {
  readonly id: StepId;
  readonly title: string;
  readonly policyRef: string;
  readonly status: StepStatus;
  /** One plain sentence: why it is next, what has been done, or why it is not available yet. */
  readonly hint: string;
}

export const STEP_TITLES: Readonly<Record<StepId, { title: string; policyRef: string }>> = {
  register: { title: "Register the person", policyRef: "" },
  assistance: { title: "Ask about additional assistance", policyRef: "8.1" },
  needs: { title: "Needs and reasonable adjustments", policyRef: "8.2–8.6" },
  incident: { title: "Record an incident", policyRef: "4.3–4.6, 6.3–6.4" },
  causes: { title: "Consider underlying causes", policyRef: "7.2–7.3" },
  warning: { title: "Issue a warning", policyRef: "9.1–9.3" },
  strategy: { title: "Impose a contact strategy", policyRef: "9.4–9.9" },
  "log-contact": { title: "Log a phone call or visit", policyRef: "9.10" },
  "review-contact": { title: "Review a contact", policyRef: "9.10" },
  breach: { title: "Record a breach by hand", policyRef: "9.11" },
  reminder: { title: "Send a breach reminder", policyRef: "9.11" },
  review: { title: "Review the strategy", policyRef: "9.12" },
  vary: { title: "Vary the strategy", policyRef: "9.13–9.14" },
  lift: { title: "Lift the strategy", policyRef: "9.12" },
  sharing: { title: "Record sharing with a partner", policyRef: "9.15" },
  "further-action": { title: "Consider further action", policyRef: "10" },
  history: { title: "History and corrections", policyRef: "" },
};

/** How soon before the review date the review shows as due. */
const REVIEW_SOON_DAYS = 14;

/** The steps in policy order with their status for this person (null: the sender is not registered). */
export function guide(state: PersonState | null, nowMs: number): StepInfo[] {
  const step = (id: StepId, status: StepStatus, hint: string): StepInfo => ({ id, ...STEP_TITLES[id], status, hint });
  if (state === null || !state.registered) {
    return [
      step(
        "register",
        "next",
        "This sender is not on the record: register them, or link the address to someone who is.",
      ),
    ];
  }
  const stage = stageOf(state);
  const active = activeStrategies(state);
  const today = londonDate(nowMs);
  const everStrategy = state.strategies.size > 0;
  const lastIncidentMs = Math.max(
    -Infinity,
    ...state.history.filter((l) => l.event.type === "IncidentRecorded").map((l) => l.atMs),
  );
  const lastCausesMs = Math.max(
    -Infinity,
    ...state.history.filter((l) => l.event.type === "CausesConsidered").map((l) => l.atMs),
  );
  const causesCurrent = state.causes.length > 0 && lastCausesMs >= lastIncidentMs;
  // One reminder per contact, however many restrictions it breached (9.11).
  const unreminded = reminderGroups(state).filter((g) => !g.reminderSent);
  const awaiting = [...state.contacts.values()].filter((c) => !c.reviewed);
  const overdue = active.filter((s) => isOverdue(s, nowMs));
  const soon = shiftDays(today, REVIEW_SOON_DAYS);
  const dueSoon = active.filter((x) => !isOverdue(x, nowMs) && x.reviewDue <= soon);
  const needsRecorded = state.history.some((l) => l.event.type === "NeedsRecorded");

  // The single most pressing step.
  // Breaches and overdue reviews first (9.11 "swiftly", 9.12), then the ladder in the policy's order.
  let next: StepId | null = null;
  if (unreminded.length > 0) next = "reminder";
  else if (overdue.length > 0) next = "review";
  else if (awaiting.length > 0) next = "review-contact";
  else if (state.assistanceOffered === null) next = "assistance";
  else if ((stage === "concern" || stage === "warned") && !causesCurrent) next = "causes";
  else if (stage === "concern") next = "warning";
  else if (stage === "warned") next = "strategy";
  else if (dueSoon.length > 0) next = "review";

  const s = (id: StepId, fallback: StepStatus, hint: string): StepInfo =>
    step(id, next === id ? "next" : fallback, hint);
  const noStrategy = "Only when a contact strategy is in force.";
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

  return [
    s(
      "assistance",
      state.assistanceOffered === null ? "available" : "done",
      state.assistanceOffered === null
        ? "Everyone should be asked at the outset whether they need additional assistance."
        : state.assistanceOffered
          ? "Assistance was offered and accepted."
          : "Assistance was offered and declined.",
    ),
    s(
      "needs",
      needsRecorded ? "done" : "available",
      state.adjustments.length > 0
        ? `Recorded: ${plural(state.adjustments.length, "adjustment", "adjustments")}. Update them whenever they change.`
        : "Record any needs or reasonable adjustments the person tells you about, at face value (8.2).",
    ),
    s(
      "incident",
      "available",
      state.incidents.length > 0
        ? `${plural(state.incidents.length, "incident", "incidents")} on record.`
        : "Record what happened, in a file note.",
    ),
    s(
      "causes",
      state.incidents.length === 0 ? "available" : causesCurrent ? "done" : "due",
      causesCurrent
        ? "Causes considered since the last incident."
        : "Before deciding how to manage the behaviour, ask the five questions of 7.2.",
    ),
    s(
      "warning",
      state.sinceLift.warned ? "done" : stage === "none" ? "available" : "due",
      state.sinceLift.warned
        ? "A warning has been issued."
        : "Tell the person what must change and what will happen if it continues, before restricting contact (9.3).",
    ),
    s(
      "strategy",
      stage === "restricted" || stage === "further-action" ? "done" : "available",
      active.length > 0
        ? `${plural(active.length, "contact strategy", "contact strategies")} in force.`
        : !state.sinceLift.warned
          ? "No warning yet: warn first, or record why a warning was not possible (9.3)."
          : "If the behaviour continues after the warning, a contact strategy may be imposed (9.4).",
    ),
    s(
      "log-contact",
      "available",
      "Log a call or visit: it is checked against any strategy at once, and a breach is recorded on the spot.",
    ),
    s(
      "review-contact",
      awaiting.length > 0 ? "due" : "done",
      awaiting.length > 0
        ? `${plural(awaiting.length, "contact awaits", "contacts await")} review for new issues, criminal matters or safeguarding.`
        : "Every logged contact has been reviewed.",
    ),
    s(
      "breach",
      active.length > 0 ? "available" : "unavailable",
      active.length > 0 ? "For a breach the app did not detect." : noStrategy,
    ),
    s(
      "reminder",
      unreminded.length > 0 ? "due" : state.breaches.size > 0 ? "done" : "unavailable",
      unreminded.length > 0
        ? `${plural(unreminded.length, "breach needs", "breaches need")} a reminder (one letter for each contact): deal with breaches swiftly.`
        : state.breaches.size > 0
          ? "Every breach has had a reminder."
          : "Only after a breach.",
    ),
    s(
      "review",
      active.length === 0 ? "unavailable" : overdue.length > 0 || dueSoon.length > 0 ? "due" : "available",
      active.length === 0
        ? noStrategy
        : overdue.length > 0
          ? `Review overdue since ${overdue[0]?.reviewDue ?? ""}.`
          : `Next review by ${active.map((x) => x.reviewDue).sort()[0] ?? ""}.`,
    ),
    s(
      "vary",
      active.length > 0 ? "available" : "unavailable",
      active.length > 0 ? "Change the restrictions and tell the person (9.14)." : noStrategy,
    ),
    s(
      "lift",
      active.length > 0 ? "available" : "unavailable",
      active.length > 0 ? "End a strategy that is no longer needed." : noStrategy,
    ),
    s(
      "sharing",
      everStrategy ? "available" : "unavailable",
      everStrategy
        ? "Only for legitimate reasons, and only after consulting the Data Protection Officer."
        : "Only once there is a contact strategy to share.",
    ),
    s(
      "further-action",
      state.everBreached ? "available" : "unavailable",
      state.everBreached
        ? "Only for the most severe cases, where a strategy has failed; seek professional or legal advice (10.2)."
        : "Only where a contact strategy has been breached (10.1).",
    ),
    s("history", "available", "Everything on the record for this person; withdraw a mistake with a reason."),
  ];
}

/** A London calendar date plus days. */
function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
