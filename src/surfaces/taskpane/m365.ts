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
 * This file: the settings (small, loaded with the pane). The connection itself (Graph, MSAL) is
 * ./m365-connect.ts, loaded only when the settings name a client id and a site, so the pane on the
 * local store does not load it.
 */
import { IdbSyncStorage } from "../../adapters/local/outbox-idb";
import { mergeSettings, SettingsStore, type M365Settings } from "../../app/m365-settings";

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
