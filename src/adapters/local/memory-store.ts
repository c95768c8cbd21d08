/**
 * An EventStore held in memory: for tests, command-line tools, and as the fallback when the
 * browser offers no IndexedDB (nothing survives a reload). Same semantics as every store: it
 * passes test/contract/store-contract.ts.
 *
 * An append is decided and applied synchronously at the moment it is called (an async function
 * runs to its first await before returning), so concurrent callers are served in call order: two
 * appends of the same event give "appended" and "duplicate".
 */
import { RecordRejectedError, type LoggedEvent, type RecordEvent } from "../../domain";
import type { AppendOutcome, EventStore } from "../../app/ports";
import { erasureEntry, type ErasureEntry, type ErasureRequest, type ErasureStore } from "../../app/retention";
import { EventLog, toJsonEvent } from "./event-log";

export class MemoryEventStore implements EventStore, ErasureStore {
  private readonly log = new EventLog();
  /** The erasure log (app/retention.ts): no personal data, only when, how many and which role. */
  private readonly erased: ErasureEntry[] = [];

  /** Removes every event of the person together and logs the erasure without personal data. */
  async erasePerson(personId: string, request: ErasureRequest): Promise<ErasureEntry> {
    const events = this.log.removePerson(personId);
    const entry = erasureEntry(request, events);
    this.erased.push(entry);
    return { ...entry };
  }

  async erasures(): Promise<readonly ErasureEntry[]> {
    return this.erased.map((e) => ({ ...e }));
  }

  async append(event: RecordEvent): Promise<AppendOutcome> {
    const decision = this.log.decide(toJsonEvent(event));
    if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
    if (decision.kind === "duplicate") return "duplicate";
    this.log.add(decision.logged.event, decision.logged);
    return "appended";
  }

  /** All or nothing (see EventStore.appendMany); decided and applied synchronously, like `append`. */
  async appendMany(events: readonly RecordEvent[]): Promise<AppendOutcome[]> {
    const jsons = events.map((e) => toJsonEvent(e));
    const decision = this.log.decideMany(jsons);
    if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
    this.log.addMany(decision.logged);
    return [...decision.outcomes];
  }

  async readAllLogged(): Promise<readonly LoggedEvent[]> {
    return this.log.loggedEvents();
  }

  async readAll(): Promise<RecordEvent[]> {
    return this.log.all();
  }

  async readPerson(personId: string): Promise<RecordEvent[]> {
    return this.log.person(personId);
  }

  async clear(): Promise<void> {
    this.log.clear();
  }
}
