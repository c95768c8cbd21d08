/**
 * Microsoft 365 settings: set at build time (the composition root passes them in) and overridable
 * by an administrator on the settings screen (src/ui/admin). Stored with the sync state in
 * IndexedDB (KeyValueStorage), never in localStorage: the casework manager is a person.
 */
import type { SiteScope } from "./auth";
import { DEFAULT_RETENTION, parseRetentionPeriod, retentionPeriodProblems, type RetentionPolicy } from "./retention";
import { roleGroupsProblems } from "./roles";
import type { KeyValueStorage } from "./m365-state";
import type { TrustedWriter } from "./sync";

export interface M365Settings {
  /** The Entra app registration's application (client) id. */
  readonly clientId: string;
  /** Tenant id, or "organizations". */
  readonly tenant: string;
  /** The cloud's sign-in host (national clouds differ). */
  readonly authorityHost: string;
  /** The cloud's Graph base URL, with the version. */
  readonly graphBaseUrl: string;
  /** The SharePoint site that holds the record: "contoso.sharepoint.com:/sites/casework". */
  readonly site: string;
  /** The SharePoint permission the tenant granted (docs/permissions.md). */
  readonly siteScope: SiteScope;
  /** Who gets breach notifications when the directory has no line manager ("" for nobody). */
  readonly caseworkManagerUpn: string;
  /** Link to a person's record in notifications; "{personId}" is replaced. */
  readonly recordLink: string;
  /** Breaches recorded before this date are not notified (YYYY-MM-DD). */
  readonly notifySince: string;
  /**
   * Security groups that stand for roles, instead of (or as well as) the app roles:
   * "manager=<group object id>,caseworker=<group object id>" (app/roles.ts parseRoleGroups). "" for app roles only.
   */
  readonly roleGroups: string;
  /**
   * Applications whose app-only writes to the record are trusted (issue 12 Deliver 4): the
   * enforcement service's application (client) id and the `by` it records with,
   * "<app id>=<recordedBy>[,…]" (TRUSTED_WRITER_APPS). "" when there is no service: every event
   * an application wrote is then quarantined.
   */
  readonly trustedWriterApps: string;
  /**
   * How long a person's record is kept after their last contact or the lift of their last
   * strategy, whichever is later (issue 13 Deliver 4, app/retention.ts): "6 years", "18 months".
   * "" for the product default (6 years). The records officer confirms each deletion.
   */
  readonly retentionPeriod: string;
}

export interface Cloud {
  readonly name: string;
  readonly graphBaseUrl: string;
  readonly authorityHost: string;
}

/** Microsoft's national cloud endpoints (Graph "national cloud deployments"). */
export const CLOUDS: readonly Cloud[] = [
  {
    name: "Global (Microsoft 365)",
    graphBaseUrl: "https://graph.microsoft.com/v1.0",
    authorityHost: "https://login.microsoftonline.com",
  },
  {
    name: "US Government L4 (GCC High)",
    graphBaseUrl: "https://graph.microsoft.us/v1.0",
    authorityHost: "https://login.microsoftonline.us",
  },
  {
    name: "US Government L5 (DoD)",
    graphBaseUrl: "https://dod-graph.microsoft.us/v1.0",
    authorityHost: "https://login.microsoftonline.us",
  },
  {
    name: "China (operated by 21Vianet)",
    graphBaseUrl: "https://microsoftgraph.chinacloudapi.cn/v1.0",
    authorityHost: "https://login.chinacloudapi.cn",
  },
];

export const DEFAULT_SETTINGS: M365Settings = {
  clientId: "",
  tenant: "organizations",
  authorityHost: "https://login.microsoftonline.com",
  graphBaseUrl: "https://graph.microsoft.com/v1.0",
  site: "",
  siteScope: "Sites.Selected",
  caseworkManagerUpn: "",
  recordLink: "",
  notifySince: "",
  roleGroups: "",
  trustedWriterApps: "",
  retentionPeriod: "",
};

export interface SettingsProblem {
  readonly field: keyof M365Settings;
  readonly message: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isHttpsUrl(v: string): boolean {
  try {
    return new URL(v).protocol === "https:";
  } catch {
    return false;
  }
}

/** Every problem, in the order of the form, each a sentence an administrator can act on. */
export function validateSettings(s: M365Settings): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  if (!GUID.test(s.clientId.trim()))
    out.push({
      field: "clientId",
      message:
        "Enter the application (client) ID from the app registration: a GUID such as 00000000-0000-0000-0000-000000000000.",
    });
  const tenant = s.tenant.trim();
  if (!(tenant === "organizations" || GUID.test(tenant) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(tenant))) {
    out.push({
      field: "tenant",
      message: 'Enter the tenant ID, the tenant\'s domain (contoso.onmicrosoft.com) or "organizations".',
    });
  }
  if (!isHttpsUrl(s.authorityHost))
    out.push({ field: "authorityHost", message: "Enter the sign-in address of your cloud, starting https://." });
  if (!isHttpsUrl(s.graphBaseUrl) || !/\/(v1\.0|beta)\/?$/.test(s.graphBaseUrl)) {
    out.push({
      field: "graphBaseUrl",
      message:
        "Enter the Microsoft Graph address of your cloud, ending /v1.0 (for example https://graph.microsoft.com/v1.0).",
    });
  }
  if (!/^[a-z0-9.-]+\.[a-z]{2,}:\/sites\/[^\s]+$/i.test(s.site.trim())) {
    out.push({
      field: "site",
      message: "Enter the SharePoint site as host:/sites/name, for example contoso.sharepoint.com:/sites/casework.",
    });
  }
  if (s.caseworkManagerUpn.trim() !== "" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.caseworkManagerUpn.trim())) {
    out.push({
      field: "caseworkManagerUpn",
      message: "Enter the casework manager's sign-in name (name@organisation), or leave it empty.",
    });
  }
  if (
    s.recordLink.trim() !== "" &&
    (!isHttpsUrl(s.recordLink.replace("{personId}", "P-1")) || !s.recordLink.includes("{personId}"))
  ) {
    out.push({ field: "recordLink", message: "Enter an https:// address containing {personId}, or leave it empty." });
  }
  if (s.notifySince.trim() !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(s.notifySince.trim())) {
    out.push({ field: "notifySince", message: "Enter a date as YYYY-MM-DD, or leave it empty." });
  }
  for (const message of roleGroupsProblems(s.roleGroups)) out.push({ field: "roleGroups", message });
  for (const message of trustedWritersProblems(s.trustedWriterApps)) out.push({ field: "trustedWriterApps", message });
  for (const message of retentionPeriodProblems(s.retentionPeriod ?? ""))
    out.push({ field: "retentionPeriod", message });
  return out;
}

/**
 * Settings only the deployment sets (settings.json, written by the administrator's `npm run
 * package`): an override saved on one device is ignored. `notifySince` decides which breaches
 * notify a line manager (4.5, 9.11); any member of staff can reach the settings screen, so a date
 * saved there must not silence notifications. `roleGroups` decides who may approve and lift: a
 * device's saved value must not grant a role. `trustedWriterApps` decides whose app-only writes are
 * believed: a device's saved value must not let an application write the record unchallenged.
 * `retentionPeriod` decides when records become due for deletion: a device must not shorten it.
 */
export const DEPLOYMENT_ONLY: readonly (keyof M365Settings)[] = [
  "notifySince",
  "roleGroups",
  "trustedWriterApps",
  "retentionPeriod",
];

/** The deployment's retention period (the product default when unset or unreadable). */
export function retentionPolicy(settings: Pick<M365Settings, "retentionPeriod">): RetentionPolicy {
  return parseRetentionPeriod(settings.retentionPeriod ?? "") ?? DEFAULT_RETENTION;
}

/** "<app id>=<by>,…" as the sync engine's trusted writers; malformed parts are ignored. */
export function parseTrustedWriters(text: string): TrustedWriter[] {
  const out: TrustedWriter[] = [];
  for (const part of text.split(/[,;]/)) {
    const [appId = "", by = ""] = part.split("=").map((x) => x.trim());
    if (appId && by) out.push({ appId, by });
  }
  return out;
}

/** Problems with a trustedWriterApps value, each a sentence an administrator can act on. */
export function trustedWritersProblems(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[,;]/)) {
    const part = raw.trim();
    if (part === "") continue;
    const [appId = "", by = ""] = part.split("=").map((x) => x.trim());
    if (!GUID.test(appId) || by === "")
      out.push(
        `"${part}" is not <application (client) id>=<recordedBy>: give the enforcement service's app id (a GUID) and the name it records with.`,
      );
  }
  return out;
}

/** Build-time settings with the administrator's saved overrides on top (not the deployment-only ones). */
export function mergeSettings(buildTime: Partial<M365Settings>, overrides: Partial<M365Settings>): M365Settings {
  const clean = (o: Partial<M365Settings>): Partial<M365Settings> =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === "string" && v !== "")) as Partial<M365Settings>;
  const local = Object.fromEntries(
    Object.entries(clean(overrides)).filter(([k]) => !DEPLOYMENT_ONLY.includes(k as keyof M365Settings)),
  ) as Partial<M365Settings>;
  return { ...DEFAULT_SETTINGS, ...clean(buildTime), ...local };
}

/**
 * From when breaches are notified (ms): the deployment's date, never later than now (a date in
 * the future would silence every notification until then); a week back when none is set.
 */
export function notifySinceMs(settings: Pick<M365Settings, "notifySince">, nowMs: number): number {
  const date = settings.notifySince.trim();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  return Number.isFinite(parsed) ? Math.min(parsed, nowMs) : nowMs - 7 * 86_400_000;
}

const KEY = "m365.settings";

/** The administrator's overrides, kept with the sync state (IndexedDB). */
export class SettingsStore {
  constructor(private readonly storage: KeyValueStorage) {}

  async load(): Promise<Partial<M365Settings>> {
    return (await this.storage.get<Partial<M365Settings>>(KEY)) ?? {};
  }

  /** Saves only valid settings; resolves with the problems otherwise (nothing saved). */
  async save(settings: M365Settings, buildTime: Partial<M365Settings> = {}): Promise<SettingsProblem[]> {
    const problems = validateSettings(settings);
    if (problems.length > 0) return problems;
    const base = mergeSettings(buildTime, {});
    const overrides = Object.fromEntries(
      Object.entries(settings).filter(([k, v]) => base[k as keyof M365Settings] !== v),
    );
    await this.storage.set(KEY, overrides);
    return [];
  }
}

/** The deployment's settings file next to each page (written by `npm run package`). */
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
  "roleGroups",
  "trustedWriterApps",
  "retentionPeriod",
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
