/**
 * The record as the taskpane uses it when the organisation shares it (SharePoint): an EventStore
 * that answers from the local replica plus this device's outbox, and appends to the outbox. It
 * never waits for the network, so recording works offline and under throttling; the outbox sends
 * in the background and the replica follows the shared list by delta sync.
 *
 * `append` applies the record-format §8 checks at once against what this device knows (the synced
 * replica and its own waiting appends), so staff see a refusal immediately; the shared store checks
 * again when the outbox delivers (against the log as synced then).
 */
import { RecordRejectedError, type LoggedEvent, type RecordEvent } from "../domain";
import { checkOrganisationAddresses, checkShape, decideAppend } from "../domain";
import type { Outbox } from "./outbox";
import type { AppendOutcome, EventStore } from "./ports";
import { PurgeRefusedError, type ErasureEntry, type ErasureRequest, type ErasureStore } from "./retention";
import type { SyncEngine } from "./sync";

function toJson(event: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(event);
  } catch {
    throw new RecordRejectedError([
      { code: "E_SCHEMA", field: "event", message: "event: must be JSON data (no cycles or BigInt values)" },
    ]);
  }
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

export class SharedRecordStore implements EventStore, ErasureStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sync: SyncEngine,
    private readonly outbox: Outbox,
    private readonly onAppended: () => void = () => outbox.kick(),
    /**
     * The organisation's email domains (the signed-in mailbox's, from the directory): a person's or
     * a blocked address on them, or a forward outside them, is refused (domain organisation.ts).
     */
    private readonly organisationDomains: readonly string[] = [],
    /** The shared store's erasure (retention, app/retention.ts); null where it cannot erase. */
    private readonly eraser: ErasureStore | null = null,
  ) {}

  /**
   * Retention erasure through the shared store. Refused while this device still has the person's
   * events waiting to be sent: they would put part of the record back after it was erased.
   */
  async erasePerson(personId: string, request: ErasureRequest): Promise<ErasureEntry> {
    if (!this.eraser)
      throw new PurgeRefusedError(
        "E_NOT_SUPPORTED",
        "Nothing was deleted: this record cannot delete a person's events.",
      );
    if (this.outbox.waiting().some((w) => (w.event as { personId?: unknown }).personId === personId))
      throw new PurgeRefusedError(
        "E_NOT_SUPPORTED",
        "Nothing was deleted: this device still has records about this person waiting to be sent. Try again once they have been sent.",
      );
    return this.eraser.erasePerson(personId, request);
  }

  async erasures(): Promise<readonly ErasureEntry[]> {
    return this.eraser ? this.eraser.erasures() : [];
  }

  async unfinishedErasures(): Promise<number> {
    return this.eraser?.unfinishedErasures ? this.eraser.unfinishedErasures() : 0;
  }

  async finishErasures(): Promise<number> {
    return this.eraser?.finishErasures ? this.eraser.finishErasures() : 0;
  }

  /** The replica's valid events with this device's waiting appends (not yet in the shared list). */
  private known(): { events: RecordEvent[]; logged: LoggedEvent[] } {
    const events = [...this.sync.events()];
    const logged = [...this.sync.logged()];
    const ids = new Set(events.map((e) => e.id));
    for (const entry of this.outbox.waiting()) {
      if (ids.has(entry.id)) continue;
      const shape = checkShape(entry.event);
      if (!shape.event) continue;
      events.push(shape.event);
      logged.push({ event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs });
      ids.add(entry.id);
    }
    return { events, logged };
  }

  append(event: RecordEvent): Promise<AppendOutcome> {
    // One append at a time, so two concurrent appends of one event give "appended" then "duplicate".
    const run = this.queue.then(async (): Promise<AppendOutcome> => {
      await this.sync.open();
      const json = toJson(event);
      const decision = decideAppend(this.known().logged, json);
      if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
      if (decision.kind === "duplicate") return "duplicate";
      const outside = checkOrganisationAddresses(decision.logged.event, this.organisationDomains);
      if (outside.length > 0) throw new RecordRejectedError(outside);
      await this.outbox.enqueue(decision.logged.event);
      this.onAppended();
      return "appended";
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async readAll(): Promise<RecordEvent[]> {
    await this.sync.open();
    // Copies: what a caller does with the events it read never changes the replica or the outbox.
    return structuredClone(this.known().events);
  }

  async readPerson(personId: string): Promise<RecordEvent[]> {
    return (await this.readAll()).filter((e) => e.personId === personId);
  }
}
