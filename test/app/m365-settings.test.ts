/**
 * Microsoft 365 settings: build-time values with the administrator's overrides, validated with
 * messages an administrator can act on, saved only when valid (IndexedDB-backed storage port).
 */
import {
  CLOUDS,
  DEFAULT_SETTINGS,
  mergeSettings,
  SettingsStore,
  validateSettings,
  type M365Settings,
} from "../../src/app/m365-settings";
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";

const good: M365Settings = {
  ...DEFAULT_SETTINGS,
  clientId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  site: "contoso.sharepoint.com:/sites/casework",
  caseworkManagerUpn: "casework.manager@opcc.example",
  recordLink: "https://addin.opcc.example/record?person={personId}",
  notifySince: "2026-03-01",
};

describe("Microsoft 365 settings", () => {
  it("accepts a complete configuration, for every national cloud", () => {
    expect(validateSettings(good)).toEqual([]);
    for (const c of CLOUDS)
      expect(validateSettings({ ...good, graphBaseUrl: c.graphBaseUrl, authorityHost: c.authorityHost })).toEqual([]);
  });

  it("names each field that is wrong, in form order", () => {
    const problems = validateSettings({
      ...good,
      clientId: "abc",
      graphBaseUrl: "http://graph.microsoft.com",
      site: "casework",
      recordLink: "https://x.example/no-placeholder",
    });
    expect(problems.map((p) => p.field)).toEqual(["clientId", "graphBaseUrl", "site", "recordLink"]);
    expect(problems[2]!.message).toBe(
      "Enter the SharePoint site as host:/sites/name, for example contoso.sharepoint.com:/sites/casework.",
    );
  });

  it("layers saved overrides over build-time values and saves only valid settings, keeping only what differs", async () => {
    const storage = new MemorySyncStorage();
    const store = new SettingsStore(storage);
    const buildTime = { clientId: good.clientId, site: good.site };
    expect(await store.save({ ...good, clientId: "nope" }, buildTime)).toHaveLength(1);
    expect(await store.load()).toEqual({});
    expect(await store.save({ ...good, caseworkManagerUpn: "someone.else@opcc.example" }, buildTime)).toEqual([]);
    const saved = await store.load();
    expect(saved).not.toHaveProperty("clientId");
    expect(mergeSettings(buildTime, saved)).toMatchObject({
      clientId: good.clientId,
      caseworkManagerUpn: "someone.else@opcc.example",
      graphBaseUrl: "https://graph.microsoft.com/v1.0",
    });
  });
});
