/**
 * Two pages on one local record (the preview's pane and the Teams tab): a change in one reaches the
 * other's read model without a reload, over a channel that carries no personal data.
 */
import { RecordService } from "../../src/app/record-service";
import { followRecordChanges, type SignalChannel } from "../../src/app/record-signal";
import { acknowledgementEvent } from "../../src/app/register";
import { MANAGER, NOW_MS, sampleRecord } from "../ui/teams/fixture";

/** A pair of channels: what one posts, the other receives (as BroadcastChannel, never itself). */
type TestChannel = SignalChannel & { sent: unknown[]; deliver: (data: unknown) => void };
function channelPair(): [TestChannel, TestChannel] {
  const make = () => {
    const listeners: ((e: { data: unknown }) => void)[] = [];
    return {
      sent: [] as unknown[],
      peer: null as null | { deliver: (d: unknown) => void },
      deliver: (data: unknown) => listeners.forEach((l) => l({ data })),
      postMessage(message: unknown) {
        this.sent.push(message);
        const peer = this.peer;
        queueMicrotask(() => peer?.deliver(message));
      },
      addEventListener(_type: "message", listener: (e: { data: unknown }) => void) {
        listeners.push(listener);
      },
      close() {
        this.peer = null;
      },
    };
  };
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("an append in one page appears in the other, once, and the signal carries only a count", async () => {
  const { record: pane, store } = await sampleRecord();
  const tab = new RecordService(store, { now: () => NOW_MS });
  await tab.load();
  const [a, b] = channelPair();
  followRecordChanges(pane, a);
  followRecordChanges(tab, b);
  const before = tab.index.events.length;
  await pane.record([
    acknowledgementEvent({ breachId: "B-1", personId: "P-1", note: "Seen.", by: MANAGER, at: "2026-11-03T09:00:00Z" }),
  ]);
  await settle();
  await settle();
  expect(tab.index.events.length).toBe(before + 1);
  expect(tab.index.person("P-1").breaches.get("B-1")?.acknowledged).toBe(true);
  // The pane said so once; the tab's re-read did not echo back.
  expect(a.sent).toEqual([{ events: before + 1 }]);
  expect(b.sent).toEqual([]);
  expect(JSON.stringify(a.sent)).not.toMatch(/Alex|P-1|Seen/);
});

test("a message that is not a change signal is ignored; stopping closes the channel", async () => {
  const { record, store } = await sampleRecord();
  const [a] = channelPair();
  const load = jest.spyOn(record, "load");
  const stop = followRecordChanges(record, a);
  a.deliver({ hello: "world" });
  a.deliver(null);
  expect(load).not.toHaveBeenCalled();
  stop();
  await store.append(
    acknowledgementEvent({ breachId: "B-1", personId: "P-1", note: "", by: MANAGER, at: "2026-11-03T09:00:00Z" }),
  );
  await record.load();
  expect(a.sent).toEqual([]); // unsubscribed: its own reload says nothing
});
