/**
 * A small world for use-case tests: the in-memory EventStore, a clock staff can move, counting
 * ids, and an ActionContext for a named member of staff.
 */
import { MemoryEventStore } from "../../src/adapters/local/memory-store";
import type { ActionContext } from "../../src/app/actions";
import { RecordService } from "../../src/app/record-service";
import type { RecordEvent } from "../../src/domain";

/**
 * A clock that moves on one second each time it is read, as real time does between two clicks, so
 * events recorded one after another are in log order by `at` (record-format §1) rather than by id.
 */
export class TestClock {
  constructor(private ms: number) {}
  now = (): number => {
    const t = this.ms;
    this.ms += 1000;
    return t;
  };
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

export class CountingIds {
  private n = 0;
  next = (prefix: string): string => `${prefix}-${++this.n}`;
}

export interface World {
  readonly store: MemoryEventStore;
  readonly record: RecordService;
  readonly clock: TestClock;
  readonly ids: CountingIds;
  /** The context for a member of staff (default officer.one). */
  ctx(by?: string): ActionContext;
  events(): Promise<RecordEvent[]>;
}

export function makeWorld(nowIso = "2026-11-03T09:30:00Z"): World {
  const store = new MemoryEventStore();
  const clock = new TestClock(Date.parse(nowIso));
  const record = new RecordService(store, clock);
  const ids = new CountingIds();
  return {
    store,
    record,
    clock,
    ids,
    ctx: (by = "officer.one@opcc.example") => ({ record, clock, ids, by }),
    events: () => store.readAll(),
  };
}
