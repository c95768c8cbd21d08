/**
 * The Microsoft 365 adapters, wired: what a surface's composition root calls to get the shared
 * record (SharePoint + outbox + replica), sign-in, categories, mail rules and Teams notifications.
 *
 *   const storage = await IdbSyncStorage.open();                 // src/adapters/local/outbox-idb.ts
 *   const signIn = new MsalSignIn(msalConfig(settings, dialogUrl), new OfficeJsAuthHost());
 *   const m365 = await connectMicrosoft365({ settings, tokens: signIn, storage, mailboxAddresses: [me], … });
 *   const record = new RecordService(m365.store, clock);          // the store the taskpane reads and writes
 *   await m365.session.start();  m365.session.taskpaneOpened();
 *
 * The Office.js categories adapter (item.categories) belongs to src/adapters/office; where the host
 * lacks Mailbox 1.8 or the item cannot be written, `m365.mailbox` (Graph) implements the same port.
 */
import { organisationDomains } from "../../domain";
import { featureScopes, type TokenProvider } from "../../app/auth";
import { MailboxReconciler } from "../../app/mailbox-reconcile";
import { DurableThrottle, type KeyValueStorage } from "../../app/m365-state";
import { M365Session } from "../../app/m365-session";
import { notifySinceMs, parseTrustedWriters, type M365Settings } from "../../app/m365-settings";
import { BreachNotifier } from "../../app/notify";
import { Outbox, type OutboxStorage } from "../../app/outbox";
import type { Clock } from "../../app/ports";
import type { WipeableStorage } from "../../app/local-data";
import { SharedRecordStore } from "../../app/shared-record";
import { SyncEngine, type ReplicaStorage, type TrustedWriter } from "../../app/sync";
import type { MsalAuthConfig } from "./auth-msal";
import { GraphClient, type FetchLike, type GraphLogEntry } from "./graph-client";
import { GraphMailbox } from "./mailbox";
import { ERASURE_LIST, LEDGER_LIST, RECORD_LIST, SharePointList, SharePointSite } from "./sharepoint";
import { SharePointErasureLog } from "./erasure-list";
import { SETTINGS_LIST, SharePointDigestSecret } from "./settings-list";
import { GraphDirectory } from "./directory";
import { ensureDigestSecret, type DigestSecretCache } from "../../app/digest-secret";
import { SharePointEventStore, SharePointRemoteLog } from "./sharepoint-store";
import { makeAppendOnly, verifyAppendOnly } from "../../app/append-only";
import { SharePointRestPermissions, sharePointAdminScope, sharePointSiteUrl } from "./sharepoint-rest";
import { GraphTeams, SharePointLedger } from "./teams";
import { APPEALS_LIST, SharePointAppealStore } from "./appeals-list";

export { MsalSignIn, type MsalAuthConfig, type OfficeAuthHost } from "./auth-msal";
export { OfficeJsAuthHost } from "./auth-office";
export { runAuthDialog } from "./auth-dialog";
export { GraphClient, GraphOfflineError, GraphRequestError, type GraphLogEntry } from "./graph-client";
export { GraphMailbox } from "./mailbox";
export { ERASURE_LIST, LEDGER_LIST, RECORD_LIST, SharePointSite, type ListCheck } from "./sharepoint";
export { SharePointErasureLog } from "./erasure-list";
export { SETTINGS_LIST, SharePointDigestSecret, DIGEST_SECRET_SETTING } from "./settings-list";
export { SharePointEventStore } from "./sharepoint-store";
export { GraphTeams, SharePointLedger } from "./teams";
export { APPEALS_LIST, SharePointAppealStore } from "./appeals-list";

export type SyncStorage = OutboxStorage & ReplicaStorage & KeyValueStorage & WipeableStorage;

export interface ConnectOptions {
  readonly settings: M365Settings;
  readonly tokens: TokenProvider;
  readonly storage: SyncStorage;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Default globalThis.fetch. */
  readonly fetch?: FetchLike;
  /** The signed-in mailbox's addresses (UPN and primary SMTP): the rules a SPOC's own mailbox needs differ. */
  readonly mailboxAddresses: readonly string[];
  /** Random per page load: identifies this page's notification claims. */
  readonly instanceToken: string;
  readonly log?: (entry: GraphLogEntry) => void;
  /** Turn features off (e.g. the Teams tab does not reconcile a mailbox). */
  readonly features?: { readonly notifications?: boolean; readonly mailRules?: boolean };
  /** This device's copy of the send-check secret (Outlook: for the on-send handler). */
  readonly secretCache?: DigestSecretCache;
  /**
   * Applications whose app-only writes are trusted, besides the settings' trustedWriterApps (the
   * enforcement service trusts itself: compose.ts).
   */
  readonly trustedWriters?: readonly TrustedWriter[];
}

/** Where there is no on-send handler to serve (the Teams tab), the secret is not kept on the device. */
const NO_CACHE: DigestSecretCache = {
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  clear: () => Promise.resolve(),
};

export function msalConfig(settings: M365Settings, dialogUrl: string): MsalAuthConfig {
  return {
    clientId: settings.clientId,
    tenant: settings.tenant,
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
    dialogUrl,
  };
}

export async function connectMicrosoft365(o: ConnectOptions) {
  const scopes = featureScopes(o.settings.siteScope);
  const throttle = await DurableThrottle.open(o.storage);
  const graph = new GraphClient({
    baseUrl: o.settings.graphBaseUrl,
    tokens: o.tokens,
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: o.clock,
    sleep: o.sleep,
    throttle,
    ...(o.log ? { log: o.log } : {}),
  });
  const site = new SharePointSite(graph, o.settings.site, { read: scopes.record, manage: scopes.setup });
  const recordList = new SharePointList(graph, site, RECORD_LIST, { read: scopes.record, write: scopes.record });
  const erasureLog = new SharePointErasureLog(
    new SharePointList(graph, site, ERASURE_LIST, { read: scopes.record, write: scopes.record }),
  );
  const sync = new SyncEngine(new SharePointRemoteLog(recordList), o.storage, {
    trustedWriters: [...parseTrustedWriters(o.settings.trustedWriterApps), ...(o.trustedWriters ?? [])],
    now: o.clock.now,
    // Retention erasures' items are dropped, not quarantined (issue 13 Deliver 4).
    erasedItems: () => erasureLog.erasedItemIds(),
  });
  const remote = new SharePointEventStore(recordList, sync, erasureLog);
  let session: M365Session | null = null;
  const outbox = await Outbox.open(o.storage, remote, {
    clock: o.clock,
    sleep: o.sleep,
    onSettled: () => session?.delivered(),
  });
  const store = new SharedRecordStore(sync, outbox, undefined, organisationDomains(o.mailboxAddresses), remote);
  const mailbox = new GraphMailbox(graph, { settings: scopes.mailboxSettings, mail: scopes.mail });
  const teams = new GraphTeams(graph, scopes);
  const notifySince = notifySinceMs(o.settings, o.clock.now());
  const notifier =
    o.features?.notifications === false
      ? null
      : new BreachNotifier(
          new SharePointLedger(
            new SharePointList(graph, site, LEDGER_LIST, { read: scopes.record, write: scopes.record }),
          ),
          teams,
          {
            clock: o.clock,
            sleep: o.sleep,
            instanceToken: o.instanceToken,
            caseworkManagerUpn: o.settings.caseworkManagerUpn || null,
            recordLink: (personId) =>
              o.settings.recordLink ? o.settings.recordLink.replace("{personId}", encodeURIComponent(personId)) : "",
            notifySinceMs: notifySince,
          },
        );
  const reconciler =
    o.features?.mailRules === false
      ? null
      : new MailboxReconciler(
          mailbox,
          mailbox,
          o.storage,
          o.clock,
          o.mailboxAddresses,
          [],
          new GraphDirectory(graph, scopes.manager),
        );
  const checkSetup = async () => {
    const checks = await Promise.all([
      site.check(RECORD_LIST),
      site.check(LEDGER_LIST),
      site.check(SETTINGS_LIST),
      // Not the erasure log (retention): a tenant set up before it existed keeps working; sync
      // reads no erasures from a missing list, and erasing says to run the setup.
    ]);
    return { ok: checks.every((c) => c.ok), missing: checks.flatMap((c) => c.missing) };
  };
  const digestSecret = new SharePointDigestSecret(
    new SharePointList(graph, site, SETTINGS_LIST, { read: scopes.record, write: scopes.record }),
  );
  // Append-only, enforced by SharePoint (issue 12 Deliver 3): SharePoint REST with the administrator's token.
  const listPermissions = () =>
    new SharePointRestPermissions(
      sharePointSiteUrl(o.settings.site, o.settings.graphBaseUrl),
      o.tokens,
      [sharePointAdminScope(o.settings.site)],
      o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    );
  const appendOnly = {
    check: (staffGroup: string) =>
      verifyAppendOnly(listPermissions(), { listTitle: RECORD_LIST.displayName, staffGroup }),
    make: (staffGroup: string) => makeAppendOnly(listPermissions(), { listTitle: RECORD_LIST.displayName, staffGroup }),
  };
  session = new M365Session({ sync, outbox, notifier, reconciler, checkSetup, clock: o.clock, sleep: o.sleep });
  return {
    graph,
    site,
    sync,
    outbox,
    /** The EventStore for RecordService: the replica plus this device's outbox. */
    store,
    mailbox,
    teams,
    notifier,
    reconciler,
    session,
    /** Admin setup: the record list's permissions (staff add and read, never edit or delete). */
    appendOnly,
    /**
     * The appeals log (app/appeals.ts), a list beside the record's. Not part of checkSetup, so a
     * tenant set up before appeals existed keeps working; using it before setup has made the list
     * fails with "run the setup".
     */
    appeals: new SharePointAppealStore(
      new SharePointList(graph, site, APPEALS_LIST, { read: scopes.record, write: scopes.record }),
    ),
    /** This device's copy of the record and outbox (wiped at sign-out: app/local-data.ts). */
    storage: o.storage,
    /** The organisation's send-check secret in the settings list (app/digest-secret.ts). */
    digestSecret,
    /** Sign-out: this device's copy of the send-check secret goes with the replica. */
    forgetDeviceSecret: () => (o.secretCache ?? NO_CACHE).clear(),
    /**
     * Admin setup: creates or repairs the five lists (record, notifications, settings, erasures,
     * appeals) and makes the send-check secret if there is
     * none; the result says what (if anything) is still missing.
     */
    setUp: async () => {
      const checks = [
        await site.setUp(RECORD_LIST),
        await site.setUp(LEDGER_LIST),
        await site.setUp(SETTINGS_LIST),
        await site.setUp(ERASURE_LIST),
        await site.setUp(APPEALS_LIST),
      ];
      const ok = checks.every((c) => c.ok);
      if (ok) {
        await ensureDigestSecret({
          source: digestSecret,
          cache: o.secretCache ?? NO_CACHE,
          random: (b) => globalThis.crypto.getRandomValues(b),
        });
      }
      return { ok, missing: checks.flatMap((c) => c.missing) };
    },
  };
}

export type Microsoft365 = Awaited<ReturnType<typeof connectMicrosoft365>>;
