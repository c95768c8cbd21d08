/**
 * Shape checks (E_SCHEMA and E_BEHAVIOUR_KIND, record-format §1–§6): is this JSON an event of the
 * record? Each message names the field path, says what is expected and where the rule comes from.
 * Unknown extra fields in `data` are ignored (forward compatibility).
 */
import {
  ADJUSTMENT_KINDS,
  BEHAVIOURS,
  CHANNELS,
  CONTACT_REVIEW_OUTCOMES,
  EVENT_TYPES,
  FURTHER_ACTION_OUTCOMES,
  INCIDENT_KINDS,
  NEEDS_SOURCES,
  NOTIFY_METHODS,
  RESTRICTION_KINDS,
  REVIEW_OUTCOMES,
  WARNING_METHODS,
} from "./catalogue";
import type { RecordError } from "./errors";
import type { Contact, EventType, RecordEvent } from "./events";
import { Checker, emailItem, phoneItem, textItem, type Obj } from "./schema-checker";
import { checkContactLimits, checkEventLimits } from "./limits";
import { checkRestrictions } from "./schema-restrictions";
import { quote } from "./text";
import { parseInstant } from "./time";

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Where each event type's fields come from (record-format §2 and the policy paragraph). */
const SOURCE: Readonly<Record<EventType, string>> = {
  PersonRegistered: "PersonRegistered, record-format §2",
  IdentifiersLinked: "IdentifiersLinked, policy 9.9",
  IdentifiersUnlinked: "IdentifiersUnlinked, record-format §2",
  AssistanceOffered: "AssistanceOffered, policy 8.1",
  NeedsRecorded: "NeedsRecorded, policy 8.2 and 8.4",
  IncidentRecorded: "IncidentRecorded, policy 4.3–4.6, 6.3, 6.4",
  CausesConsidered: "CausesConsidered, policy 7.2–7.3",
  WarningIssued: "WarningIssued, policy 9.1–9.3",
  StrategyImposed: "StrategyImposed, policy 9.4–9.9",
  StrategyVaried: "StrategyVaried, policy 9.13–9.14",
  StrategyReviewed: "StrategyReviewed, policy 9.12",
  StrategyLifted: "StrategyLifted, policy 9.12",
  ContactLogged: "ContactLogged, policy 9.10",
  BreachRecorded: "BreachRecorded, policy 9.11",
  BreachReminderSent: "BreachReminderSent, policy 9.11",
  BreachAcknowledged: "BreachAcknowledged, policy 4.5 and 9.11",
  ContactReviewed: "ContactReviewed, policy 9.10",
  SharingRecorded: "SharingRecorded, policy 9.15",
  FurtherActionConsidered: "FurtherActionConsidered, policy 10",
  EventRetracted: "EventRetracted, record-format §2",
};

function checkBehaviours(c: Checker, d: Obj, p: string, kind: string | undefined): void {
  c.array(d, "behaviours", p, { minOne: true }, (_c, v, f) => {
    if (typeof v !== "string" || !Object.hasOwn(BEHAVIOURS, v)) {
      c.fail(f, `is ${quote(v)}, which is not a behaviour code of the policy; see record-format §3`);
      return;
    }
    const actual = BEHAVIOURS[v as keyof typeof BEHAVIOURS].kind;
    if (kind !== undefined && actual !== kind) {
      c.fail(
        f,
        `"${v}" is ${actual} behaviour, not ${kind} behaviour; choose behaviours of the incident's kind`,
        "E_BEHAVIOUR_KIND",
        "record-format §3, policy 4.3, 6.3, 6.4",
      );
    }
  });
}

function checkIdentifiers(c: Checker, d: Obj, p: string, required: boolean): void {
  c.array(d, "emails", p, { optional: !required }, emailItem);
  c.array(d, "phones", p, { optional: !required }, phoneItem);
}

/** The fields of a contact (record-format §6), inside `o` at `p` (without `at`). */
function checkContactFields(c: Checker, o: Obj, p: string): void {
  c.oneOf(o, "channel", p, CHANNELS);
  c.text(o, "from", p);
  c.array(o, "to", p, {}, textItem);
  c.optText(o, "matterRef", p);
  c.bool(o, "reopenRequest", p, true);
  c.bool(o, "viaAdvocate", p, true);
  c.optText(o, "personId", p);
}

function checkData(c: Checker, type: EventType, d: Obj): void {
  const p = "data";
  switch (type) {
    case "PersonRegistered":
      c.text(d, "name", p);
      checkIdentifiers(c, d, p, true);
      c.array(d, "caseRefs", p, { optional: true }, textItem);
      break;
    case "IdentifiersLinked":
    case "IdentifiersUnlinked":
      checkIdentifiers(c, d, p, false);
      break;
    case "AssistanceOffered":
      c.bool(d, "accepted", p);
      c.optText(d, "note", p);
      break;
    case "NeedsRecorded":
      c.array(d, "adjustments", p, {}, (_c, v, f) => {
        const a = c.object(v, f, "an adjustment {kind, detail?}");
        if (!a) return;
        c.oneOf(a, "kind", f, ADJUSTMENT_KINDS);
        c.optText(a, "detail", f);
      });
      c.oneOf(d, "source", p, NEEDS_SOURCES);
      break;
    case "IncidentRecorded": {
      const kind = c.oneOf(d, "kind", p, INCIDENT_KINDS);
      checkBehaviours(c, d, p, kind);
      c.oneOf(d, "channel", p, CHANNELS);
      c.text(d, "summary", p);
      c.optText(d, "matterRef", p);
      c.bool(d, "callEnded", p, true);
      c.array(d, "staffAffected", p, { optional: true }, textItem);
      break;
    }
    case "CausesConsidered":
      for (const k of [
        "processExplained",
        "handledProportionately",
        "communicatedRegularly",
        "supportOffered",
        "rationaleGiven",
      ])
        c.bool(d, k, p);
      c.optText(d, "actions", p);
      break;
    case "WarningIssued":
      checkBehaviours(c, d, p, undefined);
      c.text(d, "expectedChange", p);
      c.text(d, "consequences", p);
      c.oneOf(d, "method", p, WARNING_METHODS);
      c.optText(d, "matterRef", p);
      break;
    case "StrategyImposed":
      c.text(d, "strategyId", p);
      c.text(d, "matterRef", p);
      c.text(d, "reason", p);
      checkRestrictions(c, d, p);
      c.text(d, "proportionality", p);
      c.text(d, "approvedBy", p);
      c.date(d, "notifiedOn", p);
      c.oneOf(d, "notifiedBy", p, NOTIFY_METHODS);
      c.date(d, "reviewDue", p);
      c.optText(d, "warningWaived", p);
      c.optText(d, "equalityAdvice", p);
      break;
    case "StrategyVaried":
      c.text(d, "strategyId", p);
      checkRestrictions(c, d, p);
      c.text(d, "reason", p);
      c.date(d, "notifiedOn", p);
      c.optText(d, "equalityAdvice", p);
      break;
    case "StrategyReviewed": {
      c.text(d, "strategyId", p);
      const outcome = c.oneOf(d, "outcome", p, REVIEW_OUTCOMES);
      c.text(d, "rationale", p);
      // nextReviewDue is required unless the strategy is lifted (when it may still be given).
      c.date(d, "nextReviewDue", p, outcome === "lift" || outcome === undefined);
      if (outcome === "vary") checkRestrictions(c, d, p);
      else if (outcome !== undefined && d["restrictions"] !== undefined) {
        c.fail(
          `${p}.restrictions`,
          `must be absent when the outcome is ${outcome}; give the full new set of restrictions only with the outcome vary`,
        );
      }
      c.optText(d, "equalityAdvice", p);
      break;
    }
    case "StrategyLifted":
      c.text(d, "strategyId", p);
      c.text(d, "reason", p);
      break;
    case "ContactLogged":
      c.text(d, "contactId", p);
      checkContactFields(c, d, p);
      break;
    case "BreachRecorded":
      c.text(d, "breachId", p);
      c.text(d, "strategyId", p);
      c.oneOf(d, "restriction", p, RESTRICTION_KINDS);
      c.optText(d, "contactId", p);
      c.text(d, "detail", p);
      break;
    case "BreachReminderSent":
      c.text(d, "breachId", p);
      c.oneOf(d, "method", p, WARNING_METHODS);
      break;
    case "BreachAcknowledged":
      c.text(d, "breachId", p);
      c.optText(d, "note", p);
      break;
    case "ContactReviewed":
      c.text(d, "contactId", p);
      c.oneOf(d, "outcome", p, CONTACT_REVIEW_OUTCOMES);
      c.optText(d, "note", p);
      break;
    case "SharingRecorded": {
      c.text(d, "partner", p);
      c.text(d, "purpose", p);
      c.text(d, "lawfulBasis", p);
      // dpoConsulted false is E_DPO_NOT_CONSULTED (a check on writing), not a shape error.
      const consulted = c.bool(d, "dpoConsulted", p);
      if (consulted === true) c.text(d, "dpoName", p);
      else c.optText(d, "dpoName", p);
      break;
    }
    case "FurtherActionConsidered":
      c.text(d, "adviceSought", p);
      c.oneOf(d, "outcome", p, FURTHER_ACTION_OUTCOMES);
      break;
    case "EventRetracted":
      c.text(d, "eventId", p);
      c.text(d, "reason", p);
      break;
  }
}

export interface ShapeResult {
  /** The event, when it is well-formed enough to be checked further (no errors, or only E_BEHAVIOUR_KIND). */
  readonly event: RecordEvent | null;
  /** The id, when it is a valid id (even if the rest is not). */
  readonly id: string | null;
  readonly atMs: number;
  readonly recordedAtMs: number;
  readonly errors: readonly RecordError[];
}

const INSTANT_EXAMPLE = "an ISO-8601 date-time with an offset, e.g. 2026-11-03T09:30:00Z";

/** Checks that `raw` has the shape of an event (E_SCHEMA), and that its behaviours fit its kind (E_BEHAVIOUR_KIND). */
export function checkShape(raw: unknown): ShapeResult {
  // Nesting first: nothing below (nor a caller copying the event) may walk a hostile value.
  const limit = checkEventLimits(raw);
  if (limit) {
    const idValue = typeof raw === "object" && raw !== null ? (raw as Obj)["id"] : undefined;
    const id = typeof idValue === "string" && ID_PATTERN.test(idValue) ? idValue : null;
    return { event: null, id, atMs: NaN, recordedAtMs: NaN, errors: [{ code: "E_SCHEMA", ...limit }] };
  }
  const c = new Checker();
  const e = c.object(raw, "event", "one JSON object per line");
  if (!e) return { event: null, id: null, atMs: NaN, recordedAtMs: NaN, errors: c.errors };
  const idValue = e["id"];
  const id = typeof idValue === "string" && ID_PATTERN.test(idValue) ? idValue : null;
  if (id === null) c.fail("id", `is ${quote(idValue)}; expected 1–64 characters of letters, digits, - and _`);
  const type = c.oneOf(e, "type", "", EVENT_TYPES);
  c.text(e, "personId", "");
  const atMs = typeof e["at"] === "string" ? parseInstant(e["at"]) : null;
  if (atMs === null) c.fail("at", `is ${quote(e["at"])}; expected ${INSTANT_EXAMPLE}`);
  let recordedAtMs: number | null = Number.NEGATIVE_INFINITY;
  if (e["recordedAt"] !== undefined) {
    recordedAtMs = typeof e["recordedAt"] === "string" ? parseInstant(e["recordedAt"]) : null;
    if (recordedAtMs === null)
      c.fail("recordedAt", `is ${quote(e["recordedAt"])}; when given it must be ${INSTANT_EXAMPLE}`);
  }
  c.text(e, "by", "");
  const data = c.object(e["data"], "data", `the ${type ?? "event"}'s fields`);
  if (data && type) {
    c.source = SOURCE[type];
    checkData(c, type, data);
  }
  const usable =
    atMs !== null &&
    recordedAtMs !== null &&
    (c.errors.length === 0 || c.errors.every((err) => err.code === "E_BEHAVIOUR_KIND"));
  return {
    event: usable ? (raw as RecordEvent) : null,
    id,
    atMs: atMs ?? NaN,
    recordedAtMs: recordedAtMs ?? NaN,
    errors: c.errors,
  };
}

export type ContactResult =
  | { readonly ok: true; readonly contact: Contact; readonly atMs: number }
  | { readonly ok: false; readonly errors: readonly RecordError[] };

/** Checks a contact (record-format §6) given to `evaluate`. */
export function checkContact(raw: unknown): ContactResult {
  const c = new Checker();
  c.source = "a contact, record-format §6";
  const limit = checkContactLimits(raw);
  if (limit) return { ok: false, errors: [{ code: "E_SCHEMA", ...limit }] };
  const o = c.object(raw, "contact", "one JSON object");
  if (!o) return { ok: false, errors: c.errors };
  checkContactFields(c, o, "contact");
  const at = typeof o["at"] === "string" ? parseInstant(o["at"]) : null;
  if (at === null) c.fail("contact.at", `is ${quote(o["at"])}; expected ${INSTANT_EXAMPLE}`);
  if (c.errors.length > 0 || at === null) return { ok: false, errors: c.errors };
  return { ok: true, contact: o as unknown as Contact, atMs: at };
}
