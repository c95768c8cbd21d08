/**
 * Keeps several pages on one local record in step: the preview's taskpane and the Teams tab read
 * the same IndexedDB log, but each RecordService holds its own read model. When one page's model
 * changes (an append, an import, a Reset), it says so on a channel (a BroadcastChannel in the
 * browser), and every other page re-reads the store. No personal data goes on the channel: only
 * the number of events, which lets a page that re-read tell its own reload from a new change.
 */
import type { RecordService } from "./record-service";

/** The part of BroadcastChannel this needs. */
export interface SignalChannel {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

export const RECORD_SIGNAL_CHANNEL = "csm-record-changed";

/** Starts following; returns a function that stops. */
export function followRecordChanges(record: RecordService, channel: SignalChannel): () => void {
  let known = record.index.events.length;
  const unsubscribe = record.subscribe(() => {
    const n = record.index.events.length;
    if (n === known) return;
    known = n;
    channel.postMessage({ events: n });
  });
  channel.addEventListener("message", (event) => {
    const data = event.data as { events?: unknown } | null;
    if (!data || typeof data.events !== "number") return;
    known = data.events;
    void record.load().catch(() => undefined); // a failed re-read leaves the page as it was; the next change retries
  });
  return () => {
    unsubscribe();
    channel.close();
  };
}
