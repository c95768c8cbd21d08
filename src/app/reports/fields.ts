/**
 * Every field of every event (record-format §2) as a labelled line in plain English, with the
 * fields an organisation must consider before releasing them marked for review: what the subject
 * access export and the evidence bundle print. Pure.
 *
 * What is marked, and why (UK GDPR Art. 15; Data Protection Act 2018 Sch. 2 and 3):
 *   third-party   about someone other than the person: staff affected by an incident, an advocate (9.9)
 *   staff-note    free text written by staff (file notes 4.5, call notes 9.10, review rationales 9.12):
 *                 it may hold opinions or other people's details
 *   health        reasonable adjustments and what they say about health or disability (8.2–8.4):
 *                 special category data, and possibly given by a third party
 *   legal-advice  advice sought on further action (10.2): may be legally privileged
 *   sharing       sharing with a partner such as the police (9.15): a crime-prevention exemption may apply
 *   internal      system references (mailbox item ids) and fields the product does not know
 */
import {
  ADJUSTMENT_LABELS,
  BEHAVIOURS,
  CAUSE_QUESTIONS,
  CONTACT_REVIEW_LABELS,
  INCIDENT_KIND_LABELS,
  describeRestriction,
  type EventType,
  type RecordEvent,
  type RecordIndex,
  type Restriction,
} from "../../domain";
import { channelWords, longDate, longDateTime, restrictionKindWords, strategyName } from "./document";

export type ReviewReason = "third-party" | "staff-note" | "health" | "legal-advice" | "sharing" | "internal";

export const REVIEW_REASONS: Readonly<Record<ReviewReason, string>> = {
  "third-party": "names or details of someone other than the person (a third party)",
  "staff-note": "a note written by staff, which may hold opinions or other people's details",
  health: "health or disability information (special category data)",
  "legal-advice": "advice sought on further action, which may be legally privileged",
  sharing: "sharing with a partner agency, where a crime-prevention exemption may apply",
  internal: "an internal system reference, or a field this product does not describe",
};

export const REVIEW_LABELS: Readonly<Record<ReviewReason, string>> = {
  "third-party": "Third party",
  "staff-note": "Staff note",
  health: "Health",
  "legal-advice": "Legal advice",
  sharing: "Sharing",
  internal: "Internal",
};

export interface EntryField {
  /** Where the value is in the event ("data.summary", "by"), as the JSONL names it. */
  readonly path: string;
  readonly label: string;
  /** Plain text (the document escapes it). */
  readonly text: string;
  readonly review?: ReviewReason;
}

export const ENTRY_TITLES: Readonly<Record<EventType, string>> = {
  PersonRegistered: "Registered on the record",
  IdentifiersLinked: "Addresses or numbers linked",
  IdentifiersUnlinked: "Addresses or numbers unlinked",
  AssistanceOffered: "Assistance offered (8.1)",
  NeedsRecorded: "Reasonable adjustments recorded (8)",
  IncidentRecorded: "Incident recorded",
  CausesConsidered: "Underlying causes considered (7.2)",
  WarningIssued: "Warning issued (9.1–9.3)",
  StrategyImposed: "Contact strategy imposed (9.4–9.9)",
  StrategyVaried: "Contact strategy varied (9.13–9.14)",
  StrategyReviewed: "Contact strategy reviewed (9.12)",
  StrategyLifted: "Contact strategy lifted (9.12)",
  ContactLogged: "Contact logged (9.10)",
  BreachRecorded: "Breach of the contact strategy (9.11)",
  BreachReminderSent: "Reminder of the strategy sent (9.11)",
  BreachAcknowledged: "Breach seen by the line manager (4.5)",
  ContactReviewed: "Contact reviewed (9.10)",
  SharingRecorded: "Strategy shared with a partner (9.15)",
  FurtherActionConsidered: "Further action considered (10)",
  EventRetracted: "An entry withdrawn",
};

const yesNo = (v: unknown): string => (v === true ? "yes" : v === false ? "no" : "");
const list = (v: readonly string[] | undefined): string => (v ?? []).join(", ");
const behaviours = (codes: readonly string[]): string =>
  codes.map((c) => (BEHAVIOURS as Record<string, { label: string }>)[c]?.label ?? c).join("; ");
const restrictions = (rs: readonly Restriction[]): string => rs.map((r) => `• ${describeRestriction(r)}`).join("\n");
/** An advocate's name (advocate-only) is a third party's. */
const restrictionsReview = (rs: readonly Restriction[] | undefined): ReviewReason | undefined =>
  rs?.some((r) => r.kind === "advocate-only") ? "third-party" : undefined;

function field(path: string, label: string, text: string, review?: ReviewReason): EntryField {
  return review ? { path, label, text, review } : { path, label, text };
}

/** The `data` fields each type describes; any other field is listed as found, marked internal. */
const KNOWN: Readonly<Record<EventType, readonly string[]>> = {
  PersonRegistered: ["name", "emails", "phones", "caseRefs"],
  IdentifiersLinked: ["emails", "phones"],
  IdentifiersUnlinked: ["emails", "phones"],
  AssistanceOffered: ["accepted", "note"],
  NeedsRecorded: ["adjustments", "source"],
  IncidentRecorded: ["kind", "behaviours", "channel", "summary", "matterRef", "callEnded", "staffAffected"],
  CausesConsidered: [...CAUSE_QUESTIONS.map(([k]) => k), "actions"],
  WarningIssued: ["behaviours", "expectedChange", "consequences", "method", "matterRef"],
  StrategyImposed: [
    "strategyId",
    "matterRef",
    "reason",
    "restrictions",
    "proportionality",
    "approvedBy",
    "notifiedOn",
    "notifiedBy",
    "reviewDue",
    "warningWaived",
    "equalityAdvice",
  ],
  StrategyVaried: ["strategyId", "restrictions", "reason", "notifiedOn", "equalityAdvice"],
  StrategyReviewed: ["strategyId", "outcome", "rationale", "nextReviewDue", "restrictions", "equalityAdvice"],
  StrategyLifted: ["strategyId", "reason"],
  ContactLogged: [
    "contactId",
    "channel",
    "from",
    "to",
    "matterRef",
    "reopenRequest",
    "viaAdvocate",
    "personId",
    "note",
    "message",
  ],
  BreachRecorded: ["breachId", "strategyId", "restriction", "contactId", "detail"],
  BreachReminderSent: ["breachId", "method"],
  BreachAcknowledged: ["breachId", "note"],
  ContactReviewed: ["contactId", "outcome", "note"],
  SharingRecorded: ["partner", "purpose", "lawfulBasis", "dpoConsulted", "dpoName"],
  FurtherActionConsidered: ["adviceSought", "outcome"],
  EventRetracted: ["eventId", "reason"],
};

function dataFields(e: RecordEvent, index: RecordIndex): EntryField[] {
  const strategy = (id: string) => field("data.strategyId", "Strategy", strategyName(index, e.personId, id));
  switch (e.type) {
    case "PersonRegistered":
      return [
        field("data.name", "Name", e.data.name),
        field("data.emails", "Email addresses", list(e.data.emails)),
        field("data.phones", "Phone numbers", list(e.data.phones)),
        field("data.caseRefs", "Case references", list(e.data.caseRefs)),
      ];
    case "IdentifiersLinked":
    case "IdentifiersUnlinked":
      return [
        field("data.emails", "Email addresses", list(e.data.emails)),
        field("data.phones", "Phone numbers", list(e.data.phones)),
      ];
    case "AssistanceOffered":
      return [
        field("data.accepted", "Accepted", yesNo(e.data.accepted)),
        field("data.note", "Note", e.data.note ?? "", "staff-note"),
      ];
    case "NeedsRecorded":
      return [
        field(
          "data.adjustments",
          "Reasonable adjustments",
          e.data.adjustments.length === 0
            ? "none (earlier adjustments removed)"
            : e.data.adjustments
                .map((a) => `• ${ADJUSTMENT_LABELS[a.kind] ?? a.kind}${a.detail ? `: ${a.detail}` : ""}`)
                .join("\n"),
          "health",
        ),
        field(
          "data.source",
          "Told to us by",
          e.data.source === "third-party" ? "someone else (a third party)" : "the person",
          e.data.source === "third-party" ? "third-party" : undefined,
        ),
      ];
    case "IncidentRecorded":
      return [
        field("data.kind", "Kind", INCIDENT_KIND_LABELS[e.data.kind] ?? e.data.kind),
        field("data.behaviours", "Behaviour", behaviours(e.data.behaviours)),
        field("data.channel", "How", channelWords(e.data.channel)),
        field("data.matterRef", "Matter", e.data.matterRef ?? ""),
        field("data.summary", "File note", e.data.summary, "staff-note"),
        field("data.callEnded", "Call ended", yesNo(e.data.callEnded)),
        field("data.staffAffected", "Staff affected", list(e.data.staffAffected), "third-party"),
      ];
    case "CausesConsidered":
      return [
        ...CAUSE_QUESTIONS.map(([k, q]) => field(`data.${k}`, q, yesNo(e.data[k]))),
        field("data.actions", "What was done", e.data.actions ?? "", "staff-note"),
      ];
    case "WarningIssued":
      return [
        field("data.behaviours", "Behaviour", behaviours(e.data.behaviours)),
        field("data.expectedChange", "Change expected", e.data.expectedChange),
        field("data.consequences", "Consequences", e.data.consequences),
        field("data.method", "Given by", channelWords(e.data.method)),
        field("data.matterRef", "Matter", e.data.matterRef ?? ""),
      ];
    case "StrategyImposed":
      return [
        field("data.matterRef", "Matter", e.data.matterRef),
        field("data.reason", "Reason", e.data.reason),
        field(
          "data.restrictions",
          "Restrictions",
          restrictions(e.data.restrictions),
          restrictionsReview(e.data.restrictions),
        ),
        field("data.proportionality", "Why fair, reasonable and proportionate (9.5)", e.data.proportionality),
        field("data.approvedBy", "Approved by", e.data.approvedBy),
        field("data.notifiedOn", "Told on", longDate(e.data.notifiedOn)),
        field("data.notifiedBy", "Told by", channelWords(e.data.notifiedBy)),
        field("data.reviewDue", "Review due", longDate(e.data.reviewDue)),
        field("data.warningWaived", "Why no warning was given first", e.data.warningWaived ?? ""),
        field("data.equalityAdvice", "Equality advice", e.data.equalityAdvice ?? "", "staff-note"),
      ];
    case "StrategyVaried":
      return [
        strategy(e.data.strategyId),
        field(
          "data.restrictions",
          "Restrictions from now on",
          restrictions(e.data.restrictions),
          restrictionsReview(e.data.restrictions),
        ),
        field("data.reason", "Reason", e.data.reason),
        field("data.notifiedOn", "Told on", longDate(e.data.notifiedOn)),
        field("data.equalityAdvice", "Equality advice", e.data.equalityAdvice ?? "", "staff-note"),
      ];
    case "StrategyReviewed":
      return [
        strategy(e.data.strategyId),
        field(
          "data.outcome",
          "Outcome",
          e.data.outcome === "lift" ? "lifted" : e.data.outcome === "vary" ? "varied" : "continues",
        ),
        field("data.rationale", "Why", e.data.rationale, "staff-note"),
        field("data.nextReviewDue", "Next review due", e.data.nextReviewDue ? longDate(e.data.nextReviewDue) : ""),
        field(
          "data.restrictions",
          "Restrictions from now on",
          e.data.restrictions ? restrictions(e.data.restrictions) : "",
          restrictionsReview(e.data.restrictions),
        ),
        field("data.equalityAdvice", "Equality advice", e.data.equalityAdvice ?? "", "staff-note"),
      ];
    case "StrategyLifted":
      return [strategy(e.data.strategyId), field("data.reason", "Reason", e.data.reason)];
    case "ContactLogged":
      return [
        field("data.channel", "How", channelWords(e.data.channel)),
        field("data.from", "From", e.data.from),
        field("data.to", "To (staff)", list(e.data.to)),
        field("data.matterRef", "Matter", e.data.matterRef ?? ""),
        field("data.reopenRequest", "Asks to reopen a closed matter", yesNo(e.data.reopenRequest)),
        field("data.viaAdvocate", "Through the advocate", yesNo(e.data.viaAdvocate)),
        field(
          "data.note",
          "What was said",
          typeof e.data.note === "string" ? e.data.note : e.data.note === undefined ? "" : JSON.stringify(e.data.note),
          "staff-note",
        ),
        field(
          "data.message",
          "Mailbox reference",
          e.data.message === undefined ? "" : JSON.stringify(e.data.message),
          "internal",
        ),
      ];
    case "BreachRecorded":
      return [
        strategy(e.data.strategyId),
        field("data.restriction", "Restriction", restrictionKindWords(e.data.restriction)),
        field("data.detail", "What happened", e.data.detail, "staff-note"),
      ];
    case "BreachReminderSent":
      return [field("data.method", "Sent by", channelWords(e.data.method))];
    case "BreachAcknowledged":
      return [field("data.note", "Note", e.data.note ?? "", "staff-note")];
    case "ContactReviewed":
      return [
        field("data.outcome", "Outcome", CONTACT_REVIEW_LABELS[e.data.outcome] ?? e.data.outcome),
        field("data.note", "Note", e.data.note ?? "", "staff-note"),
      ];
    case "SharingRecorded":
      return [
        field("data.partner", "Shared with", e.data.partner, "sharing"),
        field("data.purpose", "Purpose", e.data.purpose, "sharing"),
        field("data.lawfulBasis", "Lawful basis", e.data.lawfulBasis),
        field("data.dpoConsulted", "Data Protection Officer consulted", yesNo(e.data.dpoConsulted)),
        field("data.dpoName", "Data Protection Officer", e.data.dpoName ?? ""),
      ];
    case "FurtherActionConsidered":
      return [
        field("data.adviceSought", "Advice sought", e.data.adviceSought, "legal-advice"),
        field("data.outcome", "Outcome", e.data.outcome === "proceed" ? "proceeding" : "not proceeding"),
      ];
    case "EventRetracted": {
      const target = index.eventsOf(e.personId).find((l) => l.event.id === e.data.eventId);
      return [
        field(
          "data.eventId",
          "Withdraws",
          target ? `${ENTRY_TITLES[target.event.type]} of ${longDateTime(target.atMs)}` : "an earlier entry",
        ),
        field("data.reason", "Why", e.data.reason, "staff-note"),
      ];
    }
  }
}

/**
 * The event's fields as lines: when it happened, who recorded it, each data field, and any field
 * the product does not describe (a record may hold more: record-format §1), marked internal.
 */
export function entryFields(e: RecordEvent, atMs: number, index: RecordIndex): EntryField[] {
  const known = new Set(KNOWN[e.type]);
  const extra = Object.entries(e.data as Record<string, unknown>)
    .filter(([k, v]) => !known.has(k) && v !== undefined)
    .map(([k, v]) =>
      field(`data.${k}`, `Other field "${k}"`, typeof v === "string" ? v : JSON.stringify(v), "internal"),
    );
  return [
    field("at", "When", longDateTime(atMs)),
    field("by", "Recorded by", e.by),
    ...dataFields(e, index),
    ...extra,
  ].filter((f) => f.text !== "");
}
