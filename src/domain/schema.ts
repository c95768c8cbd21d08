/**
 * Shape checks (E_SCHEMA and E_BEHAVIOUR_KIND, record-format §2–§6): is this JSON an event of the
 * record? Each message names the field path and says what is expected. Unknown extra fields in
 * `data` are ignored (forward compatibility).
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
import type { Contact, RecordEvent } from "./events";
import { DAY_CODES, isCalendarDate, parseInstant, parseTimeOfDay } from "./time";

type Obj = Record<string, unknown>;

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

class Checker {
  readonly errors: RecordError[] = [];

  fail(field: string, message: string, code: RecordError["code"] = "E_SCHEMA"): void {
    this.errors.push({ code, field, message: `${field}: ${message}` });
  }

  object(value: unknown, field: string): Obj | null {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(field, value === undefined ? "is missing; expected an object" : "must be an object");
      return null;
    }
    return value as Obj;
  }

  /** A required text field: a string that is not blank. */
  text(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    const field = `${path}.${key}`;
    if (v === undefined || v === null) this.fail(field, "is missing; it must be filled in");
    else if (typeof v !== "string") this.fail(field, "must be text");
    else if (v.trim() === "") this.fail(field, "must not be blank");
    else return v;
    return undefined;
  }

  /** An optional (`?`) text field: may be absent or empty, but must be text if present. */
  optText(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (v !== undefined && typeof v !== "string") this.fail(`${path}.${key}`, "must be text when given");
  }

  bool(o: Obj, key: string, path: string, optional = false): boolean | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "boolean") {
      this.fail(`${path}.${key}`, v === undefined ? "is missing; expected true or false" : "must be true or false");
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[], optional = false): T | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
      this.fail(
        `${path}.${key}`,
        v === undefined ? `is missing; expected one of ${allowed.join(", ")}` : `must be one of ${allowed.join(", ")}`,
      );
      return undefined;
    }
    return v as T;
  }

  date(o: Obj, key: string, path: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "string" || !isCalendarDate(v)) {
      this.fail(`${path}.${key}`, v === undefined ? "is missing; expected a date YYYY-MM-DD" : "must be a real date written YYYY-MM-DD");
      return undefined;
    }
    return v;
  }

  /** An array; `minOne` for "at least one"; `item` checks each element. */
  array(o: Obj, key: string, path: string, opts: { optional?: boolean; minOne?: boolean }, item: (v: unknown, field: string) => void): unknown[] | undefined {
    const v = o[key];
    const field = `${path}.${key}`;
    if (v === undefined && opts.optional) return undefined;
    if (!Array.isArray(v)) {
      this.fail(field, v === undefined ? "is missing; expected a list" : "must be a list");
      return undefined;
    }
    if (opts.minOne && v.length === 0) this.fail(field, "must have at least one entry");
    v.forEach((x, i) => item(x, `${field}[${i}]`));
    return v;
  }

  textItem = (v: unknown, field: string): void => {
    if (typeof v !== "string" || v.trim() === "") this.fail(field, "must be non-blank text");
  };

  emailItem = (v: unknown, field: string): void => {
    if (typeof v !== "string" || !v.includes("@") || v.trim().length < 3) this.fail(field, "must be an email address");
  };

  phoneItem = (v: unknown, field: string): void => {
    if (typeof v !== "string" || !/\d/.test(v)) this.fail(field, "must be a phone number");
  };

  enumItem =
    (allowed: readonly string[]) =>
    (v: unknown, field: string): void => {
      if (typeof v !== "string" || !allowed.includes(v)) this.fail(field, `must be one of ${allowed.join(", ")}`);
    };
}

function checkRestriction(c: Checker, value: unknown, field: string): void {
  const r = c.object(value, field);
  if (!r) return;
  const kind = c.oneOf(r, "kind", field, RESTRICTION_KINDS);
  switch (kind) {
    case "phone-window": {
      c.array(r, "windows", field, { minOne: true }, (w, wf) => {
        const win = c.object(w, wf);
        if (!win) return;
        c.oneOf(win, "day", wf, DAY_CODES);
        const from = typeof win["from"] === "string" ? parseTimeOfDay(win["from"]) : null;
        const to = typeof win["to"] === "string" ? parseTimeOfDay(win["to"], true) : null;
        if (from === null) c.fail(`${wf}.from`, "must be a time HH:MM between 00:00 and 23:59");
        if (to === null) c.fail(`${wf}.to`, "must be a time HH:MM between 00:01 and 24:00");
        if (from !== null && to !== null && to <= from) c.fail(`${wf}.to`, "must be later than from, within the same day");
      });
      const max = r["maxCalls"];
      if (max !== undefined && (typeof max !== "number" || !Number.isInteger(max) || max < 1)) {
        c.fail(`${field}.maxCalls`, "must be a whole number of at least 1");
      }
      c.oneOf(r, "per", field, ["week", "month"], true);
      break;
    }
    case "written-only":
      c.array(r, "allowed", field, { minOne: true }, c.enumItem(["email", "post"]));
      break;
    case "dedicated-address": {
      const a = r["address"];
      if (typeof a !== "string" || !a.includes("@")) c.fail(`${field}.address`, a === undefined ? "is missing; expected an email address" : "must be an email address");
      break;
    }
    case "blocked-addresses":
      c.array(r, "addresses", field, { minOne: true }, c.emailItem);
      break;
    case "advocate-only": {
      const adv = c.object(r["advocate"], `${field}.advocate`);
      if (adv) {
        c.text(adv, "name", `${field}.advocate`);
        c.optText(adv, "email", `${field}.advocate`);
        c.optText(adv, "phone", `${field}.advocate`);
      }
      break;
    }
    case "single-point-of-contact":
      c.text(r, "staff", field);
      break;
    case "no-reopening":
      c.array(r, "matterRefs", field, { minOne: true }, c.textItem);
      break;
    case "call-recording":
    case undefined:
      break;
  }
}

function checkRestrictions(c: Checker, d: Obj, p: string): void {
  c.array(d, "restrictions", p, { minOne: true }, (v, f) => checkRestriction(c, v, f));
}

function checkBehaviours(c: Checker, d: Obj, p: string, kind: string | undefined): void {
  c.array(d, "behaviours", p, { minOne: true }, (v, f) => {
    if (typeof v !== "string" || !Object.hasOwn(BEHAVIOURS, v)) {
      c.fail(f, "is not a behaviour code of the policy (record-format §3)");
      return;
    }
    const actual = BEHAVIOURS[v as keyof typeof BEHAVIOURS].kind;
    if (kind !== undefined && actual !== kind) {
      c.fail(f, `"${v}" is ${actual} behaviour, not ${kind} behaviour; choose behaviours of the incident's kind (4.3, 6.3, 6.4)`, "E_BEHAVIOUR_KIND");
    }
  });
}

function checkIdentifiers(c: Checker, d: Obj, p: string, required: boolean): void {
  c.array(d, "emails", p, { optional: !required }, c.emailItem);
  c.array(d, "phones", p, { optional: !required }, c.phoneItem);
}

/** The fields of a contact (record-format §6), inside `o` at `p` (without `at`). */
function checkContactFields(c: Checker, o: Obj, p: string): void {
  c.oneOf(o, "channel", p, CHANNELS);
  c.text(o, "from", p);
  c.array(o, "to", p, {}, c.textItem);
  c.optText(o, "matterRef", p);
  c.bool(o, "reopenRequest", p, true);
  c.bool(o, "viaAdvocate", p, true);
  c.optText(o, "personId", p);
}

function checkData(c: Checker, type: string, d: Obj): void {
  const p = "data";
  switch (type) {
    case "PersonRegistered":
      c.text(d, "name", p);
      checkIdentifiers(c, d, p, true);
      c.array(d, "caseRefs", p, { optional: true }, c.textItem);
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
      c.array(d, "adjustments", p, {}, (v, f) => {
        const a = c.object(v, f);
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
      c.array(d, "staffAffected", p, { optional: true }, c.textItem);
      break;
    }
    case "CausesConsidered":
      for (const k of ["processExplained", "handledProportionately", "communicatedRegularly", "supportOffered", "rationaleGiven"]) c.bool(d, k, p);
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
      c.date(d, "nextReviewDue", p, outcome === "lift");
      if (outcome === "vary") checkRestrictions(c, d, p);
      else if (outcome !== undefined && d["restrictions"] !== undefined) {
        c.fail(`${p}.restrictions`, `must be absent when the outcome is ${outcome}; give restrictions only when varying`);
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

/** Checks that `raw` has the shape of an event (E_SCHEMA), and that its behaviours fit its kind (E_BEHAVIOUR_KIND). */
export function checkShape(raw: unknown): ShapeResult {
  const c = new Checker();
  const e = c.object(raw, "event");
  if (!e) return { event: null, id: null, atMs: NaN, recordedAtMs: NaN, errors: c.errors };
  const idValue = e["id"];
  const id = typeof idValue === "string" && ID_PATTERN.test(idValue) ? idValue : null;
  if (id === null) c.fail("id", idValue === undefined ? "is missing" : "must be 1–64 characters of letters, digits, - and _");
  const type = c.oneOf(e, "type", "event", EVENT_TYPES);
  c.text(e, "personId", "event");
  let atMs: number | null = null;
  if (typeof e["at"] !== "string" || (atMs = parseInstant(e["at"])) === null) {
    c.fail(
      "at",
      e["at"] === undefined
        ? "is missing; expected a date-time with offset, e.g. 2026-11-03T09:30:00Z"
        : "must be an ISO-8601 date-time with an offset, e.g. 2026-11-03T09:30:00Z",
    );
  }
  let recordedAtMs: number | null = Number.NEGATIVE_INFINITY;
  if (e["recordedAt"] !== undefined) {
    if (typeof e["recordedAt"] !== "string" || (recordedAtMs = parseInstant(e["recordedAt"])) === null) {
      c.fail("recordedAt", "must be an ISO-8601 date-time with an offset");
    }
  }
  c.text(e, "by", "event");
  const data = c.object(e["data"], "data");
  if (data && type) checkData(c, type, data);
  const errors = c.errors.map((err) =>
    err.field?.startsWith("event.") ? { ...err, field: err.field.slice(6), message: err.message.slice(6) } : err,
  );
  const usable = atMs !== null && recordedAtMs !== null && errors.every((err) => err.code === "E_BEHAVIOUR_KIND");
  return { event: usable ? (raw as RecordEvent) : null, id, atMs: atMs ?? NaN, recordedAtMs: recordedAtMs ?? NaN, errors };
}

export type ContactResult = { readonly ok: true; readonly contact: Contact; readonly atMs: number } | { readonly ok: false; readonly errors: readonly RecordError[] };

/** Checks a contact (record-format §6) given to `evaluate`. */
export function checkContact(raw: unknown): ContactResult {
  const c = new Checker();
  const o = c.object(raw, "contact");
  if (!o) return { ok: false, errors: c.errors };
  checkContactFields(c, o, "contact");
  const at = typeof o["at"] === "string" ? parseInstant(o["at"]) : null;
  if (at === null) c.fail("contact.at", "must be an ISO-8601 date-time with an offset, e.g. 2026-11-03T09:30:00Z");
  if (c.errors.length > 0 || at === null) return { ok: false, errors: c.errors };
  return { ok: true, contact: o as unknown as Contact, atMs: at };
}
