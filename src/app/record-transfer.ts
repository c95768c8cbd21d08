/**
 * Import and export of the record as JSON Lines (record-format §1 interchange form), for the
 * preview and training. An import is checked as a whole first (record-format §8, as `csm
 * validate` does) and nothing is written unless every line passes, so a bad file never costs
 * what is already recorded. The events are then written with the store's `appendMany` when it
 * has one (one transaction, all or nothing), otherwise one `append` at a time.
 */
import {
  checkShape,
  checkStorable,
  MAX_LINE_CHARS,
  parseWithinLimits,
  validateLog,
  type LineError,
  type ParsedLine,
  type RecordEvent,
} from "../domain";
import type { EventStore } from "./ports";
import { toLogged } from "./record-service";

export function parseJsonl(text: string): ParsedLine[] {
  const lines: ParsedLine[] = [];
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  rows.forEach((row, i) => {
    if (row.trim() === "") return;
    // Limits before parsing (domain limits.ts): a line nested 5,000 deep is refused, never stored.
    lines.push({ line: i + 1, ...parseWithinLimits(row, MAX_LINE_CHARS) });
  });
  return lines;
}

/** The record in log order, one event per line. */
export function toJsonl(events: readonly RecordEvent[]): string {
  return toLogged(events)
    .map((l) => JSON.stringify(l.event))
    .join("\n")
    .concat(events.length ? "\n" : "");
}

export type ImportResult =
  | { readonly ok: true; readonly added: number; readonly alreadyThere: number }
  | { readonly ok: false; readonly errors: readonly LineError[] };

export interface ImportOptions {
  /** Replace the whole record with the file (training scenarios), instead of adding to it. */
  readonly replace?: boolean;
}

const fail = (message: string): ImportResult => ({
  ok: false,
  errors: [{ line: null, id: null, code: "E_SCHEMA", message }],
});

/**
 * The events already in the record are validated as "line 0" (above); a message that points at
 * one says so in words instead of naming a line the file does not have (issue 14 item 11). The
 * domain's message (and csm's) is unchanged.
 */
function withoutLineZero(e: LineError): LineError {
  const message = e.message.replace(/\bline 0\b/g, "an event already in the record");
  return e.line === 0 ? { ...e, line: null, message } : { ...e, message };
}

export async function importRecord(
  store: EventStore,
  text: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const fileLines = parseJsonl(text);
  if (fileLines.length === 0) return fail("The file has no events in it (JSON Lines: one event per line).");
  if (options.replace && !store.clear) return fail("This store cannot be replaced; import adds to it instead.");
  const existing = options.replace ? [] : await store.readAll();
  // Existing events go first with line 0, so a clash is reported against the file's line (§8: the later line of a conflicting duplicate).
  const combined: ParsedLine[] = [...existing.map((value) => ({ line: 0, value })), ...fileLines];
  const checked = validateLog(combined);
  // What the store could not keep (limits.ts): refused here with its line, not by the store later.
  const tooLarge: LineError[] = fileLines.flatMap((l) => {
    if (!("value" in l)) return [];
    const shape = checkShape(l.value);
    if (!shape.event) return [];
    return checkStorable(l.value).map((p) => ({
      line: l.line,
      id: shape.id,
      code: "E_SCHEMA" as const,
      message: p.message,
    }));
  });
  const errors = [...checked.errors.filter((e) => e.line !== 0), ...tooLarge].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0),
  );
  if (errors.length > 0 || checked.errors.length > 0)
    return { ok: false, errors: (errors.length ? errors : checked.errors).map(withoutLineZero) };
  const known = new Set(existing.map((e) => e.id));
  const toAdd = checked.events.filter((l) => !known.has(l.event.id));
  const fileIds = new Set(
    fileLines.flatMap((l) =>
      "value" in l && typeof (l.value as { id?: unknown })?.id === "string" ? [(l.value as { id: string }).id] : [],
    ),
  );
  if (options.replace) await store.clear?.();
  let added = 0;
  if (store.appendMany) {
    const outcomes = await store.appendMany(toAdd.map((l) => l.event));
    added = outcomes.filter((o) => o === "appended").length;
  } else {
    for (const l of toAdd) if ((await store.append(l.event)) === "appended") added += 1;
  }
  return { ok: true, added, alreadyThere: [...fileIds].filter((id) => known.has(id)).length };
}
