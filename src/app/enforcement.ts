/**
 * The enforcement service's use cases (issue 9): mail is judged when it arrives, in every
 * configured mailbox (shared ones included), with nobody at the keyboard. Policy 9.10 (all contact
 * from a restricted person is reviewed) and 9.11 (breaches are dealt with swiftly).
 *
 * For each mailbox and each watched folder (the Inbox, and the review folder the rules divert into,
 * since a server-side rule moves mail before it reaches the Inbox):
 * - a Graph change-notification subscription (changeType created, a clientState secret, a
 *   lifecycleNotificationUrl), renewed before it expires, recreated when Graph removed it;
 * - a delta query, run on start and after any gap (a missed lifecycle event, a recreated
 *   subscription, a failed notification), with the deltaLink kept per mailbox and folder, so a
 *   dropped notification never loses a message.
 *
 * Each message from a person on the record becomes a contact whose id is derived from its Internet
 * Message-ID (derived-id.ts: the same id the taskpane derives), is judged, and every breach is
 * recorded once (the same deterministic breach id) and notified once through the one ledger
 * (notify.ts). The message gets the product's categories. Nothing is ever deleted.
 *
 * Logs carry no personal data: event names, opaque mailbox keys, counts, status codes.
 */
import { type EventOf, type RecordEvent, type RecordIndex } from "../domain";
import { logMessage, type ActionContext } from "./actions";
import { messageKey } from "./derived-id";
import type { MailAddress, MailMessage } from "./mail-host";
import { applyVerdictCategories, type MessageCategories } from "./mailbox-categories";
import type { MailboxReconciler } from "./mailbox-reconcile";
import { opaqueKey, type KeyValueStorage } from "./m365-state";
import { messageToContact } from "./message-contact";
import type { BreachNotifier, NotifyOutcome } from "./notify";
import type { Clock } from "./ports";

/** A message as Graph returns it (the fields the service selects). */
export interface GraphMessage {
  readonly id: string;
  readonly internetMessageId?: string;
  readonly from?: { readonly emailAddress?: { readonly address?: string; readonly name?: string } } | null;
  readonly toRecipients?: readonly { readonly emailAddress?: { readonly address?: string; readonly name?: string } }[];
  readonly ccRecipients?: readonly { readonly emailAddress?: { readonly address?: string; readonly name?: string } }[];
  readonly subject?: string;
  readonly receivedDateTime?: string;
  readonly bodyPreview?: string;
  /** Present on a delta entry for a removed message. */
  readonly "@removed"?: unknown;
}

export interface SubscriptionRequest {
  readonly changeType: "created";
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string;
  /** e.g. `users/{id}/mailFolders('Inbox')/messages`. */
  readonly resource: string;
  readonly expirationDateTime: string;
  readonly clientState: string;
}

export interface Subscription {
  readonly id: string;
  readonly expirationDateTime: string;
}

export interface DeltaPage {
  readonly messages: readonly GraphMessage[];
  readonly deltaLink: string;
}

/** An error from Graph with its HTTP status (adapters throw these). */
export interface StatusError {
  readonly status?: number;
}

/** What the service needs from Graph, app-only (src/adapters/graph in production). */
export interface EnforcementGraph {
  createSubscription(request: SubscriptionRequest): Promise<Subscription>;
  /** Rejects with status 404 when Graph no longer has it. */
  renewSubscription(id: string, expirationDateTime: string): Promise<Subscription>;
  /** The message, or null when Graph no longer has it (404). */
  getMessage(mailboxId: string, messageId: string): Promise<GraphMessage | null>;
  /**
   * All pages of a delta round: from `deltaLink`, or (null) a fresh round over the folder's
   * messages received since `sinceIso`. Rejects with status 410 when the deltaLink expired.
   */
  delta(mailboxId: string, folder: string, deltaLink: string | null, sinceIso: string): Promise<DeltaPage>;
  /** The folders to watch: the Inbox and the review folder (created if missing). */
  watchedFolders(mailboxId: string): Promise<string[]>;
}

export interface ServiceMailbox {
  /** The mailbox's user id or user principal name (shared mailboxes have one too). */
  readonly id: string;
  /** Its addresses (UPN and primary SMTP address). */
  readonly addresses: readonly string[];
}

/** One mailbox's collaborators, app-only: `/users/{id}/...`. */
export interface MailboxPorts {
  readonly categories: MessageCategories;
  readonly reconciler: MailboxReconciler | null;
  /** Notifies this mailbox's line manager (activity feed), sharing the ledger with the taskpane. */
  readonly notifier: BreachNotifier | null;
}

/** Structured, personal-data-free log lines. */
export type ServiceLog = (event: string, fields?: Readonly<Record<string, string | number>>) => void;

export interface EnforcementOptions {
  readonly graph: EnforcementGraph;
  readonly state: KeyValueStorage;
  readonly clock: Clock;
  /** Records as the service (its `by` is the service's identity). */
  readonly ctx: ActionContext;
  readonly mailboxes: readonly ServiceMailbox[];
  readonly portsFor: (mailbox: ServiceMailbox) => MailboxPorts;
  readonly organisationDomains: readonly string[];
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string;
  /** The shared secret Graph echoes in every notification. */
  readonly clientState: string;
  /** Messages received before this are not caught up on a first run. */
  readonly sinceIso: string;
  /** Re-reads the record (the store may have changed: the taskpane writes too). */
  readonly refresh: () => Promise<RecordIndex>;
  /**
   * Delivers what the service appended to the shared record; resolves true when nothing is left
   * waiting. A delta round advances its deltaLink only after this: the service's outbox lives in
   * its process, so a restart between "appended" and "delivered" must find the message again
   * (9.10: all contact is reviewed, none lost). Absent: the store writes through at once.
   */
  readonly delivered?: () => Promise<boolean>;
  /**
   * The events the shared list holds as this process last read them (the replica, without its own
   * waiting appends). A breach is notified only from here, so a breach the service appended but a
   * member of staff recorded first (the list keeps theirs) is theirs to notify, never both (9.11:
   * notified once, whoever sees it first). Absent: the store writes through, `refresh` is the list.
   */
  readonly shared?: () => readonly RecordEvent[];
  readonly log: ServiceLog;
  /** How long a subscription is asked for (default 3 days; Outlook messages allow up to 10,080 minutes). */
  readonly lifetimeMs?: number;
  /** Renewed when it has less than this left (default 1 day). */
  readonly renewBeforeMs?: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

interface StoredSubscription {
  readonly id: string;
  readonly expiresAt: number;
}

interface Watch {
  readonly mailbox: ServiceMailbox;
  readonly folder: string;
  readonly key: string;
}

export interface MessageOutcome {
  readonly status: "gone" | "not-on-record" | "logged";
  readonly breachIds?: readonly string[];
  readonly notified?: readonly NotifyOutcome[];
}

const DEFAULT_LIFETIME_MS = 3 * 24 * 3_600_000;
const DEFAULT_RENEW_BEFORE_MS = 24 * 3_600_000;

const statusOf = (e: unknown): number | undefined => (e as StatusError | null)?.status;

function address(a: { readonly emailAddress?: { readonly address?: string; readonly name?: string } }): MailAddress {
  return { name: a.emailAddress?.name ?? "", address: a.emailAddress?.address ?? "" };
}

/** A Graph message as the host-neutral MailMessage (message-contact.ts turns it into a contact). */
export function toMailMessage(m: GraphMessage): MailMessage | null {
  const from = m.from?.emailAddress?.address;
  if (!from || !m.receivedDateTime) return null;
  return {
    id: m.id,
    ...(m.internetMessageId ? { internetMessageId: m.internetMessageId } : {}),
    from: address(m.from ?? {}),
    to: (m.toRecipients ?? []).map(address),
    cc: (m.ccRecipients ?? []).map(address),
    subject: m.subject ?? "",
    receivedAt: m.receivedDateTime,
    bodyPreview: "",
  };
}

/** The resource a subscription watches: a folder's messages in one mailbox. */
export function folderResource(mailboxId: string, folder: string): string {
  return `users/${mailboxId}/mailFolders('${folder}')/messages`;
}

export class EnforcementService {
  private readonly watches = new Map<string, Watch>();
  /** Subscription id → watch key. */
  private readonly bySubscription = new Map<string, string>();
  private readonly gaps = new Set<string>();
  private readonly ports = new Map<string, MailboxPorts>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: EnforcementOptions) {}

  private portsOf(mailbox: ServiceMailbox): MailboxPorts {
    let p = this.ports.get(mailbox.id);
    if (!p) {
      p = this.o.portsFor(mailbox);
      this.ports.set(mailbox.id, p);
    }
    return p;
  }

  private subKey(w: Watch): string {
    return `enforce.sub.${w.key}`;
  }

  private deltaKey(w: Watch): string {
    return `enforce.delta.${w.key}`;
  }

  /** Serialises the work (one message at a time keeps the record's reads and writes in order). */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * True when every watched folder's last catch-up read to its end (no gap left for the next
   * round): what a health check reports, and what "nothing missed" needs besides an empty outbox.
   */
  get caughtUp(): boolean {
    return this.gaps.size === 0;
  }

  /** Resolves when everything queued so far has been processed. */
  async settled(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      if (q === this.queue) return;
    }
  }

  /** Subscribes (or picks up the stored subscriptions), catches up, and reconciles every mailbox. */
  async start(): Promise<void> {
    for (const mailbox of this.o.mailboxes) {
      for (const folder of await this.o.graph.watchedFolders(mailbox.id)) {
        const key = `${opaqueKey(mailbox.id)}.${opaqueKey(folder)}`;
        const w: Watch = { mailbox, folder, key };
        this.watches.set(key, w);
        const stored = await this.o.state.get<StoredSubscription>(this.subKey(w));
        if (stored) this.bySubscription.set(stored.id, key);
        this.gaps.add(key); // catch up on start
      }
    }
    await this.tick();
  }

  /** The timer's work: renew or recreate subscriptions, close any gap by delta, reconcile rules. */
  async tick(): Promise<void> {
    for (const w of this.watches.values()) {
      try {
        await this.ensureSubscription(w);
      } catch (e) {
        this.o.log("subscription-failed", { mailbox: w.key, status: statusOf(e) ?? 0 });
      }
    }
    // Every round catches up by delta, not only after a known gap: Graph may drop a notification
    // without any lifecycle event, and delta is the documented safety net (9.10: all contact is
    // reviewed, so a message must never be missed). A round with nothing new costs one request per folder.
    for (const w of this.watches.values()) await this.enqueue(() => this.catchUp(w));
    await this.enqueue(() => this.reconcileAll());
    await this.enqueue(() => this.notifyOutstanding().catch(() => new Map<string, NotifyOutcome>()));
  }

  /**
   * Notifies every breach the service recorded that has no notification yet (9.11): a send that
   * failed when the message was processed (throttled, offline, a restart) is retried on the next
   * round, through the one ledger, so it is still sent exactly once. Each breach goes to the line
   * manager of the mailbox its message arrived in (the contact's `message.mailbox`).
   */
  async notifyOutstanding(): Promise<Map<string, NotifyOutcome>> {
    const results = new Map<string, NotifyOutcome>();
    const index = await this.o.refresh();
    const mailboxOf = new Map<string, ServiceMailbox>();
    for (const m of this.o.mailboxes) for (const a of [m.id, ...m.addresses]) mailboxOf.set(a.toLowerCase(), m);
    const byMailbox = new Map<ServiceMailbox, EventOf<"BreachRecorded">[]>();
    for (const event of this.o.shared ? this.o.shared() : index.events.map((l) => l.event)) {
      if (event.type !== "BreachRecorded" || index.isRetracted(event.id)) continue;
      if (event.by.trim().toLowerCase() !== this.o.ctx.by.trim().toLowerCase()) continue;
      const contactId = event.data.contactId;
      const contact = contactId
        ? index.eventsOf(event.personId).find((l) => l.event.type === "ContactLogged" && l.event.id === contactId)
        : undefined;
      const where = (contact?.event.data as { message?: { mailbox?: unknown } } | undefined)?.message?.mailbox;
      const mailbox = typeof where === "string" ? mailboxOf.get(where.toLowerCase()) : undefined;
      if (!mailbox) continue;
      byMailbox.set(mailbox, [...(byMailbox.get(mailbox) ?? []), event]);
    }
    for (const [mailbox, breaches] of byMailbox) {
      const notifier = this.portsOf(mailbox).notifier;
      if (!notifier) continue;
      for (const [id, outcome] of await notifier.notifyAll(breaches, (x) => index.isRetracted(x))) {
        results.set(id, outcome);
        if (outcome !== "sent" && outcome !== "already-sent")
          this.o.log("notify-outstanding", { mailbox: opaqueKey(mailbox.id), outcome });
      }
    }
    return results;
  }

  private async ensureSubscription(w: Watch, force = false): Promise<void> {
    const now = this.o.clock.now();
    const lifetime = this.o.lifetimeMs ?? DEFAULT_LIFETIME_MS;
    const expiry = new Date(now + lifetime).toISOString();
    const stored = await this.o.state.get<StoredSubscription>(this.subKey(w));
    if (stored && !force && stored.expiresAt - now > (this.o.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS)) return;
    if (stored && stored.expiresAt > now) {
      try {
        const renewed = await this.o.graph.renewSubscription(stored.id, expiry);
        await this.remember(w, renewed);
        this.o.log("subscription-renewed", { mailbox: w.key });
        return;
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
        this.o.log("subscription-gone", { mailbox: w.key });
      }
    }
    if (stored) this.bySubscription.delete(stored.id);
    const created = await this.o.graph.createSubscription({
      changeType: "created",
      notificationUrl: this.o.notificationUrl,
      lifecycleNotificationUrl: this.o.lifecycleNotificationUrl,
      resource: folderResource(w.mailbox.id, w.folder),
      expirationDateTime: expiry,
      clientState: this.o.clientState,
    });
    await this.remember(w, created);
    this.gaps.add(w.key); // anything that arrived while there was no subscription
    this.o.log("subscription-created", { mailbox: w.key });
  }

  private async remember(w: Watch, s: Subscription): Promise<void> {
    const expiresAt = Date.parse(s.expirationDateTime);
    await this.o.state.set<StoredSubscription>(this.subKey(w), { id: s.id, expiresAt });
    this.bySubscription.set(s.id, w.key);
  }

  private async catchUp(w: Watch): Promise<void> {
    this.gaps.delete(w.key);
    let link = (await this.o.state.get<string>(this.deltaKey(w))) ?? null;
    let page: DeltaPage;
    try {
      page = await this.o.graph.delta(w.mailbox.id, w.folder, link, this.o.sinceIso);
    } catch (e) {
      if (statusOf(e) === 410 && link !== null) {
        link = null;
        this.o.log("delta-expired", { mailbox: w.key });
        try {
          page = await this.o.graph.delta(w.mailbox.id, w.folder, null, this.o.sinceIso);
        } catch (e2) {
          this.gaps.add(w.key);
          this.o.log("delta-failed", { mailbox: w.key, status: statusOf(e2) ?? 0 });
          return;
        }
      } else {
        this.gaps.add(w.key);
        this.o.log("delta-failed", { mailbox: w.key, status: statusOf(e) ?? 0 });
        return;
      }
    }
    let n = 0;
    for (const m of page.messages) {
      if (m["@removed"] !== undefined) continue;
      try {
        // Delta entries may carry only some fields: read the message itself.
        await this.processMessage(w.mailbox, m.id);
        n++;
      } catch (e) {
        // Not lost: the deltaLink is not advanced, so the next round sees it again.
        this.gaps.add(w.key);
        this.o.log("catch-up-failed", { mailbox: w.key, status: statusOf(e) ?? 0 });
        return;
      }
    }
    if (this.o.delivered && !(await this.o.delivered().catch(() => false))) {
      // Not advanced: the next round reads these messages again (their ids are derived, so nothing doubles).
      this.gaps.add(w.key);
      this.o.log("catch-up-undelivered", { mailbox: w.key, messages: n });
      return;
    }
    await this.o.state.set(this.deltaKey(w), page.deltaLink);
    this.o.log("caught-up", { mailbox: w.key, messages: n });
  }

  private async reconcileAll(): Promise<void> {
    const index = await this.o.refresh();
    for (const mailbox of this.o.mailboxes) {
      const reconciler = this.portsOf(mailbox).reconciler;
      if (!reconciler) continue;
      try {
        const report = await reconciler.run(index);
        if (report !== "skipped")
          this.o.log("reconciled", {
            mailbox: opaqueKey(mailbox.id),
            created: report.created,
            removed: report.removed,
          });
      } catch (e) {
        this.o.log("reconcile-failed", { mailbox: opaqueKey(mailbox.id), status: statusOf(e) ?? 0 });
      }
    }
  }

  /**
   * One message: read it, and if its sender is a person on the record, log the contact (derived
   * id), record its breaches (derived ids), categorise it and notify each breach once.
   */
  async processMessage(mailbox: ServiceMailbox, messageId: string): Promise<MessageOutcome> {
    const m = await this.o.graph.getMessage(mailbox.id, messageId);
    if (!m) {
      this.o.log("message-gone", { mailbox: opaqueKey(mailbox.id) });
      return { status: "gone" };
    }
    const mail = toMailMessage(m);
    if (!mail) return { status: "not-on-record" };
    const index = await this.o.refresh();
    const contact = messageToContact(mail, this.o.organisationDomains);
    const { personId } = index.identify({ from: contact.from });
    if (!personId) return { status: "not-on-record" };

    // Where the message is (this mailbox's item id), for the review queue's link to it (9.10).
    const message = { itemId: m.id, mailbox: mailbox.addresses[0] ?? mailbox.id };
    const logged = await logMessage(this.o.ctx, { messageId: messageKey(mail), contact, personId, message });
    const ports = this.portsOf(mailbox);
    try {
      await applyVerdictCategories(ports.categories, m.id, logged.verdict);
    } catch (e) {
      // Moved (a mail rule diverted it to the review folder) or deleted since it was read: the
      // contact and its breaches are recorded, which is what matters; the next folder's round
      // categorises it where it now is. Anything else (throttled, offline) fails the round.
      if (statusOf(e) !== 404) throw e;
      this.o.log("categories-gone", { mailbox: opaqueKey(mailbox.id) });
    }
    const notified: NotifyOutcome[] = [];
    if (ports.notifier && logged.breachIds.length > 0) {
      // Delivered first, then notified from the list's copy: the list keeps whichever breach was
      // appended first (the service's or a member of staff's) and only its recorder notifies. What
      // is not delivered yet is notified by notifyOutstanding on a later round.
      if (this.o.delivered) await this.o.delivered().catch(() => false);
      const record = this.o.ctx.record.index;
      const inList = this.o.shared ? new Map(this.o.shared().map((e) => [e.id, e])) : null;
      for (const breachId of logged.breachIds) {
        const stored = inList
          ? inList.get(breachId)
          : record.eventsOf(personId).find((l) => l.event.id === breachId)?.event;
        if (stored?.type !== "BreachRecorded" || record.isRetracted(breachId)) continue;
        notified.push(await ports.notifier.notify(stored as EventOf<"BreachRecorded">));
      }
    }
    this.o.log("message-logged", { mailbox: opaqueKey(mailbox.id), breaches: logged.breachIds.length });
    return { status: "logged", breachIds: logged.breachIds, notified };
  }

  /**
   * A POST to the notification or lifecycle URL. `validationToken` (query) → 200 text/plain echo.
   * A body that is not Graph's `{ value: [...] }` → 400. Otherwise 202 at once, the work queued;
   * an item with the wrong clientState or an unknown subscription is ignored (logged, no content).
   */
  handleNotification(validationToken: string | null, body: string): { answer: HttpAnswer; done: Promise<void> } {
    if (validationToken !== null) {
      return {
        answer: { status: 200, contentType: "text/plain", body: validationToken },
        done: Promise.resolve(),
      };
    }
    let items: unknown[];
    try {
      const parsed = JSON.parse(body) as { value?: unknown };
      if (!Array.isArray(parsed.value)) throw new Error("no value");
      items = parsed.value;
    } catch {
      this.o.log("notification-malformed");
      return { answer: { status: 400 }, done: Promise.resolve() };
    }
    const work: Promise<unknown>[] = [];
    for (const raw of items) {
      const item = (raw ?? {}) as {
        subscriptionId?: unknown;
        clientState?: unknown;
        lifecycleEvent?: unknown;
        resourceData?: { id?: unknown } | null;
      };
      if (item.clientState !== this.o.clientState) {
        this.o.log("notification-wrong-client-state");
        continue;
      }
      const key = typeof item.subscriptionId === "string" ? this.bySubscription.get(item.subscriptionId) : undefined;
      const w = key === undefined ? undefined : this.watches.get(key);
      if (!w) {
        this.o.log("notification-unknown-subscription");
        continue;
      }
      if (typeof item.lifecycleEvent === "string") {
        work.push(this.lifecycle(w, item.lifecycleEvent));
        continue;
      }
      const id = item.resourceData?.id;
      if (typeof id !== "string" || id === "") {
        this.o.log("notification-without-message");
        continue;
      }
      work.push(
        this.enqueue(() => this.processMessage(w.mailbox, id)).catch((e: unknown) => {
          // Not lost: the delta round picks it up.
          this.gaps.add(w.key);
          this.o.log("message-failed", { mailbox: w.key, status: statusOf(e) ?? 0 });
          return this.enqueue(() => this.catchUp(w));
        }),
      );
    }
    return { answer: { status: 202 }, done: Promise.all(work).then(() => undefined) };
  }

  private async lifecycle(w: Watch, event: string): Promise<void> {
    this.o.log("lifecycle", { mailbox: w.key, event });
    try {
      if (event === "reauthorizationRequired") await this.ensureSubscription(w, true);
      else if (event === "subscriptionRemoved") {
        await this.o.state.set(this.subKey(w), undefined);
        await this.ensureSubscription(w, true);
      }
    } catch (e) {
      this.o.log("subscription-failed", { mailbox: w.key, status: statusOf(e) ?? 0 });
    }
    if (event === "missed" || event === "subscriptionRemoved") this.gaps.add(w.key);
    for (const key of [...this.gaps]) {
      const g = this.watches.get(key);
      if (g) await this.enqueue(() => this.catchUp(g));
    }
  }
}
