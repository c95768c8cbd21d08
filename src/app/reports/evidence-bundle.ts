/**
 * Evidence bundle (policy 10; issue 13 item 5): for one person and one matter, a numbered
 * chronology of what happened and what was done about it, with the file notes, as an HTML
 * document to send for professional or legal advice (10.2). It shows the steps the policy asks for
 * before further action: causes considered (7.2), a warning first (9.3), the strategy and why it
 * was proportionate (9.5), breaches and reminders (9.11), reviews at most three months apart
 * (9.12), variations (9.13–9.14), and that the strategy proved unsuccessful (10.1).
 *
 * What goes in: incidents and warnings about the matter (or naming no matter, which may be about
 * it and say so), the 7.2 considerations and reasonable adjustments (8), every event of the
 * matter's strategies and their breaches (with the contact that breached), sharing (9.15) and
 * further action (10). Withdrawn entries count for nothing (record-format §7) and are left out.
 * Nothing of anyone else's record is read.
 */
import { addCalendarMonths, londonDate, type LoggedEvent, type RecordEvent, type RecordIndex } from "../../domain";
import { definitionList, escapeHtml, fileSafe, htmlDocument, longDate, longDateTime, personName } from "./document";
import { ENTRY_TITLES, entryFields } from "./fields";
import type { ReportContext } from "./subject-access";

/** The matters a person's record names (strategies, incidents, warnings, contacts), sorted. */
export function mattersOf(index: RecordIndex, personId: string): string[] {
  const out = new Set<string>();
  for (const { event: e } of index.person(personId).history) {
    const ref = (e.data as { matterRef?: unknown }).matterRef;
    if (typeof ref === "string" && ref.trim() !== "") out.add(ref);
  }
  return [...out].sort();
}

export interface EvidenceItem {
  readonly number: number;
  readonly eventId: string;
  readonly type: RecordEvent["type"];
  readonly atMs: number;
  /** The entry names no matter: it may be about this one (staff reading it decide). */
  readonly noMatter: boolean;
}

export interface EvidenceBundle {
  readonly personId: string;
  readonly matterRef: string;
  readonly items: readonly EvidenceItem[];
  readonly html: string;
  readonly fileName: string;
  /** Figures the covering note gives. */
  readonly figures: {
    readonly incidents: number;
    readonly warnings: number;
    readonly breaches: number;
    readonly reviews: number;
    readonly reviewsLate: number;
  };
}

const MATTERED: ReadonlySet<RecordEvent["type"]> = new Set(["IncidentRecorded", "WarningIssued", "ContactLogged"]);

/** Which of the person's events belong in the bundle for the matter. */
function selected(history: readonly LoggedEvent[], matterRef: string): { logged: LoggedEvent; noMatter: boolean }[] {
  const strategies = new Set<string>();
  for (const { event: e } of history)
    if (e.type === "StrategyImposed" && e.data.matterRef === matterRef) strategies.add(e.data.strategyId);
  const breaches = new Set<string>();
  const breachContacts = new Set<string>();
  for (const { event: e } of history) {
    if (e.type === "BreachRecorded" && strategies.has(e.data.strategyId)) {
      breaches.add(e.data.breachId);
      if (e.data.contactId) breachContacts.add(e.data.contactId);
    }
  }
  const out: { logged: LoggedEvent; noMatter: boolean }[] = [];
  for (const logged of history) {
    const e = logged.event;
    let take = false;
    let noMatter = false;
    switch (e.type) {
      case "IncidentRecorded":
      case "WarningIssued":
        take = e.data.matterRef === undefined || e.data.matterRef === matterRef;
        noMatter = e.data.matterRef === undefined;
        break;
      case "ContactLogged":
        take = breachContacts.has(e.data.contactId);
        break;
      case "CausesConsidered":
      case "NeedsRecorded":
      case "AssistanceOffered":
      case "SharingRecorded":
      case "FurtherActionConsidered":
        take = true;
        break;
      case "StrategyImposed":
      case "StrategyVaried":
      case "StrategyReviewed":
      case "StrategyLifted":
      case "BreachRecorded":
        take = strategies.has(e.data.strategyId);
        break;
      case "BreachReminderSent":
      case "BreachAcknowledged":
        take = breaches.has(e.data.breachId);
        break;
      default:
        take = false;
    }
    if (take) out.push({ logged, noMatter: noMatter && MATTERED.has(e.type) });
  }
  return out;
}

/** 9.12: each review against the review date in force before it; late when after that date. */
function reviewTimeliness(history: readonly LoggedEvent[], matterRef: string): { reviews: number; late: number } {
  const due = new Map<string, string>();
  let reviews = 0;
  let late = 0;
  for (const { event: e, atMs } of history) {
    if (e.type === "StrategyImposed" && e.data.matterRef === matterRef) due.set(e.data.strategyId, e.data.reviewDue);
    if (e.type === "StrategyReviewed" && due.has(e.data.strategyId)) {
      reviews += 1;
      if (londonDate(atMs) > (due.get(e.data.strategyId) ?? "")) late += 1;
      if (e.data.nextReviewDue) due.set(e.data.strategyId, e.data.nextReviewDue);
    }
  }
  return { reviews, late };
}

/** The bundle for one person and matter; null when the record holds nothing about the person. */
export function evidenceBundle(
  index: RecordIndex,
  personId: string,
  matterRef: string,
  ctx: ReportContext,
): EvidenceBundle | null {
  if (index.eventsOf(personId).length === 0) return null;
  const state = index.person(personId);
  const name = personName(index, personId);
  const chosen = selected(state.history, matterRef);
  const items: EvidenceItem[] = chosen.map(({ logged, noMatter }, i) => ({
    number: i + 1,
    eventId: logged.event.id,
    type: logged.event.type,
    atMs: logged.atMs,
    noMatter,
  }));
  const count = (t: RecordEvent["type"]) => items.filter((x) => x.type === t).length;
  const timeliness = reviewTimeliness(state.history, matterRef);
  const figures = {
    incidents: count("IncidentRecorded"),
    warnings: count("WarningIssued"),
    breaches: count("BreachRecorded"),
    reviews: timeliness.reviews,
    reviewsLate: timeliness.late,
  };
  const strategies = [...state.strategies.values()].filter((s) => s.matterRef === matterRef);
  const strategyLines = strategies.map((s) =>
    s.active
      ? `In force since ${longDate(londonDate(s.imposedAtMs))}; next review due ${longDate(s.reviewDue)}.`
      : `Imposed ${longDate(londonDate(s.imposedAtMs))}; lifted ${s.liftedAtMs === null ? "" : longDate(londonDate(s.liftedAtMs))}.`,
  );
  const firstIncident = chosen.find((c) => c.logged.event.type === "IncidentRecorded");
  const firstWarning = chosen.find((c) => c.logged.event.type === "WarningIssued");
  const withinThreeMonths =
    firstWarning && addCalendarMonths(londonDate(firstWarning.logged.atMs), 3) >= londonDate(ctx.nowMs);

  const chronology = chosen
    .map(({ logged, noMatter }, i) => {
      const fields = entryFields(logged.event, logged.atMs, index).map((f) => [f.label, escapeHtml(f.text)] as const);
      if (noMatter) fields.push(["Matter", "none recorded on this entry"]);
      return `<section class="entry" aria-labelledby="i${i + 1}"><h3 id="i${i + 1}">${i + 1}. ${escapeHtml(longDateTime(logged.atMs))}: ${escapeHtml(ENTRY_TITLES[logged.event.type])}</h3>${definitionList(fields)}</section>`;
    })
    .join("\n");

  const overview = definitionList([
    ["Person", escapeHtml(name)],
    ["Case references", escapeHtml(state.caseRefs.join(", "))],
    ["Matter", escapeHtml(matterRef)],
    ["Contact strategy", escapeHtml(strategyLines.join(" ") || "No contact strategy for this matter.")],
    ["Incidents", String(figures.incidents)],
    ["Warnings", String(figures.warnings)],
    ["Breaches of the strategy", String(figures.breaches)],
    [
      "Reviews (9.12)",
      escapeHtml(
        figures.reviews === 0
          ? "none recorded"
          : `${figures.reviews}, of which ${figures.reviewsLate} after the review date`,
      ),
    ],
    ["First incident", firstIncident ? escapeHtml(longDate(londonDate(firstIncident.logged.atMs))) : "none recorded"],
    [
      "First warning",
      firstWarning
        ? escapeHtml(
            `${longDate(londonDate(firstWarning.logged.atMs))}${withinThreeMonths ? " (less than three months ago)" : ""}`,
          )
        : "none recorded",
    ],
    ["Prepared", escapeHtml(`${longDateTime(ctx.nowMs)}${ctx.preparedBy ? ` by ${ctx.preparedBy}` : ""}`)],
  ]);
  const body = [
    `<header><h1>Evidence bundle: ${escapeHtml(name)}, ${escapeHtml(matterRef)}</h1><p class="muted">A chronology from the contact strategy record for professional or legal advice on further action (policy 10.1–10.2). Dates and times are UK time. Entries later withdrawn are left out.</p></header>`,
    `<div class="notice" role="note"><p>Confidential: prepared for the purpose of seeking legal advice. It contains personal data; share it only with the adviser.</p></div>`,
    `<h2>Overview</h2>${overview}`,
    `<h2>Chronology</h2>`,
    chosen.length === 0 ? "<p>The record holds nothing for this matter.</p>" : chronology,
  ].join("\n");
  return {
    personId,
    matterRef,
    items,
    html: htmlDocument(`Evidence bundle: ${name}, ${matterRef}`, body),
    fileName: `evidence-bundle-${fileSafe(personId)}-${fileSafe(matterRef)}-${londonDate(ctx.nowMs)}.html`,
    figures,
  };
}
