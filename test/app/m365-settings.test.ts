/**
 * Microsoft 365 settings: build-time values with the administrator's overrides, validated with
 * messages an administrator can act on, saved only when valid (IndexedDB-backed storage port).
 */
import {
  CLOUDS,
  DEFAULT_SETTINGS,
  mergeSettings,
  notifySinceMs,
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

  it("roleGroups is the deployment's alone (a device's saved value cannot grant a role) and is validated", () => {
    const id = "11111111-2222-4333-8444-555555555555";
    expect(
      mergeSettings({ roleGroups: `manager=${id}` }, { roleGroups: `manager=${id.replace("1", "9")}` }).roleGroups,
    ).toBe(`manager=${id}`);
    expect(mergeSettings({}, { roleGroups: `manager=${id}` }).roleGroups).toBe("");
    expect(validateSettings({ ...good, roleGroups: `caseworker=${id}` })).toEqual([]);
    expect(validateSettings({ ...good, roleGroups: "manager=sales" }).map((p) => p.field)).toEqual(["roleGroups"]);
  });

  it("notifySince is the deployment's alone, and never later than now (issue 16): a device's saved date cannot silence notifications", () => {
    const buildTime = { clientId: good.clientId, site: good.site, notifySince: "2026-03-01" };
    expect(mergeSettings(buildTime, { notifySince: "2099-01-01" }).notifySince).toBe("2026-03-01");
    expect(mergeSettings({}, { notifySince: "2099-01-01" }).notifySince).toBe("");
    const now = Date.parse("2026-06-01T12:00:00Z");
    expect(notifySinceMs({ notifySince: "2026-03-01" }, now)).toBe(Date.parse("2026-03-01T00:00:00Z"));
    expect(notifySinceMs({ notifySince: "2099-01-01" }, now)).toBe(now);
    expect(notifySinceMs({ notifySince: "" }, now)).toBe(now - 7 * 86_400_000);
    expect(notifySinceMs({ notifySince: "soon" }, now)).toBe(now - 7 * 86_400_000);
  });
});
