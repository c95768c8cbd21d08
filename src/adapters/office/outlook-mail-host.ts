/**
 * MailHost over Office.js (read mode). The only place that touches `Office.context.mailbox`;
 * components get everything through the MailHost port (style.md). `office` is passed in so
 * tests can hand over an office-addin-mock object.
 *
 * Stale data (issue 3 item 3): the current message is read synchronously from
 * `mailbox.item` whenever ItemChanged fires (the item is already updated then, and may be null);
 * the body arrives later through body.getAsync and is applied only if the same item is still
 * selected.
 */
import type { MailAddress, MailFeatures, MailHost, MailMessage, NewMessageForm } from "../../app/mail-host";
import { findMatterRef } from "../../app/matter-ref";
import { toEwsId } from "../../app/message-link";
import { detectFeatures } from "./features";

/** Outlook's limit for a reply or new-message body (m365-reference §2). */
export const MAX_FORM_BODY_BYTES = 32 * 1024;
const BODY_PREVIEW_CHARS = 2000;

type OfficeLike = typeof Office;

export interface OutlookMailHostOptions {
  /** Organisation domains an admin set (e.g. from the taskpane URL); default: the user's own domain. */
  readonly organisationDomains?: readonly string[];
}

function toAddress(d: Office.EmailAddressDetails | undefined | null): MailAddress {
  return { name: d?.displayName ?? "", address: (d?.emailAddress ?? "").trim() };
}

function domainOf(address: string | undefined): string | null {
  const at = address?.lastIndexOf("@") ?? -1;
  return address && at > 0 ? address.slice(at + 1).toLowerCase() : null;
}

export class OutlookMailHost implements MailHost {
  readonly kind = "outlook" as const;
  readonly features: MailFeatures;
  readonly organisationDomains: readonly string[];
  readonly user: MailAddress | null;
  private current: MailMessage | null = null;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly office: OfficeLike,
    options: OutlookMailHostOptions,
  ) {
    const mailbox = office.context.mailbox;
    this.features = detectFeatures(office.context.requirements, mailbox.diagnostics?.hostName);
    const profile = mailbox.userProfile;
    this.user = profile?.emailAddress ? { name: profile.displayName ?? "", address: profile.emailAddress } : null;
    const own = domainOf(profile?.emailAddress);
    this.organisationDomains = options.organisationDomains?.length ? options.organisationDomains : own ? [own] : [];
  }

  /** Reads the selected item and, where Mailbox 1.5 allows, follows the selection (pinned pane). */
  static async create(office: OfficeLike, options: OutlookMailHostOptions = {}): Promise<OutlookMailHost> {
    const host = new OutlookMailHost(office, options);
    host.refresh();
    if (host.features.followsSelection) {
      await new Promise<void>((resolve) => {
        office.context.mailbox.addHandlerAsync(
          office.EventType.ItemChanged,
          () => host.refresh(),
          () => resolve(),
        );
      });
    }
    return host;
  }

  private readItem(): MailMessage | null {
    const item = this.office.context.mailbox.item as Office.MessageRead | null | undefined;
    if (!item || item.itemType !== this.office.MailboxEnums.ItemType.Message) return null;
    const created =
      item.dateTimeCreated instanceof Date ? item.dateTimeCreated : new Date(item.dateTimeCreated as unknown as string);
    const subject = item.subject ?? "";
    const matterRef = findMatterRef(subject);
    return {
      id: item.itemId ?? item.internetMessageId ?? `${subject}|${created.getTime()}`,
      ...(item.internetMessageId ? { internetMessageId: item.internetMessageId } : {}),
      from: toAddress(item.from ?? item.sender),
      to: (item.to ?? []).map(toAddress),
      cc: (item.cc ?? []).map(toAddress),
      subject,
      receivedAt: Number.isNaN(created.getTime()) ? new Date(0).toISOString() : created.toISOString(),
      bodyPreview: "",
      ...(matterRef ? { matterRef } : {}),
    };
  }

  /** Re-reads the selected item (ItemChanged). */
  refresh(): void {
    const next = this.readItem();
    this.current = next;
    this.emit();
    if (next) this.readBody(next.id);
  }

  private readBody(id: string): void {
    const item = this.office.context.mailbox.item as Office.MessageRead | null | undefined;
    if (!item?.body?.getAsync) return;
    item.body.getAsync(this.office.CoercionType.Text, (result: Office.AsyncResult<string>) => {
      // Only if the same message is still selected: never show one message's body under another.
      if (result.status !== this.office.AsyncResultStatus.Succeeded || this.current?.id !== id) return;
      this.current = { ...this.current, bodyPreview: (result.value ?? "").slice(0, BODY_PREVIEW_CHARS) };
      this.emit();
    });
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }

  currentMessage(): MailMessage | null {
    return this.current;
  }

  onMessageChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async displayReplyForm(html: string): Promise<void> {
    if (!this.features.replyForm) throw new Error("This version of Outlook cannot open a reply from the pane.");
    checkSize(html);
    const item = this.office.context.mailbox.item as Office.MessageRead | null | undefined;
    if (!item) throw new Error("Select the message to reply to first.");
    item.displayReplyForm({ htmlBody: html });
  }

  /** Mailbox 1.0: the item id must be in EWS form (a Graph id, from the service, is turned back into it). */
  async displayMessage(itemId: string): Promise<void> {
    this.office.context.mailbox.displayMessageForm(toEwsId(itemId));
  }

  async displayNewMessageForm(form: NewMessageForm): Promise<void> {
    if (!this.features.newMessageForm)
      throw new Error("This version of Outlook cannot open a new message from the pane (it needs Mailbox 1.6).");
    checkSize(form.htmlBody);
    this.office.context.mailbox.displayNewMessageForm({
      toRecipients: [...form.to],
      subject: form.subject,
      htmlBody: form.htmlBody,
    });
  }
}

function checkSize(html: string): void {
  if (new TextEncoder().encode(html).length > MAX_FORM_BODY_BYTES) {
    throw new Error(
      "The letter is longer than Outlook allows in a drafted message (32 KB). Shorten it, or send it as an attachment.",
    );
  }
}

/** `?domains=a.example,b.example` on the taskpane URL (set in the manifest by an admin). */
export function domainsFromUrl(search: string): string[] {
  const raw = new URLSearchParams(search).get("domains") ?? "";
  return raw
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d));
}
