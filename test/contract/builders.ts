/**
 * Small builders for the store contract: valid events of the record (record-format §2) with
 * deterministic ids and times. `at` is minutes after a fixed instant, so tests can put events
 * anywhere in log order regardless of the order they append them.
 */
import type { EventDataMap, EventOf, EventType, RecordEvent } from "../../src/domain";

const BASE_MS = Date.parse("2026-03-02T09:00:00Z");
export const STAFF = "officer.one@opcc.example";

/** An ISO instant `minutes` after the fixed base (may be negative or fractional). */
export const minutes = (m: number): string => new Date(BASE_MS + m * 60_000).toISOString();

export interface Envelope {
  readonly id?: string;
  readonly personId?: string;
  /** Minutes after the base, or an ISO instant. */
  readonly at?: number | string;
  readonly recordedAt?: string;
  readonly by?: string;
}

type DataOverrides<T extends EventType> = Partial<EventDataMap[T]> & Record<string, unknown>;
type Options<T extends EventType> = Envelope & { readonly data?: DataOverrides<T> };

/** Builders for one test: ids e1, e2, … in build order; default `at` is the build number. */
export function recordBuilder(defaultPersonId = "P-1") {
  let n = 0;
  function make<T extends EventType>(type: T, base: EventDataMap[T], o: Options<T>): EventOf<T> & RecordEvent {
    n += 1;
    const at = o.at === undefined ? minutes(n) : typeof o.at === "number" ? minutes(o.at) : o.at;
    return {
      id: o.id ?? `e${n}`,
      type,
      personId: o.personId ?? defaultPersonId,
      at,
      ...(o.recordedAt === undefined ? {} : { recordedAt: o.recordedAt }),
      by: o.by ?? STAFF,
      data: { ...base, ...o.data },
    } as unknown as EventOf<T> & RecordEvent;
  }
  return {
    person: (o: Options<"PersonRegistered"> = {}) =>
      make(
        "PersonRegistered",
        { name: "Alex Example", emails: [`${(o.personId ?? defaultPersonId).toLowerCase()}@example.org`], phones: [] },
        o,
      ),
    incident: (o: Options<"IncidentRecorded"> = {}) =>
      make(
        "IncidentRecorded",
        {
          kind: "persistence",
          behaviours: ["demanding-updates"],
          channel: "email",
          summary: "Fourth email today asking for an update.",
        },
        o,
      ),
    causes: (o: Options<"CausesConsidered"> = {}) =>
      make(
        "CausesConsidered",
        {
          processExplained: true,
          handledProportionately: true,
          communicatedRegularly: true,
          supportOffered: true,
          rationaleGiven: true,
        },
        o,
      ),
    warning: (o: Options<"WarningIssued"> = {}) =>
      make(
        "WarningIssued",
        {
          behaviours: ["demanding-updates"],
          expectedChange: "One email a week.",
          consequences: "A contact strategy may be imposed.",
          method: "email",
        },
        o,
      ),
    strategy: (o: Options<"StrategyImposed"> = {}) =>
      make(
        "StrategyImposed",
        {
          strategyId: "S-1",
          matterRef: "CPL-2026-0042",
          reason: "Persistent demands for updates after warning.",
          restrictions: [{ kind: "written-only", allowed: ["email"] }],
          proportionality: "Least restrictive option that still protects staff time.",
          approvedBy: "head.of.service@opcc.example",
          notifiedOn: "2026-03-02",
          notifiedBy: "email",
          reviewDue: "2026-05-01",
        },
        o,
      ),
    lift: (o: Options<"StrategyLifted"> = {}) =>
      make("StrategyLifted", { strategyId: "S-1", reason: "Behaviour has improved." }, o),
    breach: (o: Options<"BreachRecorded"> = {}) =>
      make(
        "BreachRecorded",
        { breachId: "B-1", strategyId: "S-1", restriction: "written-only", detail: "Telephoned the office." },
        o,
      ),
    sharing: (o: Options<"SharingRecorded"> = {}) =>
      make(
        "SharingRecorded",
        {
          partner: "Police",
          purpose: "Safeguarding",
          lawfulBasis: "Public task",
          dpoConsulted: true,
          dpoName: "D. Protection",
        },
        o,
      ),
    retract: (eventId: string, o: Options<"EventRetracted"> = {}) =>
      make("EventRetracted", { eventId, reason: "Recorded against the wrong person." }, o),
  };
}

export type RecordBuilder = ReturnType<typeof recordBuilder>;
