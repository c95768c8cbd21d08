/**
 * Ports: what the use cases need from the outside world. Adapters (src/adapters) make them real;
 * surfaces pick which adapter serves each port.
 */
import type { LoggedEvent, RecordEvent } from "../domain";

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
 * - `appendMany` (optional) appends a batch in one go, ALL OR NOTHING: each event is checked as
 *   `append` would check it, against the stored events and the batch's other events together in
 *   log order (a registration anywhere in the batch counts). It resolves one outcome per event, in
 *   the order given ("duplicate" for an identical stored event or an identical earlier one in the
 *   batch). If any event is refused it rejects with the RecordRejectedError of the first refused
 *   event in the batch's order and stores nothing.
 * - `readAllLogged` (optional) returns the valid stored events, already parsed, in log order,
 *   without copying or checking them again (they were checked on append): the fast way to build
 *   a RecordIndex. The events are the store's own: read-only.
 * - `readForIdentifiers` (optional; issue 10 item 1) reads, in one consistent read and without the
 *   rest of the log, every event of every person whose registration or link names one of the
 *   identifiers (compared by the domain's `identifierKey`), whatever has since been unlinked or
 *   retracted: everyone who may be "who uses this address" (record-format §6), each with their
 *   whole history, so a RecordIndex over just these events identifies a sender with one of those
 *   identifiers, and folds them, exactly as one over the whole log does. `empty`: the store holds
 *   no events at all. `seq`: the store's write counter at that read, when it has one.
 */
export interface IdentifiersRead {
  readonly events: readonly LoggedEvent[];
  readonly empty: boolean;
  readonly seq?: number;
}

export interface EventStore {
  append(event: RecordEvent): Promise<AppendOutcome>;
  readAll(): Promise<RecordEvent[]>;
  readPerson(personId: string): Promise<RecordEvent[]>;
  appendMany?(events: readonly RecordEvent[]): Promise<AppendOutcome[]>;
  readAllLogged?(): Promise<readonly LoggedEvent[]>;
  readForIdentifiers?(identifiers: readonly string[]): Promise<IdentifiersRead>;
  /** Removes every event (used by "Reset sample data" and imports in the preview; not by production stores). */
  clear?(): Promise<void>;
}
