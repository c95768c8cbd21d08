/**
 * The policy catalogue: the record's vocabulary (record-format §2–§5) in the policy's own words,
 * with the paragraph each comes from. Every list the UI shows and every value validation accepts
 * comes from here.
 */

export const EVENT_TYPES = [
  "PersonRegistered",
  "IdentifiersLinked",
  "IdentifiersUnlinked",
  "AssistanceOffered",
  "NeedsRecorded",
  "IncidentRecorded",
  "CausesConsidered",
  "WarningIssued",
  "StrategyImposed",
  "StrategyVaried",
  "StrategyReviewed",
  "StrategyLifted",
  "ContactLogged",
  "BreachRecorded",
  "BreachReminderSent",
  "BreachAcknowledged",
  "ContactReviewed",
  "SharingRecorded",
  "FurtherActionConsidered",
  "EventRetracted",
] as const;

export const INCIDENT_KINDS = ["abusive", "persistence", "demands"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export interface BehaviourInfo {
  readonly kind: IncidentKind;
  readonly label: string;
  readonly policyRef: string;
}

/** Behaviour codes (record-format §3), each belonging to one kind: 4.3 abusive, 6.3 persistence, 6.4 demands. */
export const BEHAVIOURS = {
  "verbal-abuse": {
    kind: "abusive",
    label: "Verbal abuse, derogatory, discriminatory or defamatory remarks",
    policyRef: "4.3",
  },
  intimidation: {
    kind: "abusive",
    label: "Escalating agitation, intimidating body language or invasion of personal space",
    policyRef: "4.3",
  },
  "harassment-threats": { kind: "abusive", label: "Harassment, intimidation or threats", policyRef: "4.3" },
  harm: { kind: "abusive", label: "Threats or harm to people or property", policyRef: "4.3" },
  stalking: { kind: "abusive", label: "Stalking (in person, by telephone or online)", policyRef: "4.3" },
  manipulation: { kind: "abusive", label: "Psychological manipulation", policyRef: "4.3" },
  coercion: { kind: "abusive", label: "Oppressive or coercive behaviour", policyRef: "4.3" },
  "demanding-updates": {
    kind: "persistence",
    label: "Persistently demanding updates despite being assured matters are in hand",
    policyRef: "6.3",
  },
  "refusing-explanations": {
    kind: "persistence",
    label: "Refusing to accept reasonable explanations after a matter is concluded",
    policyRef: "6.3",
  },
  "contacting-different-staff": {
    kind: "persistence",
    label: "Contacting different people to try to secure a different outcome",
    policyRef: "6.3",
  },
  "excessive-volume": {
    kind: "persistence",
    label: "Volume or duration of contact (for example many calls in one day)",
    policyRef: "6.3",
  },
  "reframing-finalised": {
    kind: "persistence",
    label: "Reframing or re-wording a complaint that has already been finalised",
    policyRef: "6.3",
  },
  "no-evidence": {
    kind: "persistence",
    label: "Persisting without providing evidence after numerous requests",
    policyRef: "6.3",
  },
  "unreasonable-timescales": {
    kind: "demands",
    label: "Demanding responses within unreasonable timescales or a particular member of staff",
    policyRef: "6.4",
  },
  "wrong-channels": {
    kind: "demands",
    label: "Not following the appropriate channels despite being told more than once",
    policyRef: "6.4",
  },
  "dictating-handling": {
    kind: "demands",
    label: "Demanding how matters are handled despite the process being explained",
    policyRef: "6.4",
  },
  "senior-manager-demands": {
    kind: "demands",
    label: "Demanding to speak to senior managers at the outset",
    policyRef: "6.4",
  },
  "copying-staff": {
    kind: "demands",
    label: "Repeatedly copying staff into emails sent to other public bodies",
    policyRef: "6.4",
  },
  "withholding-information": {
    kind: "demands",
    label: "Refusing to provide information needed for enquiries",
    policyRef: "6.4",
  },
} as const satisfies Record<string, BehaviourInfo>;
export type BehaviourCode = keyof typeof BEHAVIOURS;
export const BEHAVIOUR_CODES = Object.keys(BEHAVIOURS) as BehaviourCode[];

export const INCIDENT_KIND_LABELS: Readonly<Record<IncidentKind, string>> = {
  abusive: "Violent, threatening or abusive behaviour (4)",
  persistence: "Unreasonable persistence (6.1–6.3)",
  demands: "Unreasonable demands or obstructive behaviour (6.4)",
};

/** Channels (record-format §4). */
export const CHANNELS = ["email", "phone", "post", "in-person", "online", "other"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  email: "email",
  phone: "phone",
  post: "post",
  "in-person": "in person",
  online: "online (web form or social media)",
  other: "other",
};

/** Restriction kinds (record-format §5, policy 9.9). */
export const RESTRICTION_KINDS = [
  "phone-window",
  "written-only",
  "call-recording",
  "dedicated-address",
  "blocked-addresses",
  "advocate-only",
  "single-point-of-contact",
  "no-reopening",
] as const;
export type RestrictionKind = (typeof RESTRICTION_KINDS)[number];
export const RESTRICTION_LABELS: Readonly<Record<RestrictionKind, string>> = {
  "phone-window": "Phone calls only at agreed times",
  "written-only": "Written contact only (email or post)",
  "call-recording": "Telephone calls recorded or monitored",
  "dedicated-address": "A dedicated email address",
  "blocked-addresses": "Email addresses blocked",
  "advocate-only": "Contact only through an advocate",
  "single-point-of-contact": "A single point of contact",
  "no-reopening": "No reopening of closed matters",
};

export const ADJUSTMENT_KINDS = [
  "phone-contact",
  "written-contact",
  "large-print",
  "easy-read",
  "interpreter",
  "advocate",
  "extra-time",
  "other",
] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
export const ADJUSTMENT_LABELS: Readonly<Record<AdjustmentKind, string>> = {
  "phone-contact": "Needs to be able to phone",
  "written-contact": "Needs contact in writing",
  "large-print": "Large print",
  "easy-read": "Easy read",
  interpreter: "Interpreter",
  advocate: "Support from an advocate",
  "extra-time": "Extra time to respond",
  other: "Other adjustment",
};

export const NEEDS_SOURCES = ["self-declared", "third-party"] as const;
export type NeedsSource = (typeof NEEDS_SOURCES)[number];

export const WARNING_METHODS = ["email", "post", "phone", "in-person"] as const;
export type WarningMethod = (typeof WARNING_METHODS)[number];

export const NOTIFY_METHODS = ["email", "post"] as const;
export type NotifyMethod = (typeof NOTIFY_METHODS)[number];

export const REVIEW_OUTCOMES = ["continue", "vary", "lift"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const CONTACT_REVIEW_OUTCOMES = ["no-new-information", "new-issue", "criminal-matter", "safeguarding"] as const;
export type ContactReviewOutcome = (typeof CONTACT_REVIEW_OUTCOMES)[number];
export const CONTACT_REVIEW_LABELS: Readonly<Record<ContactReviewOutcome, string>> = {
  "no-new-information": "No new information",
  "new-issue": "A genuine new complaint or issue",
  "criminal-matter": "A criminal matter",
  safeguarding: "A safeguarding issue",
};

export const FURTHER_ACTION_OUTCOMES = ["proceed", "not-proceeding"] as const;
export type FurtherActionOutcome = (typeof FURTHER_ACTION_OUTCOMES)[number];

export const STAGES = ["none", "concern", "warned", "restricted", "further-action"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  none: "No concerns recorded",
  concern: "Concern recorded",
  warned: "Warned",
  restricted: "Contact strategy in force",
  "further-action": "Further action being taken",
};

/** The five questions of 7.2, in the policy's order. */
export const CAUSE_QUESTIONS = [
  ["processExplained", "Has the process been explained, and have we checked they understand it?"],
  ["handledProportionately", "Has the matter been handled in a reasonable and proportionate manner?"],
  ["communicatedRegularly", "If the matter is ongoing, have we communicated regularly and effectively?"],
  ["supportOffered", "Have we asked if they would benefit from additional support, and have they received it?"],
  ["rationaleGiven", "If a decision has been made, have they been given a clear rationale they can understand?"],
] as const;
export type CauseQuestion = (typeof CAUSE_QUESTIONS)[number][0];
