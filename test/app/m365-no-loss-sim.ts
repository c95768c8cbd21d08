/**
 * The no-loss proof (issue 4, item 7; the third writer: issue 9 Deliver 6, issue 15 Deliver 4):
 * randomised, seeded schedules of two members of staff and the enforcement service (its real
 * composition root, app-only, watching the team's shared mailbox: emails arrive, Graph's change
 * notifications are dropped, duplicated or late, the process restarts and loses its in-memory
 * outbox; staff also open some of those emails in the taskpane) writing to the shared record through the product's real code (SharedRecordStore → durable
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
import { breachIdFor, messageContactId, messageKey } from "../../src/app/derived-id";
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
import { logMessage } from "../../src/app/actions";
import type { MailMessage } from "../../src/app/mail-host";
import { messageToContact } from "../../src/app/message-contact";
import { RecordService } from "../../src/app/record-service";
import type { EventStore } from "../../src/app/ports";
import { SERVICE_ROLES } from "../../src/adapters/graph/enforcement";
import { composeService, type ComposedService } from "../../src/surfaces/service/compose";
import { parseConfig } from "../../src/surfaces/service/config";
import { makeAppToken } from "../support/graph-emulator/tokens";
import type { EmuMessage } from "../support/graph-emulator/core";

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
  /** The third writer, the enforcement service (issue 9, Deliver 6; issue 15, Deliver 4). */
  serviceMessages: number;
  serviceRestarts: number;
  serviceNotificationsDropped: number;
  serviceNotificationsDuplicated: number;
  serviceNotificationsLate: number;
  /** Emails to the shared mailbox from a person on the record with no contact on the record. */
  lostContacts: number;
  /** Such emails whose breach is not on the record. */
  missedBreaches: number;
  /** Breaches on the record notified by the service (activity feed) and by staff (chat card). */
  notifiedByService: number;
  notifiedByStaff: number;
  /** Activity sends that replaced an earlier one for the same breach (chainId): a lost answer, sent again. */
  serviceResendsOverridden: number;
  /** Shared-mailbox emails logged by staff in the taskpane as well (the same derived ids). */
  openedByStaffToo: number;
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
    serviceMessages: 0,
    serviceRestarts: 0,
    serviceNotificationsDropped: 0,
    serviceNotificationsDuplicated: 0,
    serviceNotificationsLate: 0,
    lostContacts: 0,
    missedBreaches: 0,
    notifiedByService: 0,
    notifiedByStaff: 0,
    serviceResendsOverridden: 0,
    openedByStaffToo: 0,
  };
}

const HOST = "contoso.sharepoint.com";
const PATH = "sites/casework";
const BASE_URL = "http://127.0.0.1:1/v1.0"; // never dialled: the in-process fetch answers
const STAFF = ["officer.one@opcc.example", "officer.two@opcc.example"] as const;
const MANAGERS = ["manager.one@opcc.example", "manager.two@opcc.example"] as const;
const ADMIN = "records.admin@opcc.example";
/** The complaints team's shared mailbox: only the enforcement service watches it. */
const SHARED = "complaints@opcc.example";
const SERVICE_APP = "csm-enforcement-service";
const SERVICE_BY = "csm-service@opcc.example";
const TEAMS_APP = "5b2c8f1e-0000-4000-8000-00000000c5a1";
/** The strategy's dedicated address: an email to any other organisation address breaches it (9.9). */
const DEDICATED = "casework@opcc.example";
const T0 = Date.parse("2026-03-02T09:00:00Z");
const SCOPES = featureScopes("Sites.Selected");
const ALL_SCOPES = [...new Set(Object.values(SCOPES).flat())];

let requestSeq = 0;

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
  /**
   * Order of sending and of the answer reaching the client (when it reads the headers: a process
   * may have several requests in flight, and one sent before a 429 was seen is not early).
   */
  readonly sent: number;
  done: number;
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
  emulator.addUser({ userPrincipalName: SHARED, displayName: "Complaints (shared mailbox)" });
  emulator.appMailboxScope = new Set([SHARED]); // the application access policy: the team mailbox only
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

  // --- The third writer: the enforcement service, app-only, watching the shared mailbox. Its
  // subscriptions and deltaLinks are durable (the state file); its outbox and replica live in the
  // process, so a restart loses them: the message must still be found again (delta).
  const serviceState = new MemorySyncStorage();
  const serviceRequests: RequestRecord[][] = [];
  const serviceWork = new Set<Promise<unknown>>();
  let service: { composed: ComposedService; fence: { dead: boolean }; started: boolean } | null = null;
  let serviceOffline = 0;
  const shared: { msg: EmuMessage; person: number }[] = [];
  /** What the service's outbox refused for good (each process's, read before it stops). */
  const serviceRefused: OutboxEntry[] = [];
  const track = (p: Promise<unknown>): void => {
    const t: Promise<unknown> = p.catch(() => undefined).finally(() => serviceWork.delete(t));
    serviceWork.add(t);
  };
  const settleServiceWork = async (): Promise<void> => {
    await emulator.mailFlow.flush();
    while (serviceWork.size > 0) await Promise.all([...serviceWork]);
  };
  // Graph's notifications reach whichever service process is running (none: connection refused).
  emulator.mailFlow.post = async (url, body) => {
    const cur = service;
    if (!cur || cur.fence.dead) throw new TypeError("connect ECONNREFUSED");
    const { answer, done } = cur.composed.service.handleNotification(
      new URL(url).searchParams.get("validationToken"),
      body,
    );
    track(done);
    return { status: answer.status, body: answer.body ?? "" };
  };

  function serviceFetch(fence: { dead: boolean }, requests: RequestRecord[]): FetchLike {
    const inner = inProcessFetch(emulator, null);
    return async (url, init) => {
      if (fence.dead) throw new Killed();
      counts.requests += 1;
      const at = clock.now();
      const sent = ++requestSeq;
      if (serviceOffline > 0) {
        serviceOffline -= 1;
        requests.push({ at, sent, done: sent, status: "offline", retryAfterMs: null });
        throw new TypeError("fetch failed");
      }
      if (phase === "ops" && rng() < 0.02) {
        counts.offlineSpells += 1;
        serviceOffline = 2 + Math.floor(rng() * 12);
        requests.push({ at, sent, done: sent, status: "offline", retryAfterMs: null });
        throw new TypeError("fetch failed");
      }
      const res = await inner(url, init);
      if (fence.dead) throw new Killed();
      const ra = res.headers.get("retry-after");
      requests.push(
        answered(res, {
          at,
          sent,
          done: Infinity,
          status: res.status,
          retryAfterMs: ra === null ? null : Number(ra) * 1000,
        }),
      );
      if (res.status === 429) counts.throttled429 += 1;
      if (res.status === 503) counts.unavailable503 += 1;
      if (res.status === 410) counts.resync410 += 1;
      return res;
    };
  }

  const serviceConfig = parseConfig(
    {
      site: `${HOST}:/${PATH}`,
      organisationDomains: ["opcc.example"],
      mailboxes: [{ id: SHARED, managerId: MANAGERS[0] }],
      teamsAppId: TEAMS_APP,
      tabUrl: "https://csm.example/teams.html",
      since: iso(0),
    },
    { GRAPH_BASE_URL: BASE_URL, CSM_CLIENT_STATE: "a-client-state-secret-for-the-run", CSM_RECORDED_BY: SERVICE_BY },
  );
  const serviceToken = makeAppToken(SERVICE_APP, [
    ...SERVICE_ROLES.mail,
    ...SERVICE_ROLES.settings,
    ...SERVICE_ROLES.activity,
    ...SERVICE_ROLES.record,
  ]);

  /** Runs the service's work; starts a process first when none runs; any failure is left for the next round. */
  async function withService(work: (c: ComposedService) => Promise<unknown>): Promise<void> {
    try {
      if (!service) {
        const fence = { dead: false };
        const requests: RequestRecord[] = [];
        serviceRequests.push(requests);
        const composed = await composeService(serviceConfig, {
          publicUrl: "https://csm-service.example",
          tokens: { getToken: () => Promise.resolve(serviceToken) },
          fetch: serviceFetch(fence, requests),
          state: serviceState,
          log: () => undefined,
          now: clock.now,
          sleep: clock.sleep,
        });
        if (fence.dead) return;
        service = { composed, fence, started: false };
      }
      const cur = service;
      if (!cur.started) {
        await cur.composed.service.start();
        cur.started = true;
        return;
      }
      await work(cur.composed);
    } catch {
      // Throttled past the client's retries, offline, or the process was stopped: the next round.
    }
  }

  function restartService(): void {
    if (!service) return;
    serviceRefused.push(...service.composed.outbox.needsAttention());
    service.fence.dead = true;
    // A stopped process runs nothing more: its outbox's background drain ends with it (with the
    // fake clock's instant sleeps it would otherwise retry its dead connection for ever).
    service.composed.outbox.forgetAll();
    service = null;
    counts.serviceRestarts += 1;
  }

  async function runMail(): Promise<void> {
    const n = 1 + Math.floor(rng() * 4);
    await clock.sleep(T0 + 5 * 60_000 - clock.now()); // after the strategies were imposed (minute 3)
    for (let i = 0; i < n; i++) {
      await clock.sleep(Math.floor(rng() * 150_000));
      const h = rng();
      if (h < 0.15) {
        emulator.mailFlow.hook("drop");
        counts.serviceNotificationsDropped += 1;
      } else if (h < 0.3) {
        emulator.mailFlow.hook("duplicate");
        counts.serviceNotificationsDuplicated += 1;
      } else if (h < 0.4) {
        emulator.mailFlow.hook({ delayMs: 1000 + Math.floor(rng() * 600_000) });
        counts.serviceNotificationsLate += 1;
      }
      const person = 1 + Math.floor(rng() * persons);
      const msg = emulator.deliverMail(SHARED, {
        from: `person${person}@example.org`,
        to: [SHARED],
        subject: `Complaint ${i}`,
        internetMessageId: `<svc-${seed}-${i}@mail.example.org>`,
      });
      shared.push({ msg, person });
      counts.serviceMessages += 1;
    }
  }

  async function runService(): Promise<void> {
    await withService(() => Promise.resolve());
    for (let n = 0; n < 5; n++) {
      await clock.sleep(Math.floor(rng() * 120_000));
      if (rng() < 0.2) {
        restartService();
        await clock.sleep(Math.floor(rng() * 60_000));
      }
      await withService((c) => c.service.tick());
    }
  }

  async function drainService(): Promise<boolean> {
    for (let round = 0; round < 400; round++) {
      let done = false;
      let wait = 60_000;
      await settleServiceWork();
      await withService(async (c) => {
        await c.service.tick();
        await c.service.settled();
        await settleServiceWork();
        const report = await c.outbox.flush();
        if (report.nextAttemptAt !== null) wait = Math.max(1000, report.nextAttemptAt - clock.now());
        if (c.outbox.waitingCount > 0) return;
        const results = await c.service.notifyOutstanding();
        const open = [...results.values()].filter((o) => o !== "sent" && o !== "already-sent" && o !== "not-mine");
        if (open.includes("claimed-elsewhere")) wait = 10 * 60_000;
        const everyMessage = shared.every(({ msg }) =>
          c.sync.findEvent(messageContactId(msg.internetMessageId ?? msg.id)),
        );
        done = open.length === 0 && c.outbox.waitingCount === 0 && everyMessage && c.service.caughtUp;
      });
      if (done) return true;
      await clock.sleep(wait);
    }
    return false;
  }

  /** The taskpane's own path for an email (staff open a message of the shared mailbox). */
  function recording(store: SharedRecordStore, w: Writer): EventStore {
    return new Proxy(store, {
      get(target, prop) {
        if (prop === "append")
          return async (e: RecordEvent) => {
            try {
              const outcome = await target.append(e);
              if (outcome === "appended") w.accepted.set(e.id, e);
              return outcome;
            } catch (err) {
              if (err instanceof RecordRejectedError) w.refusedAtOnce.push({ event: e, errors: err.errors });
              throw err;
            }
          };
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as unknown as EventStore;
  }

  async function openSharedEmail(w: Writer, inst: Instance, tag: string): Promise<void> {
    const { msg, person } = shared[Math.floor(rng() * shared.length)]!;
    const mail: MailMessage = {
      id: msg.id,
      ...(msg.internetMessageId ? { internetMessageId: msg.internetMessageId } : {}),
      from: { name: "", address: msg.from ?? "" },
      to: (msg.to ?? []).map((address) => ({ name: "", address })),
      cc: [],
      subject: msg.subject,
      receivedAt: msg.receivedDateTime ?? iso(0),
      bodyPreview: "",
    };
    counts.openedByStaffToo += 1;
    try {
      const record = new RecordService(recording(inst.store, w), clock);
      await record.load();
      await logMessage(
        { record, clock, ids: { next: (p) => `${p}-${tag}` }, by: w.upn },
        {
          messageId: messageKey(mail),
          contact: messageToContact(mail, ["opcc.example"]),
          personId: `P-${person}`,
          message: { itemId: msg.id, mailbox: SHARED },
        },
      );
    } catch (err) {
      if (err instanceof Killed || inst.fenced.dead) {
        await startInstance(w); // the page reloaded under the append: its outbox carries on
        return;
      }
      if (!(err instanceof RecordRejectedError)) throw err; // refused at once: classified below
    }
  }

  function writerFetch(w: Writer, fenced: FencedStorage): FetchLike {
    const inner = inProcessFetch(emulator, null);
    return async (url, init) => {
      if (fenced.dead) throw new Killed();
      counts.requests += 1;
      const at = clock.now();
      const sent = ++requestSeq;
      if (w.offlineRemaining > 0) {
        w.offlineRemaining -= 1;
        w.requests.push({ at, sent, done: sent, status: "offline", retryAfterMs: null });
        throw new TypeError("fetch failed");
      }
      if (phase === "ops" && rng() < 0.02) {
        counts.offlineSpells += 1;
        w.offlineRemaining = 2 + Math.floor(rng() * 12);
        w.requests.push({ at, sent, done: sent, status: "offline", retryAfterMs: null });
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
      w.requests.push(answered(res, { at, sent, done: Infinity, status: res.status, retryAfterMs }));
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
    // Staff trust the enforcement service's app-only writes (TRUSTED_WRITER_APPS), nothing else.
    const sync = new SyncEngine(new SharePointRemoteLog(list), fenced, {
      trustedWriters: [{ appId: SERVICE_APP, by: SERVICE_BY }],
      now: clock.now,
    });
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
      if (shared.length > 0 && rng() < 0.25) {
        await openSharedEmail(w, inst, `${seed}-${wi}-${n}`);
      } else if (rng() < 0.75) {
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

  await Promise.all([...writers.map((w, i) => runWriter(w, i)), runMail(), runService()]);
  phase = "drain";
  const drained = await Promise.all([...writers.map((w) => drainWriter(w)), drainService()]);
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
      // Nobody tampered with the list in the run: nothing may be quarantined (the service's
      // app-only writes are trusted, staff's own are theirs; issue 12 Deliver 4).
      for (const q of inst.sync.quarantined())
        problems.push(`seed ${seed}: ${w.upn} quarantined item ${q.itemId} (${q.eventId ?? "?"}): ${q.summary}`);
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

  serviceOffline = 0;
  await withService(async (c) => {
    await c.sync.pull();
    for (const q of c.sync.quarantined())
      problems.push(`seed ${seed}: the service quarantined item ${q.itemId} (${q.eventId ?? "?"}): ${q.summary}`);
    const live = new Map<string, unknown>();
    for (const e of c.sync.events()) live.set(e.id, e);
    replicas.push({ name: "the enforcement service (in memory)", events: live });
  });

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
  const last = service as { composed: ComposedService } | null;
  if (last) serviceRefused.push(...last.composed.outbox.needsAttention());
  for (const entry of serviceRefused) {
    const cls = classifyEntry(entry, onServer.get(entry.id));
    const why = entry.refusal ? `HTTP ${entry.refusal.status}` : (entry.errors ?? []).map((x) => x.code).join(",");
    refused(cls, `event ${entry.id} (kept by the service: ${why})`);
  }
  // What the service wrote (the list's copy is the reference: its appends are not observed one by one).
  for (const e of onServer.values()) {
    if (e.by !== SERVICE_BY) continue;
    compareAccepted("the enforcement service", e, e, replicas, content);
  }
  counts.contentDifferences += content.differences;
  // Every email to the shared mailbox from a person on the record is a contact with its breach (9.10, 9.11).
  for (const { msg, person } of shared) {
    const contactId = messageContactId(msg.internetMessageId ?? msg.id);
    if (!onServer.has(contactId)) {
      counts.lostContacts += 1;
      problems.push(`seed ${seed}: the email ${msg.internetMessageId} to the shared mailbox is not on the record`);
    }
    const breachId = breachIdFor(contactId, `S-${person}`, "dedicated-address");
    if (!onServer.has(breachId)) {
      counts.missedBreaches += 1;
      const logger = onServer.get(contactId)?.by ?? "nobody";
      problems.push(
        `seed ${seed}: the breach of the email ${msg.internetMessageId} is not on the record (contact logged by ${logger})`,
      );
    }
  }
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
  const senders = new Map<string, string>();
  for (const chat of emulator.chats.values()) {
    for (const m of chat.messages) {
      for (const a of m.attachments as { id?: string }[]) {
        if (!a.id) continue;
        cards.set(a.id, (cards.get(a.id) ?? 0) + 1);
        senders.set(a.id, m.fromUserId);
      }
    }
  }
  const staffCards = [...cards.values()].reduce((a, b) => a + b, 0);
  const chatCards = new Map(cards);
  const staffCardsOf = (key: string): number => chatCards.get(key) ?? 0;
  const breachEvent = new Map<string, string>();
  for (const e of onServer.values()) if (e.type === "BreachRecorded") breachEvent.set(e.data.breachId, e.id);
  for (const a of emulator.mailFlow.activities) {
    // The activity's deep link opens the tab on the breach: teams.html?breach=<id> inside webUrl.
    const tab = new URL(a.topic.webUrl).searchParams.get("webUrl");
    const breachId = tab ? new URL(tab).searchParams.get("breach") : null;
    const eventId = breachId ? breachEvent.get(breachId) : undefined;
    if (!eventId) {
      problems.push(`seed ${seed}: an activity notification names no breach on the record (${a.topic.webUrl})`);
      counts.duplicateNotifications += 1;
      continue;
    }
    const key = cardAttachmentId(eventId);
    cards.set(key, (cards.get(key) ?? 0) + 1);
  }
  counts.notifiedByStaff += staffCards;
  counts.notifiedByService += emulator.mailFlow.activities.length;
  counts.serviceResendsOverridden += emulator.mailFlow.activitiesOverridden;
  for (const [key, n] of cards) {
    counts.notificationsSent += n;
    if (n > 1) {
      counts.duplicateNotifications += n - 1;
      problems.push(
        `seed ${seed}: ${n} notifications for ${key} (${staffCardsOf(key)} in chats, from ${senders.get(key) ?? "nobody"})`,
      );
    }
  }
  for (const e of onServer.values())
    if (e.type === "BreachRecorded" && !cards.has(cardAttachmentId(e.id))) counts.missedNotifications += 1;

  // Every request sent after a 429's answer arrived (by the same process) waits for its Retry-After.
  for (const requests of [...writers.map((w) => w.requests), ...serviceRequests]) {
    const bySending = [...requests].sort((a, b) => a.sent - b.sent);
    for (const r of requests) {
      if (r.status !== 429 || r.retryAfterMs === null) continue;
      const after = bySending.filter((x) => x.sent > r.done);
      if (after.length === 0) continue;
      const ra = r.retryAfterMs;
      if (after.some((x) => x.at < r.at + ra)) {
        counts.earlyRetries += 1;
      } else counts.retryAfterWaits += 1;
    }
  }
}

/** Marks the record answered when the client first reads the response's headers. */
function answered(res: Response, record: RequestRecord): RequestRecord {
  const get = res.headers.get.bind(res.headers);
  res.headers.get = (name: string) => {
    if (record.done === Infinity) record.done = ++requestSeq;
    return get(name);
  };
  return record;
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
        restrictions: [
          { kind: "written-only", allowed: ["email"] },
          { kind: "dedicated-address", address: DEDICATED },
        ],
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
  zero("lostContacts", "emails to the shared mailbox not on the record");
  zero("missedBreaches", "breaches of emails to the shared mailbox not on the record");
  return [...out, ...run.problems.slice(0, 20)];
}
