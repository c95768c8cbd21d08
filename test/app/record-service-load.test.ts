/**
 * RecordService.load: overlapping reads (an append's re-read, another tab's change signal) may
 * finish in any order; an older read never replaces a newer one on screen.
 */
import type { EventStore } from "../../src/app/ports";
import { RecordService } from "../../src/app/record-service";
import type { RecordEvent } from "../../src/domain";
import { recordBuilder } from "../contract/builders";

function gatedStore(): { store: EventStore; reads: ((events: RecordEvent[]) => void)[] } {
  const reads: ((events: RecordEvent[]) => void)[] = [];
  const store: EventStore = {
    append: () => Promise.resolve("appended"),
    readAll: () => new Promise<RecordEvent[]>((resolve) => reads.push(resolve)),
    readPerson: () => Promise.resolve([]),
  };
  return { store, reads };
}

describe("RecordService.load with overlapping reads", () => {
  const b = recordBuilder();
  const older = [b.person()] as RecordEvent[];
  const newer = [
    ...older,
    b.person({ personId: "P-2", data: { name: "Second Person", emails: ["second@example.org"], phones: [] } }),
  ] as RecordEvent[];

  it("keeps the newer read when the older one finishes last", async () => {
    const { store, reads } = gatedStore();
    const record = new RecordService(store, { now: () => 0 });
    const first = record.load();
    const second = record.load();
    reads[1]!(newer);
    await second;
    reads[0]!(older);
    await first;
    expect(record.index.events.map((l) => l.event.id)).toEqual(newer.map((e) => e.id));
  });

  it("applies reads finishing in order, each in turn", async () => {
    const { store, reads } = gatedStore();
    const record = new RecordService(store, { now: () => 0 });
    const first = record.load();
    reads[0]!(older);
    await first;
    expect(record.index.events).toHaveLength(1);
    const second = record.load();
    reads[1]!(newer);
    await second;
    expect(record.index.events).toHaveLength(2);
  });
});
