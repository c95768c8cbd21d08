/**
 * The organisation's send-check secret (issue 16, Deliver 4): made once by an administrator's setup
 * in the shared record's settings list (through connectMicrosoft365 and the Graph emulator), copied
 * to each device for the on-send handler, never made by other staff, removed at sign-out; the
 * digest is published with it and republished when it changes.
 */
import {
  deviceDigestSecret,
  ensureDigestSecret,
  keepSendCheck,
  newDigestSecret,
  resolveDigestSecret,
  type DigestSecretCache,
  type DigestSecretSource,
  type SecretOutcome,
} from "../../src/app/digest-secret";
import { signOutAndWipe } from "../../src/app/local-data";
import { secretBytes } from "../../src/app/send-check";
import { connectMicrosoft365, DIGEST_SECRET_SETTING, type Microsoft365 } from "../../src/adapters/graph";
import { deviceSecretCache } from "../../src/adapters/office";
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";
import { DEFAULT_SETTINGS } from "../../src/app/m365-settings";
import { startGraphEmulator, type RunningEmulator } from "../support/graph-emulator";
import { FakeClock } from "../support/graph-emulator/fake-time";
import { TestTokenProvider } from "../support/graph-emulator/test-token-provider";
import { ALL_PRODUCT_SCOPES, seedTenant, SITE_REF, STAFF_A, STAFF_B } from "../adapters/graph/tenant";

class MemoryCache implements DigestSecretCache {
  value: string | null = null;
  get = async () => this.value;
  set = async (s: string) => {
    this.value = s;
  };
  clear = async () => {
    this.value = null;
  };
}

let counter = 0;
const random = (b: Uint8Array): Uint8Array => {
  counter += 1;
  return b.fill(counter);
};

describe("against the Graph emulator", () => {
  let emu: RunningEmulator;
  const clock = new FakeClock(Date.parse("2026-03-02T09:30:00Z"));

  beforeEach(async () => {
    emu = await startGraphEmulator();
    seedTenant(emu.emulator);
  });
  afterEach(async () => {
    await emu.close();
  });

  async function connect(upn: string, cache: DigestSecretCache): Promise<Microsoft365> {
    return connectMicrosoft365({
      settings: {
        ...DEFAULT_SETTINGS,
        clientId: "00000000-0000-0000-0000-000000000001",
        graphBaseUrl: emu.baseUrl,
        site: SITE_REF,
      },
      tokens: new TestTokenProvider(upn, ALL_PRODUCT_SCOPES),
      storage: new MemorySyncStorage(),
      clock,
      sleep: clock.sleep,
      fetch,
      mailboxAddresses: [upn],
      instanceToken: `page-${upn}`,
      features: { notifications: false, mailRules: false },
      secretCache: cache,
    });
  }

  test("before setup the check is off and says who turns it on; setup makes one secret, kept on re-runs", async () => {
    const staffCache = new MemoryCache();
    const staff = await connect(STAFF_B, staffCache);
    // No list yet: the source cannot be read, and this device has no copy.
    const before = await resolveDigestSecret({ source: staff.digestSecret, cache: staffCache });
    expect(before.kind).toBe("unavailable");

    const adminCache = new MemoryCache();
    const admin = await connect(STAFF_A, adminCache);
    expect(await admin.setUp()).toEqual({ ok: true, missing: [] });
    const made = adminCache.value!;
    expect(secretBytes(made)).not.toBeNull();
    expect(await admin.setUp()).toEqual({ ok: true, missing: [] });
    expect(adminCache.value).toBe(made); // a second setup keeps the secret (the digests stay valid)

    const after = await resolveDigestSecret({ source: staff.digestSecret, cache: staffCache });
    expect(after).toEqual({ kind: "ready", secret: made, from: "shared" });
    expect(staffCache.value).toBe(made);

    // The list holds it under its key, once.
    const state = emu.emulator.snapshot() as unknown as {
      sites: { lists: { displayName: string; items: { fields: Record<string, unknown> }[] }[] }[];
    };
    const settings = state.sites.flatMap((s) => s.lists).find((l) => l.displayName === "Contact strategy settings")!;
    expect(settings.items.filter((i) => i.fields["SettingKey"] === DIGEST_SECRET_SETTING)).toHaveLength(1);
  });

  test("two administrators' setups at once make one secret between them", async () => {
    const a = new MemoryCache();
    const b = new MemoryCache();
    const [first, second] = [await connect(STAFF_A, a), await connect(STAFF_B, b)];
    await first.setUp(); // the lists
    // Both find no secret and create one: the unique key keeps the first, the second reads it back.
    const source: DigestSecretSource = first.digestSecret;
    const racing = await Promise.all([
      source.create(newDigestSecret((x) => x.fill(7))),
      second.digestSecret.create(newDigestSecret((x) => x.fill(9))),
    ]);
    expect(racing[0]).toBe(racing[1]);
  });

  test("sign-out removes this device's copy with the replica", async () => {
    const cache = new MemoryCache();
    const m365 = await connect(STAFF_A, cache);
    await m365.setUp();
    expect(cache.value).not.toBeNull();
    await signOutAndWipe({
      outbox: m365.outbox,
      sync: m365.sync,
      storage: m365.storage,
      signOut: async () => undefined,
      alsoForget: () => m365.forgetDeviceSecret(),
    });
    expect(cache.value).toBeNull();
  });
});

describe("resolving and keeping the secret", () => {
  const failing: DigestSecretSource = {
    read: () => Promise.reject(new Error("offline")),
    create: () => Promise.reject(new Error("offline")),
  };

  test("offline, the device's copy is used; a malformed shared value is never used", async () => {
    const cache = new MemoryCache();
    cache.value = "ab".repeat(32);
    expect(await resolveDigestSecret({ source: failing, cache })).toEqual({
      kind: "ready",
      secret: "ab".repeat(32),
      from: "device",
    });
    const malformed: DigestSecretSource = { read: async () => "not hex", create: async (s) => s };
    expect((await resolveDigestSecret({ source: malformed, cache })).kind).toBe("not-set-up");
    await expect(
      ensureDigestSecret({ source: { ...malformed, create: async () => "bad" }, cache, random }),
    ).rejects.toThrow(/not valid/);
  });

  test("on the local store, the device makes its own secret once", async () => {
    const cache = new MemoryCache();
    const one = await deviceDigestSecret(cache, random);
    expect(await deviceDigestSecret(cache, random)).toBe(one);
  });

  test("keepSendCheck publishes with the secret, retries until it is ready, and restarts on a new one", async () => {
    const outcomes: SecretOutcome[] = [];
    let next: SecretOutcome = { kind: "unavailable", message: "offline" };
    const published: string[] = [];
    const stopped: string[] = [];
    let fire: () => void = () => undefined;
    const stop = keepSendCheck({
      resolve: async () => next,
      publish: (secret) => {
        published.push(secret);
        return () => stopped.push(secret);
      },
      retryOn: (listener) => {
        fire = listener;
        return () => undefined;
      },
      onOutcome: (o) => outcomes.push(o),
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(published).toEqual([]);
    next = { kind: "ready", secret: "11".repeat(32), from: "shared" };
    fire();
    await new Promise((r) => setTimeout(r, 0));
    fire(); // the same secret again: nothing restarts
    await new Promise((r) => setTimeout(r, 0));
    next = { kind: "ready", secret: "22".repeat(32), from: "shared" };
    fire();
    await new Promise((r) => setTimeout(r, 0));
    expect(published).toEqual(["11".repeat(32), "22".repeat(32)]);
    expect(stopped).toEqual(["11".repeat(32)]);
    stop();
    expect(stopped).toEqual(["11".repeat(32), "22".repeat(32)]);
    expect(outcomes.map((o) => o.kind)).toEqual(["unavailable", "ready", "ready", "ready"]);
  });
});

describe("the device cache (adapters/office)", () => {
  test("writes both stores, reads OfficeRuntime first, clears both", async () => {
    const runtime = new Map<string, string>();
    const origin = new Map<string, string>();
    const cache = deviceSecretCache({
      runtime: {
        getItem: async (k) => runtime.get(k) ?? null,
        setItem: async (k, v) => void runtime.set(k, v),
        removeItem: async (k) => void runtime.delete(k),
      },
      origin: {
        getItem: (k) => origin.get(k) ?? null,
        setItem: (k, v) => void origin.set(k, v),
        removeItem: (k) => void origin.delete(k),
      },
    });
    await cache.set("cd".repeat(32));
    expect([...runtime.values(), ...origin.values()]).toEqual(["cd".repeat(32), "cd".repeat(32)]);
    runtime.set("csm.sendCheckKey", "ef".repeat(32));
    expect(await cache.get()).toBe("ef".repeat(32));
    await cache.clear();
    expect(runtime.size + origin.size).toBe(0);
    expect(await cache.get()).toBeNull();
  });
});
