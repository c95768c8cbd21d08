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

export { loadDeploymentSettings, SETTINGS_FILE } from "../../app/m365-settings";

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
