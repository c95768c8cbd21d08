/**
 * The enforcement service's use cases over in-memory ports: notifications, lifecycle events, delta
 * catch-up, exactly-once breaches and notifications, and bad input (issue 9, Deliver 2, 5, 7).
 */
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";
import * as A from "../../src/app/actions";
import { breachIdFor, messageContactId } from "../../src/app/derived-id";
import {
  EnforcementService,
  folderResource,
  type EnforcementGraph,
  type GraphMessage,
  type ServiceMailbox,
  type Subscription,
  type SubscriptionRequest,
} from "../../src/app/enforcement";
import type { MessageCategories } from "../../src/app/mailbox-categories";
import {
  activityFeedTeams,
  BreachNotifier,
  BREACH_ACTIVITY_TYPE,
  type ActivityNotification,
  type LedgerEntry,
  type NotificationLedger,
} from "../../src/app/notify";
import type { RecordEvent } from "../../src/domain";
import { PERSON_EMAIL, restricted } from "./ladder-fixture";
import { makeWorld, type World } from "./world";

const SHARED: ServiceMailbox = { id: "complaints@opcc.example", addresses: ["complaints@opcc.example"] };
const SERVICE = { id: "svc", upn: "csm-service@opcc.example" };
const MANAGER = { id: "mgr-1", upn: "manager@opcc.example" };
const SECRET = "s3cret-client-state";

class MemoryLedger implements NotificationLedger {
  readonly entries = new Map<string, LedgerEntry>();
  private n = 0;
  get = (key: string): Promise<LedgerEntry | null> => Promise.resolve(this.entries.get(key) ?? null);
  remove(entry: LedgerEntry): Promise<void> {
    this.entries.delete(entry.key);
    return Promise.resolve();
  }
  claim(key: string, token: string, nowMs: number): Promise<LedgerEntry | null> {
    if (this.entries.has(key)) return Promise.resolve(null);
    const e: LedgerEntry = {
      key,
      itemId: key,
      eTag: `${++this.n}`,
      state: "claimed",
      claimToken: token,
      claimedAt: nowMs,
    };
    this.entries.set(key, e);
    return Promise.resolve(e);
  }
  renew(entry: LedgerEntry, token: string, nowMs: number): Promise<LedgerEntry | null> {
    if (this.entries.get(entry.key)?.eTag !== entry.eTag) return Promise.resolve(null);
    const e: LedgerEntry = { ...entry, eTag: `${++this.n}`, claimToken: token, claimedAt: nowMs };
    this.entries.set(entry.key, e);
    return Promise.resolve(e);
  }
  markSent(entry: LedgerEntry, chatMessageId: string): Promise<LedgerEntry | null> {
    if (this.entries.get(entry.key)?.eTag !== entry.eTag) return Promise.resolve(null);
    const e: LedgerEntry = { ...entry, eTag: `${++this.n}`, state: "sent", chatMessageId };
    this.entries.set(entry.key, e);
    return Promise.resolve(e);
  }
}

class FakeGraph implements EnforcementGraph {
  readonly messages = new Map<string, GraphMessage>();
  readonly subscriptions = new Map<string, SubscriptionRequest & { id: string }>();
  readonly categories = new Map<string, string[]>();
  readonly activities: { userId: string; n: ActivityNotification }[] = [];
  deltaCalls = 0;
  private n = 0;
  createSubscription(request: SubscriptionRequest): Promise<Subscription> {
    const id = `sub-${++this.n}`;
    this.subscriptions.set(id, { ...request, id });
    return Promise.resolve({ id, expirationDateTime: request.expirationDateTime });
  }
  renewSubscription(id: string, expirationDateTime: string): Promise<Subscription> {
    const s = this.subscriptions.get(id);
    if (!s) return Promise.reject(Object.assign(new Error("gone"), { status: 404 }));
    this.subscriptions.set(id, { ...s, expirationDateTime });
    return Promise.resolve({ id, expirationDateTime });
  }
  getMessage(_mailbox: string, id: string): Promise<GraphMessage | null> {
    return Promise.resolve(this.messages.get(id) ?? null);
  }
  delta(_mailbox: string, folder: string): Promise<{ messages: GraphMessage[]; deltaLink: string }> {
    this.deltaCalls++;
    return Promise.resolve({
      messages: folder === "inbox" ? [...this.messages.values()] : [],
      deltaLink: `delta-${this.deltaCalls}`,
    });
  }
  watchedFolders(): Promise<string[]> {
    return Promise.resolve(["inbox", "review"]);
  }
  messageCategories(): MessageCategories {
    return {
      get: (id) => Promise.resolve(this.categories.get(id) ?? []),
      set: (id, cs) => {
        this.categories.set(id, [...cs]);
        return Promise.resolve();
      },
    };
  }
}

function mail(id: string, from = PERSON_EMAIL): GraphMessage {
  return {
    id,
    internetMessageId: `<${id}@mail.example.org>`,
    from: { emailAddress: { address: from, name: "Someone" } },
    toRecipients: [{ emailAddress: { address: SHARED.id } }],
    subject: "Again",
    receivedDateTime: "2026-11-04T02:00:00Z",
  };
}

async function setup(
  options: {
    delivered?: () => Promise<boolean>;
    failSends?: number;
    shared?: () => readonly RecordEvent[];
  } = {},
): Promise<{
  w: World;
  graph: FakeGraph;
  ledger: MemoryLedger;
  svc: EnforcementService;
  logs: string[];
  strategyId: string;
}> {
  const w = makeWorld();
  const { strategyId } = await restricted(w); // single point of contact: officer.one
  w.clock.set("2026-11-04T02:00:05Z");
  const graph = new FakeGraph();
  const ledger = new MemoryLedger();
  const logs: string[] = [];
  const ctx = w.ctx(SERVICE.upn);
  const svc = new EnforcementService({
    graph,
    state: new MemorySyncStorage(),
    clock: w.clock,
    ctx,
    mailboxes: [SHARED],
    portsFor: () => ({
      categories: graph.messageCategories(),
      reconciler: null,
      notifier: new BreachNotifier(
        ledger,
        activityFeedTeams(
          {
            sendActivity: (userId, n) => {
              if ((options.failSends ?? 0) > 0) {
                options.failSends! -= 1;
                return Promise.reject(Object.assign(new Error("unavailable"), { status: 503 }));
              }
              graph.activities.push({ userId, n });
              return Promise.resolve();
            },
          },
          SERVICE,
          MANAGER,
        ),
        {
          clock: w.clock,
          sleep: () => Promise.resolve(),
          instanceToken: "svc-1",
          recordLink: (p) => `https://teams.example/tab?person=${p}`,
          notifySinceMs: 0,
        },
      ),
    }),
    organisationDomains: ["opcc.example"],
    notificationUrl: "https://svc.example/notify",
    lifecycleNotificationUrl: "https://svc.example/lifecycle",
    clientState: SECRET,
    sinceIso: "2026-11-01T00:00:00Z",
    refresh: async () => (await w.record.load()).index,
    ...(options.delivered ? { delivered: options.delivered } : {}),
    ...(options.shared ? { shared: options.shared } : {}),
    log: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
  });
  return { w, graph, ledger, svc, logs, strategyId };
}

const note = (subscriptionId: string, id: string, clientState = SECRET): string =>
  JSON.stringify({ value: [{ subscriptionId, clientState, changeType: "created", resourceData: { id } }] });

describe("EnforcementService", () => {
  it("subscribes to the Inbox and the review folder of each mailbox, with the clientState and lifecycle URL", async () => {
    const { graph, svc } = await setup();
    await svc.start();
    const subs = [...graph.subscriptions.values()];
    expect(subs.map((s) => s.resource).sort()).toEqual(
      [folderResource(SHARED.id, "inbox"), folderResource(SHARED.id, "review")].sort(),
    );
    expect(subs.every((s) => s.clientState === SECRET && s.changeType === "created")).toBe(true);
    expect(subs.every((s) => s.lifecycleNotificationUrl === "https://svc.example/lifecycle")).toBe(true);
  });

  it("answers the validation handshake with the token as text/plain", async () => {
    const { svc } = await setup();
    expect(svc.handleNotification("abc 123", "").answer).toEqual({
      status: 200,
      contentType: "text/plain",
      body: "abc 123",
    });
  });

  it("records a breach on arrival once, with the taskpane's ids, categorises and notifies the manager once, through duplicates", async () => {
    const { w, graph, svc, strategyId, ledger } = await setup();
    await svc.start();
    const sub = [...graph.subscriptions.values()].find((s) => s.resource.includes("inbox"))!;
    graph.messages.set("m1", mail("m1"));
    for (let i = 0; i < 3; i++) {
      const { answer, done } = svc.handleNotification(null, note(sub.id, "m1"));
      expect(answer.status).toBe(202);
      await done;
    }
    const contactId = messageContactId("<m1@mail.example.org>");
    const events = await w.events();
    expect(events.filter((e) => e.type === "ContactLogged" && e.id === contactId)).toHaveLength(1);
    // Where the message is (this mailbox's item id), for the review queue's link to it (9.10).
    expect((events.find((e) => e.id === contactId)!.data as { message?: unknown }).message).toEqual({
      itemId: "m1",
      mailbox: expect.stringContaining("@"),
    });
    const breaches = events.filter((e) => e.type === "BreachRecorded");
    expect(breaches.map((b) => b.id)).toEqual([breachIdFor(contactId, strategyId, "single-point-of-contact")]);
    expect(graph.activities).toHaveLength(1);
    expect(graph.activities[0]!.userId).toBe(MANAGER.id);
    expect(graph.activities[0]!.n.activityType).toBe(BREACH_ACTIVITY_TYPE);
    expect(graph.activities[0]!.n.topic.webUrl).toContain("https://teams.example/tab");
    expect(graph.categories.get("m1")).toEqual(expect.arrayContaining(["Contact strategy breach"]));
    expect(ledger.entries.get(breaches[0]!.id)?.state).toBe("sent");
  });

  it("a breach the taskpane recorded first is not notified again by the service (one ledger, its recorder notifies)", async () => {
    const { w, graph, svc } = await setup();
    await svc.start();
    graph.messages.set("m2", mail("m2"));
    // Staff record it in the taskpane first (same derived ids).
    await A.recordMessageBreach(w.ctx("officer.two@opcc.example"), {
      messageId: "<m2@mail.example.org>",
      contact: { channel: "email", at: "2026-11-04T02:00:00Z", from: PERSON_EMAIL, to: [SHARED.id] },
      personId: w.record.index.whoUses(PERSON_EMAIL)[0]!,
    });
    const sub = [...graph.subscriptions.values()][0]!;
    await svc.handleNotification(null, note(sub.id, "m2")).done;
    expect((await w.events()).filter((e) => e.type === "BreachRecorded")).toHaveLength(1);
    expect(graph.activities).toHaveLength(0);
  });

  it("a dropped notification is caught up by delta after a missed lifecycle event", async () => {
    const { w, graph, svc } = await setup();
    await svc.start();
    graph.messages.set("m3", mail("m3")); // no notification arrives
    const sub = [...graph.subscriptions.values()][0]!;
    const body = JSON.stringify({ value: [{ subscriptionId: sub.id, clientState: SECRET, lifecycleEvent: "missed" }] });
    const { answer, done } = svc.handleNotification(null, body);
    expect(answer.status).toBe(202);
    await done;
    expect((await w.events()).filter((e) => e.type === "BreachRecorded")).toHaveLength(1);
    expect(graph.activities).toHaveLength(1);
  });

  it("subscriptionRemoved recreates the subscription and catches up; reauthorizationRequired renews", async () => {
    const { graph, svc } = await setup();
    await svc.start();
    const before = graph.subscriptions.size;
    const sub = [...graph.subscriptions.values()][0]!;
    graph.subscriptions.delete(sub.id);
    const removed = JSON.stringify({
      value: [{ subscriptionId: sub.id, clientState: SECRET, lifecycleEvent: "subscriptionRemoved" }],
    });
    const calls = graph.deltaCalls;
    await svc.handleNotification(null, removed).done;
    expect(graph.subscriptions.size).toBe(before);
    expect(graph.deltaCalls).toBeGreaterThan(calls);
    const fresh = [...graph.subscriptions.values()].find((s) => s.resource === sub.resource)!;
    const reauth = JSON.stringify({
      value: [{ subscriptionId: fresh.id, clientState: SECRET, lifecycleEvent: "reauthorizationRequired" }],
    });
    await svc.handleNotification(null, reauth).done;
    expect(graph.subscriptions.get(fresh.id)).toBeDefined();
    expect(graph.subscriptions.size).toBe(before);
  });

  it("renews a subscription close to expiry and recreates one Graph no longer has", async () => {
    const { w, graph, svc } = await setup();
    await svc.start();
    const ids = [...graph.subscriptions.keys()];
    w.clock.set("2026-11-06T12:00:00Z"); // less than a day left of 3
    graph.subscriptions.delete(ids[1]!);
    await svc.tick();
    expect(graph.subscriptions.has(ids[0]!)).toBe(true);
    expect(Date.parse(graph.subscriptions.get(ids[0]!)!.expirationDateTime)).toBeGreaterThan(
      Date.parse("2026-11-08T00:00:00Z"),
    );
    expect(graph.subscriptions.size).toBe(2);
  });

  it("bad input: wrong clientState, unknown subscription, malformed body, a message Graph no longer has", async () => {
    const { w, graph, svc, logs } = await setup();
    await svc.start();
    const sub = [...graph.subscriptions.values()][0]!;
    graph.messages.set("m4", mail("m4"));
    const wrong = svc.handleNotification(null, note(sub.id, "m4", "not-the-secret"));
    expect(wrong.answer.status).toBe(202);
    await wrong.done;
    const unknown = svc.handleNotification(null, note("sub-nobody", "m4"));
    expect(unknown.answer.status).toBe(202);
    await unknown.done;
    expect(svc.handleNotification(null, "{not json").answer.status).toBe(400);
    expect(svc.handleNotification(null, JSON.stringify({ nothing: 1 })).answer.status).toBe(400);
    const gone = svc.handleNotification(null, note(sub.id, "no-such-message"));
    expect(gone.answer.status).toBe(202);
    await gone.done;
    // Nothing recorded from the refused notifications; the genuine one still records it once.
    const byService = async (): Promise<number> =>
      (await w.events()).filter((e) => e.type === "ContactLogged" && e.by === SERVICE.upn).length;
    expect(await byService()).toBe(0);
    await svc.handleNotification(null, note(sub.id, "m4")).done;
    expect(await byService()).toBe(1);
    const text = logs.join("\n");
    expect(text).toContain("notification-wrong-client-state");
    expect(text).toContain("notification-unknown-subscription");
    expect(text).toContain("notification-malformed");
    expect(text).toContain("message-gone");
    // No personal data in the logs: no address, no mailbox name, no subject, no message id.
    for (const secret of [PERSON_EMAIL, SHARED.id, "Again", "m4@mail", "no-such-message"])
      expect(text).not.toContain(secret);
  });

  it("ignores mail from senders not on the record", async () => {
    const { w, graph, svc } = await setup();
    await svc.start();
    graph.messages.set("m5", mail("m5", "stranger@example.net"));
    const sub = [...graph.subscriptions.values()][0]!;
    await svc.handleNotification(null, note(sub.id, "m5")).done;
    expect((await w.events()).filter((e) => e.by === SERVICE.upn)).toHaveLength(0);
  });
});

describe("EnforcementService: nothing lost across a restart or a failed send", () => {
  it("keeps the deltaLink until what it appended is delivered, so a restart finds the message again", async () => {
    let delivered = false;
    const { graph, svc, logs } = await setup({ delivered: () => Promise.resolve(delivered) });
    graph.messages.set("m1", mail("m1"));
    await svc.start();
    await svc.settled();
    expect(logs.some((l) => l.includes("catch-up-undelivered"))).toBe(true);
    expect(logs.some((l) => l.includes('"caught-up"'))).toBe(false);
    delivered = true;
    await svc.tick();
    await svc.settled();
    expect(logs.some((l) => l.includes('"caught-up"'))).toBe(true);
  });

  it("sends a notification that failed when the message arrived on the next round, once, with one chainId per breach", async () => {
    const { graph, svc, w } = await setup({ failSends: 1 });
    graph.messages.set("m1", mail("m1"));
    await svc.start();
    await svc.settled();
    const contactId = messageContactId("<m1@mail.example.org>");
    const breaches = w.record.index
      .eventsOf(w.record.index.personIds()[0]!)
      .filter(
        (l) => l.event.type === "BreachRecorded" && (l.event.data as { contactId?: string }).contactId === contactId,
      );
    expect(breaches).toHaveLength(1);
    // Delta has nothing new from now on: only the outstanding-notification pass can send it.
    graph.delta = () => Promise.resolve({ messages: [], deltaLink: "delta-quiet" });
    // The send on arrival failed (503) and the same round's outstanding pass could not send either
    // (the claim is leased): the lease passes, the next round sends it.
    w.clock.set(new Date(w.clock.now() + 11 * 60_000).toISOString());
    await svc.tick();
    await svc.settled();
    await svc.tick();
    await svc.settled();
    expect(graph.activities).toHaveLength(1);
    const chain = graph.activities[0]!.n.chainId;
    expect(Number.isSafeInteger(chain)).toBe(true);
    expect(chain).toBeGreaterThan(0);
  });

  it("a message moved or deleted before it is categorised (404) is still recorded with its breach, and the round completes", async () => {
    const { graph, svc, w, logs } = await setup();
    graph.messages.set("m1", mail("m1"));
    graph.messageCategories = () => ({
      get: () => Promise.reject(Object.assign(new Error("gone"), { status: 404 })),
      set: () => Promise.reject(Object.assign(new Error("gone"), { status: 404 })),
    });
    await svc.start();
    await svc.settled();
    const contactId = messageContactId("<m1@mail.example.org>");
    const personId = w.record.index.personIds()[0]!;
    const types = w.record.index
      .eventsOf(personId)
      .filter((l) => l.event.id === contactId || (l.event.data as { contactId?: string }).contactId === contactId)
      .map((l) => l.event.type);
    expect(types).toEqual(["ContactLogged", "BreachRecorded"]);
    expect(logs.some((l) => l.includes("categories-gone"))).toBe(true);
    expect(svc.caughtUp).toBe(true);
  });

  it("throttled categorising fails the round (a gap), so the next round reads the message again", async () => {
    const { graph, svc, logs } = await setup();
    graph.messages.set("m1", mail("m1"));
    const real = graph.messageCategories();
    let throttled = true;
    graph.messageCategories = () => ({
      get: (id) => (throttled ? Promise.reject(Object.assign(new Error("slow down"), { status: 429 })) : real.get(id)),
      set: (id, cs) => real.set(id, cs),
    });
    await svc.start();
    await svc.settled();
    expect(svc.caughtUp).toBe(false);
    expect(logs.some((l) => l.includes('"catch-up-failed"') && l.includes('"status":429'))).toBe(true);
    throttled = false;
    await svc.tick();
    await svc.settled();
    expect(svc.caughtUp).toBe(true);
    expect(graph.categories.get("m1")?.length).toBeGreaterThan(0);
  });

  it("notifies only from the shared list's copy: a breach the list holds as a colleague's is theirs to notify", async () => {
    // The list kept a member of staff's copy of the same breach (appended first); the service's
    // own copy waits in its outbox and will be refused as a duplicate.
    let listCopy: RecordEvent[] = [];
    const { graph, svc, w, strategyId } = await setup({ shared: () => listCopy });
    graph.messages.set("m1", mail("m1"));
    const contactId = messageContactId("<m1@mail.example.org>");
    const breachId = breachIdFor(contactId, strategyId, "single-point-of-contact");
    await svc.start();
    await svc.settled();
    const mine = w.record.index
      .eventsOf(w.record.index.personIds()[0]!)
      .find((l) => l.event.id === breachId || (l.event.data as { breachId?: string }).breachId === breachId)?.event;
    expect(mine?.type).toBe("BreachRecorded");
    // Not in the list yet: nothing sent.
    expect(graph.activities).toHaveLength(0);
    listCopy = [{ ...mine!, by: "officer.two@opcc.example" }];
    await svc.tick();
    await svc.settled();
    expect(graph.activities).toHaveLength(0);
    // The list holds the service's copy: sent once.
    listCopy = [mine!];
    await svc.tick();
    await svc.settled();
    await svc.tick();
    await svc.settled();
    expect(graph.activities).toHaveLength(1);
  });
});
