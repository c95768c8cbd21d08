/**
 * The durable outbox: survives a reload (IndexedDB over fake-indexeddb), sends in writing order,
 * waits for Retry-After (simulated time), backs off without it, keeps refusals for staff to see.
 */
import { RecordRejectedError, type RecordEvent } from "../../src/domain";
import { Outbox, type OutboxRemote } from "../../src/app/outbox";
import type { AppendOutcome } from "../../src/app/ports";
import { IdbSyncStorage } from "../../src/adapters/local/outbox-idb";
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";
import { recordBuilder } from "../contract/builders";
import { freshFactory } from "../adapters/local/fake-idb";
import { FakeClock } from "../support/graph-emulator/fake-time";

class ScriptedRemote implements OutboxRemote {
  readonly received: string[] = [];
  readonly failures: unknown[] = [];
  async append(event: RecordEvent): Promise<AppendOutcome> {
    const f = this.failures.shift();
    if (f) throw f;
    this.received.push(event.id);
    return "appended";
  }
}

const throttled = (ms: number): Error =>
  Object.assign(new Error("Microsoft Graph answered 429 (TooManyRequests)"), { retryAfterMs: ms });
const unavailable = (): Error =>
  Object.assign(new Error("Microsoft Graph answered 503 (serviceNotAvailable)"), { retryAfterMs: null });

describe("the durable outbox", () => {
  it("keeps what was written across a reload (IndexedDB) and sends it after, in writing order", async () => {
    const factory = freshFactory();
    const b = recordBuilder();
    const events = [b.person(), b.incident(), b.incident()];
    const clock = new FakeClock();
    const first = await IdbSyncStorage.open({ indexedDB: factory });
    const offline = new ScriptedRemote();
    offline.failures.push(Object.assign(new Error("offline"), { retryAfterMs: null }));
    const outbox = await Outbox.open(first, offline, { clock, sleep: clock.sleep });
    for (const e of events) await outbox.enqueue(e);
    await outbox.flush();
    expect(outbox.waitingCount).toBe(3);
    first.close();

    const second = await IdbSyncStorage.open({ indexedDB: factory });
    const remote = new ScriptedRemote();
    const reloaded = await Outbox.open(second, remote, { clock, sleep: clock.sleep });
    expect(reloaded.waitingCount).toBe(3);
    expect(reloaded.waiting()[0]!.attempts).toBe(1);
    await reloaded.drain();
    expect(remote.received).toEqual(events.map((e) => e.id));
    expect(reloaded.waitingCount).toBe(0);
    expect(await second.list()).toEqual([]);
    second.close();
  });

  it("waits for Retry-After before the next attempt, and backs off exponentially without it", async () => {
    const clock = new FakeClock();
    const remote = new ScriptedRemote();
    remote.failures.push(throttled(17_000), unavailable(), unavailable(), unavailable());
    const outbox = await Outbox.open(new MemorySyncStorage(), remote, { clock, sleep: clock.sleep, random: () => 1 });
    const start = clock.now();
    await outbox.enqueue(recordBuilder().person());
    await outbox.drain();
    expect(remote.received).toEqual(["e1"]);
    // 17 s as asked; then doubling from the attempt count (2nd, 3rd, 4th failure: 4 s, 8 s, 16 s;
    // random() = 1 puts each at the top of its jitter range).
    expect(clock.sleeps).toEqual([17_000, 4000, 8000, 16_000]);
    expect(clock.now() - start).toBe(45_000);
  });

  it("keeps an append the shared record refuses, with the reasons, until staff dismiss it; the others still go", async () => {
    const clock = new FakeClock();
    const remote = new ScriptedRemote();
    remote.failures.push(new RecordRejectedError([{ code: "E_DUPLICATE_ID", message: "id exists" }]));
    const storage = new MemorySyncStorage();
    const settled: string[] = [];
    const outbox = await Outbox.open(storage, remote, {
      clock,
      sleep: clock.sleep,
      onSettled: (e, o) => settled.push(`${e.id}:${o}`),
    });
    const b = recordBuilder();
    await outbox.enqueue(b.person());
    await outbox.enqueue(b.incident());
    await outbox.drain();
    expect(remote.received).toEqual(["e2"]);
    expect(settled).toEqual(["e1:rejected", "e2:appended"]);
    expect(outbox.needsAttention().map((e) => [e.id, e.errors?.map((x) => x.code)])).toEqual([
      ["e1", ["E_DUPLICATE_ID"]],
    ]);
    expect(outbox.waitingCount).toBe(0);
    // Still there after a reload.
    const reloaded = await Outbox.open(storage, remote, { clock, sleep: clock.sleep });
    expect(reloaded.needsAttention()).toHaveLength(1);
    await reloaded.dismiss("e1");
    expect(await storage.list()).toEqual([]);
  });

  it("tells subscribers how many changes are waiting", async () => {
    const clock = new FakeClock();
    const remote = new ScriptedRemote();
    const outbox = await Outbox.open(new MemorySyncStorage(), remote, { clock, sleep: clock.sleep });
    const seen: number[] = [];
    outbox.subscribe(() => seen.push(outbox.waitingCount));
    const b = recordBuilder();
    await outbox.enqueue(b.person());
    await outbox.enqueue(b.incident());
    await outbox.drain();
    expect(seen).toEqual([1, 2, 1, 0]);
  });
});

describe("IndexedDB replica storage", () => {
  it("writes replica items and the deltaLink together, and a reset replaces the items", async () => {
    const factory = freshFactory();
    const s = await IdbSyncStorage.open({ indexedDB: factory });
    await s.save({
      reset: false,
      upserts: [
        { itemId: "1", event: { id: "a" } },
        { itemId: "2", event: { id: "b" } },
      ],
      deletes: [],
      deltaLink: "link-1",
    });
    await s.save({ reset: false, upserts: [], deletes: ["1"], deltaLink: "link-2" });
    expect(await s.load()).toEqual({ items: [{ itemId: "2", event: { id: "b" } }], deltaLink: "link-2" });
    await s.save({ reset: true, upserts: [{ itemId: "3", event: { id: "c" } }], deletes: [], deltaLink: "link-3" });
    s.close();
    const again = await IdbSyncStorage.open({ indexedDB: factory });
    expect(await again.load()).toEqual({ items: [{ itemId: "3", event: { id: "c" } }], deltaLink: "link-3" });
    await again.set("graph.throttledUntil", 123);
    expect(await again.get("graph.throttledUntil")).toBe(123);
    again.close();
  });
});
