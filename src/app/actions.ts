/**
 * The policy's steps as use cases. Each builds the record-format event(s) for one step, with ids
 * from the IdSource port and `at` from the Clock (or the date-time staff give), and appends them
 * through RecordService. The domain checks every append (record-format §8): a refusal rejects with
 * RecordRejectedError, whose errors name the field and the policy paragraph; nothing is appended.
 *
 * Events that must happen once per real-world thing (the contact for one message, a breach of one
 * restriction by one contact) take deterministic ids (derived-id.ts), so two staff acting on the
 * same message, or a retry, cannot duplicate them.
 */
import {
  addCalendarMonths,
  londonDate,
  parseInstant,
  RecordRejectedError,
  type AdjustmentKind,
  type BehaviourCode,
  type Channel,
  type ContactReviewOutcome,
  type Contact,
  type ContactLoggedExtras,
  type EventDataMap,
  type EventOf,
  type EventType,
  type FurtherActionOutcome,
  type IncidentKind,
  type NeedsSource,
  type NotifyMethod,
  type RecordEvent,
  type Restriction,
  type RestrictionKind,
  type Verdict,
  type WarningMethod,
} from "../domain";
import { breachesForReminder } from "../domain/letters";
import { ActionInputError } from "./action-errors";
import { breachIdFor, messageContactId } from "./derived-id";
import type { Clock, IdSource } from "./ports";
import type { RecordService } from "./record-service";

export interface ActionContext {
  readonly record: RecordService;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** The member of staff recording (UPN or email): every event's `by`. */
  readonly by: string;
}

/** Every step may say when it happened; without `at` it happened now (the Clock). */
export interface When {
  /** ISO-8601 date-time with offset. */
  readonly at?: string;
}

// ---------------------------------------------------------------------------------------------
// Helpers

export function nowIso(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** The London date of an ISO instant (or of now). */
export function dateOf(at: string | undefined, clock: Clock): string {
  const ms = at === undefined ? clock.now() : parseInstant(at);
  return londonDate(ms ?? clock.now());
}

/**
 * 9.12: reviews at most every three months. The latest allowed review date for a decision made at
 * `at`, which is also the default (staff may choose earlier, never later).
 */
export function latestReviewDate(at: string | undefined, clock: Clock): string {
  return addCalendarMonths(dateOf(at, clock), 3);
}

/** Trimmed text, or undefined when blank (optional `?` fields are left out rather than sent empty). */
function opt(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

/** Drops keys whose value is undefined, so the stored JSON holds only what was given. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const cleanList = (xs: readonly string[] | undefined): string[] =>
  (xs ?? []).map((x) => x.trim()).filter((x) => x !== "");

function build<T extends EventType>(
  ctx: ActionContext,
  type: T,
  personId: string,
  data: EventDataMap[T],
  at?: string,
  id?: string,
): EventOf<T> {
  return {
    id: id ?? ctx.ids.next(type),
    type,
    personId,
    at: at ?? nowIso(ctx.clock),
    by: ctx.by,
    data: compact(data),
  };
}

async function append<T extends EventType>(ctx: ActionContext, event: EventOf<T>): Promise<EventOf<T>> {
  await ctx.record.record([event as unknown as RecordEvent]);
  return event;
}

export type OnceOutcome = "appended" | "already-recorded";

/**
 * Appends an event whose id is deterministic. The same id already stored (identical, or written by
 * another member of staff, so differing only in `by` or wording) means the thing is already on the
 * record: that is success, not an error.
 */
async function appendOnce(ctx: ActionContext, event: RecordEvent): Promise<OnceOutcome> {
  try {
    const [outcome] = await ctx.record.record([event]);
    return outcome === "duplicate" ? "already-recorded" : "appended";
  } catch (e) {
    if (e instanceof RecordRejectedError && e.codes.length > 0 && e.codes.every((c) => c === "E_DUPLICATE_ID"))
      return "already-recorded";
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Who the person is

export interface RegisterPersonInput extends When {
  readonly name: string;
  readonly emails?: readonly string[];
  readonly phones?: readonly string[];
  readonly caseRefs?: readonly string[];
}

/** Registers a member of the public (name and address usually prefilled from the message). */
export async function registerPerson(
  ctx: ActionContext,
  input: RegisterPersonInput,
): Promise<EventOf<"PersonRegistered">> {
  const personId = ctx.ids.next("P");
  const caseRefs = cleanList(input.caseRefs);
  return append(
    ctx,
    build(
      ctx,
      "PersonRegistered",
      personId,
      {
        name: input.name.trim(),
        emails: cleanList(input.emails),
        phones: cleanList(input.phones),
        caseRefs: caseRefs.length ? caseRefs : undefined,
      },
      input.at,
    ),
  );
}

export interface IdentifiersInput extends When {
  readonly personId: string;
  readonly emails?: readonly string[];
  readonly phones?: readonly string[];
}

function identifiersData(input: IdentifiersInput): EventDataMap["IdentifiersLinked"] {
  const emails = cleanList(input.emails);
  const phones = cleanList(input.phones);
  if (emails.length === 0 && phones.length === 0) {
    throw new ActionInputError([
      { field: "data.emails", code: "input", message: "give at least one email address or phone number" },
    ]);
  }
  return { emails: emails.length ? emails : undefined, phones: phones.length ? phones : undefined };
}

/** Links more addresses or numbers to an existing person (9.9: a blocked person writing from a new address is still them). */
export async function linkIdentifiers(
  ctx: ActionContext,
  input: IdentifiersInput,
): Promise<EventOf<"IdentifiersLinked">> {
  return append(ctx, build(ctx, "IdentifiersLinked", input.personId, identifiersData(input), input.at));
}

export async function unlinkIdentifiers(
  ctx: ActionContext,
  input: IdentifiersInput,
): Promise<EventOf<"IdentifiersUnlinked">> {
  return append(ctx, build(ctx, "IdentifiersUnlinked", input.personId, identifiersData(input), input.at));
}

// ---------------------------------------------------------------------------------------------
// 8: needs of the individual

export interface AssistanceInput extends When {
  readonly personId: string;
  readonly accepted: boolean;
  readonly note?: string;
}

/** 8.1: everyone is asked at the outset whether they need additional assistance. */
export async function recordAssistanceOffered(
  ctx: ActionContext,
  input: AssistanceInput,
): Promise<EventOf<"AssistanceOffered">> {
  return append(
    ctx,
    build(ctx, "AssistanceOffered", input.personId, { accepted: input.accepted, note: opt(input.note) }, input.at),
  );
}

export interface NeedsInput extends When {
  readonly personId: string;
  /** The full current set: it replaces what was recorded before. */
  readonly adjustments: readonly { readonly kind: AdjustmentKind; readonly detail?: string }[];
  readonly source: NeedsSource;
}

/** 8.2–8.5: needs and reasonable adjustments, taken at face value. */
export async function recordNeeds(ctx: ActionContext, input: NeedsInput): Promise<EventOf<"NeedsRecorded">> {
  const adjustments = input.adjustments.map((a) => compact({ kind: a.kind, detail: opt(a.detail) }));
  return append(ctx, build(ctx, "NeedsRecorded", input.personId, { adjustments, source: input.source }, input.at));
}

// ---------------------------------------------------------------------------------------------
// 4 and 6: what happened

export interface IncidentInput extends When {
  readonly personId: string;
  readonly kind: IncidentKind;
  readonly behaviours: readonly BehaviourCode[];
  readonly channel: Channel;
  /** The file note (4.5). */
  readonly summary: string;
  readonly matterRef?: string;
  /** 4.4–4.5: the member of staff ended the call. */
  readonly callEnded?: boolean;
  readonly staffAffected?: readonly string[];
}

export async function recordIncident(ctx: ActionContext, input: IncidentInput): Promise<EventOf<"IncidentRecorded">> {
  const staff = cleanList(input.staffAffected);
  return append(
    ctx,
    build(
      ctx,
      "IncidentRecorded",
      input.personId,
      {
        kind: input.kind,
        behaviours: input.behaviours,
        channel: input.channel,
        summary: input.summary.trim(),
        matterRef: opt(input.matterRef),
        // 4.4: only a call can be ended.
        callEnded: input.channel === "phone" && input.callEnded === true ? true : undefined,
        staffAffected: staff.length ? staff : undefined,
      },
      input.at,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// 7: underlying causes

export type CauseAnswers = Pick<
  EventDataMap["CausesConsidered"],
  "processExplained" | "handledProportionately" | "communicatedRegularly" | "supportOffered" | "rationaleGiven"
>;

export interface CausesInput extends When, CauseAnswers {
  readonly personId: string;
  /** What will be done about any "no" (7.3). */
  readonly actions?: string;
}

/** 7.2–7.3: the five questions; any "no" must say what will be done to address it. */
export async function recordCausesConsidered(
  ctx: ActionContext,
  input: CausesInput,
): Promise<EventOf<"CausesConsidered">> {
  const { personId, at, actions, ...answers } = input;
  const anyNo = Object.values(answers).some((v) => v === false);
  if (anyNo && !opt(actions)) {
    throw new ActionInputError([
      {
        field: "data.actions",
        code: "input",
        message:
          "say what will be done about each question answered \u201cno\u201d; addressing the shortcoming may be enough to stop the behaviour (7.3)",
      },
    ]);
  }
  return append(
    ctx,
    build(
      ctx,
      "CausesConsidered",
      personId,
      {
        processExplained: answers.processExplained,
        handledProportionately: answers.handledProportionately,
        communicatedRegularly: answers.communicatedRegularly,
        supportOffered: answers.supportOffered,
        rationaleGiven: answers.rationaleGiven,
        actions: opt(actions),
      },
      at,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// 9.1–9.3: communicate with the person

export interface WarningInput extends When {
  readonly personId: string;
  readonly behaviours: readonly BehaviourCode[];
  readonly expectedChange: string;
  readonly consequences: string;
  readonly method: WarningMethod;
  readonly matterRef?: string;
}

export async function issueWarning(ctx: ActionContext, input: WarningInput): Promise<EventOf<"WarningIssued">> {
  return append(
    ctx,
    build(
      ctx,
      "WarningIssued",
      input.personId,
      {
        behaviours: input.behaviours,
        expectedChange: input.expectedChange.trim(),
        consequences: input.consequences.trim(),
        method: input.method,
        matterRef: opt(input.matterRef),
      },
      input.at,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// 9.4–9.14: the contact strategy

export interface ImposeInput extends When {
  readonly personId: string;
  readonly matterRef: string;
  readonly reason: string;
  readonly restrictions: readonly Restriction[];
  /** 9.5: why restricting contact this way is fair, reasonable and proportionate. */
  readonly proportionality: string;
  readonly approvedBy: string;
  /** 9.6: notified in writing, on this date. */
  readonly notifiedOn: string;
  readonly notifiedBy: NotifyMethod;
  /** Defaults to three months after the decision (9.12); may be earlier, never later. */
  readonly reviewDue?: string;
  /** 9.3: why no warning was possible (for example violence). */
  readonly warningWaived?: string;
  /** 8.4, 9.13–9.14: advice sought where a restriction touches a reasonable adjustment. */
  readonly equalityAdvice?: string;
}

export async function imposeStrategy(ctx: ActionContext, input: ImposeInput): Promise<EventOf<"StrategyImposed">> {
  return append(ctx, imposition(ctx, input));
}

/**
 * The StrategyImposed event imposeStrategy appends. `ids` fixes the event and strategy ids (a
 * check before recording, strategy-checks.ts, must not use up real ones).
 */
export function imposition(
  ctx: ActionContext,
  input: ImposeInput,
  ids?: { readonly id: string; readonly strategyId: string },
): EventOf<"StrategyImposed"> {
  const at = input.at ?? nowIso(ctx.clock);
  return build(
    ctx,
    "StrategyImposed",
    input.personId,
    {
      strategyId: ids?.strategyId ?? ctx.ids.next("S"),
      matterRef: input.matterRef.trim(),
      reason: input.reason.trim(),
      restrictions: input.restrictions,
      proportionality: input.proportionality.trim(),
      approvedBy: input.approvedBy.trim(),
      notifiedOn: input.notifiedOn,
      notifiedBy: input.notifiedBy,
      reviewDue: opt(input.reviewDue) ?? latestReviewDate(at, ctx.clock),
      warningWaived: opt(input.warningWaived),
      equalityAdvice: opt(input.equalityAdvice),
    },
    at,
    ids?.id,
  );
}

export interface VaryInput extends When {
  readonly personId: string;
  readonly strategyId: string;
  /** The full new set. */
  readonly restrictions: readonly Restriction[];
  readonly reason: string;
  /** 9.14: the person is told about the change. */
  readonly notifiedOn: string;
  readonly equalityAdvice?: string;
}

export async function varyStrategy(ctx: ActionContext, input: VaryInput): Promise<EventOf<"StrategyVaried">> {
  return append(
    ctx,
    build(
      ctx,
      "StrategyVaried",
      input.personId,
      {
        strategyId: input.strategyId,
        restrictions: input.restrictions,
        reason: input.reason.trim(),
        notifiedOn: input.notifiedOn,
        equalityAdvice: opt(input.equalityAdvice),
      },
      input.at,
    ),
  );
}

export interface ReviewInput extends When {
  readonly personId: string;
  readonly strategyId: string;
  readonly outcome: "continue" | "vary" | "lift";
  readonly rationale: string;
  /** Required unless lifting; defaults to three months on (9.12). */
  readonly nextReviewDue?: string;
  /** The full new set, when varying. */
  readonly restrictions?: readonly Restriction[];
  readonly equalityAdvice?: string;
}

/** 9.12: a review continues, varies or lifts the strategy. */
export async function reviewStrategy(ctx: ActionContext, input: ReviewInput): Promise<EventOf<"StrategyReviewed">> {
  const at = input.at ?? nowIso(ctx.clock);
  const lifting = input.outcome === "lift";
  return append(
    ctx,
    build(
      ctx,
      "StrategyReviewed",
      input.personId,
      {
        strategyId: input.strategyId,
        outcome: input.outcome,
        rationale: input.rationale.trim(),
        nextReviewDue: lifting ? undefined : (opt(input.nextReviewDue) ?? latestReviewDate(at, ctx.clock)),
        // The record holds restrictions only on a `vary` review (record-format §2).
        restrictions: input.outcome === "vary" ? (input.restrictions ?? []) : undefined,
        equalityAdvice: input.outcome === "vary" ? opt(input.equalityAdvice) : undefined,
      },
      at,
    ),
  );
}

export interface LiftInput extends When {
  readonly personId: string;
  readonly strategyId: string;
  readonly reason: string;
}

export async function liftStrategy(ctx: ActionContext, input: LiftInput): Promise<EventOf<"StrategyLifted">> {
  return append(
    ctx,
    build(
      ctx,
      "StrategyLifted",
      input.personId,
      { strategyId: input.strategyId, reason: input.reason.trim() },
      input.at,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// 9.10–9.11: contacts and breaches

export interface ContactInput {
  readonly personId: string;
  readonly channel: Channel;
  /** When the contact happened (ISO-8601 with offset). */
  readonly at: string;
  /** The caller's number, or who came in person. */
  readonly from: string;
  /** The member(s) of staff who took it. */
  readonly to: readonly string[];
  readonly matterRef?: string;
  readonly reopenRequest?: boolean;
  readonly viaAdvocate?: boolean;
  /** A known contact id (for retries); a new one otherwise. */
  readonly contactId?: string;
  /** What was said (a call note), kept on the ContactLogged as `note` (domain ContactLoggedExtras). */
  readonly note?: string;
}

export interface LoggedContact {
  readonly contactId: string;
  readonly verdict: Verdict;
  /** Breach ids recorded for this contact (one per restriction breached), whether just now or before. */
  readonly breachIds: readonly string[];
  readonly outcome: OnceOutcome;
}

/**
 * What the record keeps as a detected breach's `detail`: the verdict's finding without the
 * instruction to staff that follows its semicolon ("…; pass it to them and record the breach."),
 * which would be wrong once it is recorded. Letters never print `detail` (letters/happened.ts).
 */
export function breachFact(reason: string): string {
  const cut = reason.lastIndexOf("; ");
  return cut > 0 ? `${reason.slice(0, cut)}.` : reason;
}

function breachEvents(
  ctx: ActionContext,
  personId: string,
  contactId: string,
  at: string,
  verdict: Verdict,
): EventOf<"BreachRecorded">[] {
  return verdict.breaches.map((b) => {
    const breachId = breachIdFor(contactId, b.strategyId, b.restriction);
    return build(
      ctx,
      "BreachRecorded",
      personId,
      { breachId, strategyId: b.strategyId, restriction: b.restriction, contactId, detail: breachFact(b.reason) },
      at,
      breachId,
    );
  });
}

/**
 * Logs a contact and, at once, judges it against the record as at its time (record-format §7): each
 * restriction it breaches is recorded on the spot as a BreachRecorded (9.11), with a breach id
 * derived from the contact, the strategy and the restriction, so it is recorded exactly once.
 */
async function logAndJudge(
  ctx: ActionContext,
  contactId: string,
  contact: Contact & { personId: string },
  extras: ContactLoggedExtras = {},
): Promise<LoggedContact> {
  if (parseInstant(contact.at) === null) {
    throw new RecordRejectedError([
      { code: "E_SCHEMA", field: "at", message: "at: must be a date and time, for example 3 November 2026 09:30" },
    ]);
  }
  // Judged before it is appended, as `csm evaluate` does: for a call limit it is one more call
  // after those logged before it.
  const verdict = ctx.record.evaluate(contact);
  const { at, ...fields } = contact;
  const logged = build(
    ctx,
    "ContactLogged",
    contact.personId,
    compact({ contactId, ...fields, ...compact(extras) }),
    at,
    contactId,
  );
  const outcome = await appendOnce(ctx, logged);
  const breaches = breachEvents(ctx, contact.personId, contactId, at, verdict);
  for (const b of breaches) await appendOnce(ctx, b);
  return { contactId, verdict, breachIds: breaches.map((b) => b.data.breachId), outcome };
}

/** Logs a phone call, visit, letter or online contact (9.10), recording any breach on the spot (9.11). */
export async function logContact(ctx: ActionContext, input: ContactInput): Promise<LoggedContact> {
  const contactId = input.contactId ?? ctx.ids.next("C");
  const contact = compact({
    channel: input.channel,
    at: input.at,
    from: input.from.trim(),
    to: cleanList(input.to),
    matterRef: opt(input.matterRef),
    reopenRequest: input.reopenRequest === true ? true : undefined,
    viaAdvocate: input.viaAdvocate === true ? true : undefined,
    personId: input.personId,
  });
  return logAndJudge(ctx, contactId, contact, { note: opt(input.note) });
}

export interface MessageBreachInput {
  /**
   * What identifies the message whoever received it (its Internet Message-ID where the host knows
   * it, else its host id): the contact id, and so the breach ids, are derived from it.
   */
  readonly messageId: string;
  /** The message as a contact (messageToContact). */
  readonly contact: Contact;
  readonly personId: string;
  /**
   * Where the message is, for a link to it from the review queue (9.10): the host's item id in
   * this mailbox and the mailbox's address. Kept on the ContactLogged as `message`.
   */
  readonly message?: { readonly itemId: string; readonly mailbox?: string };
}

export type MessageBreachResult = (
  { readonly status: "no-breach" } | ({ readonly status: "recorded" } & LoggedContact)
) & { readonly verdict: Verdict };

/**
 * For an email message that breaches a strategy: records the ContactLogged and one BreachRecorded
 * per restriction breached, all with ids derived from the message id, so two staff acting on the
 * same message (or one acting twice) record it once. A message that breaches nothing is left alone.
 */
export async function recordMessageBreach(ctx: ActionContext, input: MessageBreachInput): Promise<MessageBreachResult> {
  const contact = { ...input.contact, personId: input.personId };
  const verdict = ctx.record.evaluate(contact);
  if (verdict.breaches.length === 0) return { status: "no-breach", verdict };
  const logged = await logAndJudge(ctx, messageContactId(input.messageId), contact, messageExtras(input));
  return { status: "recorded", ...logged };
}

/**
 * Logs an email message as a contact (9.10) whether or not it breaches anything, with the contact
 * id derived from the message (so it is logged once however many staff log it), recording any
 * breach on the spot as logging a call does (9.11).
 */
export async function logMessage(ctx: ActionContext, input: MessageBreachInput): Promise<LoggedContact> {
  return logAndJudge(
    ctx,
    messageContactId(input.messageId),
    { ...input.contact, personId: input.personId },
    messageExtras(input),
  );
}

function messageExtras(input: MessageBreachInput): ContactLoggedExtras {
  const itemId = input.message?.itemId.trim();
  if (!itemId) return {};
  const mailbox = input.message?.mailbox?.trim();
  return { message: mailbox ? { itemId, mailbox } : { itemId } };
}

function laterOf(a: string, b: string): string {
  return (parseInstant(b) ?? 0) > (parseInstant(a) ?? 0) ? b : a;
}

export interface MessageReviewResult {
  readonly logged: LoggedContact;
  /** "already-recorded" when the contact was reviewed before (by anyone): nothing more is appended. */
  readonly review: OnceOutcome;
}

/**
 * "Reviewed: nothing new" for an email message (9.10: every contact is reviewed for genuine
 * complaints, criminal matters and safeguarding issues): logs the message if it is not logged yet,
 * then records ContactReviewed with outcome no-new-information unless it is already reviewed.
 */
export async function reviewMessageNothingNew(
  ctx: ActionContext,
  input: MessageBreachInput & When & { readonly note?: string },
): Promise<MessageReviewResult> {
  const logged = await logMessage(ctx, input);
  const contact = ctx.record.index.person(input.personId).contacts.get(logged.contactId);
  if (contact?.reviewed) return { logged, review: "already-recorded" };
  await reviewContact(ctx, {
    personId: input.personId,
    contactId: logged.contactId,
    outcome: "no-new-information",
    note: input.note,
    // Not before the message itself (a host clock a little behind the mail server's would otherwise be refused).
    at: input.at ?? laterOf(nowIso(ctx.clock), input.contact.at),
  });
  return { logged, review: "appended" };
}

export interface ManualBreachInput extends When {
  readonly personId: string;
  readonly strategyId: string;
  readonly restriction: RestrictionKind;
  readonly detail: string;
  readonly contactId?: string;
}

/**
 * Records a breach by hand (9.11). Tied to a logged contact, the breach id is the one automatic
 * detection would use, so the same breach cannot be recorded twice.
 */
export async function recordBreach(ctx: ActionContext, input: ManualBreachInput): Promise<EventOf<"BreachRecorded">> {
  const contactId = opt(input.contactId);
  const breachId = contactId ? breachIdFor(contactId, input.strategyId, input.restriction) : ctx.ids.next("B");
  const event = build(
    ctx,
    "BreachRecorded",
    input.personId,
    { breachId, strategyId: input.strategyId, restriction: input.restriction, contactId, detail: input.detail.trim() },
    input.at,
    contactId ? breachId : undefined,
  );
  try {
    return await append(ctx, event);
  } catch (e) {
    if (e instanceof RecordRejectedError && e.codes.includes("E_DUPLICATE_ID")) {
      throw new ActionInputError([
        {
          field: "data.restriction",
          code: "input",
          message: "a breach of this restriction is already recorded for this contact (9.11)",
        },
      ]);
    }
    throw e;
  }
}

export interface ReminderInput extends When {
  readonly personId: string;
  readonly breachId: string;
  readonly method: WarningMethod;
}

/** 9.11: a clear reminder of the consequences and of the reasons for the strategy was sent. */
export async function recordBreachReminder(
  ctx: ActionContext,
  input: ReminderInput,
): Promise<EventOf<"BreachReminderSent">> {
  return append(
    ctx,
    build(ctx, "BreachReminderSent", input.personId, { breachId: input.breachId, method: input.method }, input.at),
  );
}

export interface ContactReminderInput extends When {
  readonly personId: string;
  /** Any breach of the contact the reminder is about. */
  readonly breachId: string;
  readonly method: WarningMethod;
}

/**
 * 9.11: one reminder for one contact, however many restrictions it breached. Records a
 * BreachReminderSent for each breach of that contact (the one letter covers them all,
 * letters/facts.ts `breachesForReminder`), in one append.
 */
export async function recordContactReminder(
  ctx: ActionContext,
  input: ContactReminderInput,
): Promise<EventOf<"BreachReminderSent">[]> {
  const state = ctx.record.index.person(input.personId);
  const covered = breachesForReminder(state, input.breachId);
  if (covered.length === 0) {
    // Unknown breach: let the domain refuse it with its code (E_UNKNOWN_BREACH).
    return [await recordBreachReminder(ctx, input)];
  }
  const events = covered.map((b) =>
    build(ctx, "BreachReminderSent", input.personId, { breachId: b.breachId, method: input.method }, input.at),
  );
  await ctx.record.record(events as unknown as RecordEvent[]);
  return events;
}

export interface AcknowledgeInput extends When {
  readonly personId: string;
  readonly breachId: string;
  readonly note?: string;
}

/** 4.5, 9.11: the line manager has seen the breach. */
export async function acknowledgeBreach(
  ctx: ActionContext,
  input: AcknowledgeInput,
): Promise<EventOf<"BreachAcknowledged">> {
  return append(
    ctx,
    build(ctx, "BreachAcknowledged", input.personId, { breachId: input.breachId, note: opt(input.note) }, input.at),
  );
}

export interface ContactReviewInput extends When {
  readonly personId: string;
  readonly contactId: string;
  readonly outcome: ContactReviewOutcome;
  readonly note?: string;
}

/** 9.10: every contact is reviewed for genuine complaints, criminal matters and safeguarding issues. */
export async function reviewContact(
  ctx: ActionContext,
  input: ContactReviewInput,
): Promise<EventOf<"ContactReviewed">> {
  return append(
    ctx,
    build(
      ctx,
      "ContactReviewed",
      input.personId,
      { contactId: input.contactId, outcome: input.outcome, note: opt(input.note) },
      input.at,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// 9.15 and 10

export interface SharingInput extends When {
  readonly personId: string;
  readonly partner: string;
  readonly purpose: string;
  readonly lawfulBasis: string;
  readonly dpoConsulted: boolean;
  readonly dpoName?: string;
}

/** 9.15: sharing with a partner is recorded only after the Data Protection Officer was consulted (the domain refuses otherwise). */
export async function recordSharing(ctx: ActionContext, input: SharingInput): Promise<EventOf<"SharingRecorded">> {
  return append(
    ctx,
    build(
      ctx,
      "SharingRecorded",
      input.personId,
      {
        partner: input.partner.trim(),
        purpose: input.purpose.trim(),
        lawfulBasis: input.lawfulBasis.trim(),
        dpoConsulted: input.dpoConsulted,
        dpoName: input.dpoConsulted ? input.dpoName?.trim() : opt(input.dpoName),
      },
      input.at,
    ),
  );
}

export interface FurtherActionInput extends When {
  readonly personId: string;
  readonly adviceSought: string;
  readonly outcome: FurtherActionOutcome;
}

/** 10.1–10.2: only where a strategy has failed; professional or legal advice sought. */
export async function considerFurtherAction(
  ctx: ActionContext,
  input: FurtherActionInput,
): Promise<EventOf<"FurtherActionConsidered">> {
  return append(
    ctx,
    build(
      ctx,
      "FurtherActionConsidered",
      input.personId,
      { adviceSought: input.adviceSought.trim(), outcome: input.outcome },
      input.at,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Corrections

export interface RetractInput extends When {
  readonly personId: string;
  readonly eventId: string;
  readonly reason: string;
}

/** Withdraws an event with a reason (record-format §1: nothing is edited or deleted in place). */
export async function retractEvent(ctx: ActionContext, input: RetractInput): Promise<EventOf<"EventRetracted">> {
  return append(
    ctx,
    build(ctx, "EventRetracted", input.personId, { eventId: input.eventId, reason: input.reason.trim() }, input.at),
  );
}
