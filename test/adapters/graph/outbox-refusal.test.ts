/**
 * The outbox over the SharePoint store, against the emulator (issue 16, Deliver 1 and 2): a change
 * the server refuses for good (4xx other than 408/429) is kept as "needs attention" with its reason
 * and what to do, and the later changes go on; a change too large for SharePoint written by an older
 * version is refused with the field named instead of being retried for ever.
 */
import { Outbox, permanentRefusal } from "../../../src/app/outbox";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import { RecordRejectedError, type RecordEvent } from "../../../src/domain";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { FakeClock } from "../../support/graph-emulator/fake-time";
import { recordBuilder } from "../../contract/builders";
import { makeClient, seedTenant, setUpLists, sharePointStore } from "./tenant";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  await setUpLists(makeClient(emu.baseUrl, fetch).graph);
});

afterEach(async () => {
  await emu.close();
});

async function outboxOverSharePoint(storage = new MemorySyncStorage()) {
  const clock = new FakeClock();
  const { store, sync } = sharePointStore(makeClient(emu.baseUrl, fetch, undefined, { clock }).graph);
  const outbox = await Outbox.open(storage, store, { clock, sleep: clock.sleep, random: () => 0.5 });
  return { outbox, sync, clock, storage };
}

const listed = async (sync: { pull(): Promise<unknown>; events(): RecordEvent[] }): Promise<string[]> => {
  await sync.pull();
  return sync.events().map((e) => e.id);
};

describe("the outbox and permanent refusals", () => {
  it("a 400 from SharePoint leaves the change needing attention with its reason and what to do; later changes go on", async () => {
    const b = recordBuilder();
    const { outbox, sync } = await outboxOverSharePoint();
    await outbox.enqueue(b.person({ id: "p1", at: 0 }));
    await outbox.drain();
    emu.emulator.addFault({ path: "/items", method: "POST", status: 400, code: "invalidRequest" });
    await outbox.enqueue(b.incident({ id: "refused", at: 1 }));
    await outbox.enqueue(b.incident({ id: "later", at: 2 }));
    await outbox.drain(); // returns: nothing is waiting behind the refused change
    expect(outbox.waitingCount).toBe(0);
    expect(outbox.needsAttention().map((e) => [e.id, e.refusal?.status, e.refusal?.canRetry])).toEqual([
      ["refused", 400, false],
    ]);
    expect(outbox.needsAttention()[0]?.refusal?.whatToDo).toMatch(/shorter text/);
    expect(await listed(sync)).toEqual(["p1", "later"]);
  });

  it("a 403 can be sent again once access is given; 429 and 408 are still retried, not refused", async () => {
    const b = recordBuilder();
    const { outbox, sync } = await outboxOverSharePoint();
    await outbox.enqueue(b.person({ id: "p1", at: 0 }));
    emu.emulator.addFault({ path: "/items", method: "POST", status: 403, code: "accessDenied" });
    await outbox.drain();
    expect(outbox.needsAttention()[0]?.refusal).toMatchObject({ status: 403, canRetry: true });
    await outbox.retry("p1");
    expect(outbox.waitingCount).toBe(1);
    await outbox.drain();
    expect(outbox.needsAttention()).toEqual([]);
    expect(await listed(sync)).toEqual(["p1"]);

    emu.emulator.addFault({ path: "/items", method: "POST", status: 408 });
    emu.emulator.addFault({ path: "/items", method: "POST", status: 429, retryAfter: 1, times: 5 });
    await outbox.enqueue(b.incident({ id: "slow", at: 1 }));
    await outbox.drain();
    expect(outbox.needsAttention()).toEqual([]);
    expect(await listed(sync)).toEqual(["p1", "slow"]);
    expect(permanentRefusal({ status: 401 })).toBeNull();
    expect(permanentRefusal({ status: 500 })).toBeNull();
    expect(permanentRefusal(new Error("offline"))).toBeNull();
  });

  it("a 300,000-character file note queued by an older version is refused with the field named, and the next change goes", async () => {
    const b = recordBuilder();
    const storage = new MemorySyncStorage();
    const person = b.person({ id: "p1", at: 0 });
    const note = { ...b.incident({ id: "note", at: 1 }) };
    (note.data as { summary: string }).summary = "x".repeat(300_000);
    const later = b.incident({ id: "later", at: 2 });
    [person, note, later].forEach((event, i) =>
      storage.put({ id: event.id, event, seq: i + 1, enqueuedAt: 0, attempts: 0, nextAttemptAt: 0, state: "waiting" }),
    );
    const { outbox, sync } = await outboxOverSharePoint(storage);
    await outbox.drain();
    expect(outbox.needsAttention().map((e) => [e.id, e.errors?.map((x) => x.field)])).toEqual([
      ["note", ["data.summary"]],
    ]);
    expect(await listed(sync)).toEqual(["p1", "later"]);
    // And a new one is refused before it is stored at all.
    await expect(outbox.enqueue({ ...note, id: "note2" })).rejects.toBeInstanceOf(RecordRejectedError);
    expect(outbox.has("note2")).toBe(false);
  });
});
