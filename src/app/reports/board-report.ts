/**
 * Board report (issue 13 item 6): figures for one calendar quarter (London dates, record-format
 * §1), with no names or references in them, and the same as CSV.
 *
 *   strategies    imposed in the quarter and in force at its end, by restriction kind (9.9)
 *   reviews       done in the quarter, on time (on or before the review date then in force) or
 *                 late, and strategies overdue for review at the end (9.12)
 *   outcomes      of those reviews: continue, vary, lift (9.12)
 *   breaches      recorded in the quarter, by restriction kind, and how many acknowledged (9.11, 4.5)
 *   warnings      issued in the quarter, and whether an incident followed within three calendar
 *                 months (9.3: the opportunity to change); "too soon to tell" while the three months run
 *
 * A quarter still running is reported as at now. Withdrawn events count for nothing (§7).
 */
import {
  MONTH_NAMES,
  RESTRICTION_KINDS,
  RESTRICTION_LABELS,
  addCalendarMonths,
  activeStrategies,
  londonDate,
  londonMidnight,
  type RecordIndex,
  type RestrictionKind,
  type ReviewOutcome,
} from "../../domain";
import { csvCell } from "../register";
import { longDate } from "./document";

export interface Quarter {
  readonly year: number;
  /** 1–4: January–March, April–June, July–September, October–December. */
  readonly q: 1 | 2 | 3 | 4;
}

export function quarterOf(nowMs: number): Quarter {
  const d = londonDate(nowMs);
  return { year: Number(d.slice(0, 4)), q: (Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1) as Quarter["q"] };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.q === 1 ? { year: q.year - 1, q: 4 } : { year: q.year, q: (q.q - 1) as Quarter["q"] };
}

/** "2026-Q4" ⇄ quarter; null for anything else. */
export function quarterKey(q: Quarter): string {
  return `${q.year}-Q${q.q}`;
}
export function parseQuarter(text: string): Quarter | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(text.trim());
  return m ? { year: Number(m[1]), q: Number(m[2]) as Quarter["q"] } : null;
}

/** First and last London date of the quarter. */
export function quarterDates(q: Quarter): { first: string; last: string } {
  const firstMonth = (q.q - 1) * 3 + 1;
  const first = `${q.year}-${String(firstMonth).padStart(2, "0")}-01`;
  const last = addCalendarMonths(first, 3);
  const lastMs = londonMidnight(last) - 1;
  return { first, last: londonDate(lastMs) };
}

/** "October to December 2026". */
export function quarterLabel(q: Quarter): string {
  const m = (q.q - 1) * 3;
  return `${MONTH_NAMES[m] ?? ""} to ${MONTH_NAMES[m + 2] ?? ""} ${q.year}`;
}

export interface KindCount {
  readonly kind: RestrictionKind;
  readonly label: string;
  readonly imposed: number;
  readonly inForce: number;
  readonly breaches: number;
}

export interface BoardReport {
  readonly quarter: Quarter;
  readonly label: string;
  readonly first: string;
  readonly last: string;
  /** The London date the figures are as at: the quarter's last day, or today while it runs. */
  readonly asAt: string;
  readonly complete: boolean;
  readonly strategies: { readonly imposed: number; readonly inForceAtEnd: number; readonly lifted: number };
  /** Every restriction kind, in the catalogue's order (a strategy with two kinds counts in both). */
  readonly byKind: readonly KindCount[];
  readonly reviews: {
    readonly done: number;
    readonly onTime: number;
    readonly late: number;
    readonly overdueAtEnd: number;
  };
  readonly outcomes: Readonly<Record<ReviewOutcome, number>>;
  readonly breaches: { readonly recorded: number; readonly acknowledged: number };
  readonly warnings: {
    readonly issued: number;
    readonly noFurtherIncident: number;
    readonly furtherIncident: number;
    readonly tooSoon: number;
  };
}

export function boardReport(index: RecordIndex, quarter: Quarter, nowMs: number): BoardReport {
  const { first, last } = quarterDates(quarter);
  const today = londonDate(nowMs);
  const complete = today > last;
  const asAt = complete ? last : today;
  const endMs = complete ? londonMidnight(addCalendarMonths(first, 3)) - 1 : nowMs;
  const inQuarter = (atMs: number) => {
    const d = londonDate(atMs);
    return d >= first && d <= last && atMs <= nowMs;
  };

  const kinds = new Map<RestrictionKind, { imposed: number; inForce: number; breaches: number }>(
    RESTRICTION_KINDS.map((k) => [k, { imposed: 0, inForce: 0, breaches: 0 }]),
  );
  const strategies = { imposed: 0, inForceAtEnd: 0, lifted: 0 };
  const reviews = { done: 0, onTime: 0, late: 0, overdueAtEnd: 0 };
  const outcomes: Record<ReviewOutcome, number> = { continue: 0, vary: 0, lift: 0 };
  const breaches = { recorded: 0, acknowledged: 0 };
  const warnings = { issued: 0, noFurtherIncident: 0, furtherIncident: 0, tooSoon: 0 };

  for (const personId of index.personIds()) {
    const full = index.person(personId);
    const history = full.history;
    const due = new Map<string, string>();
    history.forEach(({ event: e, atMs }, i) => {
      switch (e.type) {
        case "StrategyImposed":
          due.set(e.data.strategyId, e.data.reviewDue);
          if (inQuarter(atMs)) {
            strategies.imposed += 1;
            for (const k of new Set(e.data.restrictions.map((r) => r.kind))) {
              const c = kinds.get(k);
              if (c) c.imposed += 1;
            }
          }
          break;
        case "StrategyReviewed": {
          const dueThen = due.get(e.data.strategyId);
          if (dueThen === undefined) break; // a review of a strategy that does not count
          if (inQuarter(atMs)) {
            reviews.done += 1;
            if (londonDate(atMs) <= dueThen) reviews.onTime += 1;
            else reviews.late += 1;
            outcomes[e.data.outcome] += 1;
            if (e.data.outcome === "lift") strategies.lifted += 1;
          }
          if (e.data.nextReviewDue) due.set(e.data.strategyId, e.data.nextReviewDue);
          break;
        }
        case "StrategyLifted": {
          const s = full.strategies.get(e.data.strategyId);
          // Counted once: the lift that ended it (a later lift of a lifted strategy changes nothing).
          if (s && s.liftedAtMs === atMs && inQuarter(atMs)) strategies.lifted += 1;
          break;
        }
        case "BreachRecorded":
          if (inQuarter(atMs)) {
            breaches.recorded += 1;
            const c = kinds.get(e.data.restriction);
            if (c) c.breaches += 1;
            const b = full.breaches.get(e.data.breachId);
            // Acknowledged by the end of the quarter (or now).
            const ack = history.some(
              (l) =>
                l.event.type === "BreachAcknowledged" && l.event.data.breachId === e.data.breachId && l.atMs <= endMs,
            );
            if (b && ack) breaches.acknowledged += 1;
          }
          break;
        case "WarningIssued": {
          if (!inQuarter(atMs)) break;
          warnings.issued += 1;
          const windowEnd = addCalendarMonths(londonDate(atMs), 3);
          // After the warning in log order (§1), up to the end of the same date three months on.
          const followed = history
            .slice(i + 1)
            .some((l) => l.event.type === "IncidentRecorded" && londonDate(l.atMs) <= windowEnd && l.atMs <= nowMs);
          if (followed) warnings.furtherIncident += 1;
          else if (today <= windowEnd) warnings.tooSoon += 1;
          else warnings.noFurtherIncident += 1;
          break;
        }
        default:
          break;
      }
    });
    // In force at the end: the fold as at then, and whether its review was overdue then.
    const then = index.person(personId, endMs);
    for (const s of activeStrategies(then)) {
      strategies.inForceAtEnd += 1;
      if (asAt > s.reviewDue) reviews.overdueAtEnd += 1;
      for (const k of new Set(s.restrictions.map((r) => r.kind))) {
        const c = kinds.get(k);
        if (c) c.inForce += 1;
      }
    }
  }

  return {
    quarter,
    label: quarterLabel(quarter),
    first,
    last,
    asAt,
    complete,
    strategies,
    byKind: RESTRICTION_KINDS.map((kind) => ({
      kind,
      label: RESTRICTION_LABELS[kind],
      ...(kinds.get(kind) ?? { imposed: 0, inForce: 0, breaches: 0 }),
    })),
    reviews,
    outcomes,
    breaches,
    warnings,
  };
}

export const BOARD_CSV_COLUMNS = ["Quarter", "Section", "Figure", "Count"] as const;

/** The figures as rows: section, figure, count (the page's tables and the CSV share them). */
export function boardRows(r: BoardReport): { section: string; figure: string; count: number }[] {
  const asAt = longDate(r.asAt);
  const rows: { section: string; figure: string; count: number }[] = [];
  const add = (section: string, figure: string, count: number) => rows.push({ section, figure, count });
  add("Contact strategies (9.4–9.9)", "Imposed in the quarter", r.strategies.imposed);
  add("Contact strategies (9.4–9.9)", `In force on ${asAt}`, r.strategies.inForceAtEnd);
  add("Contact strategies (9.4–9.9)", "Lifted in the quarter", r.strategies.lifted);
  for (const k of r.byKind) add("Imposed by restriction (9.9)", k.label, k.imposed);
  for (const k of r.byKind) add(`In force on ${asAt} by restriction (9.9)`, k.label, k.inForce);
  add("Reviews (9.12)", "Done in the quarter", r.reviews.done);
  add("Reviews (9.12)", "On time", r.reviews.onTime);
  add("Reviews (9.12)", "Late", r.reviews.late);
  add("Reviews (9.12)", `Overdue on ${asAt}`, r.reviews.overdueAtEnd);
  add("Review outcomes (9.12)", "Continue", r.outcomes.continue);
  add("Review outcomes (9.12)", "Vary", r.outcomes.vary);
  add("Review outcomes (9.12)", "Lift", r.outcomes.lift);
  add("Breaches (9.11)", "Recorded in the quarter", r.breaches.recorded);
  add("Breaches (9.11)", "Acknowledged by a line manager", r.breaches.acknowledged);
  for (const k of r.byKind) add("Breaches by restriction (9.11)", k.label, k.breaches);
  add("Warnings (9.1–9.3)", "Issued in the quarter", r.warnings.issued);
  add("Warnings (9.1–9.3)", "No further incident within 3 months", r.warnings.noFurtherIncident);
  add("Warnings (9.1–9.3)", "Further incident within 3 months", r.warnings.furtherIncident);
  add("Warnings (9.1–9.3)", "Too soon to tell (3 months not yet passed)", r.warnings.tooSoon);
  return rows;
}

/**
 * The report as CSV: a header row, then one figure a row. No names or references (the figures
 * are counts). Cells are CSV-injection-safe (csvCell); UTF-8 with a byte order mark, CRLF (RFC 4180).
 */
export function boardReportCsv(r: BoardReport): string {
  const lines = [BOARD_CSV_COLUMNS.map(csvCell).join(",")];
  const q = quarterKey(r.quarter);
  for (const row of boardRows(r)) lines.push([q, row.section, row.figure, String(row.count)].map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function boardReportFileName(q: Quarter): string {
  return `board-report-${quarterKey(q)}.csv`;
}
