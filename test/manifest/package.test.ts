/**
 * npm run package, without the build (--skip-build): the base URL is required and https, the
 * production manifest.xml and Teams zip pass the offline checks for that address, and the hosting
 * configuration carries a CSP without 'unsafe-inline' or 'unsafe-eval'.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkAddinManifest, checkTeamsManifest } from "../../scripts/lib/manifest-check";
import { readZip } from "../../scripts/lib/zip";
import { teamsPersonLinkTemplate as scriptLink } from "../../scripts/lib/links";
import { addToDirective, hostingConfig, APP_ZIP } from "../../scripts/package";
import { teamsPersonLinkTemplate } from "../../src/app/register";

const script = join(__dirname, "../../scripts/package.js");
let out = "";
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), "csm-package-"));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

function pack(env: Record<string, string>) {
  const {
    ADDIN_BASE_URL: _a,
    ADDIN_CLIENT_ID: _c,
    TEAMS_APP_ID: _t,
    ADDIN_TENANT_ID: _n,
    SHAREPOINT_SITE: _s,
    CASEWORK_MANAGER_UPN: _m,
    ...rest
  } = process.env;
  return spawnSync(process.execPath, [script, "--skip-build", "--out", out], {
    env: { ...rest, ...env },
    encoding: "utf8",
  });
}

test.each<[string, Record<string, string>, RegExp]>([
  ["is missing", {}, /ADDIN_BASE_URL is not set/],
  ["is http", { ADDIN_BASE_URL: "http://csm.example.gov.uk" }, /must be https/],
  ["is not a URL", { ADDIN_BASE_URL: "csm.example.gov.uk" }, /is not a URL/],
  ["has a query", { ADDIN_BASE_URL: "https://csm.example.gov.uk/?x=1" }, /query or fragment/],
])("refuses, exit 1 and writes nothing, when ADDIN_BASE_URL %s", (_name, env, message) => {
  const result = pack(env);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(() => readFileSync(join(out, "manifest.xml"))).toThrow();
});

test("refuses a client id that is not a GUID", () => {
  const result = pack({ ADDIN_BASE_URL: "https://csm.example.gov.uk", ADDIN_CLIENT_ID: "my-app" });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/ADDIN_CLIENT_ID "my-app" is not a GUID/);
});

describe("with an https base URL under a path", () => {
  const base = "https://csm.example.gov.uk/outlook";
  let result: ReturnType<typeof pack>;
  beforeEach(() => {
    result = pack({ ADDIN_BASE_URL: `${base}/`, ADDIN_CLIENT_ID: "0f0e0d0c-0b0a-4909-8807-060504030201" });
  });

  test("writes manifest.xml with every URL there, https, and the package version", () => {
    expect(result.status).toBe(0);
    const xml = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(checkAddinManifest(xml, { base })).toEqual([]);
    expect(xml).not.toMatch(/localhost/);
    expect(xml).toContain(`<bt:Url id="OnSendScript.Url" DefaultValue="${base}/launchevent.js"/>`);
    const { version } = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string };
    expect(xml).toContain(`<Version>${version}.0</Version>`);
  });

  test("writes the unified app package: manifest.json (valid, production URLs) and both icons", () => {
    const entries = readZip(readFileSync(join(out, APP_ZIP)));
    expect(entries.map((e) => e.name)).toEqual(["manifest.json", "color.png", "outline.png"]);
    const manifest = JSON.parse(entries[0]!.data.toString("utf8")) as Record<string, unknown> & {
      staticTabs: { contentUrl: string }[];
      validDomains: string[];
      webApplicationInfo: { id: string; nestedAppAuthInfo: { redirectUri: string }[] };
    };
    const xml = readFileSync(join(out, "manifest.xml"), "utf8");
    const addinId = /<Id>([^<]*)<\/Id>/.exec(xml)![1]!;
    expect(checkTeamsManifest(manifest, { base, addinId })).toEqual([]);
    expect(manifest.staticTabs[0]!.contentUrl).toBe(`${base}/teams.html`);
    const text = JSON.stringify(manifest);
    expect(text).not.toMatch(/localhost/);
    expect(text).toContain(`"script":"${base}/launchevent.js"`);
    expect(text).toContain(`"officeAddinId":"${addinId}"`);
    expect(manifest.validDomains).toEqual(["csm.example.gov.uk"]);
    expect(manifest.webApplicationInfo.id).toBe("0f0e0d0c-0b0a-4909-8807-060504030201");
    expect(manifest.webApplicationInfo.nestedAppAuthInfo[0]!.redirectUri).toBe("brk-multihub://csm.example.gov.uk");
    expect(entries[1]!.data.equals(readFileSync(join(__dirname, "../../assets/teams/color.png")))).toBe(true);
  });

  test("writes the hosting configuration with a strict CSP", () => {
    const config = JSON.parse(readFileSync(join(out, "staticwebapp.config.json"), "utf8")) as {
      globalHeaders: Record<string, string>;
    };
    const csp = config.globalHeaders["Content-Security-Policy"]!;
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/outlook\.office\.com/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/graph\.microsoft\.com https:\/\/login\.microsoftonline\.com;/);
    expect(config.globalHeaders["X-Frame-Options"]).toBeUndefined();
  });
});

test("hashes inline styles and scripts of the built pages into the CSP", () => {
  writeFileSync(
    join(out, "taskpane.html"),
    "<html><head><style>body{margin:0}</style><script>window.x=1</script><script src=a.js></script></head></html>",
  );
  const result = pack({ ADDIN_BASE_URL: "https://csm.example.gov.uk" });
  expect(result.status).toBe(0);
  const csp = (
    JSON.parse(readFileSync(join(out, "staticwebapp.config.json"), "utf8")) as { globalHeaders: Record<string, string> }
  ).globalHeaders["Content-Security-Policy"]!;
  // sha256 of "body{margin:0}" and of "window.x=1", base64.
  expect(csp).toMatch(
    /style-src 'self' 'sha256-47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=' 'sha256-[A-Za-z0-9+/=]{44}';/,
  );
  expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com 'sha256-[A-Za-z0-9+/=]{44}';/);
});

test("writes settings.json for the pages only when a client id is given, and checks what it is given", () => {
  expect(pack({ ADDIN_BASE_URL: "https://csm.example.gov.uk" }).status).toBe(0);
  expect(() => readFileSync(join(out, "settings.json"))).toThrow();
  const ok = pack({
    ADDIN_BASE_URL: "https://csm.example.gov.uk",
    ADDIN_CLIENT_ID: "0f0e0d0c-0b0a-4909-8807-060504030201",
    SHAREPOINT_SITE: "contoso.sharepoint.com:/sites/casework",
  });
  expect(ok.status).toBe(0);
  const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8")) as Record<string, string>;
  expect(settings).toEqual({
    clientId: "0f0e0d0c-0b0a-4909-8807-060504030201",
    tenant: "organizations",
    site: "contoso.sharepoint.com:/sites/casework",
    caseworkManagerUpn: "",
    recordLink: teamsPersonLinkTemplate({
      teamsAppId: "b4e3fbf0-90a3-4ebb-89bc-4f1e0e827982",
      tabUrl: "https://csm.example.gov.uk/teams.html",
    }),
  });
  const bad = pack({
    ADDIN_BASE_URL: "https://csm.example.gov.uk",
    ADDIN_CLIENT_ID: "0f0e0d0c-0b0a-4909-8807-060504030201",
    SHAREPOINT_SITE: "https://contoso.sharepoint.com/sites/x",
  });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/SHAREPOINT_SITE .* is not host:\/sites\/name/);
});

test("ROLE_GROUPS goes into settings.json as the deployment's role groups, and a malformed one is refused", () => {
  const base = {
    ADDIN_BASE_URL: "https://csm.example.gov.uk",
    ADDIN_CLIENT_ID: "0f0e0d0c-0b0a-4909-8807-060504030201",
    SHAREPOINT_SITE: "contoso.sharepoint.com:/sites/casework",
  };
  const groups = "manager=11111111-2222-4333-8444-555555555555,caseworker=66666666-7777-4888-8999-aaaaaaaaaaaa";
  expect(pack({ ...base, ROLE_GROUPS: groups }).status).toBe(0);
  const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8")) as Record<string, string>;
  expect(settings.roleGroups).toBe(groups);
  const bad = pack({ ...base, ROLE_GROUPS: "boss=11111111-2222-4333-8444-555555555555" });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/ROLE_GROUPS "boss=.*" is not role=<group object id>/);
});

test("RETENTION_PERIOD goes into settings.json as the deployment's retention period, and a malformed one is refused", () => {
  const base = {
    ADDIN_BASE_URL: "https://csm.example.gov.uk",
    ADDIN_CLIENT_ID: "0f0e0d0c-0b0a-4909-8807-060504030201",
    SHAREPOINT_SITE: "contoso.sharepoint.com:/sites/casework",
  };
  expect(pack({ ...base, RETENTION_PERIOD: "7 years" }).status).toBe(0);
  const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8")) as Record<string, string>;
  expect(settings.retentionPeriod).toBe("7 years");
  for (const value of ["forever", "0 months"]) {
    const bad = pack({ ...base, RETENTION_PERIOD: value });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/RETENTION_PERIOD ".*" is not a period such as "6 years" or "18 months"/);
  }
});

test("a national cloud: its Graph and sign-in hosts in settings.json and in the CSP, the global ones gone", () => {
  const result = pack({
    ADDIN_BASE_URL: "https://csm.example.gov.uk",
    ADDIN_CLIENT_ID: "0f0e0d0c-0b0a-4909-8807-060504030201",
    GRAPH_BASE_URL: "https://graph.microsoft.us/v1.0",
    LOGIN_HOST: "https://login.microsoftonline.us",
  });
  expect(result.status).toBe(0);
  const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8")) as Record<string, string>;
  expect([settings.graphBaseUrl, settings.authorityHost]).toEqual([
    "https://graph.microsoft.us/v1.0",
    "https://login.microsoftonline.us",
  ]);
  const csp = (
    JSON.parse(readFileSync(join(out, "staticwebapp.config.json"), "utf8")) as { globalHeaders: Record<string, string> }
  ).globalHeaders["Content-Security-Policy"]!;
  expect(csp).toMatch(/connect-src 'self' https:\/\/graph\.microsoft\.us https:\/\/login\.microsoftonline\.us;/);
  expect(csp).not.toMatch(/graph\.microsoft\.com|login\.microsoftonline\.com/);
});

test("the script's person link is the app's", () => {
  const options = {
    teamsAppId: "b4e3fbf0-90a3-4ebb-89bc-4f1e0e827982",
    tabUrl: "https://csm.example.gov.uk/x/teams.html",
  };
  expect(scriptLink(options)).toBe(teamsPersonLinkTemplate(options));
});

test("addToDirective and hostingConfig", () => {
  expect(addToDirective("default-src 'none'; style-src 'self'", "style-src", ["'sha256-x'"])).toBe(
    "default-src 'none'; style-src 'self' 'sha256-x'",
  );
  expect(() =>
    hostingConfig(
      { globalHeaders: { "Content-Security-Policy": "style-src 'unsafe-inline'" } },
      { styles: [], scripts: [] },
    ),
  ).toThrow(/unsafe-inline/);
});
