/**
 * Subject access export (issue 13 item 3; UK GDPR Art. 15): everything the record holds about one
 * person, as a readable HTML document (printable to PDF from the browser) and as JSON Lines, one
 * event per line. Nothing of anyone else's record is read: only the person's own events (a
 * retraction always names an event of the same person, record-format §8 E_UNKNOWN_EVENT).
 *
 * Withdrawn entries are included and say so: they are still held, so they are still the person's
 * data (record-format §1: nothing is deleted in place). Fields the organisation must consider
 * before release are marked for review in both forms (fields.ts says which and why); the export
 * redacts nothing itself: that decision is the organisation's.
 */
import { STAGE_LABELS, londonDate, stageOf, type RecordEvent, type RecordIndex } from "../../domain";
import { definitionList, escapeHtml, fileSafe, htmlDocument, longDate, longDateTime, personName } from "./document";
import { ENTRY_TITLES, REVIEW_LABELS, REVIEW_REASONS, entryFields, type ReviewReason } from "./fields";

export interface ReportContext {
  /** When the document is made (the clock's now). */
  readonly nowMs: number;
  /** Who made it (the signed-in member of staff), when known. */
  readonly preparedBy?: string | null;
}

/** One line of the JSONL export. */
export interface SubjectAccessLine {
  /** The event exactly as the record holds it. */
  readonly event: RecordEvent;
  /** Set when a later EventRetracted withdrew it. */
  readonly withdrawn: { readonly by: string; readonly reason: string } | null;
  /** Fields to consider before release: the path in `event` and why. */
  readonly forReview: readonly { readonly field: string; readonly reason: ReviewReason }[];
}

export interface SubjectAccessExport {
  readonly personId: string;
  readonly name: string;
  readonly html: string;
  readonly jsonl: string;
  readonly lines: readonly SubjectAccessLine[];
  /** How many fields are marked for review, across all entries. */
  readonly markedForReview: number;
  readonly htmlFileName: string;
  readonly jsonlFileName: string;
}

function reviewMark(reason: ReviewReason, valueHtml: string): string {
  return `<mark class="review" data-review="${reason}"><span class="review-label">Review before release: ${escapeHtml(REVIEW_LABELS[reason])}.</span> ${valueHtml}</mark>`;
}

/** The export for one person; null when the record holds nothing about them. */
export function subjectAccessExport(
  index: RecordIndex,
  personId: string,
  ctx: ReportContext,
): SubjectAccessExport | null {
  const events = index.eventsOf(personId);
  if (events.length === 0) return null;
  const name = personName(index, personId);
  const retractions = new Map<string, RecordEvent>();
  for (const { event: e } of events) if (e.type === "EventRetracted") retractions.set(e.data.eventId, e);

  const lines: SubjectAccessLine[] = [];
  const entries: string[] = [];
  let marked = 0;
  const reasonsUsed = new Set<ReviewReason>();
  events.forEach(({ event: e, atMs }, i) => {
    const fields = entryFields(e, atMs, index);
    const retraction = retractions.get(e.id);
    const withdrawn =
      retraction?.type === "EventRetracted" ? { by: retraction.id, reason: retraction.data.reason } : null;
    const forReview = fields.filter((f) => f.review).map((f) => ({ field: f.path, reason: f.review as ReviewReason }));
    marked += forReview.length;
    for (const r of forReview) reasonsUsed.add(r.reason);
    lines.push({ event: e, withdrawn, forReview });
    const rows = fields.map(
      (f) => [f.label, f.review ? reviewMark(f.review, escapeHtml(f.text)) : escapeHtml(f.text)] as const,
    );
    if (withdrawn && retraction) {
      rows.push([
        "Withdrawn",
        `yes, on ${escapeHtml(longDateTime(Date.parse(retraction.at)))}: this entry counts for nothing, but it is still held`,
      ]);
    }
    entries.push(
      `<section class="entry" aria-labelledby="e${i + 1}"><h3 id="e${i + 1}">${i + 1}. ${escapeHtml(ENTRY_TITLES[e.type])}${withdrawn ? " (withdrawn)" : ""}</h3>${definitionList(rows)}</section>`,
    );
  });

  const state = index.person(personId);
  const preparedOn = longDateTime(ctx.nowMs);
  const summary = definitionList([
    ["Name", escapeHtml(name)],
    ["Email addresses", escapeHtml(state.emails.join(", "))],
    ["Phone numbers", escapeHtml(state.phones.join(", "))],
    ["Case references", escapeHtml(state.caseRefs.join(", "))],
    ["Where things stand", escapeHtml(STAGE_LABELS[stageOf(state)])],
    ["Entries on the record", String(events.length)],
    ["First entry", escapeHtml(longDate(londonDate(events[0]?.atMs ?? 0)))],
    ["Prepared", escapeHtml(`${preparedOn}${ctx.preparedBy ? ` by ${ctx.preparedBy}` : ""}`)],
  ]);
  const key = [...reasonsUsed]
    .sort()
    .map((r) => `<li><strong>${escapeHtml(REVIEW_LABELS[r])}</strong>: ${escapeHtml(REVIEW_REASONS[r])}</li>`)
    .join("");
  const body = [
    `<header><h1>Subject access: ${escapeHtml(name)}</h1><p class="muted">Everything the contact strategy record holds about this person, oldest first. Dates and times are UK time.</p></header>`,
    `<div class="notice" role="note"><h2>Before you release this</h2><p>${marked === 0 ? "No field is marked for review." : `${marked} field${marked === 1 ? " is" : "s are"} marked “Review before release”. Decide for each whether to release, redact or withhold it, and record why. Remove the marks from the copy you send.`}</p>${key ? `<ul>${key}</ul>` : ""}<p>Print this page and choose “Save as PDF” to make the PDF copy.</p></div>`,
    `<h2>About the person</h2>${summary}`,
    `<h2>The record</h2>`,
    ...entries,
  ].join("\n");
  const base = `subject-access-${fileSafe(personId)}-${londonDate(ctx.nowMs)}`;
  return {
    personId,
    name,
    html: htmlDocument(`Subject access: ${name}`, body),
    jsonl: lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
    lines,
    markedForReview: marked,
    htmlFileName: `${base}.html`,
    jsonlFileName: `${base}.jsonl`,
  };
}
