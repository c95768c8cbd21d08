/**
 * This device's copy of the record after sign-out or when access is taken away (issue 16,
 * Deliver 5): through connectMicrosoft365 and the Graph emulator, and IndexedDB (fake-indexeddb).
 */
import { RecordService } from "../../src/app/record-service";
import { signOutAndWipe } from "../../src/app/local-data";
import { connectMicrosoft365, type Microsoft365 } from "../../src/adapters/graph";
import { IdbSyncStorage } from "../../src/adapters/local/outbox-idb";
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";
import { DEFAULT_SETTINGS, SettingsStore } from "../../src/app/m365-settings";
import { startGraphEmulator, type RunningEmulator } from "../support/graph-emulator";
import { FakeClock } from "../support/graph-emulator/fake-time";
import { TestTokenProvider } from "../support/graph-emulator/test-token-provider";
import { freshFactory } from "../adapters/local/fake-idb";
import { recordBuilder } from "../contract/builders";
import { ALL_PRODUCT_SCOPES, seedTenant, SITE_REF, STAFF_A } from "../adapters/graph/tenant";

let emu: RunningEmulator;
let m365: Microsoft365;
let storage: MemorySyncStorage;
let clock: FakeClock;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  clock = new FakeClock(Date.parse("2026-03-02T09:30:00Z"));
  storage = new MemorySyncStorage();
  m365 = await connectMicrosoft365({
    settings: {
      ...DEFAULT_SETTINGS,
      clientId: "00000000-0000-0000-0000-000000000001",
      graphBaseUrl: emu.baseUrl,
      site: SITE_REF,
    },
    tokens: new TestTokenProvider(STAFF_A, ALL_PRODUCT_SCOPES),
    storage,
    clock,
    sleep: clock.sleep,
    fetch,
    mailboxAddresses: [STAFF_A],
    instanceToken: "page-1",
    features: { notifications: false, mailRules: false },
  });
  await m365.setUp();
  await m365.session.start({ poll: false });
});

afterEach(async () => {
  m365.session.stop();
  await emu.close();
});

async function recordSomething(): Promise<RecordService> {
  const record = new RecordService(m365.store, clock);
  await record.load();
  await record.record([recordBuilder().person({ at: 0 })]);
  return record;
}

describe("sign-out", () => {
  it("with changes waiting does nothing until told; then the replica, the outbox and the sync state are gone", async () => {
    emu.emulator.addFault({ path: "/items", method: "POST", status: 503, times: Infinity });
    await recordSomething();
    expect(m365.outbox.waitingCount).toBe(1);
    let signedOut = 0;
    const deps = {
      outbox: m365.outbox,
      sync: m365.sync,
      storage: m365.storage,
      signOut: async () => {
        signedOut += 1;
      },
      stop: () => m365.session.stop(),
    };
    await storage.set("m365.settings", { caseworkManagerUpn: "casework.manager@opcc.example" });
    expect(await signOutAndWipe(deps)).toEqual({ kind: "changes-waiting", waiting: 1, needsAttention: 0 });
    expect(signedOut).toBe(0);
    expect(await storage.list()).toHaveLength(1);

    expect(await signOutAndWipe(deps, true)).toEqual({ kind: "signed-out" });
    expect(signedOut).toBe(1);
    expect(await storage.list()).toEqual([]);
    expect(await storage.load()).toEqual({ items: [], deltaLink: null });
    expect(m365.outbox.waitingCount).toBe(0);
    expect(await m365.store.readAll()).toEqual([]);
    // The device's add-in settings are configuration, not anyone's work: they stay.
    expect(await new SettingsStore(storage).load()).toMatchObject({
      caseworkManagerUpn: "casework.manager@opcc.example",
    });
  });

  it("with nothing waiting signs out at once and leaves no copy of the record", async () => {
    await recordSomething();
    await m365.outbox.drain();
    await m365.session.pullNow();
    expect((await storage.load()).items).toHaveLength(1);
    const result = await signOutAndWipe({
      outbox: m365.outbox,
      sync: m365.sync,
      storage: m365.storage,
      signOut: async () => undefined,
    });
    expect(result).toEqual({ kind: "signed-out" });
    expect((await storage.load()).items).toEqual([]);
  });
});

describe("access taken away", () => {
  it("a 403 on the pull deletes the copy on this device and says so, instead of showing it as offline", async () => {
    await recordSomething();
    await m365.outbox.drain();
    await m365.session.pullNow();
    expect(m365.sync.events()).toHaveLength(1);
    emu.emulator.addFault({ path: "/items/delta", status: 403, code: "accessDenied", times: Infinity });
    await m365.session.pullNow();
    expect(m365.session.getStatus()).toMatchObject({ accessRevoked: true, offline: false });
    expect(m365.sync.events()).toEqual([]);
    expect((await storage.load()).items).toEqual([]);
  });
});

describe("IndexedDB", () => {
  it("wipe empties the outbox, the replica and the sync state in one go, keeping the settings", async () => {
    const db = await IdbSyncStorage.open({ indexedDB: freshFactory() });
    const b = recordBuilder();
    const event = b.person({ at: 0 });
    await db.put({ id: event.id, event, seq: 1, enqueuedAt: 0, attempts: 0, nextAttemptAt: 0, state: "waiting" });
    await db.save({ reset: false, upserts: [{ itemId: "1", event }], deletes: [], deltaLink: "token" });
    await db.set("reconcile.x", { at: 1 });
    await db.set("m365.settings", { site: SITE_REF });
    await db.wipe();
    expect(await db.list()).toEqual([]);
    expect(await db.load()).toEqual({ items: [], deltaLink: null });
    expect(await db.get("reconcile.x")).toBeUndefined();
    expect(await db.get("m365.settings")).toEqual({ site: SITE_REF });
    db.close();
  });
});
