/**
 * A fake tenant on the Graph emulator for the adapter tests: staff with line managers, a casework
 * manager, the SharePoint site, and helpers that build the product's Graph adapters against it.
 */
import { featureScopes } from "../../../src/app/auth";
import { SyncEngine, type TrustedWriter } from "../../../src/app/sync";
import { GraphClient, type FetchLike, type GraphLogEntry } from "../../../src/adapters/graph/graph-client";
import { LEDGER_LIST, RECORD_LIST, SharePointList, SharePointSite } from "../../../src/adapters/graph/sharepoint";
import { SharePointEventStore, SharePointRemoteLog } from "../../../src/adapters/graph/sharepoint-store";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import type { GraphEmulator } from "../../support/graph-emulator";
import { FakeClock } from "../../support/graph-emulator/fake-time";
import { TestTokenProvider } from "../../support/graph-emulator/test-token-provider";

export const SITE_HOST = "contoso.sharepoint.com";
export const SITE_PATH = "sites/casework";
export const SITE_REF = `${SITE_HOST}:/${SITE_PATH}`;

export const STAFF_A = "officer.one@opcc.example";
export const STAFF_B = "officer.two@opcc.example";
export const MANAGER_A = "manager.one@opcc.example";
export const MANAGER_B = "manager.two@opcc.example";
export const CASEWORK = "casework.manager@opcc.example";
export const NO_MANAGER = "officer.three@opcc.example";

export const SCOPES = featureScopes("Sites.Selected");

/** Every scope the product asks for (docs/permissions.md). */
export const ALL_PRODUCT_SCOPES = [...new Set(Object.values(SCOPES).flat())];

export function seedTenant(emulator: GraphEmulator): void {
  emulator.addUser({ userPrincipalName: MANAGER_A, displayName: "Manager One" });
  emulator.addUser({ userPrincipalName: MANAGER_B, displayName: "Manager Two" });
  emulator.addUser({ userPrincipalName: CASEWORK, displayName: "Casework Manager" });
  emulator.addUser({ userPrincipalName: STAFF_A, displayName: "Officer One", managerUpn: MANAGER_A });
  emulator.addUser({ userPrincipalName: STAFF_B, displayName: "Officer Two", managerUpn: MANAGER_B });
  emulator.addUser({ userPrincipalName: NO_MANAGER, displayName: "Officer Three" });
  emulator.addSite(SITE_HOST, SITE_PATH, "manage");
}

export interface ClientKit {
  readonly clock: FakeClock;
  readonly tokens: TestTokenProvider;
  readonly graph: GraphClient;
  readonly log: GraphLogEntry[];
}

export function makeClient(
  baseUrl: string,
  fetchFn: FetchLike,
  upn = STAFF_A,
  options: { clock?: FakeClock; consented?: readonly string[]; maxRetries?: number } = {},
): ClientKit {
  const clock = options.clock ?? new FakeClock();
  const tokens = new TestTokenProvider(upn, options.consented ?? ALL_PRODUCT_SCOPES);
  const log: GraphLogEntry[] = [];
  let seed = 7;
  const graph = new GraphClient({
    baseUrl,
    tokens,
    fetch: fetchFn,
    clock,
    sleep: clock.sleep,
    random: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    log: (e) => log.push(e),
  });
  return { clock, tokens, graph, log };
}

export function recordSite(graph: GraphClient): SharePointSite {
  return new SharePointSite(graph, SITE_REF, { read: SCOPES.record, manage: SCOPES.setup });
}

export function recordList(graph: GraphClient, site = recordSite(graph)): SharePointList {
  return new SharePointList(graph, site, RECORD_LIST, { read: SCOPES.record, write: SCOPES.record });
}

export function ledgerList(graph: GraphClient, site = recordSite(graph)): SharePointList {
  return new SharePointList(graph, site, LEDGER_LIST, { read: SCOPES.record, write: SCOPES.record });
}

/** The record's SharePoint store with its own in-memory replica. */
export function sharePointStore(
  graph: GraphClient,
  storage = new MemorySyncStorage(),
  /** Applications whose app-only writes this reader trusts (the enforcement service). */
  trustedWriters: readonly TrustedWriter[] = [],
): { store: SharePointEventStore; sync: SyncEngine; list: SharePointList } {
  const list = recordList(graph);
  const sync = new SyncEngine(new SharePointRemoteLog(list), storage, { trustedWriters });
  return { store: new SharePointEventStore(list, sync), sync, list };
}

export async function setUpLists(graph: GraphClient): Promise<void> {
  const site = recordSite(graph);
  const a = await site.setUp(RECORD_LIST);
  const b = await site.setUp(LEDGER_LIST);
  if (!a.ok || !b.ok) throw new Error(`setup failed: ${[...a.missing, ...b.missing].join(" ")}`);
}
