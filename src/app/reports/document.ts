/**
 * What the report documents share: HTML escaping, dates as people read them ("27 February 2027",
 * London time, record-format §1), names in place of ids, and one self-contained HTML page with
 * print CSS, so a browser's Print → Save as PDF gives a paper copy. The page loads nothing (no
 * script, no image, no external style): it is safe to open from a download, and its own
 * Content-Security-Policy says so.
 */
import {
  CHANNEL_LABELS,
  MONTH_NAMES,
  RESTRICTION_LABELS,
  formatTimeOfDay,
  isCalendarDate,
  londonTime,
  type RecordIndex,
} from "../../domain";

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A calendar date `YYYY-MM-DD` as "27 February 2027" (as written when it is not a real date). */
export function longDate(date: string): string {
  if (!isCalendarDate(date)) return date;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1] ?? ""} ${y}`;
}

/** An instant as "27 February 2027 at 09:30" (London time). */
export function longDateTime(atMs: number): string {
  const t = londonTime(atMs);
  return `${longDate(t.date)} at ${formatTimeOfDay(t.minutes)}`;
}

export function channelWords(channel: string): string {
  return (CHANNEL_LABELS as Record<string, string>)[channel] ?? channel;
}

export function restrictionKindWords(kind: string): string {
  return (RESTRICTION_LABELS as Record<string, string>)[kind] ?? kind;
}

/** How a strategy is named in a document: by its matter, not its id ("the strategy for CPL-2026-0042"). */
export function strategyName(index: RecordIndex, personId: string, strategyId: string): string {
  for (const { event: e } of index.eventsOf(personId)) {
    if (e.type === "StrategyImposed" && e.data.strategyId === strategyId)
      return `the contact strategy for ${e.data.matterRef}`;
  }
  return "a contact strategy";
}

/** The person's name on record (a retracted registration does not name them). */
export function personName(index: RecordIndex, personId: string): string {
  const name = index.person(personId).name;
  return name.trim() === "" ? "(no name on record)" : name;
}

/**
 * Print CSS: A4 with margins, black on white, entries kept whole across pages, and marks that do
 * not rely on colour (a border and a label), so a black-and-white print still shows them.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", system-ui, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; background: #fff; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 .25rem; }
h2 { font-size: 14pt; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #888; }
h3 { font-size: 11.5pt; margin: 1rem 0 .25rem; }
dl { display: grid; grid-template-columns: minmax(9rem, 30%) 1fr; gap: .15rem 1rem; margin: .25rem 0 .75rem; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; border: 1px solid #999; padding: .25rem .5rem; }
.entry, tr { break-inside: avoid; page-break-inside: avoid; }
.entry { border-left: 3px solid #555; padding-left: .75rem; margin: .75rem 0; }
.muted { color: #444; }
.notice { border: 2px solid #1a1a1a; padding: .5rem .75rem; margin: 1rem 0; }
mark.review { background: #fff3bf; color: inherit; outline: 2px dashed #8a6d00; outline-offset: 1px; }
.review-label { font-size: 9pt; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.withdrawn { text-decoration: line-through; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  mark.review { background: none; outline: 1.5px dashed #000; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
`;

/** A whole HTML page: UTF-8, British English, one main landmark, a CSP that allows only its own inline style, and print CSS. */
export function htmlDocument(title: string, body: string): string {
  return [
    "<!doctype html>",
    '<html lang="en-GB">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** A definition list of label → already-escaped HTML values; rows with an empty value are left out. */
export function definitionList(rows: readonly (readonly [string, string])[]): string {
  const kept = rows.filter(([, v]) => v !== "");
  if (kept.length === 0) return "";
  return `<dl>${kept.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

/** A file-name-safe form of a reference ("P-1001", "CPL-2026-0042"). */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "record";
}
