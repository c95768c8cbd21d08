/**
 * The preview plays the part of Outlook: a MailHost over a sample mailbox. Selecting a message
 * is what clicking it in Outlook's list does; drafted replies and new messages land in a list the
 * compose panel shows (displayReplyForm / displayNewMessageForm in Outlook).
 */
import {
  ALL_FEATURES,
  type MailAddress,
  type MailFeatures,
  type MailHost,
  type MailMessage,
  type NewMessageForm,
} from "../../app/mail-host";
import type { Mailbox } from "./mailbox";

export interface Draft {
  readonly id: number;
  readonly kind: "reply" | "new";
  readonly to: readonly string[];
  readonly subject: string;
  readonly htmlBody: string;
  /** The message it replies to. */
  readonly inReplyTo?: string;
}

export class MailboxHost implements MailHost {
  readonly kind = "preview" as const;
  readonly features: MailFeatures = ALL_FEATURES;
  private mailbox: Mailbox;
  private selectedId: string | null = null;
  private readonly listeners = new Set<() => void>();
  private draftList: readonly Draft[] = [];
  private readonly draftListeners = new Set<() => void>();
  private nextDraft = 1;

  constructor(mailbox: Mailbox) {
    this.mailbox = mailbox;
  }

  get organisationDomains(): readonly string[] {
    return this.mailbox.organisationDomains;
  }

  get user(): MailAddress | null {
    return this.mailbox.user ?? null;
  }

  get messages(): readonly MailMessage[] {
    return this.mailbox.messages;
  }

  get selected(): string | null {
    return this.selectedId;
  }

  /** Replaces the mailbox (a ?mailbox= URL or "Reset sample data"); the selection is cleared. */
  setMailbox(mailbox: Mailbox): void {
    this.mailbox = mailbox;
    this.selectedId = null;
    this.emit();
  }

  select(id: string | null): void {
    const next = id !== null && this.mailbox.messages.some((m) => m.id === id) ? id : null;
    if (next === this.selectedId) return;
    this.selectedId = next;
    this.emit();
  }

  currentMessage(): MailMessage | null {
    return this.mailbox.messages.find((m) => m.id === this.selectedId) ?? null;
  }

  onMessageChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }

  async displayReplyForm(html: string): Promise<void> {
    const m = this.currentMessage();
    if (!m) throw new Error("Select a message to reply to.");
    const subject = /^re:/i.test(m.subject) ? m.subject : `RE: ${m.subject}`;
    this.addDraft({ kind: "reply", to: [m.from.address], subject, htmlBody: html, inReplyTo: m.id });
  }

  async displayMessage(itemId: string): Promise<void> {
    if (!this.mailbox.messages.some((m) => m.id === itemId))
      throw new Error("That message is not in this mailbox (the preview's sample mailbox).");
    this.select(itemId);
  }

  async displayNewMessageForm(form: NewMessageForm): Promise<void> {
    this.addDraft({ kind: "new", to: form.to, subject: form.subject, htmlBody: form.htmlBody });
  }

  private addDraft(d: Omit<Draft, "id">): void {
    this.draftList = [{ ...d, id: this.nextDraft++ }, ...this.draftList];
    for (const l of [...this.draftListeners]) l();
  }

  drafts = (): readonly Draft[] => this.draftList;

  onDraftsChanged = (listener: () => void): (() => void) => {
    this.draftListeners.add(listener);
    return () => this.draftListeners.delete(listener);
  };

  discardDraft(id: number): void {
    this.draftList = this.draftList.filter((d) => d.id !== id);
    for (const l of [...this.draftListeners]) l();
  }
}
