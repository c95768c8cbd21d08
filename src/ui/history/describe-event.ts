/**
 * One line of the history timeline per event, in plain English with the policy paragraph. Pure.
 */
import {
  ADJUSTMENT_LABELS,
  BEHAVIOURS,
  CHANNEL_LABELS,
  CONTACT_REVIEW_LABELS,
  describeRestrictions,
  INCIDENT_KIND_LABELS,
  listInWords,
  RESTRICTION_LABELS,
  type RecordEvent,
} from "../../domain";
import { formatCalendarDate, formatDate } from "../format";

export type HistoryKind =
  | "person"
  | "adjustment"
  | "incident"
  | "causes"
  | "warning"
  | "strategy"
  | "review"
  | "breach"
  | "contact"
  | "sharing"
  | "further-action"
  | "retraction";

export interface HistoryLine {
  readonly kind: HistoryKind;
  readonly title: string;
  readonly detail?: string;
  /** Policy paragraph, where the event comes from one. */
  readonly policyRef?: string;
}

/**
 * The call note kept on a ContactLogged (an extra field the record format allows; an imported record
 * may hold anything there, so only a non-blank string is shown).
 */
function callNote(note: unknown): string {
  return typeof note === "string" && note.trim() !== "" ? `. What was said: ${note.trim()}` : "";
}

const behaviourList = (codes: readonly string[]): string =>
  listInWords(codes.map((c) => (BEHAVIOURS as Record<string, { label: string }>)[c]?.label.toLowerCase() ?? c));

/** What an entry is, as a noun phrase, for the line that says it was withdrawn. */
const ENTRY_NAMES: Readonly<Record<RecordEvent["type"], string>> = {
  PersonRegistered: "the registration",
  IdentifiersLinked: "the linked addresses or numbers",
  IdentifiersUnlinked: "the unlinking of addresses or numbers",
  AssistanceOffered: "the offer of assistance",
  NeedsRecorded: "the reasonable adjustments",
  IncidentRecorded: "the incident",
  CausesConsidered: "the consideration of causes",
  WarningIssued: "the warning",
  StrategyImposed: "the contact strategy",
  StrategyVaried: "the variation of the strategy",
  StrategyReviewed: "the strategy review",
  StrategyLifted: "the lifting of the strategy",
  ContactLogged: "the contact",
  BreachRecorded: "the breach",
  BreachReminderSent: "the reminder",
  BreachAcknowledged: "the line manager's acknowledgement",
  ContactReviewed: "the contact review",
  SharingRecorded: "the record of sharing",
  FurtherActionConsidered: "the further action decision",
  EventRetracted: "the withdrawal",
};

/** "the warning of 3 March 2026": what a withdrawal withdrew, when the withdrawn entry is known. */
export function entryName(e: RecordEvent): string {
  return `${ENTRY_NAMES[e.type]} of ${formatDate(e.at)}`;
}

/**
 * `lookup` finds another event by id (a withdrawal's target, which the fold leaves out of the
 * history); without it, or when the target is not in the record, the withdrawal is worded generally.
 */
export function describeEvent(e: RecordEvent, lookup?: (eventId: string) => RecordEvent | undefined): HistoryLine {
  switch (e.type) {
    case "PersonRegistered":
      return {
        kind: "person",
        title: `Registered as ${e.data.name}`,
        detail: listInWords([...e.data.emails, ...e.data.phones]),
      };
    case "IdentifiersLinked":
      return {
        kind: "person",
        title: "Addresses or numbers linked",
        detail: listInWords([...(e.data.emails ?? []), ...(e.data.phones ?? [])]),
        policyRef: "9.9",
      };
    case "IdentifiersUnlinked":
      return {
        kind: "person",
        title: "Addresses or numbers unlinked",
        detail: listInWords([...(e.data.emails ?? []), ...(e.data.phones ?? [])]),
      };
    case "AssistanceOffered":
      return {
        kind: "adjustment",
        title: e.data.accepted ? "Assistance offered and accepted" : "Assistance offered and declined",
        ...(e.data.note ? { detail: e.data.note } : {}),
        policyRef: "8.1",
      };
    case "NeedsRecorded":
      return {
        kind: "adjustment",
        title: e.data.adjustments.length === 0 ? "Reasonable adjustments removed" : "Reasonable adjustments recorded",
        detail: listInWords(
          e.data.adjustments.map((a) =>
            a.detail ? `${ADJUSTMENT_LABELS[a.kind]} (${a.detail})` : ADJUSTMENT_LABELS[a.kind],
          ),
        ),
        policyRef: "8",
      };
    case "IncidentRecorded":
      return {
        kind: "incident",
        title: `Incident: ${INCIDENT_KIND_LABELS[e.data.kind].replace(/ \([\d.–]+\)$/, "").toLowerCase()} (${CHANNEL_LABELS[e.data.channel]})`,
        detail: `${e.data.summary} Behaviour: ${behaviourList(e.data.behaviours)}.${e.data.callEnded ? " The call was ended." : ""}`,
        policyRef: e.data.kind === "abusive" ? "4.3" : e.data.kind === "persistence" ? "6.3" : "6.4",
      };
    case "CausesConsidered": {
      const no = Object.entries(e.data).filter(([k, v]) => k !== "actions" && v === false).length;
      return {
        kind: "causes",
        title:
          no === 0
            ? "Causes considered: all five questions answered yes"
            : `Causes considered: ${no} of the five questions answered no`,
        ...(e.data.actions ? { detail: e.data.actions } : {}),
        policyRef: "7.2",
      };
    }
    case "WarningIssued":
      return {
        kind: "warning",
        title: `Warning issued (${CHANNEL_LABELS[e.data.method]})`,
        detail: `Expected: ${e.data.expectedChange}`,
        policyRef: "9.1–9.3",
      };
    case "StrategyImposed":
      return {
        kind: "strategy",
        title: `Contact strategy imposed for ${e.data.matterRef}`,
        detail: `${describeRestrictions(e.data.restrictions)}. Review by ${formatCalendarDate(e.data.reviewDue)}.`,
        policyRef: "9.4–9.9",
      };
    case "StrategyVaried":
      return {
        kind: "strategy",
        title: "Contact strategy varied",
        detail: `${describeRestrictions(e.data.restrictions)}. ${e.data.reason}`,
        policyRef: "9.13–9.14",
      };
    case "StrategyReviewed":
      return {
        kind: "review",
        title:
          e.data.outcome === "lift"
            ? "Strategy reviewed: lifted"
            : e.data.outcome === "vary"
              ? "Strategy reviewed: varied"
              : "Strategy reviewed: continues",
        detail: e.data.nextReviewDue
          ? `${e.data.rationale} Next review by ${formatCalendarDate(e.data.nextReviewDue)}.`
          : e.data.rationale,
        policyRef: "9.12",
      };
    case "StrategyLifted":
      return { kind: "strategy", title: "Contact strategy lifted", detail: e.data.reason, policyRef: "9.12" };
    case "ContactLogged":
      return {
        kind: "contact",
        title: `Contact by ${CHANNEL_LABELS[e.data.channel]}${e.data.viaAdvocate ? " through the advocate" : ""}`,
        detail: `From ${e.data.from}${e.data.to.length ? ` to ${listInWords(e.data.to)}` : ""}${e.data.matterRef ? ` about ${e.data.matterRef}` : ""}${callNote(e.data.note)}`,
        policyRef: "9.10",
      };
    case "BreachRecorded":
      return {
        kind: "breach",
        title: `Breach: ${RESTRICTION_LABELS[e.data.restriction].toLowerCase()}`,
        detail: e.data.detail,
        policyRef: "9.11",
      };
    case "BreachReminderSent":
      return {
        kind: "breach",
        title: `Reminder of the strategy sent (${CHANNEL_LABELS[e.data.method]})`,
        policyRef: "9.11",
      };
    case "BreachAcknowledged":
      return {
        kind: "breach",
        title: "Breach seen by the line manager",
        ...(e.data.note ? { detail: e.data.note } : {}),
        policyRef: "4.5",
      };
    case "ContactReviewed":
      return {
        kind: "contact",
        title: `Contact reviewed: ${CONTACT_REVIEW_LABELS[e.data.outcome].toLowerCase()}`,
        ...(e.data.note ? { detail: e.data.note } : {}),
        policyRef: "9.10",
      };
    case "SharingRecorded":
      return {
        kind: "sharing",
        title: `Strategy shared with ${e.data.partner}`,
        detail: `${e.data.purpose}. DPO consulted: ${e.data.dpoName ?? "yes"}.`,
        policyRef: "9.15",
      };
    case "FurtherActionConsidered":
      return {
        kind: "further-action",
        title:
          e.data.outcome === "proceed" ? "Further action: proceeding" : "Further action considered: not proceeding",
        detail: e.data.adviceSought,
        policyRef: "10",
      };
    case "EventRetracted": {
      // Issue 14 item 9: the timeline names what was withdrawn.
      const target = lookup?.(e.data.eventId);
      return {
        kind: "retraction",
        title: target ? `Withdrawn: ${entryName(target)}` : "An entry was withdrawn",
        detail: e.data.reason,
      };
    }
  }
}
