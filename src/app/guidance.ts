/**
 * The policy's steps in order, and what is next for a person at their stage. The order is the
 * policy's: ask about needs at the outset (8.1), record what happened (4, 6), consider causes
 * (7.2), warn before restricting (9.1–9.3), impose a strategy only if the behaviour continues
 * (9.4), then keep to it: review every contact (9.10), remind after every breach (9.11), review at
 * least every three months (9.12), vary (9.13–9.14) or lift; share only with the DPO's advice
 * (9.15); further action only when a strategy has failed (10).
 */
import {
  activeStrategies,
  isOverdue,
  londonDate,
  sameEmail,
  stageOf,
  type LoggedEvent,
  type PersonState,
  type RecordEvent,
  type RecordIndex,
} from "../domain";
import { reminderGroups } from "../domain/letters";
import { isOrganisationAddress } from "./message-contact";

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

/** Someone a person on the record has as their advocate, under a contact strategy in force (9.9). */
export interface AdvocateOf {
  readonly personId: string;
  readonly personName: string;
  readonly advocateName: string;
}

/** Who the sender of the message is, when they are not a person on the record. */
export interface SenderContext {
  /** The sender's address. */
  readonly from: string;
  /** The sender's address is on one of the organisation's own domains: a colleague, not a member of the public. */
  readonly colleague: boolean;
  /** People whose strategy in force names this address as their advocate's. */
  readonly advocateFor: readonly AdvocateOf[];
}

/** Reads who the sender is from their address, the organisation's domains and the record. */
export function senderContext(index: RecordIndex, from: string, organisationDomains: readonly string[]): SenderContext {
  const advocateFor: AdvocateOf[] = [];
  for (const personId of index.personIds()) {
    const state = index.person(personId);
    for (const s of activeStrategies(state)) {
      for (const r of s.restrictions) {
        if (r.kind !== "advocate-only" || r.advocate.email === undefined || !sameEmail(r.advocate.email, from))
          continue;
        if (!advocateFor.some((a) => a.personId === personId)) {
          advocateFor.push({ personId, personName: state.name, advocateName: r.advocate.name });
        }
      }
    }
  }
  return { from, colleague: isOrganisationAddress(from, organisationDomains), advocateFor };
}

/**
 * The steps in policy order with their status for this person. `state` null: the sender is not a
 * person on the record; `sender` then says whether they are a colleague or a known advocate, who
 * are not registered as people.
 */
export function guide(state: PersonState | null, nowMs: number, sender?: SenderContext): StepInfo[] {
  const step = (id: StepId, status: StepStatus, hint: string): StepInfo => ({ id, ...STEP_TITLES[id], status, hint });
  if (state === null || !state.registered) {
    const advocate = sender?.advocateFor[0];
    if (sender?.colleague) {
      return [
        step("register", "available", "This is a colleague (an address of the organisation): nothing to register."),
      ];
    }
    if (advocate) {
      const others = (sender?.advocateFor.length ?? 1) - 1;
      return [
        step(
          "register",
          "available",
          `This is ${advocate.advocateName}, the advocate on file for ${advocate.personName}${others > 0 ? ` and ${others} more` : ""}: ` +
            `the agreed way to contact us (9.9), so nothing to register. Handle it on ${advocate.personName}'s record.`,
        ),
      ];
    }
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
  // Staff give an incident's time to the minute, while causes and warnings are stamped when they are
  // recorded: an incident in the same minute that was recorded after one of them also came after it.
  const minute = (ms: number): number => Math.floor(ms / 60_000);
  const incidentAfter = (mark: LoggedEvent | undefined): boolean =>
    mark !== undefined &&
    state.history.some(
      (l) =>
        l.event.type === "IncidentRecorded" &&
        (l.atMs > mark.atMs || (minute(l.atMs) === minute(mark.atMs) && l.recordedAtMs > mark.recordedAtMs)),
    );
  const lastOf = (type: RecordEvent["type"]): LoggedEvent | undefined =>
    state.history.filter((l) => l.event.type === type).pop();
  const causesCurrent = state.causes.length > 0 && !incidentAfter(lastOf("CausesConsidered"));
  // 9.3–9.4: after a warning the person is given the opportunity to change; a strategy is
  // suggested only once the behaviour continues, that is, an incident recorded after the warning.
  const continuedAfterWarning = incidentAfter(lastOf("WarningIssued"));
  // One reminder per contact, however many restrictions it breached (9.11), and only while the
  // strategy breached is in force: a lifted strategy is no longer adhered to, nor reminded of.
  const unreminded = reminderGroups(state).filter(
    (g) =>
      !g.reminderSent &&
      g.breachIds.some((id) => state.strategies.get(state.breaches.get(id)?.strategyId ?? "")?.active),
  );
  // 9.10's review of every contact is the care of someone whose behaviour is of concern: a person
  // with no concerns (stage none) has nothing to review for.
  const concerns = stage !== "none";
  const awaiting = concerns ? [...state.contacts.values()].filter((c) => !c.reviewed) : [];
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
  else if (stage === "warned" && continuedAfterWarning) next = "strategy";
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
          : continuedAfterWarning
            ? "The behaviour continued after the warning: a contact strategy may now be imposed (9.4)."
            : "Give the person the chance to change after the warning (9.3); a strategy only if the behaviour continues (9.4).",
    ),
    s(
      "log-contact",
      "available",
      "Log a call or visit: it is checked against any strategy at once, and a breach is recorded on the spot.",
    ),
    s(
      "review-contact",
      awaiting.length > 0 ? "due" : concerns ? "done" : "available",
      awaiting.length > 0
        ? `${plural(awaiting.length, "contact awaits", "contacts await")} review for new issues, criminal matters or safeguarding.`
        : concerns
          ? "Every logged contact has been reviewed."
          : "No concerns about this person: review a contact only if something in it needs it.",
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
          ? reminderGroups(state).some((g) => !g.reminderSent)
            ? "No reminder is due: the strategy breached is no longer in force."
            : "Every breach has had a reminder."
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
