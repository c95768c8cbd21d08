/**
 * MailHost: the mail client as the taskpane sees it (the selected message, and the forms it can
 * open). Outlook implements it in src/adapters/office; the preview host implements it over the
 * sample mailbox. Components never touch `Office` (style.md): host calls arrive through this port.
 */

export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

/** The message the taskpane is about. */
export interface MailMessage {
  /** Host item id (Outlook item id; the preview mailbox's message id). Differs between mailboxes. */
  readonly id: string;
  /**
   * The message's Internet Message-ID (RFC 5322 `Message-ID`), the same in every mailbox that
   * received it, when the host knows it. Ids that must be the same whoever records the message
   * (the contact and its breaches, derived-id.ts) come from this, so two members of staff who both
   * received the message record one breach and the line manager hears of it once.
   */
  readonly internetMessageId?: string;
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  /** ISO-8601 date-time with offset. */
  readonly receivedAt: string;
  /** Plain text, possibly truncated; "" while the host is still reading it. */
  readonly bodyPreview: string;
  /** The matter the message is about, when known (record-format §6 `matterRef`). */
  readonly matterRef?: string;
}

export interface NewMessageForm {
  readonly to: readonly string[];
  readonly subject: string;
  readonly htmlBody: string;
}

/**
 * What this host can do, from requirement-set detection (m365-reference §2). The preview has
 * everything; an older Outlook client may lack some. `missing` holds one plain-English sentence per
 * missing feature, for the taskpane to show.
 */
export interface MailFeatures {
  /** The pane follows the selected message (Mailbox 1.5, ItemChanged; pinning). */
  readonly followsSelection: boolean;
  /** A reply form can be opened with a drafted body (Mailbox 1.1, not on mobile). */
  readonly replyForm: boolean;
  /** A new message can be opened with recipients, subject and body (Mailbox 1.6). */
  readonly newMessageForm: boolean;
  /** Outlook categories on the item (Mailbox 1.8). */
  readonly categories: boolean;
  readonly missing: readonly string[];
}

export const ALL_FEATURES: MailFeatures = {
  followsSelection: true,
  replyForm: true,
  newMessageForm: true,
  categories: true,
  missing: [],
};

export interface MailHost {
  /** "outlook" inside Office; "preview" in the preview host and tests. */
  readonly kind: "outlook" | "preview";
  /** The selected message, or null (nothing selected, multi-select, or not a message). */
  currentMessage(): MailMessage | null;
  /**
   * Calls `listener` whenever the selection (or what is known about it) changes. Returns the
   * unsubscribe function. Shaped for React's useSyncExternalStore with `currentMessage`: the
   * same message object is returned until something changes.
   */
  onMessageChanged(listener: () => void): () => void;
  /** Opens a reply to the current message with this HTML body (≤ 32 KB in Outlook). */
  displayReplyForm(html: string): Promise<void>;
  /** Opens a new message (Mailbox 1.6 in Outlook). */
  displayNewMessageForm(form: NewMessageForm): Promise<void>;
  /**
   * Opens an existing message by its item id in this mailbox (a contact's `message.itemId`), for
   * reviewing it (9.10): Outlook's displayMessageForm (Mailbox 1.0); the preview selects it.
   * Absent where the host cannot (the Teams tab links to Outlook on the web instead).
   */
  displayMessage?(itemId: string): Promise<void>;
  /** The organisation's domains: recipients on them are "staff and organisation mailboxes" (record-format §6). */
  readonly organisationDomains: readonly string[];
  /** The member of staff using the pane (the `by` of what they record), when the host knows it. */
  readonly user: MailAddress | null;
  readonly features: MailFeatures;
}
