/**
 * Bench-only page (bench/sections/taskpane.js): fills this origin's local record before the
 * product's page is opened, through the product's own store (so the layout is whatever the
 * current schema is), as a device that has been used for a long time would hold it.
 *
 * `window.csmSeed(url)` deletes the database, fetches the JSONL at `url` and appends every event
 * in one `appendMany`; it resolves to the number of events stored.
 */
import { DEFAULT_DATABASE_NAME, IndexedDbEventStore } from "../../src/adapters/local";
import type { RecordEvent } from "../../src/domain";

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`${name} is open in another page`));
  });
}

async function seed(url: string): Promise<number> {
  await deleteDatabase(DEFAULT_DATABASE_NAME);
  const text = await (await fetch(url, { cache: "no-store" })).text();
  const events = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as RecordEvent);
  const store = await IndexedDbEventStore.open();
  await store.appendMany(events);
  const stored = (await store.readAll()).length;
  store.close();
  return stored;
}

(window as unknown as { csmSeed: typeof seed }).csmSeed = seed;
document.title = "seed ready";
