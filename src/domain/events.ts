/**
 * The record's events (record-format §1–§2): an append-only log. Types are readonly: nothing is
 * edited in place; a mistake is withdrawn by `EventRetracted`.
 */
import type {
  AdjustmentKind,
  BehaviourCode,
  Channel,
  ContactReviewOutcome,
  FurtherActionOutcome,
  IncidentKind,
  NeedsSource,
  NotifyMethod,
  RestrictionKind,
  ReviewOutcome,
  WarningMethod,
} from "./catalogue";
import type { DayCode } from "./time";

export interface PhoneWindow {
  readonly day: DayCode;
  readonly from: string;
  readonly to: string;
}

export type Restriction =
  | {
      readonly kind: "phone-window";
      readonly windows: readonly PhoneWindow[];
      readonly maxCalls?: number;
      readonly per?: "week" | "month";
    }
  | { readonly kind: "written-only"; readonly allowed: readonly ("email" | "post")[] }
  | { readonly kind: "call-recording" }
  | { readonly kind: "dedicated-address"; readonly address: string }
  | { readonly kind: "blocked-addresses"; readonly addresses: readonly string[] }
  | {
      readonly kind: "advocate-only";
      readonly advocate: { readonly name: string; readonly email?: string; readonly phone?: string };
    }
  | { readonly kind: "single-point-of-contact"; readonly staff: string }
  | { readonly kind: "no-reopening"; readonly matterRefs: readonly string[] };

export type RestrictionOf<K extends RestrictionKind> = Extract<Restriction, { kind: K }>;

/** A contact (record-format §6): one email, call, letter, visit or online message from a person. */
/**
 * Fields the product adds to a ContactLogged beyond the contact (record-format §1: "Unknown extra
 * fields in `data` are ignored"). They are not part of the contract: the §8 checks and `csm` ignore
 * them, and a reader must not rely on their type (an imported record may hold anything there).
 */
export interface ContactLoggedExtras {
  /** What was said (a call note), in the words of the member of staff who took it (9.10). */
  note?: string;
  /**
   * The email message this contact is, as seen in one mailbox: the host's item id (the Outlook or
   * Graph id there; the preview's message id) and that mailbox's address, for a link to the message.
   */
  message?: { itemId: string; mailbox?: string };
}

export interface Contact {
  readonly channel: Channel;
  readonly at: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly matterRef?: string;
  readonly reopenRequest?: boolean;
  readonly viaAdvocate?: boolean;
  readonly personId?: string;
}

export interface Adjustment {
  readonly kind: AdjustmentKind;
  readonly detail?: string;
}

export interface EventDataMap {
  PersonRegistered: {
    name: string;
    emails: readonly string[];
    phones: readonly string[];
    caseRefs?: readonly string[];
  };
  IdentifiersLinked: { emails?: readonly string[]; phones?: readonly string[] };
  IdentifiersUnlinked: { emails?: readonly string[]; phones?: readonly string[] };
  AssistanceOffered: { accepted: boolean; note?: string };
  NeedsRecorded: { adjustments: readonly Adjustment[]; source: NeedsSource };
  IncidentRecorded: {
    kind: IncidentKind;
    behaviours: readonly BehaviourCode[];
    channel: Channel;
    summary: string;
    matterRef?: string;
    callEnded?: boolean;
    staffAffected?: readonly string[];
  };
  CausesConsidered: {
    processExplained: boolean;
    handledProportionately: boolean;
    communicatedRegularly: boolean;
    supportOffered: boolean;
    rationaleGiven: boolean;
    actions?: string;
  };
  WarningIssued: {
    behaviours: readonly BehaviourCode[];
    expectedChange: string;
    consequences: string;
    method: WarningMethod;
    matterRef?: string;
  };
  StrategyImposed: {
    strategyId: string;
    matterRef: string;
    reason: string;
    restrictions: readonly Restriction[];
    proportionality: string;
    approvedBy: string;
    notifiedOn: string;
    notifiedBy: NotifyMethod;
    reviewDue: string;
    warningWaived?: string;
    equalityAdvice?: string;
  };
  StrategyVaried: {
    strategyId: string;
    restrictions: readonly Restriction[];
    reason: string;
    notifiedOn: string;
    equalityAdvice?: string;
  };
  StrategyReviewed: {
    strategyId: string;
    outcome: ReviewOutcome;
    rationale: string;
    nextReviewDue?: string;
    restrictions?: readonly Restriction[];
    equalityAdvice?: string;
  };
  StrategyLifted: { strategyId: string; reason: string };
  ContactLogged: Omit<Contact, "at"> & { contactId: string } & ContactLoggedExtras;
  BreachRecorded: {
    breachId: string;
    strategyId: string;
    restriction: RestrictionKind;
    contactId?: string;
    detail: string;
  };
  BreachReminderSent: { breachId: string; method: WarningMethod };
  BreachAcknowledged: { breachId: string; note?: string };
  ContactReviewed: { contactId: string; outcome: ContactReviewOutcome; note?: string };
  SharingRecorded: { partner: string; purpose: string; lawfulBasis: string; dpoConsulted: boolean; dpoName?: string };
  FurtherActionConsidered: { adviceSought: string; outcome: FurtherActionOutcome };
  EventRetracted: { eventId: string; reason: string };
}

export type EventType = keyof EventDataMap;

export interface EventOf<T extends EventType> {
  readonly id: string;
  readonly type: T;
  readonly personId: string;
  readonly at: string;
  readonly recordedAt?: string;
  readonly by: string;
  readonly data: Readonly<EventDataMap[T]>;
}

export type RecordEvent = { [T in EventType]: EventOf<T> }[EventType];

/** An event with its parsed instants, as the fold and the checks use it. */
export interface LoggedEvent {
  readonly event: RecordEvent;
  readonly atMs: number;
  readonly recordedAtMs: number;
}

/** Log order (record-format §1): `at`, then `recordedAt`, then `id`. Never file order. */
export function compareLogOrder(a: LoggedEvent, b: LoggedEvent): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  if (a.recordedAtMs !== b.recordedAtMs) return a.recordedAtMs - b.recordedAtMs;
  const x = a.event.id;
  const y = b.event.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when `list` is already in log order (files exported by `csm` and stores usually are). */
export function isInLogOrder(list: readonly LoggedEvent[]): boolean {
  for (let i = 1; i < list.length; i++)
    if (compareLogOrder(list[i - 1] as LoggedEvent, list[i] as LoggedEvent) > 0) return false;
  return true;
}

/** A copy of `list` in log order (no sort when it already is). */
export function inLogOrder(list: readonly LoggedEvent[]): LoggedEvent[] {
  return isInLogOrder(list) ? [...list] : [...list].sort(compareLogOrder);
}

/**
 * Same-id equality (record-format §1): two events with the same id are identical when everything
 * but `recordedAt` is equal. Key order does not matter.
 */
export function sameContent(a: RecordEvent, b: RecordEvent): boolean {
  const { recordedAt: _ra, ...restA } = a;
  const { recordedAt: _rb, ...restB } = b;
  return deepEqual(restA, restB);
}

/**
 * Structural equality of JSON values; object key order does not matter and a key holding
 * `undefined` counts as absent. Iterative, so a deeply nested value cannot overflow the stack.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    const xa = Array.isArray(x);
    if (xa !== Array.isArray(y)) return false;
    if (xa) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ya[i]]);
      continue;
    }
    const ox = x as Record<string, unknown>;
    const oy = y as Record<string, unknown>;
    const kx = Object.keys(ox).filter((k) => ox[k] !== undefined);
    const ky = Object.keys(oy).filter((k) => oy[k] !== undefined);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(oy, k)) return false;
      stack.push([ox[k], oy[k]]);
    }
  }
  return true;
}
