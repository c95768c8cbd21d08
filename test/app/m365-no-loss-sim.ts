/**
 * The no-loss proof (issue 4, item 7): randomised, seeded schedules of two members of staff
 * writing to the shared record through the product's real code (SharedRecordStore → durable
 * Outbox → SharePointEventStore → GraphClient, delta SyncEngine, BreachNotifier → Teams), against
 * the Graph emulator in process, with faults:
 *
 * - about half of the writers' requests answered 429 (Retry-After 1–20 s) or 503 (half of those
 *   after the change was made: the response is lost), 410 on some delta reads;
 * - offline spells (fetch fails for a run of requests);
 * - reloads in the middle of an append: on a POST of a record item the page "dies" (before or after
 *   the server made the item), its storage is fenced, and a new page instance starts from the
 *   durable storage (outbox, replica, throttle) and carries on.
 *
 * Time is simulated (FakeClock shared by both writers and the emulator): waits cost nothing and
 * every request is timestamped, so "every 429 waited for its Retry-After" is checked, not assumed.
 *
 * Counted at the end of each schedule, after both writers have drained:
 * - lost: an event a writer's append accepted that is neither in the shared list nor kept in that
 *   writer's outbox as "needs attention" (refused by the shared record, shown to staff);
 * - duplicate breaches: more than one BreachRecorded item for one breach (or two items with one EventId);
 * - duplicate notifications: more than one Teams card for one breach; missed: a recorded breach without one;
 * - early retries: a request sent by a writer before a 429's Retry-After had passed.
 */
import { RecordRejectedError, type RecordError, type RecordEvent } from "../../src/domain";
import { featureScopes } from "../../src/app/auth";
import { breachIdFor, messageContactId } from "../../src/app/derived-id";
import { DurableThrottle, type KeyValueStorage } from "../../src/app/m365-state";
import { BreachNotifier, cardAttachmentId, type NotifyOutcome } from "../../src/app/notify";
import { Outbox, type OutboxEntry, type OutboxStorage } from "../../src/app/outbox";
import { SharedRecordStore } from "../../src/app/shared-record";
import { SyncEngine, type ReplicaChange, type ReplicaSnapshot, type ReplicaStorage } from "../../src/app/sync";
import { GraphClient, type FetchLike } from "../../src/adapters/graph/graph-client";
import { LEDGER_LIST, RECORD_LIST, SharePointList, SharePointSite } from "../../src/adapters/graph/sharepoint";
import {
  eventToFields,
  fieldsToEvent,
  SharePointEventStore,
  SharePointRemoteLog,
} from "../../src/adapters/graph/sharepoint-store";
import { GraphTeams, SharePointLedger } from "../../src/adapters/graph/teams";
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";
import { GraphEmulator } from "../support/graph-emulator/core";
import { seededRandom } from "../support/graph-emulator/faults";
import { FakeClock } from "../support/graph-emulator/fake-time";
import { TestTokenProvider } from "../support/graph-emulator/test-token-provider";
import { classifyEntry, classifyRefusal, compareAccepted, type RefusalClass, type Replica } from "./no-loss-checks";

export interface NoLossCounts {
  schedules: number;
  eventsAccepted: number;
  eventsInSharedRecord: number;
  lost: number;
  /** Accepted events whose canonical JSON differs in the list or a replica (or is missing from a replica). */
  contentDifferences: number;
  keptForStaff: number;
  /** Refusals by class (no-loss-checks.ts): only conflicts and domain refusals are allowed. */
  refusedConflict: number;
  refusedDomain: number;
  refusedTransient: number;
  refusedSameContent: number;
  refusedServer: number;
  refusedUnexplained: number;
  breachesRecorded: number;
  duplicateBreaches: number;
  notificationsSent: number;
  duplicateNotifications: number;
  missedNotifications: number;
  requests: number;
  throttled429: number;
  unavailable503: number;
  lostResponses: number;
  resync410: number;
  offlineSpells: number;
  reloadsMidAppend: number;
  retryAfterWaits: number;
  earlyRetries: number;
  stuck: number;
}

export function emptyCounts(): NoLossCounts {
  return {
    schedules: 0,
    eventsAccepted: 0,
    eventsInSharedRecord: 0,
    lost: 0,
    contentDifferences: 0,
    keptForStaff: 0,
    refusedConflict: 0,
    refusedDomain: 0,
    refusedTransient: 0,
    refusedSameContent: 0,
    refusedServer: 0,
    refusedUnexplained: 0,
    breachesRecorded: 0,
    duplicateBreaches: 0,
    notificationsSent: 0,
    duplicateNotifications: 0,
    missedNotifications: 0,
    requests: 0,
    throttled429: 0,
    unavailable503: 0,
    lostResponses: 0,
    resync410: 0,
    offlineSpells: 0,
    reloadsMidAppend: 0,
    retryAfterWaits: 0,
    earlyRetries: 0,
    stuck: 0,
  };
}

const HOST = "contoso.sharepoint.com";
const PATH = "sites/casework";
const BASE_URL = "http://127.0.0.1:1/v1.0"; // never dialled: the in-process fetch answers
const STAFF = ["officer.one@opcc.example", "officer.two@opcc.example"] as const;
const MANAGERS = ["manager.one@opcc.example", "manager.two@opcc.example"] as const;
const ADMIN = "records.admin@opcc.example";
const T0 = Date.parse("2026-03-02T09:00:00Z");
const SCOPES = featureScopes("Sites.Selected");
const ALL_SCOPES = [...new Set(Object.values(SCOPES).flat())];

class Killed extends Error {
  constructor() {
    super("page reloaded");
  }
}

/** The durable storage as one page instance sees it: refuses everything once the page has died. */
class FencedStorage implements OutboxStorage, ReplicaStorage, KeyValueStorage {
  dead = false;
  constructor(private readonly inner: MemorySyncStorage) {}
  private check(): void {
    if (this.dead) throw new Killed();
  }
  async list(): Promise<OutboxEntry[]> {
    this.check();
    return this.inner.list();
  }
  async put(entry: OutboxEntry): Promise<void> {
    this.check();
    return this.inner.put(entry);
  }
  async remove(id: string): Promise<void> {
    this.check();
    return this.inner.remove(id);
  }
  async load(): Promise<ReplicaSnapshot> {
    this.check();
    return this.inner.load();
  }
  async save(change: ReplicaChange): Promise<void> {
    this.check();
    return this.inner.save(change);
  }
  async get<T>(key: string): Promise<T | undefined> {
    this.check();
    return this.inner.get<T>(key);
  }
  async set<T>(key: string, value: T): Promise<void> {
    this.check();
    return this.inner.set(key, value);
  }
}

interface RequestRecord {
  readonly at: number;
  readonly status: number | "offline";
  readonly retryAfterMs: number | null;
}

/** A fake Response: enough of the Fetch API for the client, without undici's cost per request. */
function lightResponse(status: number, headers: Record<string, string>, body: string | undefined): Response {
  const h = new Headers(headers);
  return { ok: status >= 200 && status < 300, status, headers: h, text: async () => body ?? "" } as unknown as Response;
}

interface Writer {
  readonly upn: string;
  readonly storage: MemorySyncStorage;
  readonly requests: RequestRecord[];
  instance: Instance | null;
  instances: number;
  offlineRemaining: number;
  reloadsLeft: number;
  accepted: Map<string, RecordEvent>;
  /** Appends refused at once by the writer's own checks, with the errors. */
  refusedAtOnce: { event: RecordEvent; errors: readonly RecordError[] }[];
}

interface Instance {
  readonly fenced: FencedStorage;
  readonly store: SharedRecordStore;
  readonly outbox: Outbox;
  readonly sync: SyncEngine;
  readonly notifier: BreachNotifier;
}

export async function runSchedule(seed: number, counts: NoLossCounts, problems: string[] = []): Promise<void> {
  const rng = seededRandom(seed);
  const clock = new FakeClock(T0);
  const emulator = new GraphEmulator({
    now: clock.now,
    sleep: clock.sleep,
    random: seededRandom(seed ^ 0x5bd1e995),
    pageSize: 2 + Math.floor(rng() * 40),
  });
  emulator.addUser({ userPrincipalName: MANAGERS[0] });
  emulator.addUser({ userPrincipalName: MANAGERS[1] });
  emulator.addUser({ userPrincipalName: STAFF[0], managerUpn: MANAGERS[0] });
  emulator.addUser({ userPrincipalName: STAFF[1], managerUpn: MANAGERS[1] });
  emulator.addUser({ userPrincipalName: ADMIN });
  emulator.addSite(HOST, PATH, "manage");

  const faultRate = 0.5;
  emulator.faults.setPolicy((req) => {
    if (req.user === ADMIN || req.user === null) return null;
    if (req.method === "GET" && req.path.endsWith("/items/delta") && rng() < 0.05) return { status: 410 };
    if (rng() >= faultRate) return null;
    if (rng() < 0.6) return { status: 429, retryAfter: 1 + Math.floor(rng() * 20) };
    if (rng() < 0.5) return { status: 503 };
    counts.lostResponses += 1; // the change is made, the answer is lost
    return { status: 503, afterHandler: true };
  });

  // --- Set up the lists and a record with three restricted persons (the admin, no faults).
  const adminFetch = inProcessFetch(emulator, null);
  const admin = graphClient(adminFetch, ADMIN, clock);
  const site = new SharePointSite(admin, `${HOST}:/${PATH}`, { read: SCOPES.record, manage: SCOPES.setup });
  await site.setUp(RECORD_LIST);
  await site.setUp(LEDGER_LIST);
  // The persons were recorded earlier (put straight into the list: the path under test is the writers').
  const persons = 1 + Math.floor(rng() * 3);
  const siteId = [...emulator.sites.keys()][0]!;
  for (let p = 1; p <= persons; p++) {
    for (const e of seedPerson(p)) emulator.seedItem(siteId, RECORD_LIST.displayName, eventToFields(e));
  }
  const messages = Array.from({ length: 2 + Math.floor(rng() * 6) }, (_, i) => ({
    id: `AAMk-msg-${seed}-${i}`,
    person: 1 + (i % persons),
    minute: 60 + i,
  }));

  // --- The two writers.
  const writers: Writer[] = STAFF.map((upn) => ({
    upn,
    storage: new MemorySyncStorage(),
    requests: [],
    instance: null,
    instances: 0,
    offlineRemaining: 0,
    reloadsLeft: 1 + Math.floor(rng() * 2),
    accepted: new Map(),
    refusedAtOnce: [],
  }));
  let phase: "ops" | "drain" | "settled" = "ops";

  function writerFetch(w: Writer, fenced: FencedStorage): FetchLike {
    const inner = inProcessFetch(emulator, null);
    return async (url, init) => {
      if (fenced.dead) throw new Killed();
      counts.requests += 1;
      const at = clock.now();
      if (w.offlineRemaining > 0) {
        w.offlineRemaining -= 1;
        w.requests.push({ at, status: "offline", retryAfterMs: null });
        throw new TypeError("fetch failed");
      }
      if (phase === "ops" && rng() < 0.02) {
        counts.offlineSpells += 1;
        w.offlineRemaining = 2 + Math.floor(rng() * 12);
        w.requests.push({ at, status: "offline", retryAfterMs: null });
        throw new TypeError("fetch failed");
      }
      const isRecordAppend =
        init.method === "POST" &&
        /\/lists\/[^/]+\/items$/.test(new URL(url).pathname) &&
        String(init.body ?? "").includes('"EventId"');
      if (phase === "ops" && isRecordAppend && w.reloadsLeft > 0 && rng() < 0.2) {
        // A reload in the middle of an append: before the request left, or after the server made the item.
        w.reloadsLeft -= 1;
        counts.reloadsMidAppend += 1;
        if (rng() < 0.5) await inner(url, init);
        fenced.dead = true;
        throw new Killed();
      }
      const res = await inner(url, init);
      if (fenced.dead) throw new Killed();
      const ra = res.headers.get("retry-after");
      const retryAfterMs = ra === null ? null : Number(ra) * 1000;
      w.requests.push({ at, status: res.status, retryAfterMs });
      if (res.status === 429) counts.throttled429 += 1;
      if (res.status === 503) counts.unavailable503 += 1; // includes the lost responses
      if (res.status === 410) counts.resync410 += 1;
      return res;
    };
  }

  async function startInstance(w: Writer): Promise<Instance> {
    w.instances += 1;
    const fenced = new FencedStorage(w.storage);
    const throttle = await DurableThrottle.open(fenced);
    const graph = graphClient(writerFetch(w, fenced), w.upn, clock, throttle, seed * 31 + w.instances);
    const s = new SharePointSite(graph, `${HOST}:/${PATH}`, { read: SCOPES.record, manage: SCOPES.setup });
    const list = new SharePointList(graph, s, RECORD_LIST, { read: SCOPES.record, write: SCOPES.record });
    const sync = new SyncEngine(new SharePointRemoteLog(list), fenced);
    const remote = new SharePointEventStore(list, sync);
    const outbox = await Outbox.open(fenced, remote, {
      clock,
      sleep: clock.sleep,
      random: seededRandom(seed + w.instances),
    });
    const store = new SharedRecordStore(sync, outbox, () => undefined);
    const notifier = new BreachNotifier(
      new SharePointLedger(new SharePointList(graph, s, LEDGER_LIST, { read: SCOPES.record, write: SCOPES.record })),
      new GraphTeams(graph, SCOPES),
      {
        clock,
        sleep: clock.sleep,
        instanceToken: `${w.upn}#${w.instances}`,
        recordLink: (p) => `https://addin.opcc.example/record?person=${p}`,
        notifySinceMs: T0,
      },
    );
    await sync.open();
    const inst = { fenced, store, outbox, sync, notifier };
    w.instance = inst;
    return inst;
  }

  /** Runs background work; a reload starts a new instance; transient failures are left for later. */
  async function guarded(w: Writer, work: (i: Instance) => Promise<unknown>): Promise<void> {
    const inst = w.instance ?? (await startInstance(w));
    try {
      await work(inst);
    } catch (e) {
      if (inst.fenced.dead || e instanceof Killed) {
        await startInstance(w);
        return;
      }
      if (e instanceof RecordRejectedError) throw e;
      // transient (throttled past the client's retries, offline, 503 on a send): later
    }
  }

  const notifyAll = async (i: Instance): Promise<Map<string, NotifyOutcome>> => {
    await i.sync.pull();
    return i.notifier.notifyAll(i.sync.events(), () => false);
  };

  async function runWriter(w: Writer, wi: number): Promise<void> {
    await startInstance(w);
    const ops = 2 + Math.floor(rng() * 5);
    for (let n = 0; n < ops; n++) {
      const inst = w.instance!;
      const events: RecordEvent[] = [];
      if (rng() < 0.75) {
        const m = messages[Math.floor(rng() * messages.length)]!;
        events.push(...messageBreach(m, w.upn, clock.now()));
      } else {
        const p = 1 + Math.floor(rng() * persons);
        events.push(incident(`inc-${seed}-${wi}-${n}`, p, w.upn, clock.now()));
      }
      for (const e of events) {
        try {
          const outcome = await inst.store.append(e);
          if (outcome === "appended") w.accepted.set(e.id, e);
        } catch (err) {
          if (!(err instanceof RecordRejectedError)) throw err;
          // refused at once (e.g. the other writer's copy is already synced): never accepted; classified below
          w.refusedAtOnce.push({ event: e, errors: err.errors });
        }
      }
      if (rng() < 0.7) await guarded(w, (i) => i.outbox.flush());
      if (rng() < 0.4) await guarded(w, (i) => notifyAll(i));
      await clock.sleep(Math.floor(rng() * 90_000));
    }
  }

  async function drainWriter(w: Writer): Promise<boolean> {
    for (let round = 0; round < 400; round++) {
      const inst = w.instance ?? (await startInstance(w));
      let done = false;
      let wait = 5000;
      await guarded(w, async (i) => {
        const report = await i.outbox.flush();
        if (report.nextAttemptAt !== null) wait = Math.max(1000, report.nextAttemptAt - clock.now());
        if (i.outbox.waitingCount > 0) return;
        const results = await notifyAll(i);
        const open = [...results.values()].filter((o) => o !== "sent" && o !== "already-sent" && o !== "not-mine");
        if (open.includes("claimed-elsewhere")) wait = 10 * 60_000;
        done = open.length === 0 && i.outbox.waitingCount === 0;
      });
      if (done && w.instance === inst) return true;
      await clock.sleep(wait);
    }
    return false;
  }

  await Promise.all(writers.map((w, i) => runWriter(w, i)));
  phase = "drain";
  const drained = await Promise.all(writers.map((w) => drainWriter(w)));
  if (drained.includes(false)) counts.stuck += 1;

  // --- Settle: faults off, every replica pulls once more, so each can be compared with the list.
  phase = "settled";
  emulator.faults.setPolicy(() => null);
  const replicas: Replica[] = [];
  for (const w of writers) {
    w.offlineRemaining = 0;
    try {
      const inst = w.instance ?? (await startInstance(w));
      await inst.sync.pull();
      const live = new Map<string, unknown>();
      for (const e of inst.sync.events()) live.set(e.id, e);
      for (const id of w.accepted.keys()) {
        const item = inst.sync.findEvent(id);
        if (item && !live.has(id)) live.set(id, item.event);
      }
      replicas.push({ name: `${w.upn} (in memory)`, events: live });
    } catch (e) {
      problems.push(`seed ${seed}: the replica of ${w.upn} could not be read after the run (${String(e)})`);
    }
    const durable = new Map<string, unknown>();
    for (const item of (await w.storage.load()).items) {
      const id = (item.event as { id?: unknown } | null)?.id;
      if (typeof id === "string") durable.set(id, item.event);
    }
    replicas.push({ name: `${w.upn} (durable)`, events: durable });
  }

  // --- Count.
  counts.schedules += 1;
  const record = [...[...emulator.sites.values()][0]!.lists.values()].find(
    (l) => l.displayName === RECORD_LIST.displayName,
  )!;
  const items = [...record.items.values()];
  const onServer = new Map<string, RecordEvent>();
  const idCounts = new Map<string, number>();
  for (const item of items) {
    const { event } = fieldsToEvent(item.fields);
    const e = event as RecordEvent;
    onServer.set(e.id, e);
    idCounts.set(e.id.toLowerCase(), (idCounts.get(e.id.toLowerCase()) ?? 0) + 1);
  }
  counts.eventsInSharedRecord += items.length;
  const refused = (cls: RefusalClass, what: string): void => {
    const key = `refused${cls[0]!.toUpperCase()}${cls.slice(1)}` as keyof NoLossCounts;
    counts[key] += 1;
    if (cls !== "conflict" && cls !== "domain") problems.push(`seed ${seed}: ${what} was refused (${cls})`);
  };
  const content = { differences: 0, problems };
  for (const w of writers) {
    counts.eventsAccepted += w.accepted.size;
    const attention = new Map((await w.storage.list()).filter((e) => e.state === "rejected").map((e) => [e.id, e]));
    counts.keptForStaff += attention.size;
    for (const [id, entry] of attention) {
      const cls = classifyEntry(entry, onServer.get(id));
      const why = entry.refusal ? `HTTP ${entry.refusal.status}` : (entry.errors ?? []).map((x) => x.code).join(",");
      refused(cls, `event ${id} (kept for ${w.upn}: ${why})`);
    }
    for (const r of w.refusedAtOnce) {
      const cls = classifyRefusal(r.event, r.errors, undefined, onServer.get(r.event.id));
      refused(cls, `event ${r.event.id} (at once for ${w.upn}: ${r.errors.map((x) => x.code).join(",")})`);
    }
    for (const [id, appended] of w.accepted) {
      if (attention.has(id)) continue; // refused and shown to staff: classified above
      if (!onServer.has(id)) {
        counts.lost += 1;
        problems.push(`seed ${seed}: event ${id} (accepted by ${w.upn}) is lost: not in the list, not kept for staff`);
        continue;
      }
      compareAccepted(w.upn, appended, onServer.get(id), replicas, content);
    }
  }
  counts.contentDifferences += content.differences;
  const breachItems = new Map<string, number>();
  for (const e of onServer.values()) {
    if (e.type !== "BreachRecorded") continue;
    counts.breachesRecorded += 1;
    const k = `${e.personId}/${e.data.breachId}`;
    breachItems.set(k, (breachItems.get(k) ?? 0) + 1);
  }
  for (const n of breachItems.values()) if (n > 1) counts.duplicateBreaches += n - 1;
  for (const n of idCounts.values()) if (n > 1) counts.duplicateBreaches += n - 1;

  const cards = new Map<string, number>();
  for (const chat of emulator.chats.values()) {
    for (const m of chat.messages) {
      for (const a of m.attachments as { id?: string }[]) if (a.id) cards.set(a.id, (cards.get(a.id) ?? 0) + 1);
    }
  }
  for (const n of cards.values()) {
    counts.notificationsSent += n;
    if (n > 1) counts.duplicateNotifications += n - 1;
  }
  for (const e of onServer.values())
    if (e.type === "BreachRecorded" && !cards.has(cardAttachmentId(e.id))) counts.missedNotifications += 1;

  for (const w of writers) {
    for (let i = 0; i < w.requests.length; i++) {
      const r = w.requests[i]!;
      if (r.status !== 429 || r.retryAfterMs === null) continue;
      const next = w.requests[i + 1];
      if (!next) continue;
      if (next.at < r.at + r.retryAfterMs) counts.earlyRetries += 1;
      else counts.retryAfterWaits += 1;
    }
  }
}

function inProcessFetch(emulator: GraphEmulator, _unused: null): FetchLike {
  return async (url, init) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const body = typeof init.body === "string" ? init.body : undefined;
    const out = await emulator.handle({ method: init.method ?? "GET", url, headers, ...(body ? { body } : {}) });
    return lightResponse(out.status, out.headers, out.body);
  };
}

function graphClient(
  fetchFn: FetchLike,
  upn: string,
  clock: FakeClock,
  throttle?: DurableThrottle,
  seed = 1,
): GraphClient {
  return new GraphClient({
    baseUrl: BASE_URL,
    tokens: new TestTokenProvider(upn, ALL_SCOPES),
    fetch: fetchFn,
    clock,
    sleep: clock.sleep,
    random: seededRandom(seed),
    ...(throttle ? { throttle } : {}),
  });
}

const iso = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();

function seedPerson(p: number): RecordEvent[] {
  const personId = `P-${p}`;
  const by = ADMIN;
  return [
    {
      id: `reg-${p}`,
      type: "PersonRegistered",
      personId,
      at: iso(0),
      by,
      data: { name: `Person ${p}`, emails: [`person${p}@example.org`], phones: [`0770090000${p}`] },
    },
    {
      id: `causes-${p}`,
      type: "CausesConsidered",
      personId,
      at: iso(1),
      by,
      data: {
        processExplained: true,
        handledProportionately: true,
        communicatedRegularly: true,
        supportOffered: true,
        rationaleGiven: true,
      },
    },
    {
      id: `warn-${p}`,
      type: "WarningIssued",
      personId,
      at: iso(2),
      by,
      data: {
        behaviours: ["demanding-updates"],
        expectedChange: "One email a week.",
        consequences: "A contact strategy may follow.",
        method: "email",
      },
    },
    {
      id: `strategy-${p}`,
      type: "StrategyImposed",
      personId,
      at: iso(3),
      by,
      data: {
        strategyId: `S-${p}`,
        matterRef: `CPL-2026-000${p}`,
        reason: "Persistent demands after a warning.",
        restrictions: [{ kind: "written-only", allowed: ["email"] }],
        proportionality: "Least restrictive option.",
        approvedBy: "head.of.service@opcc.example",
        notifiedOn: "2026-03-02",
        notifiedBy: "email",
        reviewDue: "2026-05-01",
      },
    },
  ] as RecordEvent[];
}

/** A phone call that breaches "written only": the contact and its breach, ids derived from the message. */
function messageBreach(m: { id: string; person: number; minute: number }, by: string, nowMs: number): RecordEvent[] {
  const contactId = messageContactId(m.id);
  const breachId = breachIdFor(contactId, `S-${m.person}`, "written-only");
  const personId = `P-${m.person}`;
  const recordedAt = new Date(nowMs).toISOString();
  return [
    {
      id: contactId,
      type: "ContactLogged",
      personId,
      at: iso(m.minute),
      recordedAt,
      by,
      data: { contactId, channel: "phone", from: `0770090000${m.person}`, to: [by], personId },
    },
    {
      id: breachId,
      type: "BreachRecorded",
      personId,
      at: iso(m.minute),
      recordedAt,
      by,
      data: {
        breachId,
        strategyId: `S-${m.person}`,
        restriction: "written-only",
        contactId,
        detail: "Telephoned although contact is in writing only.",
      },
    },
  ] as RecordEvent[];
}

function incident(id: string, p: number, by: string, nowMs: number): RecordEvent {
  return {
    id,
    type: "IncidentRecorded",
    personId: `P-${p}`,
    at: iso(30),
    recordedAt: new Date(nowMs).toISOString(),
    by,
    data: {
      kind: "persistence",
      behaviours: ["demanding-updates"],
      channel: "phone",
      summary: "Called again for an update.",
    },
  } as RecordEvent;
}

/** Runs `schedules` seeded schedules and returns the counts. */
export async function runNoLoss(schedules: number, firstSeed = 1): Promise<NoLossRun> {
  const counts = emptyCounts();
  const problems: string[] = [];
  for (let s = 0; s < schedules; s++) await runSchedule(firstSeed + s, counts, problems);
  return { counts, problems };
}

export interface NoLossRun {
  readonly counts: NoLossCounts;
  /** Each failure in words (the event id and the field or class), for the test's message. */
  readonly problems: readonly string[];
}

/**
 * What makes a run fail (the proof's zeros), in words; empty on a sound run. The mutation check
 * (test/mutations) uses exactly this, so a defect is "caught" only when this list is not empty.
 */
export function noLossFailures(run: NoLossRun, schedules: number): string[] {
  const c = run.counts;
  const out: string[] = [];
  const zero = (k: keyof NoLossCounts, what: string): void => {
    if (c[k] !== 0) out.push(`${what}: ${c[k]}`);
  };
  if (c.schedules !== schedules) out.push(`schedules run: ${c.schedules} of ${schedules}`);
  zero("stuck", "schedules that did not settle");
  zero("lost", "lost events");
  zero("contentDifferences", "accepted events whose content differs in the list or a replica");
  zero("refusedTransient", "changes refused because of a transient fault");
  zero("refusedSameContent", "changes refused as E_DUPLICATE_ID with the same content stored");
  zero("refusedServer", "changes refused by the server for good");
  zero("refusedUnexplained", "changes refused without a reason");
  zero("duplicateBreaches", "duplicate breaches");
  zero("duplicateNotifications", "duplicate notifications");
  zero("missedNotifications", "missed notifications");
  zero("earlyRetries", "requests sent before a 429's Retry-After");
  return [...out, ...run.problems.slice(0, 20)];
}
