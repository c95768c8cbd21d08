/**
 * The enforcement service's composition root (issue 9): one EnforcementService per process, wired
 * to Graph app-only (the record's SharePoint list through Sites.Selected, the notification ledger,
 * every configured mailbox at /users/{id}), whatever hosts it: the plain Node HTTP server
 * (http.ts, `npm run service`) or Azure Functions (functions.ts).
 */
import type { TokenProvider } from "../../app/auth";
import { EnforcementService, type ServiceLog } from "../../app/enforcement";
import { MailboxReconciler } from "../../app/mailbox-reconcile";
import type { KeyValueStorage } from "../../app/m365-state";
import { DEFAULT_SETTINGS } from "../../app/m365-settings";
import { activityFeedTeams, BreachNotifier } from "../../app/notify";
import { RecordService } from "../../app/record-service";
import { teamsBreachLink } from "../../app/register";
import { connectMicrosoft365, LEDGER_LIST, SharePointLedger } from "../../adapters/graph";
import { GraphDirectory } from "../../adapters/graph/directory";
import { GraphEnforcement, SERVICE_ROLES, serviceMailbox } from "../../adapters/graph/enforcement";
import type { FetchLike } from "../../adapters/graph/graph-client";
import { SharePointList } from "../../adapters/graph/sharepoint";
import { MemorySyncStorage } from "../../adapters/local/outbox-memory";
import type { ServiceConfig } from "./config";

export interface ServiceDeps {
  /** Where Graph reaches the service (config.publicUrl, or the address it listens on). */
  readonly publicUrl: string;
  readonly tokens: TokenProvider;
  readonly fetch?: FetchLike;
  /** Subscriptions and deltaLinks (a JSON file for `npm run service`; memory in tests). */
  readonly state?: KeyValueStorage;
  readonly log: ServiceLog;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const NOTIFICATION_PATH = "/api/notifications";
export const LIFECYCLE_PATH = "/api/lifecycle";

export async function composeService(config: ServiceConfig, deps: ServiceDeps) {
  const clock = { now: deps.now ?? Date.now };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const storage = new MemorySyncStorage();
  const state = deps.state ?? storage;
  const m365 = await connectMicrosoft365({
    settings: {
      ...DEFAULT_SETTINGS,
      graphBaseUrl: config.graphBaseUrl,
      site: config.site,
      siteScope: "Sites.Selected",
    },
    tokens: deps.tokens,
    storage,
    clock,
    sleep,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    mailboxAddresses: [],
    instanceToken: `service-${clock.now().toString(36)}`,
    features: { notifications: false, mailRules: false },
    // Its own app-only writes (createdBy.application = its app id) with its `by` are trusted (Deliver 4).
    trustedWriters: [{ appId: config.appId, by: config.recordedBy }],
  });
  const record = new RecordService(m365.store, clock);
  const graph = new GraphEnforcement(m365.graph);
  const ledger = new SharePointLedger(
    new SharePointList(m365.graph, m365.site, LEDGER_LIST, { read: SERVICE_ROLES.record, write: SERVICE_ROLES.record }),
  );
  const me = { id: config.clientId || config.recordedBy, upn: config.recordedBy };
  const managers = new Map(config.mailboxes.map((m) => [m.id, m.managerId]));
  const service = new EnforcementService({
    graph,
    state,
    clock,
    ctx: { record, clock, ids: { next: (p) => `${p}-${clock.now().toString(36)}` }, by: config.recordedBy },
    mailboxes: config.mailboxes,
    portsFor: (mailbox) => {
      const mb = serviceMailbox(m365.graph, mailbox.id);
      const managerId = managers.get(mailbox.id) ?? "";
      return {
        categories: mb,
        reconciler: new MailboxReconciler(
          mb,
          mb,
          storage,
          clock,
          mailbox.addresses,
          config.organisationDomains,
          new GraphDirectory(m365.graph, SERVICE_ROLES.directory),
        ),
        notifier: new BreachNotifier(ledger, activityFeedTeams(graph, me, { id: managerId, upn: managerId }), {
          clock,
          sleep,
          instanceToken: `service-${mailbox.id}-${clock.now().toString(36)}`,
          // The activity's deep link opens the tab on the breach itself (Deliver 5).
          recordLink: (_personId, breachId) =>
            config.teamsAppId
              ? teamsBreachLink({ teamsAppId: config.teamsAppId, breachId, tabUrl: config.tabUrl })
              : "",
          notifySinceMs: Date.parse(config.since),
        }),
      };
    },
    organisationDomains: config.organisationDomains,
    notificationUrl: `${deps.publicUrl}${NOTIFICATION_PATH}`,
    lifecycleNotificationUrl: `${deps.publicUrl}${LIFECYCLE_PATH}`,
    clientState: config.clientState,
    sinceIso: config.since,
    refresh: async () => {
      await m365.sync.open();
      await m365.sync.pull();
      return (await record.load()).index;
    },
    delivered: async () => {
      await m365.outbox.flush();
      return m365.outbox.waitingCount === 0;
    },
    shared: () => m365.sync.events(),
    log: deps.log,
  });
  return {
    service,
    record,
    /** Delivers what the service appended to the shared list now (it is also kicked on append). */
    flush: () => m365.outbox.flush(),
    /** The service's outbox and replica (health checks and the no-loss run). */
    outbox: m365.outbox,
    sync: m365.sync,
  };
}

export type ComposedService = Awaited<ReturnType<typeof composeService>>;
