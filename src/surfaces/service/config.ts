/**
 * The enforcement service's configuration (docs/service.md): a JSON file (CSM_SERVICE_CONFIG) and
 * environment variables over it. Secrets (the clientState, the certificate) come from the
 * environment or Key Vault references, never from the file in the repository.
 */
export interface ServiceMailboxConfig {
  /** The mailbox's user principal name or object id (a shared mailbox has one). */
  readonly id: string;
  /** Its addresses (UPN and primary SMTP): a SPOC's or dedicated mailbox does not forward to itself. */
  readonly addresses: readonly string[];
  /** Who is told of a breach found in this mailbox (the team's line manager): object id or UPN. */
  readonly managerId: string;
}

export interface ServiceConfig {
  readonly port: number;
  /** Where Graph reaches this service (an https URL in production); null: the loopback address it listens on. */
  readonly publicUrl: string | null;
  readonly graphBaseUrl: string;
  /** The record's SharePoint site, e.g. contoso.sharepoint.com:/sites/casework. */
  readonly site: string;
  readonly organisationDomains: readonly string[];
  /** The `by` of what the service records. */
  readonly recordedBy: string;
  readonly mailboxes: readonly ServiceMailboxConfig[];
  /** The secret Graph echoes in every notification (at least 16 characters). */
  readonly clientState: string;
  /** The Teams app id and the tab's URL, for the deep link in the activity notification. */
  readonly teamsAppId: string;
  readonly tabUrl: string;
  /** Mail received before this is not caught up on the first run (ISO date-time). */
  readonly since: string;
  /** Timer period for renewal, catch-up and reconcile (ms). */
  readonly tickMs: number;
  /** Where subscriptions and deltaLinks are kept between runs (a JSON file); none: in memory. */
  readonly stateFile: string | null;
  /** App-only identity (production): tenant, client id, certificate path. */
  readonly tenantId: string;
  readonly clientId: string;
  readonly certificatePath: string;
  /**
   * The application id SharePoint names as the creator of what the service writes (createdBy.application):
   * the client id; against the emulator, the emulator token's app name. Readers trust it with
   * `recordedBy` (TRUSTED_WRITER_APPS); the service trusts itself with it.
   */
  readonly appId: string;
}

/** The app name the emulator's app-only token carries (tokens.ts emulatorAppTokens). */
export const EMULATOR_APP = "csm-enforcement-service";

export class ConfigError extends Error {}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** Validates a parsed config (file values, then environment overrides). Throws ConfigError naming each problem. */
export function parseConfig(
  file: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): ServiceConfig {
  const problems: string[] = [];
  const pick = (key: string, envKey: string): string | undefined => str(env[envKey]) ?? str(file[key]);
  const port = Number(pick("port", "PORT") ?? 7071);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push("port: a number from 0 to 65535");
  const graphBaseUrl = pick("graphBaseUrl", "GRAPH_BASE_URL") ?? "https://graph.microsoft.com/v1.0";
  const publicUrl = pick("publicUrl", "CSM_PUBLIC_URL") ?? null;
  const site = pick("site", "CSM_SITE") ?? "";
  if (!site) problems.push("site: the record's SharePoint site (host:/sites/name)");
  const clientState = pick("clientState", "CSM_CLIENT_STATE") ?? "";
  if (clientState.length < 16 || clientState.length > 128)
    problems.push("clientState: 16 to 128 characters (CSM_CLIENT_STATE)");
  const mailboxes: ServiceMailboxConfig[] = [];
  const raw = file["mailboxes"];
  if (!Array.isArray(raw) || raw.length === 0) problems.push("mailboxes: at least one mailbox");
  else
    raw.forEach((m: unknown, i) => {
      const o = (m ?? {}) as Record<string, unknown>;
      const id = str(o["id"]);
      const managerId = str(o["managerId"]);
      const addresses = Array.isArray(o["addresses"])
        ? o["addresses"].filter((a): a is string => typeof a === "string")
        : [];
      if (!id || !managerId) problems.push(`mailboxes[${i}]: id and managerId are required`);
      else mailboxes.push({ id, managerId, addresses: addresses.length > 0 ? addresses : [id] });
    });
  const domains = Array.isArray(file["organisationDomains"])
    ? file["organisationDomains"].filter((d): d is string => typeof d === "string")
    : [];
  if (domains.length === 0) problems.push("organisationDomains: at least one domain");
  if (problems.length > 0) throw new ConfigError(`The service configuration is not usable: ${problems.join("; ")}.`);
  return {
    port,
    publicUrl: publicUrl === null ? null : publicUrl.replace(/\/+$/, ""),
    graphBaseUrl,
    site,
    organisationDomains: domains,
    recordedBy: pick("recordedBy", "CSM_RECORDED_BY") ?? "csm-enforcement-service",
    mailboxes,
    clientState,
    teamsAppId: pick("teamsAppId", "CSM_TEAMS_APP_ID") ?? "",
    tabUrl: pick("tabUrl", "CSM_TAB_URL") ?? "",
    since: pick("since", "CSM_SINCE") ?? new Date(0).toISOString(),
    tickMs: Number(pick("tickMs", "CSM_TICK_MS") ?? 5 * 60_000),
    stateFile: pick("stateFile", "CSM_STATE_FILE") ?? null,
    tenantId: pick("tenantId", "AZURE_TENANT_ID") ?? "",
    clientId: pick("clientId", "AZURE_CLIENT_ID") ?? "",
    appId: pick("clientId", "AZURE_CLIENT_ID") ?? EMULATOR_APP,
    certificatePath: pick("certificatePath", "AZURE_CLIENT_CERTIFICATE_PATH") ?? "",
  };
}

/** True when Graph is the local emulator (loopback): then tokens come from the emulator, never a tenant. */
export function isLoopback(url: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
