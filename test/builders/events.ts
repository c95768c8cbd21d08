/**
 * Fixture builders for the record's events (record-format §2): each returns a valid event with
 * sensible defaults; a test overrides only what it is about. `data` overrides merge into the
 * defaults; envelope overrides (`id`, `personId`, `at`, `recordedAt`, `by`) go in the second
 * argument. Ids are counted, so a file of builders is deterministic.
 */
import type { Contact, EventDataMap, EventOf, EventType, Restriction } from "../../src/domain";

export interface Envelope {
  id?: string;
  personId?: string;
  at?: string;
  recordedAt?: string;
  by?: string;
}

export const PERSON = "P-1";
export const OTHER_PERSON = "P-2";
export const PERSON_EMAIL = "a.person@example.org";
export const PERSON_PHONE = "07700 900123";
export const MATTER = "CPL-2026-0042";
export const OFFICER = "officer.one@opcc.example";
export const OTHER_OFFICER = "officer.two@opcc.example";
export const STRATEGY = "S-1";
/** Default instant of every event: a Thursday, 09:00 UK time (GMT). */
export const DEFAULT_AT = "2026-10-29T09:00:00Z";

let counter = 0;
/** A fresh id with a readable prefix (`inc-7`). */
export function nextId(prefix = "ev"): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

type Data<T extends EventType> = EventDataMap[T];
type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function anEvent<T extends EventType>(type: T, data: Data<T>, env: Envelope = {}): Writable<EventOf<T>> {
  const event = {
    id: env.id ?? nextId(type.replace(/[a-z]/g, "").toLowerCase() || "ev"),
    type,
    personId: env.personId ?? PERSON,
    at: env.at ?? DEFAULT_AT,
    ...(env.recordedAt !== undefined ? { recordedAt: env.recordedAt } : {}),
    by: env.by ?? OFFICER,
    data,
  };
  return event as Writable<EventOf<T>>;
}

export const aPerson = (data: Partial<Data<"PersonRegistered">> = {}, env: Envelope = {}) =>
  anEvent("PersonRegistered", { name: "Alex Person", emails: [PERSON_EMAIL], phones: [PERSON_PHONE], ...data }, env);

export const linked = (data: Data<"IdentifiersLinked">, env: Envelope = {}) => anEvent("IdentifiersLinked", data, env);
export const unlinked = (data: Data<"IdentifiersUnlinked">, env: Envelope = {}) =>
  anEvent("IdentifiersUnlinked", data, env);

export const assistanceOffered = (data: Partial<Data<"AssistanceOffered">> = {}, env: Envelope = {}) =>
  anEvent("AssistanceOffered", { accepted: true, ...data }, env);

export const needs = (data: Partial<Data<"NeedsRecorded">> = {}, env: Envelope = {}) =>
  anEvent("NeedsRecorded", { adjustments: [{ kind: "phone-contact" }], source: "self-declared", ...data }, env);

export const anIncident = (data: Partial<Data<"IncidentRecorded">> = {}, env: Envelope = {}) =>
  anEvent(
    "IncidentRecorded",
    {
      kind: "persistence",
      behaviours: ["demanding-updates"],
      channel: "email",
      summary: "Twelve emails in a day demanding an update.",
      ...data,
    },
    env,
  );

export const causesConsidered = (data: Partial<Data<"CausesConsidered">> = {}, env: Envelope = {}) =>
  anEvent(
    "CausesConsidered",
    {
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: true,
      supportOffered: true,
      rationaleGiven: true,
      ...data,
    },
    env,
  );

export const aWarning = (data: Partial<Data<"WarningIssued">> = {}, env: Envelope = {}) =>
  anEvent(
    "WarningIssued",
    {
      behaviours: ["demanding-updates"],
      expectedChange: "Write once a week.",
      consequences: "We may limit your contact.",
      method: "email",
      ...data,
    },
    env,
  );

export const aStrategy = (data: Partial<Data<"StrategyImposed">> = {}, env: Envelope = {}) =>
  anEvent(
    "StrategyImposed",
    {
      strategyId: STRATEGY,
      matterRef: MATTER,
      reason: "Persistent demands for updates.",
      restrictions: [spoc()],
      proportionality: "The least restrictive option that protects staff time.",
      approvedBy: "manager@opcc.example",
      notifiedOn: "2026-10-29",
      notifiedBy: "email",
      reviewDue: "2027-01-29",
      ...data,
    },
    env,
  );

export const aVariation = (data: Partial<Data<"StrategyVaried">> = {}, env: Envelope = {}) =>
  anEvent(
    "StrategyVaried",
    {
      strategyId: STRATEGY,
      restrictions: [spoc()],
      reason: "Calls moved to Tuesdays.",
      notifiedOn: "2026-11-01",
      ...data,
    },
    env,
  );

export const aReview = (data: Partial<Data<"StrategyReviewed">> = {}, env: Envelope = {}) =>
  anEvent(
    "StrategyReviewed",
    { strategyId: STRATEGY, outcome: "continue", rationale: "Still needed.", nextReviewDue: "2027-01-15", ...data },
    env,
  );

export const aLift = (data: Partial<Data<"StrategyLifted">> = {}, env: Envelope = {}) =>
  anEvent("StrategyLifted", { strategyId: STRATEGY, reason: "Behaviour has improved.", ...data }, env);

export const aLoggedContact = (data: Partial<Data<"ContactLogged">> = {}, env: Envelope = {}) =>
  anEvent(
    "ContactLogged",
    { contactId: nextId("c"), channel: "phone", from: PERSON_PHONE, to: [OFFICER], ...data },
    env,
  );

export const aBreach = (data: Partial<Data<"BreachRecorded">> = {}, env: Envelope = {}) =>
  anEvent(
    "BreachRecorded",
    {
      breachId: "B-1",
      strategyId: STRATEGY,
      restriction: "single-point-of-contact",
      detail: "Emailed another officer.",
      ...data,
    },
    env,
  );

export const aReminder = (data: Partial<Data<"BreachReminderSent">> = {}, env: Envelope = {}) =>
  anEvent("BreachReminderSent", { breachId: "B-1", method: "email", ...data }, env);

export const anAcknowledgement = (data: Partial<Data<"BreachAcknowledged">> = {}, env: Envelope = {}) =>
  anEvent("BreachAcknowledged", { breachId: "B-1", ...data }, env);

export const aContactReview = (data: Partial<Data<"ContactReviewed">> = {}, env: Envelope = {}) =>
  anEvent("ContactReviewed", { contactId: "C-1", outcome: "no-new-information", ...data }, env);

export const aSharing = (data: Partial<Data<"SharingRecorded">> = {}, env: Envelope = {}) =>
  anEvent(
    "SharingRecorded",
    {
      partner: "Cleveland Police",
      purpose: "Officer safety.",
      lawfulBasis: "Public task.",
      dpoConsulted: true,
      dpoName: "Dana Officer",
      ...data,
    },
    env,
  );

export const furtherAction = (data: Partial<Data<"FurtherActionConsidered">> = {}, env: Envelope = {}) =>
  anEvent(
    "FurtherActionConsidered",
    { adviceSought: "Legal advice from the force solicitor.", outcome: "proceed", ...data },
    env,
  );

export const aRetraction = (eventId: string, env: Envelope = {}, reason = "Recorded against the wrong person.") =>
  anEvent("EventRetracted", { eventId, reason }, env);

/* Restrictions (record-format §5) */

export const phoneWindow = (r: Partial<Extract<Restriction, { kind: "phone-window" }>> = {}): Restriction => ({
  kind: "phone-window",
  windows: [{ day: "tue", from: "10:00", to: "12:00" }],
  ...r,
});
export const writtenOnly = (allowed: ("email" | "post")[] = ["email", "post"]): Restriction => ({
  kind: "written-only",
  allowed,
});
export const callRecording = (): Restriction => ({ kind: "call-recording" });
export const dedicatedAddress = (address = "contact.strategy@opcc.example"): Restriction => ({
  kind: "dedicated-address",
  address,
});
export const blockedAddresses = (addresses: string[] = ["old.address@example.org"]): Restriction => ({
  kind: "blocked-addresses",
  addresses,
});
export const advocateOnly = (
  advocate: { name: string; email?: string; phone?: string } = {
    name: "Sam Advocate",
    email: "sam@advocacy.example",
    phone: "01642 000111",
  },
): Restriction => ({
  kind: "advocate-only",
  advocate,
});
export function spoc(staff = OFFICER): Restriction {
  return { kind: "single-point-of-contact", staff };
}
export const noReopening = (matterRefs: string[] = ["CPL-2025-0007"]): Restriction => ({
  kind: "no-reopening",
  matterRefs,
});

/* Contacts (record-format §6) */

export const aContact = (c: Partial<Contact> = {}): Contact => ({
  channel: "email",
  at: "2026-11-03T09:30:00Z",
  from: PERSON_EMAIL,
  to: [OFFICER],
  ...c,
});
