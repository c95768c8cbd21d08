/**
 * Mail flow for the enforcement service (issue 9), app-only: mail arriving in a mailbox (inbox
 * rules applied as Exchange applies them on delivery: conditions `fromAddresses`, exceptions
 * `sentToAddresses`, actions `moveToFolder`, `assignCategories`, `forwardTo`, `stopProcessingRules`),
 * change-notification subscriptions (POST/PATCH/DELETE /subscriptions, the validation handshake
 * to the notificationUrl and lifecycleNotificationUrl over loopback, expiry), change and lifecycle
 * notifications POSTed to the service, message delta per folder, and
 * `/users/{id}/teamwork/sendActivityNotification` recorded.
 *
 * Test hooks: drop, duplicate or delay the next notifications; expire a subscription; send a
 * lifecycle event (reauthorizationRequired, missed, subscriptionRemoved).
 *
 * Like Exchange when asked with `Prefer: IdType="ImmutableId"`: a message keeps its id when a rule
 * moves it.
 */
import type { EmuMailbox, EmuMessage, EmuUser } from "./core";

export interface MailDetails {
  readonly from: string;
  readonly to?: readonly string[];
  readonly cc?: readonly string[];
  readonly subject?: string;
  readonly internetMessageId?: string;
  readonly receivedDateTime?: string;
}

export interface EmuSubscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expirationDateTime: string;
  /** The mailbox (upn) and folder id it watches. */
  upn: string;
  folderId: string;
}

export interface EmuActivity {
  readonly userId: string;
  readonly activityType: string;
  readonly topic: { source: string; value: string; webUrl: string };
  readonly previewText?: { content: string };
  /** Graph's chainId: a later activity with the same one replaced it. */
  readonly chainId?: number;
  readonly at: number;
}

export interface Poster {
  (url: string, body: string, contentType: string): Promise<{ status: number; body: string }>;
}

/** POSTs over loopback only (no network beyond 127.0.0.1 / localhost). */
export const loopbackPoster: Poster = async (url, body, contentType) => {
  const u = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) throw new Error("not a loopback URL");
  const res = await fetch(u, { method: "POST", headers: { "content-type": contentType }, body });
  return { status: res.status, body: await res.text() };
};

type Hook = "drop" | "duplicate" | { delayMs: number };

export const MAX_MESSAGE_SUBSCRIPTION_MINUTES = 10_080;

export class MailFlow {
  readonly subscriptions = new Map<string, EmuSubscription>();
  /** The activity feed as recipients see it (an activity with an earlier one's chainId replaced it). */
  readonly activities: EmuActivity[] = [];
  /** Activities that overrode an earlier one with the same chainId. */
  activitiesOverridden = 0;
  /** What was POSTed to the service, for tests: kind and subscription. */
  readonly sent: { kind: "change" | "lifecycle" | "validation"; subscriptionId: string; status: number }[] = [];
  /** Activity types the Teams app declares (assets/teams manifest: activities.activityTypes). */
  readonly activityTypes = new Set(["breachRecorded"]);
  private readonly hooks: Hook[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private n = 0;
  /** Change sequence across mailboxes (message delta). */
  seq = 0;

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    public post: Poster = loopbackPoster,
  ) {}

  reset(): void {
    this.subscriptions.clear();
    this.activities.length = 0;
    this.activitiesOverridden = 0;
    this.sent.length = 0;
    this.hooks.length = 0;
  }

  /** The next `times` change notifications are dropped / sent twice / sent late. */
  hook(kind: Hook, times = 1): void {
    for (let i = 0; i < times; i++) this.hooks.push(kind);
  }

  /** Waits for every notification still on its way (late ones included). */
  async flush(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  private track(p: Promise<void>): void {
    const t = p.catch(() => undefined).finally(() => this.inflight.delete(t));
    this.inflight.add(t);
  }

  // ---------------------------------------------------------------- subscriptions

  newSubscriptionId(): string {
    return `sub-${(++this.n).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
  }

  /** The validation handshake: POST `url?validationToken=…`, expect 200 and the token back as text. */
  async validate(url: string, subscriptionId: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${++this.n}`;
    const sep = url.includes("?") ? "&" : "?";
    try {
      const res = await this.post(`${url}${sep}validationToken=${encodeURIComponent(token)}`, "", "text/plain");
      this.sent.push({ kind: "validation", subscriptionId, status: res.status });
      return res.status === 200 && res.body === token;
    } catch {
      return false;
    }
  }

  isLive(s: EmuSubscription): boolean {
    return Date.parse(s.expirationDateTime) > this.now();
  }

  /** Expires a subscription now (Graph deletes expired subscriptions; nothing is sent). */
  expire(id: string): void {
    const s = this.subscriptions.get(id);
    if (s) s.expirationDateTime = new Date(this.now() - 1).toISOString();
  }

  /** Sends a lifecycle notification; subscriptionRemoved also removes the subscription. */
  async lifecycle(id: string, event: "reauthorizationRequired" | "missed" | "subscriptionRemoved"): Promise<number> {
    const s = this.subscriptions.get(id);
    if (!s?.lifecycleNotificationUrl) return 0;
    if (event === "subscriptionRemoved") this.subscriptions.delete(id);
    const body = JSON.stringify({
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: s.expirationDateTime,
          tenantId: "00000000-0000-4000-8000-00000000feed",
          clientState: s.clientState,
          lifecycleEvent: event,
        },
      ],
    });
    const res = await this.post(s.lifecycleNotificationUrl, body, "application/json");
    this.sent.push({ kind: "lifecycle", subscriptionId: s.id, status: res.status });
    return res.status;
  }

  // ---------------------------------------------------------------- mail arriving

  /** Applies the mailbox's enabled inbox rules in sequence order to a message just delivered. */
  applyRules(m: EmuMailbox, message: EmuMessage, details: MailDetails): { forwardedTo: string[] } {
    const forwardedTo: string[] = [];
    const from = details.from.toLowerCase();
    const sentTo = [...(details.to ?? []), ...(details.cc ?? [])].map((a) => a.toLowerCase());
    const addr = (rs: unknown): string[] =>
      Array.isArray(rs)
        ? rs.map((r) =>
            String((r as { emailAddress?: { address?: unknown } }).emailAddress?.address ?? "").toLowerCase(),
          )
        : [];
    const rules = [...m.rules.values()].filter((r) => r.isEnabled).sort((a, b) => a.sequence - b.sequence);
    for (const r of rules) {
      const senders = addr(r.conditions?.["fromAddresses"]);
      if (senders.length > 0 && !senders.includes(from)) continue;
      if (senders.length === 0) continue; // the product never writes a rule without a sender condition
      const except = addr(r.exceptions?.["sentToAddresses"]);
      if (except.some((e) => sentTo.includes(e))) continue;
      const a = r.actions;
      const cats = a["assignCategories"];
      if (Array.isArray(cats))
        for (const c of cats) if (!message.categories.includes(String(c))) message.categories.push(String(c));
      const move = a["moveToFolder"];
      if (typeof move === "string" && m.folders.has(move)) message.parentFolderId = move;
      forwardedTo.push(...addr(a["forwardTo"]));
      if (a["stopProcessingRules"] === true) break;
    }
    return { forwardedTo };
  }

  /** Sends change notifications for a new message to the live subscriptions on its folder. */
  notifyCreated(user: EmuUser, message: EmuMessage): void {
    for (const s of [...this.subscriptions.values()]) {
      if (s.upn !== user.userPrincipalName || s.folderId !== message.parentFolderId) continue;
      if (!this.isLive(s)) {
        this.subscriptions.delete(s.id);
        continue;
      }
      const body = JSON.stringify({
        value: [
          {
            subscriptionId: s.id,
            subscriptionExpirationDateTime: s.expirationDateTime,
            changeType: "created",
            resource: `Users/${user.id}/Messages/${message.id}`,
            resourceData: {
              "@odata.type": "#Microsoft.Graph.Message",
              "@odata.id": `Users/${user.id}/Messages/${message.id}`,
              id: message.id,
            },
            clientState: s.clientState,
            tenantId: "00000000-0000-4000-8000-00000000feed",
          },
        ],
      });
      const hook = this.hooks.shift();
      const send = async (): Promise<void> => {
        const res = await this.post(s.notificationUrl, body, "application/json");
        this.sent.push({ kind: "change", subscriptionId: s.id, status: res.status });
      };
      if (hook === "drop") continue;
      if (hook === "duplicate") {
        this.track(send().then(send));
      } else if (hook && typeof hook === "object") {
        this.track(this.sleep(hook.delayMs).then(send));
      } else this.track(send());
    }
  }
}
