/**
 * A test page for the Microsoft 365 adapters in real Chromium: the product's wiring
 * (connectMicrosoft365) over real fetch (cross-origin to the emulator, so CORS preflights happen),
 * real IndexedDB (IdbSyncStorage), and the test token provider (loopback only). Test build only:
 * run.js bundles it into a temporary folder, never into dist/.
 */
import { RecordService } from "../../../../src/app/record-service";
import { DEFAULT_SETTINGS } from "../../../../src/app/m365-settings";
import { connectMicrosoft365 } from "../../../../src/adapters/graph";
import { IdbSyncStorage } from "../../../../src/adapters/local/outbox-idb";
import { TestTokenProvider } from "../../../support/graph-emulator/test-token-provider";
import type { RecordEvent } from "../../../../src/domain";

declare global {
  interface Window {
    csm: {
      setUp(): Promise<unknown>;
      record(events: RecordEvent[]): Promise<number>;
      waiting(): Promise<number>;
      drain(): Promise<{ waiting: number; status: unknown }>;
      tryForeignUrl(): Promise<string>;
    };
  }
}

const params = new URLSearchParams(location.search);
const graphBaseUrl = params.get("graph") ?? "";
const upn = params.get("upn") ?? "officer.one@opcc.example";
const scopes = [
  "User.Read",
  "Sites.Selected",
  "MailboxSettings.ReadWrite",
  "Mail.ReadWrite",
  "User.Read.All",
  "Chat.Create",
  "ChatMessage.Send",
  "Chat.Read",
];

async function open() {
  const storage = await IdbSyncStorage.open();
  const clock = { now: () => Date.now() };
  const tokens = new TestTokenProvider(upn, scopes);
  const m365 = await connectMicrosoft365({
    settings: {
      ...DEFAULT_SETTINGS,
      clientId: "00000000-0000-0000-0000-000000000001",
      graphBaseUrl,
      site: "contoso.sharepoint.com:/sites/casework",
      notifySince: "2026-01-01",
    },
    tokens,
    storage,
    clock,
    // Short real waits: the emulator answers 429 with Retry-After 1 in this test.
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 1500))),
    mailboxAddresses: [upn],
    instanceToken: `page-${Math.random().toString(36).slice(2)}`,
  });
  return { m365, tokens };
}

const ready = open();

window.csm = {
  async setUp() {
    const { m365 } = await ready;
    return m365.setUp();
  },
  async record(events) {
    const { m365 } = await ready;
    const record = new RecordService(m365.store, { now: () => Date.now() });
    await record.load();
    await record.record(events);
    return m365.outbox.waitingCount;
  },
  async waiting() {
    const { m365 } = await ready;
    return m365.outbox.waitingCount;
  },
  async drain() {
    const { m365 } = await ready;
    await m365.session.start({ poll: false });
    await m365.outbox.drain();
    await m365.session.pullNow();
    await m365.session.taskpaneOpened();
    return { waiting: m365.outbox.waitingCount, status: m365.session.getStatus() };
  },
  async tryForeignUrl() {
    const { tokens } = await ready;
    try {
      await tokens.getToken({ scopes: ["User.Read"], url: "https://graph.microsoft.com/v1.0/me" });
      return "given";
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  },
};
document.body.dataset["ready"] = "true";
