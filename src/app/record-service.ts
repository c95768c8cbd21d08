/**
 * The record as the surfaces use it: one in-memory read model (RecordIndex) over the store,
 * refreshed on every append, observable with React's useSyncExternalStore (subscribe/getSnapshot).
 */
import {
  checkCombinations,
  checkDuties,
  checkShape,
  CombinationRefusedError,
  DutyRefusedError,
  compareLogOrder,
  decideAppendMany,
  identifierKey,
  RecordIndex,
  RecordRejectedError,
  type Clock,
  type Contact,
  type LoggedEvent,
  type RecordEvent,
  type Verdict,
} from "../domain";
import type { AppendOutcome, EventStore } from "./ports";
import { Access } from "./roles";
import { randomIds } from "./random-ids";
import { checkPurge, isErasureStore, purgePeople, type ErasureEntry, type RetentionPolicy } from "./retention";

export interface RecordSnapshot {
  /** The whole record; empty until the first `load()` (version 0). */
  readonly index: RecordIndex;
  /** Increments on every change, so views can key on it. 0: the whole record is not in yet. */
  readonly version: number;
  /**
   * Before the whole record is in (version 0) and after `loadFirst`: what the first card needs
   * (issue 10 item 1). Null otherwise; cleared by the first `load()`.
   */
  readonly first: FirstRead | null;
}

/**
 * The people who may use some identifiers, each with their whole history (EventStore
 * `readForIdentifiers`), as a RecordIndex. For a contact whose `from` it covers, `index.evaluate`,
 * `index.identify` and `index.person` of the people it names answer exactly as the whole record
 * read at the same moment; for anything else it knows nothing, so only ask it about what it covers.
 */
export interface FirstRead {
  readonly index: RecordIndex;
  /** True when `from` (an address or number) is one of the identifiers read. */
  covers(from: string): boolean;
}

export function toLogged(events: readonly RecordEvent[]): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  for (const event of events) {
    const shape = checkShape(event);
    if (shape.event) out.push({ event: shape.event, atMs: shape.atMs, recordedAtMs: shape.recordedAtMs });
  }
  return out.sort(compareLogOrder);
}

export class RecordService {
  private snapshot: RecordSnapshot = { index: new RecordIndex([]), version: 0, first: null };
  private readonly listeners = new Set<() => void>();
  private currentAccess: Access = Access.everyone();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Reads the whole store into memory. A store that offers `readAllLogged` hands over its parsed,
   * already checked log (no copies, no second shape check); otherwise every event is read and parsed.
   */
  async load(): Promise<RecordSnapshot> {
    // Reads may overlap (an append's re-read, another tab's change signal, a refresh) and finish in
    // any order: a read that started before the last one applied is older, and never replaces it
    // (an event just recorded would otherwise vanish from the screen until the next change).
    const started = ++this.loadsStarted;
    const logged = this.store.readAllLogged ? await this.store.readAllLogged() : toLogged(await this.store.readAll());
    if (started > this.loadApplied) {
      this.loadApplied = started;
      this.setIndex(new RecordIndex(logged));
    }
    return this.snapshot;
  }

  private loadsStarted = 0;
  private loadApplied = 0;

  /**
   * The cold start's first read (issue 10 item 1): only the people who may use `identifiers` (the
   * selected message's sender), from a store that can read them alone; the snapshot's `first`
   * until the whole record is loaded. A store that cannot reads everything instead (`load()`).
   * Resolves `empty: true` when the store holds no events at all.
   */
  async loadFirst(identifiers: readonly string[]): Promise<{ readonly empty: boolean }> {
    if (!this.store.readForIdentifiers) return { empty: (await this.load()).index.events.length === 0 };
    const read = await this.store.readForIdentifiers(identifiers);
    // The whole record wins: once it is in, a first read (even one that finished later) is not shown.
    // An empty store shows nothing first (a surface may be about to fill it, as the preview does).
    if (this.snapshot.version === 0 && !read.empty) {
      const keys = new Set(identifiers.map((v) => identifierKey(v)));
      const first: FirstRead = { index: new RecordIndex(read.events), covers: (from) => keys.has(identifierKey(from)) };
      this.snapshot = { ...this.snapshot, first };
      for (const l of this.listeners) l();
    }
    return { empty: read.empty };
  }

  private setIndex(index: RecordIndex): void {
    this.snapshot = { index, version: this.snapshot.version + 1, first: null };
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RecordSnapshot => this.snapshot;

  /** What the signed-in member of staff's roles allow (app/roles.ts); everyone until a surface sets it. */
  get access(): Access {
    return this.currentAccess;
  }

  setAccess(access: Access): void {
    this.currentAccess = access;
    this.setIndex(this.snapshot.index);
  }

  get index(): RecordIndex {
    return this.snapshot.index;
  }

  /**
   * Appends events in order, stamping `recordedAt` from the clock. Stops at the first refusal
   * (RecordRejectedError with the domain's codes and messages); what was appended before stays.
   * Before anything is appended, every event is held to the separation of duties (domain/duties.ts,
   * policy 9.4–9.6, 9.12, 9.15): a breach refuses the whole batch with DutyRefusedError; and the
   * restrictions staff set are held to the combination rules (domain/combinations.ts, policy 9.6,
   * 9.9, 8.4, 9.13–9.14): a clash refuses the whole batch with CombinationRefusedError. This is the
   * path staff write through; sync and imports go to the store and are not held to them
   * (record-format §8 alone decides what a record may hold).
   */
  async record(events: readonly RecordEvent[]): Promise<AppendOutcome[]> {
    // The checks below need the whole record, not a first read.
    if (this.snapshot.version === 0) await this.load();
    for (const e of events) this.currentAccess.check(e.type); // RoleRefusedError (E_ROLE_NOT_ALLOWED)
    const duties = events.flatMap((e) => checkDuties(e, this.snapshot.index));
    if (duties.length > 0) throw new DutyRefusedError(duties);
    const clashes = events.flatMap((e) => (checkShape(e).event ? checkCombinations(e, this.snapshot.index) : []));
    if (clashes.length > 0) throw new CombinationRefusedError(clashes);
    const outcomes: AppendOutcome[] = [];
    try {
      for (const e of events) {
        const stamped = { ...e, recordedAt: e.recordedAt ?? new Date(this.clock.now()).toISOString() } as RecordEvent;
        outcomes.push(await this.store.append(stamped));
      }
    } finally {
      if (outcomes.length > 0) await this.load();
    }
    return outcomes;
  }

  /**
   * Appends an imported register's events (issue 13 item 1; the dry run in register-import/),
   * all or nothing. Only an administrator may (roles.ts MAY_IMPORT; RoleRefusedError otherwise).
   * The events are held to record-format §8 alone, as imports are (docs/record-rules.md), not to
   * the checks of the steps staff record through. With the store's `appendMany` the batch is one
   * transaction; a store without it has the whole batch checked first against the record
   * (decideAppendMany) and nothing is appended unless every event passes. A refusal is a
   * RecordRejectedError and the record is as it was. Resolves how many were added and how many
   * were already there (the same file imported again adds nothing).
   */
  async importEvents(
    events: readonly RecordEvent[],
  ): Promise<{ readonly added: number; readonly alreadyThere: number }> {
    this.currentAccess.checkImport();
    if (events.length === 0) return { added: 0, alreadyThere: 0 };
    if (this.snapshot.version === 0) await this.load();
    const recordedAt = new Date(this.clock.now()).toISOString();
    const stamped = events.map((e) => ({ ...e, recordedAt: e.recordedAt ?? recordedAt }) as RecordEvent);
    let outcomes: readonly AppendOutcome[];
    if (this.store.appendMany) {
      outcomes = await this.store.appendMany(stamped);
    } else {
      // Checked as a whole against the store as it is now, before the first append.
      const existing = this.store.readAllLogged
        ? await this.store.readAllLogged()
        : toLogged(await this.store.readAll());
      const decision = decideAppendMany(existing, stamped);
      if (decision.kind === "rejected") throw new RecordRejectedError(decision.errors);
      const out: AppendOutcome[] = [];
      try {
        for (const e of stamped) out.push(await this.store.append(e));
      } finally {
        if (out.length > 0) await this.load();
      }
      outcomes = out;
    }
    await this.load();
    const added = outcomes.filter((o) => o === "appended").length;
    return { added, alreadyThere: outcomes.length - added };
  }

  /** Whether the store can erase a person (retention, app/retention.ts). */
  get canErase(): boolean {
    return isErasureStore(this.store);
  }

  /** The erasure log (no personal data): the tombstone count is its length. */
  async erasures(): Promise<readonly ErasureEntry[]> {
    return isErasureStore(this.store) ? this.store.erasures() : [];
  }

  /** How many items of erasures interrupted part-way are still in the shared record (0 for a local store). */
  async unfinishedErasures(): Promise<number> {
    return isErasureStore(this.store) && this.store.unfinishedErasures ? this.store.unfinishedErasures() : 0;
  }

  /** Finishes erasures interrupted part-way (records officer only); reads the record again after. */
  async finishErasures(): Promise<number> {
    checkPurge(this.currentAccess);
    if (!isErasureStore(this.store) || !this.store.finishErasures) return 0;
    try {
      return await this.store.finishErasures();
    } finally {
      await this.load();
    }
  }

  /**
   * Erases the chosen people's records at the end of the retention period (issue 13 item 4):
   * records officer only (roles.ts MAY_PURGE, RoleRefusedError), confirmed, and each person due
   * now under `policy` (PurgeRefusedError otherwise, nothing deleted). Reads the record again after.
   */
  async purge(
    personIds: readonly string[],
    options: { readonly policy: RetentionPolicy; readonly confirmed: boolean },
  ): Promise<ErasureEntry[]> {
    if (this.snapshot.version === 0) await this.load();
    const ids = randomIds(this.clock);
    try {
      return await purgePeople(personIds, {
        store: this.store,
        access: this.currentAccess,
        index: this.snapshot.index,
        policy: options.policy,
        nowMs: this.clock.now(),
        confirmed: options.confirmed,
        newId: () => ids.next("erasure"),
      });
    } finally {
      await this.load();
    }
  }

  evaluate(contact: Contact): Verdict {
    return this.snapshot.index.evaluate(contact);
  }
}

export { CombinationRefusedError, DutyRefusedError, RecordRejectedError };
