/**
 * Size and nesting limits, checked before anything parses, copies or walks a value recursively
 * (JSON.parse, structuredClone, IndexedDB, JSON.stringify and String() all recurse or copy whole
 * values: one item nested 5,000 deep stops every one of them with a RangeError).
 *
 * Two kinds:
 * - Nesting (MAX_DEPTH) is part of reading any event, `csm` included: no event of the record nests
 *   anywhere near 64 levels, and past it the answer is one E_SCHEMA error with its line.
 * - Sizes are what the shared record can store (a SharePoint list, docs/architecture.md "The
 *   record"): an event's `data` is JSON in one multi-line plain-text column (at most 63,999
 *   characters); `personId`, `by` and the other envelope fields are single-line text columns (at
 *   most 255). They are checked wherever an event is written (decideAppend: the local store, the
 *   outbox-backed shared record, SharePoint; import), so no device accepts what SharePoint answers
 *   with 400. `csm` reads the record-format, which sets no size, so it reads any size whole.
 */

/** How deep an event (or a contact) may nest, counting the event object itself as 1. */
export const MAX_DEPTH = 64;
/** The JSON of an event's `data`: a SharePoint multi-line plain-text column (63,999 characters). */
export const MAX_DATA_CHARS = 63_999;
/** One envelope field (`personId`, `by`, …): a SharePoint single-line text column. */
export const MAX_ENVELOPE_CHARS = 255;
/** One text inside `data` (a file note, a reason): well inside the column's limit. */
export const MAX_TEXT_CHARS = 20_000;
/** One line of an import or one shared-list item before it is parsed: far above any storable event. */
export const MAX_LINE_CHARS = 1_000_000;

/** 63999 → "63,999" (not toLocaleString: the same text in every runtime). */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * Scans JSON text without parsing it: too long, or nested deeper than MAX_DEPTH? Brackets inside
 * strings are skipped (escapes honoured). Returns why the text is refused, or null. Malformed JSON
 * is left to JSON.parse to describe.
 */
export function scanJsonText(text: string, maxChars = Number.POSITIVE_INFINITY): string | null {
  if (text.length > maxChars)
    return `is ${thousands(text.length)} characters long; at most ${thousands(maxChars)} are read (record-format §1)`;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth += 1;
      if (depth > MAX_DEPTH) return nestingProblem();
    } else if (ch === 0x7d || ch === 0x5d) depth -= 1;
  }
  return null;
}

const nestingProblem = (): string =>
  `is nested more than ${MAX_DEPTH} levels deep; an event of the record never is (record-format §1)`;

export interface LimitProblem {
  /** The field path where the limit is passed (`data`, `data.summary`, `personId`, or `event`). */
  readonly field: string;
  readonly message: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Walks a parsed value without recursion: is it nested deeper than `maxDepth`, and an upper bound
 * of its JSON length (every character of a string or key counted as the longest escape, `\u0000`).
 * Stops as soon as `maxDepth` is passed, so a hostile value costs no more than the limit.
 */
function measure(value: unknown, maxDepth: number): { tooDeep: boolean; chars: number } {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 1 }];
  let chars = 0;
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v === "string") chars += v.length * 6 + 2;
    else if (typeof v === "object" && v !== null) {
      if (d > maxDepth) return { tooDeep: true, chars };
      chars += 2;
      if (Array.isArray(v)) {
        for (const x of v) stack.push({ v: x, d: d + 1 });
        chars += v.length;
      } else {
        for (const [k, x] of Object.entries(v)) {
          chars += k.length * 6 + 4;
          stack.push({ v: x, d: d + 1 });
        }
      }
    } else chars += 24; // numbers, booleans, null
  }
  return { tooDeep: false, chars };
}

/** The exact JSON length of `value` (safe to call: its depth was checked first). */
function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** An event nested deeper than MAX_DEPTH, checked on the parsed value before anything else looks at it. */
export function checkEventLimits(raw: unknown): LimitProblem | null {
  if (!measure(raw, MAX_DEPTH).tooDeep) return null;
  const field = isPlainObject(raw) ? deepestField(raw) : "event";
  return { field, message: `${field}: ${nestingProblem()}` };
}

/** The first text of `data` longer than MAX_TEXT_CHARS, with its path (`data.summary`). */
function longText(data: unknown): { field: string; length: number } | null {
  const stack: { v: unknown; path: string }[] = [{ v: data, path: "data" }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (v.length > MAX_TEXT_CHARS) return { field: path, length: v.length };
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: `${path}[${i}]` }));
    else if (typeof v === "object" && v !== null)
      for (const [k, x] of Object.entries(v))
        stack.push({ v: x, path: /^[A-Za-z0-9_]{1,40}$/.test(k) ? `${path}.${k}` : `${path}[…]` });
  }
  return null;
}

/**
 * What the shared record can store (call after checkShape, on an event of sound shape): the
 * envelope's single-line fields, each text of `data`, and `data` as stored. Every problem is
 * E_SCHEMA naming the field and saying how much is allowed.
 */
export function checkStorable(event: unknown): LimitProblem[] {
  if (!isPlainObject(event)) return [];
  const problems: LimitProblem[] = [];
  for (const key of ["personId", "by", "type", "at", "recordedAt"]) {
    const v = event[key];
    if (typeof v === "string" && v.length > MAX_ENVELOPE_CHARS)
      problems.push({
        field: key,
        message: `${key}: is ${thousands(v.length)} characters long; at most ${MAX_ENVELOPE_CHARS} fit the shared record (record-format §1)`,
      });
  }
  const data = event["data"];
  if (typeof data !== "object" || data === null) return problems;
  const long = longText(data);
  if (long) {
    problems.push({
      field: long.field,
      message: `${long.field}: is ${thousands(long.length)} characters long; at most ${thousands(MAX_TEXT_CHARS)} fit the shared record, so shorten it (record-format §1)`,
    });
    return problems;
  }
  // The bound is generous; only a value that might pass the limit pays for its exact length.
  const bound = measure(data, MAX_DEPTH).chars;
  const chars = bound > MAX_DATA_CHARS ? jsonLength(data) : bound;
  if (chars > MAX_DATA_CHARS)
    problems.push({
      field: "data",
      message: `data: is ${thousands(chars)} characters as JSON; at most ${thousands(MAX_DATA_CHARS)} fit one event of the shared record; shorten its texts (record-format §1)`,
    });
  return problems;
}

/** Which top-level field of an over-deep event holds the nesting (`data` usually). */
function deepestField(raw: Record<string, unknown>): string {
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "object" && v !== null && measure(v, MAX_DEPTH - 1).tooDeep)
      return /^[A-Za-z]{1,20}$/.test(k) ? k : "event";
  }
  return "event";
}

/** A contact (record-format §6) given to `evaluate`: nesting only (it is never stored). */
export function checkContactLimits(raw: unknown): LimitProblem | null {
  if (measure(raw, MAX_DEPTH).tooDeep) return { field: "contact", message: `contact: ${nestingProblem()}` };
  return null;
}

/** JSON text parsed only when it is within the limits: the value, why it is refused, or the parser's error. */
export type LimitedParse = { readonly value: unknown } | { readonly refused: string } | { readonly parseError: string };

export function parseWithinLimits(text: string, maxChars = Number.POSITIVE_INFINITY): LimitedParse {
  const refused = scanJsonText(text, maxChars);
  if (refused !== null) return { refused };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { parseError: err instanceof Error ? err.message : String(err) };
  }
}
