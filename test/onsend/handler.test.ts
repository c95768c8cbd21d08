/**
 * The OnMessageSend handler on every path, over office-addin-mock: exactly one event.completed,
 * the message goes on every error, and the alert when a reply goes against a strategy.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DIGEST_SECRET_STORAGE_KEY, encodeDigest } from "../../src/app/send-check";
import { buildSendDigest } from "../../src/app/send-digest";
import { blockOptions, onMessageSendHandler, WATCHDOG_MS } from "../../src/surfaces/onsend/handler";
import { NOW_MS, sampleRecord, STAFF } from "../ui/teams/fixture";
import { eventSpy, installOffice, type ComposeSeed } from "./office-mock";

/** The organisation's send-check secret, as this device holds it (OfficeRuntime.storage here). */
const SECRET = "5ec2e7".padEnd(64, "0");
let deviceSecret: string | null = SECRET;

let digestJson = "";
beforeAll(async () => {
  const { record } = await sampleRecord();
  digestJson = encodeDigest(buildSendDigest(record.index, NOW_MS, SECRET));
});

beforeEach(() => {
  deviceSecret = SECRET;
  (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime = {
    storage: {
      getItem: (key: string) => Promise.resolve(key === DIGEST_SECRET_STORAGE_KEY ? deviceSecret : null),
    },
  };
});

afterEach(() => {
  delete (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime;
});

const alex = { emailAddress: "alex@example.org", displayName: "Alex Example" };
const sam = { emailAddress: "sam@example.org", displayName: "Sam Sample" };
const advocate = { emailAddress: "Jo@Advocacy.example", displayName: "Jo Advocate" };
const colleague = { emailAddress: "officer.two@opcc.example", displayName: "Officer Two" };

async function send(seed: ComposeSeed): Promise<{ first: unknown; calls: unknown[] }> {
  installOffice({ digest: digestJson, ...seed });
  const spy = eventSpy();
  onMessageSendHandler(spy.event as unknown as Office.MailboxEvent);
  const first = await spy.done;
  // Let every pending callback run: a second completion would show up here.
  await new Promise((r) => setTimeout(r, 5));
  return { first, calls: spy.calls };
}

const allowed = { allowEvent: true };

describe("lets the message go", () => {
  test.each<[string, ComposeSeed]>([
    ["no digest has been published", { digest: undefined }],
    ["the digest is malformed", { digest: "{not json" }],
    ["the digest is of another version", { digest: JSON.stringify({ v: 99, at: "x", staff: [], people: [] }) }],
    [
      "the digest is empty",
      { digest: JSON.stringify({ v: 2, at: "2026-11-03T09:30:00.000Z", staff: [], people: [] }) },
    ],
    ["roaming settings throw", { digest: "throw" }],
    ["there is no item", { noItem: true }],
    ["no recipient has a strategy", { to: { value: [colleague, { emailAddress: "someone@example.org" }] } }],
    ["the single point of contact sends", { to: { value: [alex] }, user: STAFF }],
    [
      "the SPOC sends from a shared mailbox",
      { to: { value: [alex] }, user: STAFF, from: { value: { emailAddress: "team@opcc.example" } } },
    ],
    [
      "it is sent from the strategy's dedicated address",
      { to: { value: [alex] }, from: { value: { emailAddress: "Casework@opcc.example" } } },
    ],
    ["the advocate is copied in", { to: { value: [sam] }, cc: { value: [advocate] } }],
    ["the To field cannot be read", { to: "fail", cc: { value: [alex] } }],
    ["the Bcc field cannot be read", { to: { value: [alex] }, bcc: "fail" }],
    ["reading recipients throws", { to: "throw" }],
    ["a recipient entry has no address", { to: { value: [{ displayName: "No address" } as never] } }],
  ])("when %s", async (_name, seed) => {
    const { first, calls } = await send(seed);
    expect(first).toEqual(allowed);
    expect(calls).toHaveLength(1);
  });

  test.each<[string, string | null]>([
    ["this device has no copy of the organisation's secret", null],
    ["this device holds another secret than the digest's", "0".repeat(63) + "1"],
    ["this device's secret is malformed", "not hex"],
  ])("when %s, even to a person under a strategy", async (_name, secret) => {
    deviceSecret = secret;
    const { first, calls } = await send({ to: { value: [alex] }, user: "officer.two@opcc.example" });
    expect(first).toEqual(allowed);
    expect(calls).toHaveLength(1);
  });

  test("without OfficeRuntime, the secret is read from the origin's storage", async () => {
    delete (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime;
    const g = globalThis as { localStorage?: unknown };
    g.localStorage = { getItem: (key: string) => (key === DIGEST_SECRET_STORAGE_KEY ? SECRET : null) };
    try {
      const { first } = await send({ to: { value: [alex] }, user: "officer.two@opcc.example" });
      expect((first as Office.SmartAlertsEventCompletedOptions).allowEvent).toBe(false);
    } finally {
      delete g.localStorage;
    }
  });

  test("when the client never answers, after the watchdog, and only once", async () => {
    jest.useFakeTimers();
    try {
      installOffice({ digest: digestJson, to: "never", from: "never" });
      const spy = eventSpy();
      onMessageSendHandler(spy.event as unknown as Office.MailboxEvent);
      jest.advanceTimersByTime(WATCHDOG_MS - 1);
      expect(spy.calls).toHaveLength(0);
      jest.advanceTimersByTime(1);
      expect(spy.calls).toEqual([allowed]);
    } finally {
      jest.useRealTimers();
    }
  });

  test("when the client answers only after the watchdog: allowed once, the late answer changes nothing", async () => {
    jest.useFakeTimers();
    try {
      installOffice({ digest: digestJson, to: { value: [alex], delayMs: WATCHDOG_MS + 1000 } });
      const spy = eventSpy();
      onMessageSendHandler(spy.event as unknown as Office.MailboxEvent);
      jest.advanceTimersByTime(WATCHDOG_MS + 2000);
      expect(spy.calls).toEqual([allowed]);
    } finally {
      jest.useRealTimers();
    }
  });

  test("when event.completed itself throws, nothing escapes and it is not called again", async () => {
    installOffice({ digest: digestJson, to: { value: [alex] } });
    let calls = 0;
    const event = {
      completed: () => {
        calls += 1;
        throw new Error("host gone");
      },
    };
    expect(() => onMessageSendHandler(event as unknown as Office.MailboxEvent)).not.toThrow();
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(1);
  });
});

describe("stops the message with the alert", () => {
  test("when someone other than the single point of contact replies", async () => {
    const { first, calls } = await send({ to: { value: [alex] }, user: "officer.two@opcc.example" });
    expect(calls).toHaveLength(1);
    const o = first as Office.SmartAlertsEventCompletedOptions;
    expect(o.allowEvent).toBe(false);
    expect(o.sendModeOverride).toBe("promptUser");
    expect(o.errorMessage).toContain(
      "Alex Example (alex@example.org) has a contact strategy for CPL-2026-0042 (policy 9.9)",
    );
    expect(o.errorMessage).toContain(
      `only the single point of contact, ${STAFF}, writes to them, and this message is from officer.two@opcc.example.`,
    );
    // 8.4, 9.13: the recorded adjustments to honour, and none of the detail of "other".
    expect(o.errorMessage).toContain("Their recorded adjustments: large print, easy read");
    expect(o.errorMessage).not.toContain("mornings");
    expect(o.errorMessage).toContain("Send Anyway");
    expect(o.errorMessage!.length).toBeLessThanOrEqual(500);
  });

  test("when the person is found under a linked address, in Bcc, in any case", async () => {
    const { first } = await send({ bcc: { value: [{ emailAddress: " ALEX.ALT@example.ORG " }] } });
    expect((first as Office.SmartAlertsEventCompletedOptions).allowEvent).toBe(false);
  });

  test("when the From is a shared mailbox that is not the strategy's address, sent by a colleague", async () => {
    const { first } = await send({ to: { value: [alex] }, from: { value: { emailAddress: "team@opcc.example" } } });
    expect((first as Office.SmartAlertsEventCompletedOptions).errorMessage).toContain(
      "this message is from team@opcc.example",
    );
  });

  test("when the From cannot be read, judging by the signed-in user", async () => {
    const { first } = await send({ to: { value: [alex] }, from: "fail", user: "officer.two@opcc.example" });
    expect((first as Office.SmartAlertsEventCompletedOptions).errorMessage).toContain(
      "this message is from officer.two@opcc.example",
    );
  });

  test("when the advocate is not a recipient (advocate only)", async () => {
    const { first, calls } = await send({ to: { value: [sam] }, user: STAFF });
    expect(calls).toHaveLength(1);
    const o = first as Office.SmartAlertsEventCompletedOptions;
    expect(o.allowEvent).toBe(false);
    expect(o.errorMessage).toContain("contact goes through their advocate, who is not a recipient of this message.");
  });

  test("naming the others when several restricted people are recipients", async () => {
    const { first } = await send({ to: { value: [alex, sam] } });
    expect((first as Office.SmartAlertsEventCompletedOptions).errorMessage).toContain(
      "Another recipient has a contact strategy too.",
    );
  });

  test("without Send Anyway on a client older than Mailbox 1.14 (the manifest's SoftBlock applies)", async () => {
    const { first } = await send({ to: { value: [alex] }, mailbox: 1.13 });
    const o = first as Office.SmartAlertsEventCompletedOptions;
    expect(o.allowEvent).toBe(false);
    expect(o.sendModeOverride).toBeUndefined();
  });

  test("once, even when the client calls back twice", async () => {
    const { calls } = await send({
      to: { value: [alex] },
      doubleCallbacks: true,
      from: { value: { emailAddress: "x@opcc.example" } },
    });
    expect(calls).toHaveLength(1);
  });

  test("blockOptions leaves the override out when the enum is missing from office.js", () => {
    installOffice({});
    (Office as unknown as { MailboxEnums: unknown }).MailboxEnums = {};
    expect(blockOptions("text")).toEqual({ allowEvent: false, errorMessage: "text" });
  });
});

describe("the entry", () => {
  test("associates a working handler under the manifest's FunctionName when the script loads", async () => {
    const manifest = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
    const functionName = /<LaunchEvent Type="OnMessageSend" FunctionName="([^"]+)"/.exec(manifest)?.[1];
    expect(functionName).toBeDefined();
    const { handlers } = installOffice({});
    await jest.isolateModulesAsync(async () => {
      await import("../../src/surfaces/onsend/main");
    });
    const handler = handlers[functionName as string];
    expect(typeof handler).toBe("function");
    const spy = eventSpy();
    handler!(spy.event);
    expect(await spy.done).toEqual(allowed);
  });
});
