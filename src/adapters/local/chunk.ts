/**
 * How the IndexedDB store packs events (schema version 2): a chunk holds a run of events with
 * consecutive `seq`s as ONE JSON array text, with each event's instants (record-format §1 `at`,
 * `recordedAt`) already parsed into two Float64Arrays.
 *
 * Why this shape: on a cold start the taskpane reads every chunk (issue 3 item 8). Chromium reads a
 * few large rows far faster than many small ones, a string and a typed array come out of
 * IndexedDB as one copy each where an array of objects is rebuilt object by object, JSON.parse is
 * V8's fastest way to make the objects, and stored instants spare parsing 20,000 timestamps again.
 * The events were checked (§8) when they were appended, so nothing is checked on the way back.
 */
import type { LoggedEvent, RecordEvent } from "../../domain";
import { LocalStoreError } from "./local-store-error";

export interface StoredChunk {
  /** The `seq` of the first event; the chunk's key. */
  readonly first: number;
  /** The events, in `seq` order, as a JSON array. */
  readonly json: string;
  /** Each event's `at` in ms since the epoch; NaN for an event that is not well-formed. */
  readonly atMs: Float64Array;
  /** Each event's `recordedAt` in ms; -Infinity when absent (sorts first, §1); NaN as above. */
  readonly recordedAtMs: Float64Array;
}

/** An event to pack: parsed (a LoggedEvent), or, from an old database, one that is not well-formed. */
export interface ChunkEntry {
  readonly event: RecordEvent;
  readonly atMs: number;
  readonly recordedAtMs: number;
}

export const chunkLength = (chunk: StoredChunk): number => chunk.atMs.length;

/** A new chunk holding `entries` from `first`. */
export function makeChunk(first: number, entries: readonly ChunkEntry[]): StoredChunk {
  return {
    first,
    json: `[${entries.map((e) => JSON.stringify(e.event)).join(",")}]`,
    atMs: Float64Array.from(entries, (e) => e.atMs),
    recordedAtMs: Float64Array.from(entries, (e) => e.recordedAtMs),
  };
}

/** `chunk` with `entries` after its events (the JSON text is extended, not parsed again). */
export function extendChunk(chunk: StoredChunk, entries: readonly ChunkEntry[]): StoredChunk {
  if (entries.length === 0) return chunk;
  const more = makeChunk(chunk.first, entries);
  const atMs = new Float64Array(chunk.atMs.length + entries.length);
  atMs.set(chunk.atMs);
  atMs.set(more.atMs, chunk.atMs.length);
  const recordedAtMs = new Float64Array(atMs.length);
  recordedAtMs.set(chunk.recordedAtMs);
  recordedAtMs.set(more.recordedAtMs, chunk.recordedAtMs.length);
  const json = chunk.atMs.length === 0 ? more.json : `${chunk.json.slice(0, -1)},${more.json.slice(1)}`;
  return { first: chunk.first, json, atMs, recordedAtMs };
}

/**
 * The chunk's events, and for each the parsed form (null for one that is not well-formed: kept by
 * id, left out of the log). A chunk that cannot be read is reported as a damaged record.
 */
export function openChunk(
  chunk: StoredChunk,
  databaseName: string,
): { events: RecordEvent[]; logged: (LoggedEvent | null)[] } {
  let events: unknown;
  try {
    events = JSON.parse(chunk.json);
  } catch {
    events = null;
  }
  const n = chunk.atMs?.length;
  if (!Array.isArray(events) || events.length !== n || chunk.recordedAtMs?.length !== n) {
    throw new LocalStoreError(
      "failed",
      `The local record ("${databaseName}") is damaged: the events stored from number ${chunk.first} cannot be read. ` +
        "Nothing was changed. If you have an export of the record, remove this site's data and import it again; otherwise ask your administrator.",
    );
  }
  const logged: (LoggedEvent | null)[] = new Array<LoggedEvent | null>(n);
  for (let i = 0; i < n; i++) {
    const atMs = chunk.atMs[i] as number;
    const recordedAtMs = chunk.recordedAtMs[i] as number;
    logged[i] =
      Number.isNaN(atMs) || Number.isNaN(recordedAtMs) ? null : { event: events[i] as RecordEvent, atMs, recordedAtMs };
  }
  return { events: events as RecordEvent[], logged };
}
