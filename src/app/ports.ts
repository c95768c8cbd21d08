/**
 * Ports: what the use cases need from the outside world. Adapters (src/adapters) make them real;
 * surfaces pick which adapter serves each port.
 */
import type { RecordEvent } from "../domain";

export type { Clock, IdSource } from "../domain";

export type AppendOutcome = "appended" | "duplicate";

/**
 * The record's store: an append-only log (record-format §1). Every implementation passes the
 * store contract suite (test/contract/store-contract.ts).
 *
 * - `append` checks the event against the log (record-format §8). Appending an id that exists
 *   with identical content resolves "duplicate" and changes nothing; with different content it
 *   rejects with a RecordRejectedError carrying E_DUPLICATE_ID; any other failed check rejects
 *   with a RecordRejectedError carrying every code. Nothing is stored when it rejects.
 * - `readAll` returns every stored event (any order; callers sort by log order).
 */
export interface EventStore {
  append(event: RecordEvent): Promise<AppendOutcome>;
  readAll(): Promise<RecordEvent[]>;
  readPerson(personId: string): Promise<RecordEvent[]>;
  /** Removes every event (used by "Reset sample data" and imports in the preview; not by production stores). */
  clear?(): Promise<void>;
}
