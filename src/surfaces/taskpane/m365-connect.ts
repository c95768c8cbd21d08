/**
 * The taskpane's connection to Microsoft 365 (loaded on demand from main.tsx: only in Microsoft 365
 * mode): the shared record, sign-in, and keeping the mailbox in step (./m365.ts explains the mode).
 * No React here. The sign-in (a TokenProvider) is passed in: MSAL in Outlook, a test provider in
 * the browser test (which lives under test/ and is never imported from a production entry).
 */
import { connectMicrosoft365, MsalSignIn, msalConfig, OfficeJsAuthHost, type Microsoft365 } from "../../adapters/graph";
import type { TokenProvider } from "../../app/auth";
import type { MailHost } from "../../app/mail-host";
import { applyVerdictCategories, categoriesForVerdict, type MessageCategories } from "../../app/mailbox-categories";
import { messageToContact } from "../../app/message-contact";
import type { Clock } from "../../app/ports";
import type { RecordService } from "../../app/record-service";
import type { TaskpaneSettings } from "./m365";
import type { DigestSecretCache } from "../../app/digest-secret";

/** Outlook's sign-in: nested app authentication where the host offers NestedAppAuth 1.1, the Office dialog otherwise. */
export function outlookSignIn(config: TaskpaneSettings, dialogUrl: string): MsalSignIn {
  return new MsalSignIn(msalConfig(config.settings, dialogUrl), new OfficeJsAuthHost());
}

export interface ConnectTaskpaneOptions {
  readonly config: TaskpaneSettings;
  readonly tokens: TokenProvider;
  readonly clock: Clock;
  /** The signed-in mailbox's addresses (a SPOC's own mailbox gets no forward to itself). */
  readonly mailboxAddresses: readonly string[];
  readonly sleep?: (ms: number) => Promise<void>;
  /** This device's copy of the send-check secret, for the on-send handler. */
  readonly secretCache?: DigestSecretCache;
}

/** The shared record and the mailbox features for this pane. */
export function connectTaskpane(o: ConnectTaskpaneOptions): Promise<Microsoft365> {
  return connectMicrosoft365({
    settings: o.config.settings,
    tokens: o.tokens,
    storage: o.config.storage,
    clock: o.clock,
    sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    mailboxAddresses: o.mailboxAddresses,
    instanceToken: globalThis.crypto.randomUUID(),
    ...(o.secretCache ? { secretCache: o.secretCache } : {}),
  });
}

/**
 * Keeps the record service on the shared record and the mailbox in step with it: the replica
 * and the outbox reload the record; the session starts (setup check, pull, delivery, polling) and
 * reconciles the mailbox on open; a change to the record (a strategy imposed or lifted here)
 * asks for a reconciliation too (the reconciler runs only when the rules this mailbox should have
 * changed, or every 10 minutes). Returns a function that stops listening.
 */
export function followSharedRecord(m365: Microsoft365, record: RecordService): () => void {
  const offs = [m365.sync.subscribe(() => void record.load()), m365.outbox.subscribe(() => void record.load())];
  void (async () => {
    await m365.session.start();
    await m365.session.taskpaneOpened();
  })();
  let strategies: string | null = null;
  offs.push(
    record.subscribe(() => {
      const key = record.index.events
        .map((l) => l.event)
        .filter((e) => e.type.startsWith("Strategy"))
        .map((e) => e.id)
        .join(",");
      if (key === strategies) return;
      const first = strategies === null;
      strategies = key;
      if (!first) void m365.session.taskpaneOpened();
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}

/**
 * Puts the verdict's categories on the current message (and takes the product's stale ones
 * off), whenever the message or the record changes. `restId` turns the host's item id into the
 * id the port takes (Office.js: the item itself; Graph: the REST id); null skips the message.
 */
export function followVerdictCategories(o: {
  readonly record: RecordService;
  readonly mail: MailHost;
  readonly port: MessageCategories;
  readonly restId: (itemId: string) => string | null;
  readonly onError?: (error: unknown) => void;
}): () => void {
  let last = "";
  let chain: Promise<void> = Promise.resolve();
  const apply = () => {
    if (o.record.getSnapshot().version === 0) return; // not loaded yet
    const message = o.mail.currentMessage();
    if (!message) return;
    const id = o.restId(message.id);
    if (!id) return;
    const verdict = o.record.evaluate(messageToContact(message, o.mail.organisationDomains));
    // Someone not on the record carries none of the product's categories: no call at all.
    if (!verdict.person) return;
    const key = `${id}|${categoriesForVerdict(verdict).join(",")}`;
    if (key === last) return;
    last = key;
    chain = chain
      .then(() => applyVerdictCategories(o.port, id, verdict))
      .then(
        () => undefined,
        (e: unknown) => {
          last = ""; // try again on the next change
          o.onError?.(e);
        },
      );
  };
  const offs = [o.record.subscribe(apply), o.mail.onMessageChanged(apply)];
  apply();
  return () => {
    for (const off of offs) off();
  };
}
