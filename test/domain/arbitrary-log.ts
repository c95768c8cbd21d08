/**
 * A fast-check arbitrary for random logs of the record: a few people, every event type, random
 * instants across a year (both GMT and BST), retractions of earlier-generated events. Many events
 * fail the §8 checks; validateLog keeps the ones that pass, which is what the properties fold.
 */
import fc from "fast-check";
import { addCalendarMonths, londonDate, type Contact, type RecordEvent, type Restriction } from "../../src/domain";
import {
  aBreach,
  aContactReview,
  anAcknowledgement,
  aLift,
  aLoggedContact,
  anIncident,
  aPerson,
  aReminder,
  aRetraction,
  aReview,
  aSharing,
  aStrategy,
  aVariation,
  aWarning,
  advocateOnly,
  blockedAddresses,
  causesConsidered,
  dedicatedAddress,
  furtherAction,
  linked,
  needs,
  noReopening,
  phoneWindow,
  spoc,
  unlinked,
  writtenOnly,
} from "../builders";

const START = Date.parse("2026-01-01T00:00:00Z");
const MINUTES_IN_YEAR = 365 * 24 * 60;
export const PEOPLE = ["P-1", "P-2", "P-3"];
const EMAILS = ["p1@example.org", "p2@example.org", "p3@example.org"];
const PHONES = ["07700 900001", "07700 900002", "07700 900003"];
const MATTERS = ["M-1", "M-2"];
const STAFF = ["one@opcc.example", "two@opcc.example"];

const iso = (minute: number): string => new Date(START + minute * 60_000).toISOString();

const RESTRICTION_SETS: Restriction[][] = [
  [spoc(STAFF[0])],
  [writtenOnly(["email"])],
  [phoneWindow({ windows: [{ day: "tue", from: "10:00", to: "12:00" }], maxCalls: 1 })],
  [
    phoneWindow({
      windows: [
        { day: "mon", from: "00:00", to: "24:00" },
        { day: "fri", from: "09:00", to: "17:00" },
      ],
      maxCalls: 2,
      per: "month",
    }),
    spoc(STAFF[1]),
  ],
  [dedicatedAddress("cs@opcc.example"), spoc(STAFF[0]), noReopening(["M-2"])],
  [blockedAddresses(["p1@example.org"]), advocateOnly()],
];

export interface Step {
  readonly kind: number;
  readonly person: number;
  readonly k: number;
  readonly minute: number;
  readonly aux: number;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.nat(22),
  person: fc.nat(PEOPLE.length - 1),
  k: fc.nat(2),
  minute: fc.integer({ min: 1, max: MINUTES_IN_YEAR }),
  aux: fc.nat(1000),
});

/** Follow-up events refer to one made earlier of the given type (when there is one), shortly after it. */
function referTo(made: readonly RecordEvent[], type: RecordEvent["type"], step: Step): RecordEvent | null {
  const of = made.filter((e) => e.type === type);
  return of.length > 0 ? (of[step.aux % of.length] as RecordEvent) : null;
}

const FOLLOW_UP: Partial<Record<number, RecordEvent["type"]>> = {
  4: "StrategyImposed",
  5: "StrategyImposed",
  6: "StrategyImposed",
  9: "StrategyImposed",
  10: "BreachRecorded",
  11: "BreachRecorded",
  12: "ContactLogged",
  13: "BreachRecorded",
};

function eventOf(step: Step, i: number, made: readonly RecordEvent[]): RecordEvent {
  const typeReferred = FOLLOW_UP[step.kind];
  const ref = typeReferred ? referTo(made, typeReferred, step) : null;
  const personId = ref?.personId ?? (PEOPLE[step.person] as string);
  const at = ref ? iso((Date.parse(ref.at) - START) / 60_000 + 1 + (step.minute % (40 * 24 * 60))) : iso(step.minute);
  const env = { id: `e${i}`, personId, at };
  const sid =
    ref?.type === "StrategyImposed" || ref?.type === "BreachRecorded"
      ? ref.data.strategyId
      : `S-${step.person}-${step.k}`;
  const breachId = ref?.type === "BreachRecorded" ? ref.data.breachId : `B-${step.k}`;
  const contactId = ref?.type === "ContactLogged" ? ref.data.contactId : `C-${step.k}`;
  const matterRef = MATTERS[step.aux % MATTERS.length] as string;
  const restrictions = RESTRICTION_SETS[step.aux % RESTRICTION_SETS.length] as Restriction[];
  const due = addCalendarMonths(londonDate(Date.parse(at)), 1 + (step.aux % 3));
  switch (step.kind) {
    case 0:
      return anIncident({ matterRef }, env);
    case 1:
      return causesConsidered({}, env);
    case 2:
      return aWarning({}, env);
    case 3:
    case 19:
    case 20:
    case 21:
    case 22:
      return aStrategy(
        {
          strategyId: sid,
          matterRef,
          restrictions,
          reviewDue: due,
          ...(step.aux % 4 === 0 ? { warningWaived: "Violence." } : {}),
        },
        env,
      );
    case 4:
      return aVariation({ strategyId: sid, restrictions }, env);
    case 5: {
      const outcome = (["continue", "vary", "lift"] as const)[step.aux % 3] ?? "continue";
      return aReview(
        {
          strategyId: sid,
          outcome,
          nextReviewDue: outcome === "lift" ? undefined : due,
          ...(outcome === "vary" ? { restrictions } : {}),
        },
        env,
      );
    }
    case 6:
      return aLift({ strategyId: sid }, env);
    case 7:
    case 8: {
      const channel = (["phone", "email", "post", "in-person"] as const)[step.aux % 4] ?? "phone";
      return aLoggedContact(
        {
          contactId: `C-${step.k}`,
          channel,
          from: channel === "email" ? (EMAILS[step.person] as string) : (PHONES[step.person] as string),
          to: [STAFF[step.aux % 2] as string],
          matterRef,
        },
        env,
      );
    }
    case 9:
      return aBreach({ breachId: `B-${step.k}`, strategyId: sid }, env);
    case 10:
      return aReminder({ breachId }, env);
    case 11:
      return anAcknowledgement({ breachId }, env);
    case 12:
      return aContactReview({ contactId }, env);
    case 13:
      return furtherAction({ outcome: step.aux % 2 === 0 ? "proceed" : "not-proceeding" }, env);
    case 14:
      return needs(
        { adjustments: step.aux % 2 === 0 ? [{ kind: "phone-contact" }] : [{ kind: "large-print", detail: "18pt" }] },
        env,
      );
    case 15:
      return linked({ emails: [EMAILS[(step.person + 1) % PEOPLE.length] as string] }, env);
    case 16:
      return unlinked({ phones: [PHONES[step.person] as string] }, env);
    case 17:
      return aSharing({}, env);
    default: {
      // 18: a retraction of an event made earlier in the list (usually earlier in time too).
      const target = made.length > 0 ? (made[step.aux % made.length] as RecordEvent) : null;
      const later = target ? iso((Date.parse(target.at) - START) / 60_000 + 1 + (step.minute % (40 * 24 * 60))) : at;
      return aRetraction(target?.id ?? "none", {
        ...env,
        personId: target?.personId ?? personId,
        at: step.k === 0 ? at : later,
      });
    }
  }
}

/**
 * A log: every person registered at the start of the year with the 7.2 questions answered and a
 * warning issued (so that strategies can be imposed), then the random steps.
 */
export function logOf(steps: readonly Step[]): RecordEvent[] {
  const events: RecordEvent[] = PEOPLE.flatMap((personId, i) => [
    aPerson(
      { name: `Person ${i + 1}`, emails: [EMAILS[i] as string], phones: [PHONES[i] as string] },
      { id: `reg${i}`, personId, at: iso(0) },
    ),
    causesConsidered({}, { id: `cc${i}`, personId, at: iso(1) }),
    aWarning({}, { id: `w${i}`, personId, at: iso(2) }),
  ]);
  steps.forEach((s, i) => events.push(eventOf(s, i, events)));
  return events;
}

export const logArb = fc.array(stepArb, { minLength: 1, maxLength: 60, size: "medium" }).map(logOf);

/** Contacts to evaluate against a log: from each person, by each channel, at a spread of instants. */
export const contactArb: fc.Arbitrary<Contact> = fc
  .record({
    person: fc.nat(PEOPLE.length - 1),
    channel: fc.constantFrom("email", "phone", "post", "in-person", "online", "other"),
    minute: fc.integer({ min: 0, max: MINUTES_IN_YEAR }),
    staff: fc.nat(1),
    matter: fc.nat(2),
    reopen: fc.boolean(),
  })
  .map(({ person, channel, minute, staff, matter, reopen }) => ({
    channel,
    at: iso(minute),
    from: channel === "email" ? (EMAILS[person] as string) : (PHONES[person] as string),
    to: [STAFF[staff] as string],
    ...(matter < MATTERS.length ? { matterRef: MATTERS[matter] as string } : {}),
    reopenRequest: reopen,
  }));

/** A deterministic shuffle (Fisher–Yates over a small LCG). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
