/**
 * Breach notifications in Teams (policy 9.11: a breach "must be dealt with swiftly"; 4.5: staff
 * report to their line manager). When a member of staff's BreachRecorded reaches the shared
 * record, their client sends their line manager (Graph /me/manager; fallback: a configured
 * casework manager) a one-to-one Teams chat message with an Adaptive Card: what was breached,
 * when, recorded by whom, the person's reference and a link to the record. No incident detail.
 *
 * Exactly once per breach, whatever the retries, reloads, or two members of staff acting on the
 * same message. record-format.md has no event type for "notification sent", and this change does
 * not invent one: the sending is recorded in a second SharePoint list (the notification ledger,
 * same site, same permission) whose NotificationKey column enforces unique values:
 *
 * 1. The breach's event id is the key (it is derived from the message, strategy and restriction,
 *    so two staff recording the same breach produce one BreachRecorded; only its recorder, the `by`
 *    of the stored event, notifies).
 * 2. Claim: create the ledger item (unique key). Only one page instance anywhere can create it.
 *    A claim is a lease (10 minutes): the holder must send within it, renewing it (a conditional
 *    write on the item's eTag) if it has waited too long; a claim older than the lease can be taken
 *    over the same way. Two clients never both hold it.
 * 3. The card's attachment id is derived from the breach. Whenever a previous send's outcome is
 *    unknown (a 503 or a dropped connection after the POST, a reload in the middle, a stale claim
 *    taken over), the chat is read first (Chat.Read, asked for only then) for a message carrying
 *    that attachment id; if it is there, it is marked sent, not sent again.
 * 4. After a successful send the item is marked "sent" with the chat message id.
 *
 * 5. An entry is trusted only when its author is the breach's recorder (the only one who notifies,
 *    step 1): a "sent" item written in advance by anyone else with access to the site (to suppress
 *    the notification of a predictable breach id) is removed and the claim made again.
 *
 * A post is never sent after the claim's end less a minute (`notAfterMs`: a post held back by a
 * Retry-After gate is not sent late; it is decided again under a renewed claim).
 * Residual risk (documented in docs/permissions.md): a POST already in flight that takes longer than
 * that minute and lands after another instance took the claim over and checked the chat.
 */
import {
  DAY_NAMES,
  formatTimeOfDay,
  londonTime,
  MONTH_NAMES,
  parseInstant,
  RESTRICTION_LABELS,
  type EventOf,
  type RecordEvent,
} from "../domain";
import { derivedId } from "./derived-id";
import type { Clock } from "./ports";

export interface LedgerEntry {
  readonly key: string;
  readonly itemId: string;
  readonly eTag: string;
  readonly state: "claimed" | "sent";
  readonly claimToken: string;
  readonly claimedAt: number;
  readonly chatMessageId?: string;
  /** Who created the entry (the list item's author), where the store says. */
  readonly author?: { readonly id?: string; readonly email?: string };
}

/** The notification ledger (a SharePoint list in production). */
export interface NotificationLedger {
  get(key: string): Promise<LedgerEntry | null>;
  /** Removes an entry (one written by someone the breach does not belong to). */
  remove(entry: LedgerEntry): Promise<void>;
  /** Creates the claim if no entry has the key; null when one exists. */
  claim(key: string, token: string, nowMs: number): Promise<LedgerEntry | null>;
  /** Takes or renews the claim if the entry is unchanged since it was read; null otherwise (412). */
  renew(entry: LedgerEntry, token: string, nowMs: number): Promise<LedgerEntry | null>;
  /** Marks it sent if unchanged since read; null otherwise. */
  markSent(entry: LedgerEntry, chatMessageId: string): Promise<LedgerEntry | null>;
}

export interface DirectoryUser {
  /** Object id or, for a configured fallback, the user principal name. */
  readonly id: string;
  readonly upn: string;
  readonly mail?: string;
}

/** Teams and the directory (Graph in production). */
export interface TeamsPort {
  me(): Promise<DirectoryUser>;
  /** The signed-in user's line manager, or null when the directory has none. */
  manager(): Promise<DirectoryUser | null>;
  /** The one-to-one chat between the two (created, or the existing one). */
  openChat(me: DirectoryUser, other: DirectoryUser): Promise<string>;
  /** Is there a message in the chat carrying this attachment id? (Chat.Read) */
  hasCard(chatId: string, attachmentId: string): Promise<boolean>;
  /**
   * Posts once, never retried inside (a replay could duplicate); resolves the chat message id.
   * `notAfterMs`: the claim's end; a post that could not go before it is not sent at all and
   * rejects with an error whose `notSent` is true.
   */
  sendCard(chatId: string, attachmentId: string, card: AdaptiveCard, notAfterMs?: number): Promise<string>;
}

export type AdaptiveCard = Readonly<Record<string, unknown>>;

export type NotifyOutcome =
  /** Sent now. */
  | "sent"
  /** The ledger (or the chat) shows it was sent before. */
  | "already-sent"
  /** Another page instance holds a fresh claim: it will send; try again later if it does not. */
  | "claimed-elsewhere"
  /** No line manager in the directory and no casework manager configured. */
  | "no-recipient"
  /** Not this user's breach (someone else recorded it), or before notifications started. */
  | "not-mine";

export interface NotifierOptions {
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Identifies this page instance's claims (random per page load). */
  readonly instanceToken: string;
  /** Fallback recipient when the directory has no line manager. */
  readonly caseworkManagerUpn?: string | null;
  /**
   * A link for the card's button: to the breach itself where the deployment can deep-link to it
   * (the Teams tab opens on the breach: issue 9, Deliver 5), else to the person's record.
   */
  readonly recordLink: (personId: string, breachId: string) => string;
  /** Breaches recorded before this instant are not notified (e.g. when notifications were switched on). */
  readonly notifySinceMs: number;
  readonly leaseMs?: number;
  readonly renewMarginMs?: number;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_MARGIN_MS = 5 * 60_000;
/** How long before the claim's end a chat post may still go (the request's own time in flight). */
const SEND_SAFETY_MS = 60_000;

/** The card's attachment id: derived from the breach, so the chat itself shows whether it was sent. */
export function cardAttachmentId(breachEventId: string): string {
  return derivedId("csm-card", breachEventId);
}

/** "Monday 2 March 2026 at 09:30" in London time. */
export function londonWhen(iso: string): string {
  const ms = parseInstant(iso);
  if (ms === null) return iso;
  const t = londonTime(ms);
  return `${DAY_NAMES[t.weekday]} ${t.day} ${MONTH_NAMES[t.month - 1] ?? ""} ${t.year} at ${formatTimeOfDay(t.minutes)}`;
}

/**
 * Text from the record shown in a card: Teams renders TextBlock and FactSet text as markdown, so a
 * strategy id like `[Open](https://…)` would become a link. The characters that make links,
 * emphasis and code are escaped with a backslash (CommonMark) wherever they are, those that start a
 * list or heading only at the start; line breaks are flattened. Addresses and P-1 stay readable.
 */
export function cardText(value: string): string {
  return value
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_[\]()<>~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+#>])/, "$1\\$2")
    .replace(/^(\s*\d+)\./, "$1\\.");
}

/** The Adaptive Card: what was breached, when, by whom it was recorded, the person's reference, a link. No incident detail. */
export function breachCard(breach: EventOf<"BreachRecorded">, recordUrl: string): AdaptiveCard {
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    // Shown by clients that cannot draw the card (and read by screen readers in some): the same
    // minimum as the card, no names or detail.
    fallbackText: "A contact strategy breach has been recorded. Open Contact Strategy Manager to see it.",
    body: [
      { type: "TextBlock", text: "Contact strategy breach recorded", weight: "Bolder", size: "Medium", wrap: true },
      {
        type: "TextBlock",
        text: "A member of your team has recorded a breach of a contact strategy. The policy asks for breaches to be dealt with swiftly (9.11).",
        wrap: true,
      },
      {
        type: "FactSet",
        facts: [
          {
            title: "What was breached",
            value: `${RESTRICTION_LABELS[breach.data.restriction]} (strategy ${cardText(breach.data.strategyId)})`,
          },
          { title: "When", value: londonWhen(breach.at) },
          { title: "Recorded by", value: cardText(breach.by) },
          { title: "Person reference", value: cardText(breach.personId) },
        ],
      },
    ],
    actions: [{ type: "Action.OpenUrl", title: "Open the record", url: recordUrl }],
  };
}

function isThrottled(error: unknown): number | null {
  const e = error as { status?: unknown; retryAfterMs?: unknown } | null;
  if (e?.status !== 429) return null;
  return typeof e.retryAfterMs === "number" ? e.retryAfterMs : 30_000;
}

export class BreachNotifier {
  private readonly sent = new Set<string>();
  /** Keys whose last send attempt's outcome is unknown: check the chat before sending again. */
  private readonly uncertain = new Set<string>();
  /** Sent, but the ledger could not be told yet (a failed PATCH): mark it, never send again. */
  private readonly sentNotMarked = new Map<string, string>();
  private meCache: DirectoryUser | null = null;
  private recipientCache: DirectoryUser | null | undefined;

  constructor(
    private readonly ledger: NotificationLedger,
    private readonly teams: TeamsPort,
    private readonly options: NotifierOptions,
  ) {}

  private get lease(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private get sendSafety(): number {
    return Math.min(SEND_SAFETY_MS, this.margin / 2);
  }

  private get margin(): number {
    return this.options.renewMarginMs ?? DEFAULT_MARGIN_MS;
  }

  private async me(): Promise<DirectoryUser> {
    this.meCache ??= await this.teams.me();
    return this.meCache;
  }

  private async recipient(): Promise<DirectoryUser | null> {
    if (this.recipientCache !== undefined) return this.recipientCache;
    const manager = await this.teams.manager();
    const fallback = this.options.caseworkManagerUpn?.trim();
    this.recipientCache = manager ?? (fallback ? { id: fallback, upn: fallback } : null);
    return this.recipientCache;
  }

  /**
   * A ledger entry this user wrote (any of their page instances); an entry whose author is unknown
   * counts. Synchronous (notify has already read who "me" is), so checking adds no wait.
   */
  private isOwnEntry(entry: LedgerEntry): boolean {
    const author = entry.author;
    const me = this.meCache;
    if (!me || !author || (author.id === undefined && author.email === undefined)) return true;
    if (author.id !== undefined && author.id === me.id) return true;
    const email = author.email?.toLowerCase();
    return email !== undefined && (email === me.upn.toLowerCase() || email === me.mail?.toLowerCase());
  }

  private async isMine(breach: EventOf<"BreachRecorded">): Promise<boolean> {
    const me = await this.me();
    const by = breach.by.trim().toLowerCase();
    return by === me.upn.toLowerCase() || (me.mail !== undefined && by === me.mail.toLowerCase());
  }

  /** This user's breaches in the record that may still need a notification. */
  async pending(
    events: readonly RecordEvent[],
    isRetracted: (id: string) => boolean,
  ): Promise<EventOf<"BreachRecorded">[]> {
    const out: EventOf<"BreachRecorded">[] = [];
    for (const e of events) {
      if (e.type !== "BreachRecorded" || isRetracted(e.id) || this.sent.has(e.id)) continue;
      const when = parseInstant(e.recordedAt ?? e.at) ?? 0;
      if (when < this.options.notifySinceMs) continue;
      if (await this.isMine(e)) out.push(e);
    }
    return out;
  }

  /** Notifies every pending breach; one outcome per breach id. */
  async notifyAll(
    events: readonly RecordEvent[],
    isRetracted: (id: string) => boolean,
  ): Promise<Map<string, NotifyOutcome>> {
    const results = new Map<string, NotifyOutcome>();
    for (const breach of await this.pending(events, isRetracted)) results.set(breach.id, await this.notify(breach));
    return results;
  }

  async notify(breach: EventOf<"BreachRecorded">): Promise<NotifyOutcome> {
    const key = breach.id;
    if (this.sent.has(key)) return "already-sent";
    if (!(await this.isMine(breach))) return "not-mine";
    const recipient = await this.recipient();
    if (!recipient) return "no-recipient";
    const token = this.options.instanceToken;
    const attachmentId = cardAttachmentId(key);
    const now = (): number => this.options.clock.now();

    let squatted = 0;
    for (;;) {
      // 1. Hold the claim (create it, or take over a stale one), or learn it was sent.
      let entry = await this.ledger.get(key);
      if (entry && !this.isOwnEntry(entry)) {
        // Written by someone else: not a claim or a send of this breach's notification (step 5).
        if (++squatted > 3) throw new Error("The notification ledger keeps holding another user's item for a breach.");
        await this.ledger.remove(entry);
        continue;
      }
      let check = this.uncertain.has(key);
      if (entry?.state === "sent") {
        this.sent.add(key);
        this.uncertain.delete(key);
        return "already-sent";
      }
      if (!entry) {
        entry = await this.ledger.claim(key, token, now());
        if (!entry) continue; // someone claimed it a moment ago: read it
      } else if (entry.claimToken !== token) {
        if (now() - entry.claimedAt < this.lease) return "claimed-elsewhere";
        // The previous holder may have sent before it stopped: check the chat, and keep checking on
        // every later attempt until a check has answered. Marked before the takeover is written: a
        // takeover whose answer is lost (or a check that fails) finds the claim this instance's own
        // next time, and must not skip the check then.
        this.uncertain.add(key);
        entry = await this.ledger.renew(entry, token, now());
        if (!entry) continue;
        check = true;
      }

      // 2. Sent by this page already (only the ledger update failed)? Then only mark it.
      const known = this.sentNotMarked.get(key);
      if (known !== undefined) {
        await this.markSent(entry, known);
        return "sent";
      }

      // 3. Was it sent by an attempt whose outcome we do not know?
      const me = await this.me();
      const chatId = await this.teams.openChat(me, recipient);
      if (check && (await this.teams.hasCard(chatId, attachmentId))) {
        await this.markSent(entry, "found-in-chat");
        return "already-sent";
      }

      // 4. Send within the lease; renew first if it is running out.
      if (now() > entry.claimedAt + this.lease - this.margin) {
        const renewed = await this.ledger.renew(entry, token, now());
        if (!renewed) continue;
        entry = renewed;
      }
      let messageId: string;
      try {
        messageId = await this.teams.sendCard(
          chatId,
          attachmentId,
          breachCard(breach, this.options.recordLink(breach.personId, breach.data.breachId)),
          // Never after the claim could be taken over (less a minute for the request itself): a
          // post held back by a Retry-After gate must not land after another instance checked the chat.
          entry.claimedAt + this.lease - this.sendSafety,
        );
      } catch (error) {
        if ((error as { notSent?: unknown } | null)?.notSent === true) continue; // not sent: renew, then send

        const wait = isThrottled(error);
        if (wait !== null) {
          // 429: Graph did not process it. Wait as asked, then go round (the lease is re-checked).
          await this.options.sleep(wait);
          continue;
        }
        // Anything else: it may or may not have been posted. Check the chat next time.
        this.uncertain.add(key);
        throw error;
      }
      this.uncertain.delete(key);
      this.sentNotMarked.set(key, messageId);
      await this.markSent(entry, messageId);
      return "sent";
    }
  }

  private async markSent(entry: LedgerEntry, chatMessageId: string): Promise<void> {
    let current: LedgerEntry | null = entry;
    while (current && current.state !== "sent") {
      const done = await this.ledger.markSent(current, chatMessageId);
      if (done) break;
      // Changed meanwhile (412): read again; if another instance took over, it checks the chat.
      current = await this.ledger.get(entry.key);
      if (current && current.claimToken !== this.options.instanceToken) break;
    }
    this.sent.add(entry.key);
    this.uncertain.delete(entry.key);
    this.sentNotMarked.delete(entry.key);
  }
}

// ---------------------------------------------------------------------------------------------
// The app-only path (issue 9): the enforcement service has no signed-in user and no chat of its
// own, so it tells the line manager through the Teams activity feed
// (POST /users/{managerId}/teamwork/sendActivityNotification, TeamsActivity.Send). It runs through
// the same BreachNotifier and the same ledger (the breach's event id is the key), so a breach is
// notified once whichever of the service or the taskpane recorded it: only the breach's recorder
// (`by`) notifies, and the ledger's unique key stops two instances of one recorder.

/** The activity type the Teams manifest declares (activities.activityTypes). */
export const BREACH_ACTIVITY_TYPE = "breachRecorded";

export interface ActivityNotification {
  readonly topic: { readonly source: "text"; readonly value: string; readonly webUrl: string };
  readonly activityType: string;
  readonly previewText: { readonly content: string };
  readonly templateParameters: readonly { readonly name: string; readonly value: string }[];
  /**
   * Graph's `chainId` (Int64): a later notification with the same chain id replaces the earlier
   * one in the recipient's feed. One chain per breach, so a send whose answer was lost (and is
   * therefore sent again after the lease) still shows the manager one notification.
   */
  readonly chainId?: number;
}

/**
 * A breach's activity chain id: a positive integer below 2^53 (exact in JSON and in Graph's
 * Int64), the same for the same key in every process (two FNV-1a hashes of the key).
 */
export function activityChainId(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return (a & 0x1fffff) * 0x100000000 + b + 1;
}

/** Graph's activity feed (app-only). Posts once, never retried inside; resolves when Graph accepted it. */
export interface ActivityFeedPort {
  sendActivity(userId: string, notification: ActivityNotification): Promise<void>;
}

/** The activity for a breach: no personal data beyond the person's reference; the topic is the deep link. */
export function breachActivity(card: AdaptiveCard, chainKey?: string): ActivityNotification {
  const actions = (card["actions"] ?? []) as readonly { url?: unknown }[];
  const url = typeof actions[0]?.url === "string" ? actions[0].url : "";
  return {
    topic: { source: "text", value: "Contact strategy breach", webUrl: url },
    activityType: BREACH_ACTIVITY_TYPE,
    previewText: { content: "A contact strategy breach needs your acknowledgement (9.11)" },
    templateParameters: [],
    ...(chainKey ? { chainId: activityChainId(chainKey) } : {}),
  };
}

/**
 * A TeamsPort over the activity feed, for BreachNotifier: `me` is the service's own identity (the
 * `by` of what it records), the recipient is the mailbox's line manager. The feed cannot be read
 * back, so an attempt whose outcome is unknown is retried after the lease (docs/service.md).
 */
export function activityFeedTeams(
  feed: ActivityFeedPort,
  service: DirectoryUser,
  manager: DirectoryUser | null,
): TeamsPort {
  return {
    me: () => Promise.resolve(service),
    manager: () => Promise.resolve(manager),
    openChat: (_me, other) => Promise.resolve(other.id),
    hasCard: () => Promise.resolve(false),
    sendCard: async (recipientId, attachmentId, card) => {
      // No deadline needed: the activity's chainId makes a late duplicate replace the first.
      await feed.sendActivity(recipientId, breachActivity(card, attachmentId));
      return `activity:${attachmentId}`;
    },
  };
}
