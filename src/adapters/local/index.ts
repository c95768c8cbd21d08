/** The local adapters: the record on this device (IndexedDB), and in memory. */
import type { EventStore } from "../../app/ports";
import { IndexedDbEventStore, type IndexedDbStoreOptions } from "./indexeddb-store";
import { LocalStoreError } from "./local-store-error";
import { MemoryEventStore } from "./memory-store";

export { CHUNK_SIZE, DEFAULT_DATABASE_NAME, IndexedDbEventStore, type IndexedDbStoreOptions } from "./indexeddb-store";
export { LocalStoreError, type LocalStoreProblem } from "./local-store-error";
export { MemoryEventStore } from "./memory-store";

export interface LocalEventStore {
  readonly store: EventStore;
  /** False when the record lives in memory only and is lost on reload; `problem` says why. */
  readonly persistent: boolean;
  readonly problem?: LocalStoreError;
}

/**
 * Opens the record on this device. Only when the browser has no usable IndexedDB at all
 * (`unavailable`: private window, site data blocked) does it fall back to memory, and it says so,
 * so the surface can tell staff that nothing will be kept. Every other problem (blocked by another
 * tab, out of space, newer version) is thrown: a silent fallback there would hide records that do
 * exist on this device.
 */
export async function openLocalEventStore(options: IndexedDbStoreOptions = {}): Promise<LocalEventStore> {
  try {
    return { store: await IndexedDbEventStore.open(options), persistent: true };
  } catch (error) {
    if (error instanceof LocalStoreError && error.problem === "unavailable") {
      return { store: new MemoryEventStore(), persistent: false, problem: error };
    }
    throw error;
  }
}
