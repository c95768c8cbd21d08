/**
 * The Microsoft 365 features wired together (connectMicrosoft365 + M365Session) against the Graph
 * emulator over loopback HTTP: setup check, "N changes waiting", and a recorded breach producing
 * one rule set, the categories and one Teams card.
 */
import { RecordService } from "../../src/app/record-service";
import { connectMicrosoft365, type Microsoft365 } from "../../src/adapters/graph";
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";
import { DEFAULT_SETTINGS } from "../../src/app/m365-settings";
import { startGraphEmulator, type RunningEmulator } from "../support/graph-emulator";
import { FakeClock } from "../support/graph-emulator/fake-time";
import { TestTokenProvider } from "../support/graph-emulator/test-token-provider";
import { recordBuilder } from "../contract/builders";
import { ALL_PRODUCT_SCOPES, MANAGER_A, seedTenant, SITE_REF, STAFF_A } from "../adapters/graph/tenant";

let emu: RunningEmulator;
let m365: Microsoft365;
let clock: FakeClock;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  clock = new FakeClock(Date.parse("2026-03-02T09:30:00Z"));
  m365 = await connectMicrosoft365({
    settings: {
      ...DEFAULT_SETTINGS,
      clientId: "00000000-0000-0000-0000-000000000001",
      graphBaseUrl: emu.baseUrl,
      site: SITE_REF,
      recordLink: "https://addin.opcc.example/record?person={personId}",
      notifySince: "2026-03-01",
    },
    tokens: new TestTokenProvider(STAFF_A, ALL_PRODUCT_SCOPES),
    storage: new MemorySyncStorage(),
    clock,
    sleep: clock.sleep,
    fetch,
    mailboxAddresses: [STAFF_A],
    instanceToken: "page-1",
  });
});

afterEach(async () => {
  m365.session.stop();
  await emu.close();
});

it("says exactly what is missing before setup, and is ready after it", async () => {
  await m365.session.start({ poll: false });
  expect(m365.session.getStatus()).toMatchObject({
    setup: "missing",
    missing: [
      'The list "Contact strategy record" does not exist on the site. An administrator can create it from the setup screen.',
      'The list "Contact strategy notifications" does not exist on the site. An administrator can create it from the setup screen.',
      'The list "Contact strategy settings" does not exist on the site. An administrator can create it from the setup screen.',
    ],
  });
  expect(await m365.setUp()).toEqual({ ok: true, missing: [] });
  await m365.session.start({ poll: false });
  expect(m365.session.getStatus()).toMatchObject({ setup: "ok", missing: [], waiting: 0, offline: false });
});

it("a breach recorded in the taskpane produces one rule set, the categories and one Teams card to the line manager", async () => {
  await m365.setUp();
  await m365.session.start({ poll: false });
  const record = new RecordService(m365.store, clock);
  await record.load();
  const b = recordBuilder();
  emu.emulator.addFault({ method: "POST", path: "/items", status: 429, retryAfter: 3, times: 3 });
  await record.record([
    b.person({ at: 0 }),
    b.causes({ at: 1 }),
    b.warning({ at: 2 }),
    b.strategy({
      at: 3,
      data: { restrictions: [{ kind: "single-point-of-contact", staff: "officer.two@opcc.example" }] },
    }),
    b.breach({
      id: "breach-1",
      at: 10,
      by: STAFF_A,
      data: { breachId: "breach-1", restriction: "single-point-of-contact" },
    }),
  ]);
  expect(m365.session.getStatus().waiting).toBeGreaterThan(0);
  await m365.outbox.drain();
  await m365.session.pullNow();
  expect(m365.session.getStatus()).toMatchObject({ waiting: 0, needsAttention: 0, conflicts: 0 });

  const mailbox = emu.emulator.mailbox(STAFF_A);
  expect([...mailbox.rules.values()].map((r) => r.displayName).sort()).toEqual([
    "[CSM] P-1 S-1 divert",
    "[CSM] P-1 S-1 forward-spoc",
  ]);
  expect([...mailbox.categories.values()].map((c) => c.displayName)).toContain("Contact strategy breach");
  const cards = [...emu.emulator.chats.values()].flatMap((c) => c.messages.map((m) => ({ c, m })));
  expect(cards).toHaveLength(1);
  const manager = emu.emulator.users.get(MANAGER_A)!;
  expect(cards[0]!.c.memberIds).toContain(manager.id);

  // Opening the taskpane again within 10 minutes changes nothing; a second pull sends nothing more.
  const before = emu.emulator.requests.length;
  await m365.session.taskpaneOpened();
  await m365.session.pullNow();
  expect(emu.emulator.requests.slice(before).filter((r) => r.method !== "GET")).toEqual([]);
  expect([...emu.emulator.chats.values()].flatMap((c) => c.messages)).toHaveLength(1);
});

it("shows 'sign-in needed' with the scopes when consent is missing, and offline when Graph cannot be reached", async () => {
  await m365.setUp();
  const limited = await connectMicrosoft365({
    settings: {
      ...DEFAULT_SETTINGS,
      clientId: "00000000-0000-0000-0000-000000000001",
      graphBaseUrl: emu.baseUrl,
      site: SITE_REF,
    },
    tokens: new TestTokenProvider(STAFF_A, ["User.Read"]),
    storage: new MemorySyncStorage(),
    clock,
    sleep: clock.sleep,
    fetch,
    mailboxAddresses: [STAFF_A],
    instanceToken: "page-2",
  });
  await limited.session.start({ poll: false });
  expect(limited.session.getStatus().signInNeeded).toEqual(["Sites.Selected"]);

  const offline = await connectMicrosoft365({
    settings: {
      ...DEFAULT_SETTINGS,
      clientId: "00000000-0000-0000-0000-000000000001",
      graphBaseUrl: emu.baseUrl,
      site: SITE_REF,
    },
    tokens: new TestTokenProvider(STAFF_A, ALL_PRODUCT_SCOPES),
    storage: new MemorySyncStorage(),
    clock,
    sleep: clock.sleep,
    fetch: () => Promise.reject(new TypeError("fetch failed")),
    mailboxAddresses: [STAFF_A],
    instanceToken: "page-3",
  });
  await offline.session.start({ poll: false });
  expect(offline.session.getStatus()).toMatchObject({ offline: true, setup: "checking" });
});
