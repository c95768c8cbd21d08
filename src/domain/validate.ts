/**
 * Checking a whole log (`csm validate`) and deciding one append to a store (record-format §1, §8).
 */
import { LogChecker } from "./checks";
import type { RecordError } from "./errors";
import { compareLogOrder, inLogOrder, isInLogOrder, sameContent, type LoggedEvent, type RecordEvent } from "./events";
import { checkStorable } from "./limits";
import { checkShape, type ShapeResult } from "./schema";
import { oneLine, quote } from "./text";
import { parseInstant } from "./time";

export interface LineError {
  readonly line: number | null;
  readonly id: string | null;
  readonly code: RecordError["code"];
  readonly message: string;
}

export interface ValidatedLog {
  /** Accepted, distinct events in log order. */
  readonly events: readonly LoggedEvent[];
  /** Every error, in line order (and, within a line, in the order found). */
  readonly errors: readonly LineError[];
}

export type ParsedLine =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly parseError: string }
  /** Not parsed: too long or nested too deep (limits.ts); the reason, e.g. "is nested more than 64 levels deep…". */
  | { readonly line: number; readonly refused: string };

interface Candidate {
  readonly line: number;
  logged: LoggedEvent;
  readonly shapeErrors: number;
}

function registrationsOf(events: Iterable<LoggedEvent>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { event } of events) {
    if (event.type !== "PersonRegistered") continue;
    const ids = out.get(event.personId);
    if (ids) ids.push(event.id);
    else out.set(event.personId, [event.id]);
  }
  return out;
}

/**
 * `csm validate` (§8): checks a whole file in log order and reports every failing event with its
 * line. Duplicates are found in file order: an identical one is a no-op (of two identical lines
 * the one first in log order is kept, so nothing depends on file order), and the later line of a
 * conflicting pair carries E_DUPLICATE_ID. An event that fails is not part of the log for the others.
 */
export function validateLog(lines: readonly ParsedLine[]): ValidatedLog {
  const errorsByLine = new Map<number, LineError[]>();
  const report = (line: number, id: string | null, err: { code: RecordError["code"]; message: string }): void => {
    const entry: LineError = { line, id, code: err.code, message: err.message };
    const list = errorsByLine.get(line);
    if (list) list.push(entry);
    else errorsByLine.set(line, [entry]);
  };

  const byId = new Map<string, Candidate>();
  const candidates: Candidate[] = [];
  for (const l of lines) {
    if ("refused" in l) {
      report(l.line, null, { code: "E_SCHEMA", message: `line ${l.line}: ${l.refused}` });
      continue;
    }
    if ("parseError" in l) {
      report(l.line, null, {
        code: "E_SCHEMA",
        message: `line ${l.line}: is not valid JSON (${oneLine(l.parseError)}); each line must be one JSON object (record-format §1)`,
      });
      continue;
    }
    const shape = checkShape(l.value);
    for (const err of shape.errors) report(l.line, shape.id, err);
    const logged = shape.event ? { event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs } : null;
    // Only well-formed events take an id (a line that fails its shape is never part of the log);
    // a later line reusing it is a no-op when identical and E_DUPLICATE_ID otherwise.
    if (shape.id !== null) {
      const first = byId.get(shape.id);
      if (first) {
        if (logged && shape.errors.length === 0 && sameContent(first.logged.event, logged.event)) {
          // Identical: a no-op. Keep the copy first in log order (they can differ only in recordedAt).
          if (compareLogOrder(logged, first.logged) < 0) first.logged = logged;
          continue;
        }
        report(l.line, shape.id, {
          code: "E_DUPLICATE_ID",
          message: `id: ${quote(shape.id)} is already used by line ${first.line} with different content; give this event a new id (record-format §1)`,
        });
        continue;
      }
    }
    if (logged) {
      const candidate: Candidate = { line: l.line, logged, shapeErrors: shape.errors.length };
      if (shape.id !== null && shape.errors.length === 0) byId.set(shape.id, candidate);
      candidates.push(candidate);
    }
  }

  const registrations = registrationsOf(candidates.filter((c) => c.shapeErrors === 0).map((c) => c.logged));
  if (!isInLogOrder(candidates.map((c) => c.logged))) candidates.sort((a, b) => compareLogOrder(a.logged, b.logged));
  const checker = new LogChecker(registrations);
  const accepted: LoggedEvent[] = [];
  for (const c of candidates) {
    const errors = checker.check(c.logged);
    for (const err of errors) report(c.line, c.logged.event.id, err);
    if (errors.length === 0 && c.shapeErrors === 0) {
      checker.accept(c.logged);
      accepted.push(c.logged);
    }
  }
  const errors = [...errorsByLine.keys()].sort((a, b) => a - b).flatMap((line) => errorsByLine.get(line) ?? []);
  return { events: accepted, errors };
}

/**
 * checkShape, then what the shared record can store (limits.ts checkStorable): every store writes
 * through this, so no device accepts an event that SharePoint would refuse.
 */
export function checkShapeToStore(raw: unknown): ShapeResult {
  const shape = checkShape(raw);
  if (!shape.event) return shape;
  const problems = checkStorable(shape.event);
  if (problems.length === 0) return shape;
  return {
    ...shape,
    event: null,
    errors: [...shape.errors, ...problems.map((p) => ({ code: "E_SCHEMA" as const, ...p }))],
  };
}

export type AppendDecision =
  | { readonly kind: "append"; readonly logged: LoggedEvent }
  | { readonly kind: "duplicate" }
  | { readonly kind: "rejected"; readonly errors: readonly RecordError[] };

/**
 * Decides an append to a store that holds `existing` (valid, any order): identical id → no-op,
 * conflicting id → E_DUPLICATE_ID, otherwise every §8 check against the log before it.
 */
export function decideAppend(existing: readonly LoggedEvent[], raw: unknown): AppendDecision {
  const shape = checkShapeToStore(raw);
  if (shape.id !== null) {
    const same = existing.find((x) => x.event.id === shape.id);
    if (same) {
      if (shape.event && shape.errors.length === 0 && sameContent(same.event, shape.event))
        return { kind: "duplicate" };
      return {
        kind: "rejected",
        errors: [
          ...shape.errors,
          {
            code: "E_DUPLICATE_ID",
            field: "id",
            message: `id: ${quote(shape.id)} already exists with different content; give this event a new id (record-format §1)`,
          },
        ],
      };
    }
  }
  if (!shape.event) return { kind: "rejected", errors: shape.errors };
  const logged: LoggedEvent = { event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs };
  const personId = shape.event.personId;
  const errors = [...shape.errors, ...checkAgainst(existing, logged, personId)];
  return errors.length > 0 ? { kind: "rejected", errors } : { kind: "append", logged };
}

/**
 * The §8 checks of `logged` against the valid log `existing`. Every check but E_STRATEGY_EXISTS
 * reads only the person's own events, so only those are folded; other people's strategy ids
 * (imposed before it and not retracted before it) are reserved.
 */
function checkAgainst(existing: readonly LoggedEvent[], logged: LoggedEvent, personId: string): RecordError[] {
  const own: LoggedEvent[] = [];
  const retractedBefore = new Set<string>();
  const othersImposed: LoggedEvent[] = [];
  const all: LoggedEvent[] = [logged];
  for (const x of existing) {
    const e = x.event;
    if (e.type === "PersonRegistered") all.push(x);
    if (compareLogOrder(x, logged) >= 0) continue;
    if (e.personId === personId) own.push(x);
    if (e.type === "EventRetracted") retractedBefore.add(e.data.eventId);
    else if (e.type === "StrategyImposed" && e.personId !== personId) othersImposed.push(x);
  }
  const checker = new LogChecker(registrationsOf(all));
  for (const x of othersImposed) {
    if (!retractedBefore.has(x.event.id) && x.event.type === "StrategyImposed")
      checker.reserveStrategyId(x.event.data.strategyId);
  }
  for (const x of own.sort(compareLogOrder)) checker.accept(x);
  return checker.check(logged);
}

/**
 * A stored event read back by the store that checked it on append: only its instants are parsed
 * (no §8 or shape checks). Null when it is not even structurally an event (an object with string
 * `id`, `personId`, `type`, `at` and, when present, `recordedAt` that parse, and an object `data`),
 * e.g. something written by other code; callers leave such an event out of the log, as they would
 * one that fails checkShape.
 */
export function trustedLogged(raw: unknown): LoggedEvent | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const e = raw as Record<string, unknown>;
  const { id, personId, type, at, recordedAt, data } = e;
  if (typeof id !== "string" || typeof personId !== "string" || typeof type !== "string") return null;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  if (typeof at !== "string") return null;
  const atMs = parseInstant(at);
  if (atMs === null) return null;
  let recordedAtMs: number | null = Number.NEGATIVE_INFINITY;
  if (recordedAt !== undefined) recordedAtMs = typeof recordedAt === "string" ? parseInstant(recordedAt) : null;
  if (recordedAtMs === null) return null;
  return { event: raw as RecordEvent, atMs, recordedAtMs };
}

export type BatchDecision =
  | {
      readonly kind: "append";
      /** Per event, in the order given: appended, or an identical duplicate of a stored or earlier event. */
      readonly outcomes: readonly ("appended" | "duplicate")[];
      /** The events to store (the "appended" ones), in the order given. */
      readonly logged: readonly LoggedEvent[];
    }
  | {
      readonly kind: "rejected";
      /** The first refused event, by position in the batch. */
      readonly index: number;
      readonly errors: readonly RecordError[];
    };

/**
 * Decides appending a batch, all or nothing, to a store that holds `existing` (valid, any order,
 * ids unique). Each event gets the checks decideAppend gives it (identical id → no-op, conflicting
 * id → E_DUPLICATE_ID, every §8 check against the log before it in log order), where "the log" is
 * the stored events together with the batch's other events: the batch is checked as the log it
 * would make (a registration anywhere in the batch counts, as in validateLog), in one pass in log
 * order. Events already stored are taken as valid and not checked again. When any event is
 * refused, the decision is "rejected" with the first refused event in the batch's order; nothing
 * may then be stored.
 */
export function decideAppendMany(existing: readonly LoggedEvent[], raws: readonly unknown[]): BatchDecision {
  const stored = new Map<string, LoggedEvent>();
  for (const x of existing) stored.set(x.event.id, x);
  const outcomes: ("appended" | "duplicate")[] = [];
  const fresh: { readonly index: number; readonly logged: LoggedEvent; readonly errors: readonly RecordError[] }[] = [];
  const inBatch = new Map<string, LoggedEvent>();
  let refused: { index: number; errors: readonly RecordError[] } | null = null;
  const refuse = (index: number, errors: readonly RecordError[]): void => {
    if (!refused || index < refused.index) refused = { index, errors };
  };
  raws.forEach((raw, index) => {
    const shape = checkShapeToStore(raw);
    if (shape.id !== null) {
      const same = stored.get(shape.id) ?? inBatch.get(shape.id);
      if (same) {
        if (shape.event && shape.errors.length === 0 && sameContent(same.event, shape.event)) {
          outcomes.push("duplicate");
          return;
        }
        refuse(index, [
          ...shape.errors,
          {
            code: "E_DUPLICATE_ID",
            field: "id",
            message: `id: ${quote(shape.id)} already exists with different content; give this event a new id (record-format §1)`,
          },
        ]);
        outcomes.push("duplicate");
        return;
      }
    }
    if (!shape.event) {
      refuse(index, shape.errors);
      outcomes.push("duplicate");
      return;
    }
    const logged: LoggedEvent = { event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs };
    inBatch.set(shape.event.id, logged);
    fresh.push({ index, logged, errors: shape.errors });
    outcomes.push("appended");
  });
  if (refused) return { kind: "rejected", ...(refused as { index: number; errors: readonly RecordError[] }) };

  const registrations = registrationsOf([...existing, ...fresh.map((f) => f.logged)]);
  const checker = new LogChecker(registrations);
  const old = inLogOrder(existing);
  const batch = [...fresh].sort((a, b) => compareLogOrder(a.logged, b.logged));
  let i = 0;
  for (const f of batch) {
    while (i < old.length && compareLogOrder(old[i] as LoggedEvent, f.logged) < 0)
      checker.accept(old[i++] as LoggedEvent);
    const errors = [...f.errors, ...checker.check(f.logged)];
    if (errors.length > 0) refuse(f.index, errors);
    else checker.accept(f.logged);
  }
  if (refused) return { kind: "rejected", ...(refused as { index: number; errors: readonly RecordError[] }) };
  return { kind: "append", outcomes, logged: fresh.map((f) => f.logged) };
}
