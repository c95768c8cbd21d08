/**
 * The taskpane keeps the send digest in roaming settings: saved at start and whenever its content
 * changes, never when it does not, one save at a time, retried after a failure, stopped on request.
 */
import { parseDigest, SEND_DIGEST_SETTING } from "../../src/app/send-check";
import { publishSendDigest, whenIdle, type DigestPublished, type RoamingSettingsLike } from "../../src/app/send-digest";
import type { RecordEvent } from "../../src/domain";
import { NOW_MS, sampleRecord } from "../ui/teams/fixture";

const SECRET = "e5".repeat(32);

class FakeSettings implements RoamingSettingsLike {
  values = new Map<string, unknown>();
  pending: ((result: { status: unknown; error?: { message?: string } | null }) => void)[] = [];
  saves = 0;
  get(name: string): unknown {
    return this.values.get(name);
  }
  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } | null }) => void): void {
    this.saves += 1;
    this.pending.push(callback ?? (() => undefined));
  }
  /** Completes the oldest pending save. */
  finish(status: "succeeded" | "failed" = "succeeded"): void {
    const cb = this.pending.shift();
    if (!cb) throw new Error("no save pending");
    cb(status === "succeeded" ? { status } : { status, error: { message: "quota" } });
  }
}

const lift = (strategyId: string, personId: string, id: string): RecordEvent =>
  ({
    id,
    type: "StrategyLifted",
    personId,
    at: "2026-11-02T10:00:00Z",
    by: "officer.one@opcc.example",
    data: { strategyId, reason: "Improved." },
  }) as RecordEvent;
const note = (personId: string, id: string): RecordEvent =>
  ({
    id,
    type: "AssistanceOffered",
    personId,
    at: "2026-11-02T10:00:00Z",
    by: "officer.one@opcc.example",
    data: { accepted: false },
  }) as RecordEvent;

async function start(settings = new FakeSettings()) {
  const { record } = await sampleRecord();
  const outcomes: DigestPublished[] = [];
  const stop = publishSendDigest(record, { now: () => NOW_MS }, settings, SECRET, {
    onPublished: (o) => outcomes.push(o),
    schedule: (work) => work(), // at once, so each test can look straight after a change
  });
  return { record, settings, outcomes, stop };
}

describe("by default the digest is built when the pane is idle, not in the middle of its work", () => {
  afterEach(() => jest.useRealTimers());

  test("nothing is built at start or on a change until the page is idle; several changes make one build", async () => {
    jest.useFakeTimers();
    const { record } = await sampleRecord();
    const settings = new FakeSettings();
    const outcomes: DigestPublished[] = [];
    publishSendDigest(record, { now: () => NOW_MS }, settings, SECRET, { onPublished: (o) => outcomes.push(o) });
    expect(settings.saves).toBe(0); // not at start: the first paint comes first
    jest.runOnlyPendingTimers();
    expect(settings.saves).toBe(1);
    settings.finish();
    expect(outcomes).toEqual([{ kind: "saved", people: 2, partial: null }]);
    await record.record([note("P-3", "n1")]);
    await record.record([note("P-3", "n2")]);
    expect(outcomes).toHaveLength(1); // not during the changes
    jest.runOnlyPendingTimers();
    expect(outcomes).toEqual([
      { kind: "saved", people: 2, partial: null },
      { kind: "unchanged", people: 2 }, // one build for both changes
    ]);
  });

  test("uses requestIdleCallback where the browser has it, with a deadline", () => {
    const calls: { timeout?: number }[] = [];
    const g = globalThis as { requestIdleCallback?: unknown };
    g.requestIdleCallback = (cb: () => void, o?: { timeout: number }) => {
      calls.push(o ?? {});
      cb();
      return 1;
    };
    try {
      let ran = false;
      whenIdle(() => {
        ran = true;
      });
      expect(ran).toBe(true);
      expect(calls).toEqual([{ timeout: 2000 }]);
    } finally {
      delete g.requestIdleCallback;
    }
  });
});

const stored = (s: FakeSettings) => parseDigest(s.get(SEND_DIGEST_SETTING));

test("saves the digest at start, as JSON text the handler reads", async () => {
  const { settings, outcomes } = await start();
  expect(settings.saves).toBe(1);
  settings.finish();
  expect(outcomes).toEqual([{ kind: "saved", people: 2, partial: null }]);
  expect(typeof settings.get(SEND_DIGEST_SETTING)).toBe("string");
  expect(stored(settings)!.people.map((p) => p.ref)).toEqual(["P-1", "P-2"]);
});

test("does not save again when a change leaves the digest as it was", async () => {
  const { record, settings, outcomes } = await start();
  settings.finish();
  await record.record([note("P-3", "n1")]);
  expect(settings.saves).toBe(1);
  expect(outcomes[outcomes.length - 1]).toEqual({ kind: "unchanged", people: 2 });
});

test("saves when a strategy changes, one save at a time, the latest content last", async () => {
  const { record, settings } = await start();
  // The first save is still pending when S-1 is lifted: the second waits for it.
  await record.record([lift("S-1", "P-1", "l1")]);
  expect(settings.saves).toBe(1);
  settings.finish();
  expect(settings.saves).toBe(2);
  settings.finish();
  expect(stored(settings)!.people.map((p) => p.ref)).toEqual(["P-2"]);
});

test("a failed save is reported and retried with the next change, even if the content is the same", async () => {
  const { record, settings, outcomes } = await start();
  settings.finish("failed");
  expect(outcomes).toEqual([{ kind: "failed", message: "quota" }]);
  await record.record([note("P-3", "n1")]);
  expect(settings.saves).toBe(2);
  settings.finish();
  expect(outcomes[outcomes.length - 1]).toEqual({ kind: "saved", people: 2, partial: null });
});

test("starting over a mailbox that already holds the same digest saves nothing", async () => {
  const first = await start();
  first.settings.finish();
  first.stop();
  const again = await start(first.settings);
  expect(again.settings.saves).toBe(1);
  expect(again.outcomes).toEqual([{ kind: "unchanged", people: 2 }]);
});

test("stops when asked", async () => {
  const { record, settings, stop } = await start();
  settings.finish();
  stop();
  await record.record([lift("S-1", "P-1", "l1")]);
  expect(settings.saves).toBe(1);
});
