#!/usr/bin/env node
// npm run package: everything an admin deploys, for one production address.
//
//   ADDIN_BASE_URL=https://csm.example.gov.uk npm run package
//
// Writes dist/ (the static site to host, with):
//   contact-strategy-manager.zip      THE app package (upload this first): the unified manifest for
//                                     Microsoft 365 (manifest.json: the Outlook extension and the Teams
//                                     tab, one id), color.png, outline.png. Integrated apps.
//   manifest.xml                      the Outlook add-in only manifest, localhost URLs rewritten: the
//                                     alternate for clients without unified-manifest support (Outlook
//                                     on Mac and mobile, perpetual Office). The package's
//                                     extensions[].alternates hides it where both are installed.
//   staticwebapp.config.json          hosting headers, with the Content-Security-Policy completed by
//                                     the hashes of any inline <style>/<script> in the built pages
//   settings.json                     the Microsoft 365 settings the pages start with (client id,
//                                     tenant, SharePoint site, record link), when ADDIN_CLIENT_ID is set
// after a production build (webpack, ADDIN_ORIGIN = the base URL). Both manifests are checked
// offline (scripts/lib/manifest-check.js) and nothing is written when they fail.
//
// Environment:
//   ADDIN_BASE_URL   required. https, no query or fragment; a path is allowed (https://host/csm).
//   ADDIN_CLIENT_ID  optional. The Entra app (client) id: written to the Teams manifest's
//                    webApplicationInfo (and its NAA redirect brk-multihub://<host>).
//   ADDIN_TENANT_ID  optional. The tenant id (GUID) or "organizations" (default).
//   SHAREPOINT_SITE  optional. The site that holds the shared record: host:/sites/name
//                    (contoso.sharepoint.com:/sites/casework). With ADDIN_CLIENT_ID, the Teams tab and
//                    the pane use the shared record; an administrator can still override it in the pane.
//   CASEWORK_MANAGER_UPN  optional. Who gets breach notifications when the directory has no manager.
//   ROLE_GROUPS      optional. Security groups that stand for roles instead of app roles:
//                    "manager=<group object id>,caseworker=<group object id>" (docs/deploy.md §1).
//   TRUSTED_WRITER_APPS  optional. The enforcement service's app-only identity, whose writes to the
//                    record are trusted: "<service app (client) id>=<its recordedBy>" (docs/service.md).
//   RETENTION_PERIOD optional. How long a person's record is kept after their last contact or the lift of
//                    their last strategy: "6 years", "18 months" (default 6 years; docs/record-rules.md).
//   GRAPH_BASE_URL, LOGIN_HOST   optional, for a national cloud (default https://graph.microsoft.com/v1.0
//                    and https://login.microsoftonline.com): written to settings.json, and the CSP's
//                    connect-src and frame-src name these hosts instead.
//   TEAMS_APP_ID     optional. A GUID for the Teams app (default: the template's).
//   ORG_WEBSITE_URL, ORG_PRIVACY_URL, ORG_TERMS_URL   optional, https: the organisation's pages for
//                    the Teams listing (default: the base URL).
// Options: --skip-build (package an existing build), --out DIR (default dist).
// Exit code 0 on success; 1 with a message on stderr otherwise.
const fs = require("node:fs");
const path = require("node:path");
const { createHash } = require("node:crypto");
const { spawnSync } = require("node:child_process");
const { writeZip } = require("./lib/zip");
const { teamsPersonLinkTemplate } = require("./lib/links");
const { checkAddinManifest, checkTeamsManifest, DEV_ORIGIN } = require("./lib/manifest-check");

const ROOT = path.resolve(__dirname, "..");
const APP_ZIP = "contact-strategy-manager.zip";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The roles of src/app/roles.ts (ROLES). */
const ROLE_NAMES = ["caseworker", "manager", "dpo", "records-officer", "admin"];

class PackageError extends Error {}

/** The base URL, checked: https, absolute, no query or fragment, no trailing slash. */
function parseBaseUrl(raw) {
  if (raw === undefined || raw.trim() === "") {
    throw new PackageError(
      "ADDIN_BASE_URL is not set. Give the https address the add-in will be served from, e.g.\n  ADDIN_BASE_URL=https://csm.example.gov.uk npm run package",
    );
  }
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new PackageError(
      `ADDIN_BASE_URL "${raw}" is not a URL. Use an https address such as https://csm.example.gov.uk`,
    );
  }
  if (url.protocol !== "https:")
    throw new PackageError(
      `ADDIN_BASE_URL must be https (Outlook and Teams load add-ins only over https); got "${raw}".`,
    );
  if (url.search || url.hash) throw new PackageError(`ADDIN_BASE_URL must not have a query or fragment; got "${raw}".`);
  if (url.username || url.password) throw new PackageError("ADDIN_BASE_URL must not contain credentials.");
  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  return { base, origin: url.origin, host: url.host, hostname: url.hostname };
}

function optionalHttps(name, value, fallback) {
  if (value === undefined || value.trim() === "") return fallback;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PackageError(`${name} "${value}" is not a URL.`);
  }
  if (url.protocol !== "https:") throw new PackageError(`${name} must be https; got "${value}".`);
  return url.href;
}

/** package.json's semver, and the four-part form the XML manifest wants. */
function versions() {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const [major, minor, patch] = String(version).split(/[.+-]/).map(Number);
  if (![major, minor, patch].every(Number.isInteger))
    throw new PackageError(`package.json version "${version}" is not semver.`);
  return { semver: `${major}.${minor}.${patch}`, xml: `${major}.${minor}.${patch}.0` };
}

/** manifest.xml for production: every development URL under the base, the version from package.json. */
function productionManifestXml(xml, { base }, version) {
  return xml.replaceAll(DEV_ORIGIN, base).replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
}

/** The unified app manifest for production, from the template in assets/teams. */
function productionTeamsManifest(template, target, env, version) {
  const m = JSON.parse(JSON.stringify(template).replaceAll(DEV_ORIGIN, target.base));
  m.version = version;
  const appId = env.TEAMS_APP_ID?.trim();
  if (appId) {
    if (!GUID.test(appId)) throw new PackageError(`TEAMS_APP_ID "${appId}" is not a GUID.`);
    m.id = appId;
  }
  const site = `${target.base}/`;
  m.developer.websiteUrl = optionalHttps("ORG_WEBSITE_URL", env.ORG_WEBSITE_URL, site);
  m.developer.privacyUrl = optionalHttps("ORG_PRIVACY_URL", env.ORG_PRIVACY_URL, site);
  m.developer.termsOfUseUrl = optionalHttps("ORG_TERMS_URL", env.ORG_TERMS_URL, site);
  m.validDomains = [target.host];
  const clientId = env.ADDIN_CLIENT_ID?.trim();
  if (clientId) {
    if (!GUID.test(clientId))
      throw new PackageError(`ADDIN_CLIENT_ID "${clientId}" is not a GUID (the Entra application (client) id).`);
    // Nested app authentication in Teams: the same registration as the add-in, SPA redirect
    // brk-multihub://<host> (m365-reference §3.2). `resource` is only for classic Teams SSO.
    m.webApplicationInfo = {
      id: clientId,
      nestedAppAuthInfo: [{ redirectUri: `brk-multihub://${target.host}`, scopes: ["User.Read"] }],
    };
  }
  return m;
}

const GLOBAL_GRAPH = "https://graph.microsoft.com/v1.0";
const GLOBAL_LOGIN = "https://login.microsoftonline.com";

/** Graph and sign-in for this deployment: the global cloud, or the national cloud the environment names. */
function cloudOf(env) {
  const graphBaseUrl = optionalHttps("GRAPH_BASE_URL", env.GRAPH_BASE_URL, GLOBAL_GRAPH).replace(/\/+$/, "");
  const loginOrigin = new URL(optionalHttps("LOGIN_HOST", env.LOGIN_HOST, GLOBAL_LOGIN)).origin;
  return {
    graphBaseUrl,
    graphOrigin: new URL(graphBaseUrl).origin,
    loginOrigin,
    custom: graphBaseUrl !== GLOBAL_GRAPH || loginOrigin !== GLOBAL_LOGIN,
  };
}

/**
 * settings.json: the Microsoft 365 settings (src/app/m365-settings.ts) the deployment starts with.
 * Nothing secret: a client id, a tenant id and a site name are not credentials.
 */
function deploymentSettings(target, env, teamsAppId) {
  const clientId = env.ADDIN_CLIENT_ID?.trim();
  if (!clientId) return null;
  const tenant = env.ADDIN_TENANT_ID?.trim() || "organizations";
  if (!(GUID.test(tenant) || tenant === "organizations"))
    throw new PackageError(`ADDIN_TENANT_ID "${tenant}" is not a GUID or "organizations".`);
  const site = env.SHAREPOINT_SITE?.trim() ?? "";
  if (site !== "" && !/^[a-z0-9.-]+\.sharepoint\.(com|us|cn|de):\/sites\/[^/\s]+$/i.test(site)) {
    throw new PackageError(
      `SHAREPOINT_SITE "${site}" is not host:/sites/name (e.g. contoso.sharepoint.com:/sites/casework).`,
    );
  }
  const manager = env.CASEWORK_MANAGER_UPN?.trim() ?? "";
  const roleGroups = env.ROLE_GROUPS?.trim() ?? "";
  for (const part of roleGroups.split(/[,;]/).filter((p) => p.trim() !== "")) {
    const [role = "", id = ""] = part.split("=").map((x) => x.trim());
    if (!ROLE_NAMES.includes(role.toLowerCase()) || !GUID.test(id))
      throw new PackageError(
        `ROLE_GROUPS "${part.trim()}" is not role=<group object id> (roles: ${ROLE_NAMES.join(", ")}).`,
      );
  }
  const trustedWriterApps = env.TRUSTED_WRITER_APPS?.trim() ?? "";
  for (const part of trustedWriterApps.split(/[,;]/).filter((p) => p.trim() !== "")) {
    const [appId = "", by = ""] = part.split("=").map((x) => x.trim());
    if (!GUID.test(appId) || by === "")
      throw new PackageError(`TRUSTED_WRITER_APPS "${part.trim()}" is not <service app id>=<recordedBy>.`);
  }
  const retentionPeriod = env.RETENTION_PERIOD?.trim() ?? "";
  const period = /^(\d{1,3})\s*(y|yr|yrs|year|years|m|mo|month|months)$/i.exec(retentionPeriod);
  const periodMonths = period ? Number(period[1]) * (/^y/i.test(period[2]) ? 12 : 1) : 0;
  if (retentionPeriod !== "" && !(periodMonths >= 1 && periodMonths <= 1200))
    throw new PackageError(`RETENTION_PERIOD "${retentionPeriod}" is not a period such as "6 years" or "18 months".`);
  const cloud = cloudOf(env);
  return {
    clientId,
    tenant,
    ...(cloud.custom ? { graphBaseUrl: cloud.graphBaseUrl, authorityHost: cloud.loginOrigin } : {}),
    site,
    caseworkManagerUpn: manager,
    ...(roleGroups !== "" ? { roleGroups } : {}),
    ...(trustedWriterApps !== "" ? { trustedWriterApps } : {}),
    ...(retentionPeriod !== "" ? { retentionPeriod } : {}),
    // A breach notification's "Open the record" opens the Teams tab on the person.
    recordLink: teamsPersonLinkTemplate({ teamsAppId, tabUrl: `${target.base}/teams.html` }),
  };
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** Hashes of inline <style> and <script> blocks in the built pages, so the CSP needs no 'unsafe-inline'. */
function inlineHashes(dir) {
  const styles = new Set();
  const scripts = new Set();
  if (!fs.existsSync(dir)) return { styles: [], scripts: [] };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".html"))) {
    const html = fs.readFileSync(path.join(dir, file), "utf8");
    for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) styles.add(sha256(m[1]));
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      if (!/\bsrc\s*=/.test(m[1]) && m[2].trim() !== "") scripts.add(sha256(m[2]));
    }
  }
  return { styles: [...styles].sort(), scripts: [...scripts].sort() };
}

/** Adds sources to one directive of a CSP string. */
function addToDirective(csp, directive, sources) {
  if (sources.length === 0) return csp;
  return csp
    .split(";")
    .map((part) => {
      const trimmed = part.trim();
      return trimmed.split(/\s+/)[0] === directive
        ? ` ${[trimmed, ...sources.filter((s) => !trimmed.includes(s))].join(" ")}`
        : part;
    })
    .join(";")
    .trim();
}

/**
 * staticwebapp.config.json for the built site: the template's CSP plus the inline hashes, with the
 * cloud's Graph and sign-in hosts when they are not the global ones.
 */
function hostingConfig(
  template,
  hashes,
  cloud = { graphOrigin: "https://graph.microsoft.com", loginOrigin: GLOBAL_LOGIN },
) {
  const config = JSON.parse(JSON.stringify(template));
  let csp = config.globalHeaders["Content-Security-Policy"]
    .replaceAll("https://graph.microsoft.com", cloud.graphOrigin)
    .replaceAll(GLOBAL_LOGIN, cloud.loginOrigin);
  if (/'unsafe-inline'|'unsafe-eval'/.test(csp))
    throw new PackageError("the Content-Security-Policy template allows 'unsafe-inline' or 'unsafe-eval'.");
  csp = addToDirective(csp, "style-src", hashes.styles);
  csp = addToDirective(csp, "script-src", hashes.scripts);
  config.globalHeaders["Content-Security-Policy"] = csp;
  return config;
}

function build(target, out) {
  const webpack = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const args = [webpack, "--mode", "production"];
  if (path.resolve(out) !== path.join(ROOT, "dist")) args.push("--output-path", out);
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ADDIN_ORIGIN: target.base },
  });
  if (result.status !== 0) throw new PackageError("the production build failed (see webpack's output above).");
}

function run(argv = process.argv.slice(2), env = process.env) {
  const skipBuild = argv.includes("--skip-build");
  const outIndex = argv.indexOf("--out");
  const out = path.resolve(ROOT, outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1] : "dist");
  const target = parseBaseUrl(env.ADDIN_BASE_URL);
  const version = versions();

  // Prepare and check everything before writing anything.
  const xml = productionManifestXml(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), target, version.xml);
  const xmlProblems = checkAddinManifest(xml, { base: target.base });
  const template = JSON.parse(fs.readFileSync(path.join(ROOT, "assets", "teams", "manifest.json"), "utf8"));
  const teams = productionTeamsManifest(template, target, env, version.semver);
  const addinId = /<Id>([^<]*)<\/Id>/.exec(xml)?.[1]?.trim();
  const teamsProblems = checkTeamsManifest(teams, { base: target.base, addinId });
  const settings = deploymentSettings(target, env, teams.id);
  const problems = [
    ...xmlProblems.map((p) => `manifest.xml: ${p}`),
    ...teamsProblems.map((p) => `unified manifest.json: ${p}`),
  ];
  if (problems.length > 0) throw new PackageError(`the manifests fail the offline checks:\n  ${problems.join("\n  ")}`);

  if (!skipBuild) build(target, out);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "manifest.xml"), xml);
  const zip = writeZip([
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(teams, null, 2)}\n`) },
    { name: "color.png", data: fs.readFileSync(path.join(ROOT, "assets", "teams", "color.png")) },
    { name: "outline.png", data: fs.readFileSync(path.join(ROOT, "assets", "teams", "outline.png")) },
  ]);
  fs.writeFileSync(path.join(out, APP_ZIP), zip);
  const hashes = inlineHashes(out);
  const config = hostingConfig(
    JSON.parse(fs.readFileSync(path.join(ROOT, "staticwebapp.config.json"), "utf8")),
    hashes,
    cloudOf(env),
  );
  fs.writeFileSync(path.join(out, "staticwebapp.config.json"), `${JSON.stringify(config, null, 2)}\n`);
  if (settings) fs.writeFileSync(path.join(out, "settings.json"), `${JSON.stringify(settings, null, 2)}\n`);

  const rel = (f) => path.relative(process.cwd(), path.join(out, f)) || f;
  process.stdout.write(
    [
      `Packaged Contact Strategy Manager ${version.semver} for ${target.base}`,
      `  ${rel(APP_ZIP)}   the app (Outlook add-in and Teams tab): Microsoft 365 admin center > Settings > Integrated apps`,
      `  ${rel("manifest.xml")}               the alternate, only for Outlook clients without unified-manifest support (docs/deploy.md)`,
      `  ${rel("staticwebapp.config.json")}   hosting headers (CSP: ${hashes.styles.length} inline style and ${hashes.scripts.length} inline script hash(es) added)`,
      skipBuild
        ? "  (build skipped: the site files in the output folder were not rebuilt)"
        : `  the site: every file in ${rel("")} (see docs/deploy.md)`,
      "",
    ].join("\n"),
  );
  return { out, target, xml, teams, config, settings };
}

module.exports = {
  run,
  parseBaseUrl,
  productionManifestXml,
  productionTeamsManifest,
  hostingConfig,
  inlineHashes,
  addToDirective,
  PackageError,
  APP_ZIP,
};

if (require.main === module) {
  try {
    run();
  } catch (error) {
    process.stderr.write(`npm run package: ${error instanceof PackageError ? error.message : error.stack}\n`);
    process.exit(1);
  }
}
