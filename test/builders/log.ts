/**
 * Builders for whole logs: a person walked up the policy's ladder, and helpers that turn events
 * into the forms the domain and `csm` read (log entries, a validated RecordIndex, JSON Lines).
 */
import {
  addCalendarMonths,
  checkShape,
  londonDate,
  RecordIndex,
  validateLog,
  type LineError,
  type LoggedEvent,
  type RecordEvent,
  type Restriction,
  type ValidatedLog,
} from "../../src/domain";
import { aPerson, anIncident, aStrategy, aWarning, causesConsidered, spoc, type Envelope } from "./events";

/** An ISO instant `minutes` after `base` (to place events in order). */
export function after(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

/**
 * A registered person with an incident, the 7.2 questions answered, a warning, and a contact
 * strategy imposed at `imposedAt` with `restrictions` (default: a single point of contact).
 */
export function restrictedPerson(
  opts: {
    restrictions?: Restriction[];
    imposedAt?: string;
    personId?: string;
    strategyId?: string;
    matterRef?: string;
  } = {},
): RecordEvent[] {
  const imposedAt = opts.imposedAt ?? "2026-10-29T09:00:00Z";
  const env = (minutesBefore: number): Envelope => ({
    personId: opts.personId ?? "P-1",
    at: after(imposedAt, -minutesBefore),
  });
  return [
    aPerson({}, env(60 * 24 * 7)),
    anIncident({}, env(60 * 24 * 6)),
    causesConsidered({}, env(60 * 24 * 5)),
    aWarning({}, env(60 * 24 * 4)),
    aStrategy(
      {
        restrictions: opts.restrictions ?? [spoc()],
        reviewDue: addCalendarMonths(londonDate(Date.parse(imposedAt)), 3),
        ...(opts.strategyId !== undefined ? { strategyId: opts.strategyId } : {}),
        ...(opts.matterRef !== undefined ? { matterRef: opts.matterRef } : {}),
      },
      env(0),
    ),
  ];
}

export function toLogged(events: readonly RecordEvent[]): LoggedEvent[] {
  return events.map((event) => {
    const shape = checkShape(event);
    if (!shape.event) throw new Error(`builder made an invalid event: ${JSON.stringify(shape.errors)}`);
    return { event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs };
  });
}

/** Validates events as if they were the lines of a file (line n = events[n-1]). */
export function validate(events: readonly unknown[]): ValidatedLog {
  return validateLog(events.map((value, i) => ({ line: i + 1, value })));
}

/** The codes of the errors, as `line:code` strings, for compact assertions. */
export function codes(errors: readonly LineError[]): string[] {
  return errors.map((e) => `${e.line}:${e.code}`);
}

/** A RecordIndex over events that must all be valid. */
export function indexOf(events: readonly RecordEvent[]): RecordIndex {
  const v = validate(events);
  if (v.errors.length > 0) throw new Error(`fixture log is invalid: ${JSON.stringify(v.errors)}`);
  return new RecordIndex(v.events);
}

export function jsonl(events: readonly unknown[]): string {
  return events.map((e) => JSON.stringify(e)).join("\n") + "\n";
}
