/**
 * Microsoft 365 mode of the taskpane (issue 4), wired as src/ui/admin/README.md describes: the
 * deployment's settings (settings.json next to the page, written by `npm run package`) with an
 * administrator's saved overrides on top; when they name a client id and a SharePoint site, the
 * record is the organisation's shared record (outbox-backed SharePoint store, delta sync into the
 * local replica), rules and categories are reconciled when the pane opens (the reconciler keeps
 * it to once per 10 minutes per mailbox unless a strategy changed) and when the record changes,
 * the current message gets its verdict's categories, and a breach is notified once (BreachNotifier).
 * Without a client id and a site the taskpane stays on this device's local store.
 *
 * No React here. The sign-in (a TokenProvider) is passed in: MSAL in Outlook, a test provider in
 * the browser test (which lives under test/ and is never imported from a production entry).
 */
import { connectMicrosoft365, type Microsoft365 } from "../../adapters/graph";
import { IdbSyncStorage } from "../../adapters/local/outbox-idb";
import type { TokenProvider } from "../../app/auth";
import type { MailHost } from "../../app/mail-host";
import { applyVerdictCategories, categoriesForVerdict, type MessageCategories } from "../../app/mailbox-categories";
import { messageToContact } from "../../app/message-contact";
import { mergeSettings, SettingsStore, type M365Settings } from "../../app/m365-settings";
import type { Clock } from "../../app/ports";
import type { RecordService } from "../../app/record-service";

export const SETTINGS_FILE = "settings.json";

const FIELDS: readonly (keyof M365Settings)[] = [
  "clientId",
  "tenant",
  "authorityHost",
  "graphBaseUrl",
  "site",
  "siteScope",
  "caseworkManagerUpn",
  "recordLink",
  "notifySince",
];

/** The deployment's settings (settings.json), or none when the file is absent or not an object of strings. */
export async function loadDeploymentSettings(
  fetchText: (url: string) => Promise<string>,
): Promise<Partial<M365Settings>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fetchText(SETTINGS_FILE));
  } catch {
    return {};
  }
  if (typeof raw !== "object" || raw === null) return {};
  const out: Partial<Record<keyof M365Settings, string>> = {};
  for (const key of FIELDS) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === "string") out[key] = value;
  }
  return out as Partial<M365Settings>;
}

/** Same-origin text, or a rejection (a missing settings.json is the ordinary case for `npm start`). */
export function sameOriginText(base: string): (url: string) => Promise<string> {
  return async (url) => {
    const target = new URL(url, base);
    if (target.origin !== new URL(base).origin) throw new Error(`${url} is not on this site.`);
    const res = await fetch(target.href, { cache: "no-store" });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return res.text();
  };
}

export function isConfigured(settings: M365Settings): boolean {
  return settings.clientId.trim() !== "" && settings.site.trim() !== "";
}

/** The settings in force and where the administrator's overrides are kept. */
export interface TaskpaneSettings {
  readonly buildTime: Partial<M365Settings>;
  readonly settings: M365Settings;
  readonly store: SettingsStore;
  readonly storage: IdbSyncStorage;
}

export async function openTaskpaneSettings(buildTime: Partial<M365Settings>): Promise<TaskpaneSettings> {
  const storage = await IdbSyncStorage.open();
  const store = new SettingsStore(storage);
  return { buildTime, settings: mergeSettings(buildTime, await store.load()), store, storage };
}

export interface ConnectTaskpaneOptions {
  readonly config: TaskpaneSettings;
  readonly tokens: TokenProvider;
  readonly clock: Clock;
  /** The signed-in mailbox's addresses (a SPOC's own mailbox gets no forward to itself). */
  readonly mailboxAddresses: readonly string[];
  readonly sleep?: (ms: number) => Promise<void>;
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
