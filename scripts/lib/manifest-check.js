// Offline checks of the two manifests (no network: Microsoft's XML validator is an online service,
// m365-reference §1.4). `npm run package` refuses to write a package that fails them, and
// test/manifest runs them on the development and production outputs.
//
//   checkAddinManifest(xmlText, { base })   → [problem, …]   (manifest.xml)
//   checkTeamsManifest(json, { base, addinId }) → [problem, …]  (the unified app manifest.json: Teams
//                                            tab, Outlook extension; addinId = manifest.xml's <Id>)
//
// `base`: the production base URL; every add-in URL must then start with it and none may point at
// localhost. Without it, the development manifest's URLs must be https://localhost:3000.
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");

const DEV_ORIGIN = "https://localhost:3000";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

// manifest-element-ordering.md: the base elements of a MailApp, in order (those we use).
const BASE_ORDER = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "FormSettings",
  "Permissions",
  "Rule",
  "DisableEntityHighlighting",
  "VersionOverrides",
];
const REQUIRED_BASE = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "Hosts",
  "Requirements",
  "Permissions",
  "Rule",
];
const PERMISSIONS = ["Restricted", "ReadItem", "ReadWriteItem", "ReadWriteMailbox"];

const children = (el, name) => [...el.children].filter((c) => c.localName === name);
const child = (el, name) => children(el, name)[0] ?? null;
const descendants = (el, name) => [...el.getElementsByTagName("*")].filter((c) => c.localName === name);
const xsiType = (el) => el.getAttributeNS(XSI, "type");

/** Every URL the manifest names, with where it is (for messages). */
function urlsOf(root) {
  const out = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"]) {
    for (const el of descendants(root, name))
      if (el.hasAttribute("DefaultValue")) out.push({ where: name, url: el.getAttribute("DefaultValue") });
  }
  for (const el of descendants(root, "Image"))
    if (el.hasAttribute("DefaultValue"))
      out.push({ where: `Image ${el.getAttribute("id")}`, url: el.getAttribute("DefaultValue") });
  for (const el of descendants(root, "Url"))
    if (el.hasAttribute("DefaultValue"))
      out.push({ where: `Url ${el.getAttribute("id")}`, url: el.getAttribute("DefaultValue") });
  return out;
}

/** resid → resource, for one VersionOverrides (its own Resources only, not a nested one's). */
function resourcesOf(versionOverrides, problems, label) {
  const map = new Map();
  const resources = child(versionOverrides, "Resources");
  if (!resources) {
    problems.push(`${label}: no Resources`);
    return map;
  }
  for (const group of [...resources.children]) {
    for (const el of [...group.children]) {
      const id = el.getAttribute("id");
      if (!id) continue;
      if (map.has(id)) problems.push(`${label}: resource id "${id}" is defined twice`);
      if (id.length > 32) problems.push(`${label}: resource id "${id}" is longer than 32 characters`);
      map.set(id, { kind: group.localName, value: el.getAttribute("DefaultValue") ?? "" });
    }
  }
  return map;
}

/** Checks every resid under `scope` (excluding a nested VersionOverrides) resolves in `map`. */
function checkResids(scope, map, problems, label) {
  const walk = (el) => {
    for (const c of [...el.children]) {
      if (c.localName === "VersionOverrides" || c.localName === "Resources") continue;
      const resid = c.getAttribute("resid");
      if (resid !== null) {
        if (!map.has(resid))
          problems.push(`${label}: ${c.localName} names resid "${resid}", which is not defined in its Resources`);
        else {
          const want =
            c.localName === "Image"
              ? "Images"
              : ["SourceLocation", "Runtime", "Override", "FunctionFile"].includes(c.localName)
                ? "Urls"
                : null;
          const got = map.get(resid).kind;
          if (want && got !== want)
            problems.push(`${label}: ${c.localName} resid "${resid}" should name one of the ${want}, not ${got}`);
          if (["Label", "Title"].includes(c.localName) && got !== "ShortStrings")
            problems.push(`${label}: ${c.localName} resid "${resid}" should be a ShortString`);
          if (c.localName === "Description" && got !== "LongStrings")
            problems.push(`${label}: Description resid "${resid}" should be a LongString`);
        }
      }
      walk(c);
    }
  };
  walk(scope);
}

function checkUrl(url, where, base, problems) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    problems.push(`${where}: "${url}" is not a URL`);
    return;
  }
  if (parsed.protocol !== "https:") problems.push(`${where}: "${url}" is not https`);
  if (base) {
    if (parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1")
      problems.push(`${where}: "${url}" still points at localhost`);
    else if (!url.startsWith(base)) problems.push(`${where}: "${url}" is not under ${base}`);
  } else if (!url.startsWith(`${DEV_ORIGIN}/`))
    problems.push(`${where}: "${url}" is not under ${DEV_ORIGIN} (the development manifest)`);
}

/**
 * The add-in manifest. Options: `base` (production base URL, no trailing slash), `assetsDir` (to
 * check that the icon files exist with the declared size; default: the repository's assets/).
 */
function checkAddinManifest(xml, options = {}) {
  const problems = [];
  const { base } = options;
  const window = new JSDOM("").window;
  const doc = new window.DOMParser().parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) return [`not well-formed XML: ${error.textContent.trim().split("\n")[0]}`];
  const root = doc.documentElement;
  if (root.localName !== "OfficeApp" || xsiType(root) !== "MailApp")
    problems.push('the root must be <OfficeApp xsi:type="MailApp">');

  // Base elements: present, in schema order.
  const names = [...root.children].map((c) => c.localName);
  for (const name of REQUIRED_BASE) if (!names.includes(name)) problems.push(`missing <${name}>`);
  const order = names.filter((n) => BASE_ORDER.includes(n)).map((n) => BASE_ORDER.indexOf(n));
  for (let i = 1; i < order.length; i++) {
    if (order[i] < order[i - 1])
      problems.push(
        `<${BASE_ORDER[order[i]]}> comes after <${BASE_ORDER[order[i - 1]]}>; the schema wants the other order`,
      );
  }
  const unknown = names.filter((n) => !BASE_ORDER.includes(n) && n !== "FormSettings");
  for (const n of unknown) problems.push(`unexpected base element <${n}>`);

  const text = (name) => (child(root, name)?.textContent ?? "").trim();
  if (!GUID.test(text("Id"))) problems.push(`<Id> "${text("Id")}" is not a GUID`);
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text("Version")))
    problems.push(`<Version> "${text("Version")}" is not n.n.n.n`);
  if (!PERMISSIONS.includes(text("Permissions")))
    problems.push(`<Permissions> "${text("Permissions")}" is not one of ${PERMISSIONS.join(", ")}`);
  const display = child(root, "DisplayName")?.getAttribute("DefaultValue") ?? "";
  if (display === "" || display.length > 125)
    problems.push("<DisplayName> must have a DefaultValue of 1–125 characters");
  const description = child(root, "Description")?.getAttribute("DefaultValue") ?? "";
  if (description === "" || description.length > 250)
    problems.push("<Description> must have a DefaultValue of 1–250 characters");
  const host = child(child(root, "Hosts") ?? root, "Host");
  if (host?.getAttribute("Name") !== "Mailbox") problems.push('<Hosts> must name <Host Name="Mailbox"/>');
  const mailboxSet = descendants(child(root, "Requirements") ?? root, "Set").find(
    (s) => s.getAttribute("Name") === "Mailbox",
  );
  if (!mailboxSet) problems.push("<Requirements> must name a minimum Mailbox version (mandatory for a MailApp)");
  for (const domain of descendants(root, "AppDomain")) {
    if (!domain.textContent.trim().startsWith("https://"))
      problems.push(`AppDomain "${domain.textContent.trim()}" is not https`);
  }

  // VersionOverrides: V1_0 with V1_1 nested as its last child.
  const v10 = child(root, "VersionOverrides");
  if (!v10 || xsiType(v10) !== "VersionOverridesV1_0")
    problems.push('missing <VersionOverrides xsi:type="VersionOverridesV1_0">');
  const v11 = v10 ? child(v10, "VersionOverrides") : null;
  if (!v11 || xsiType(v11) !== "VersionOverridesV1_1")
    problems.push('missing the nested <VersionOverrides xsi:type="VersionOverridesV1_1">');
  else if (v10.lastElementChild !== v11)
    problems.push("the V1_1 VersionOverrides must be the last child of the V1_0 one");

  for (const [vo, label] of [
    [v10, "V1_0"],
    [v11, "V1_1"],
  ]) {
    if (!vo) continue;
    const map = resourcesOf(vo, problems, label);
    checkResids(vo, map, problems, label);
    // Ribbon icons: 16, 32 and 80 px, each a bt:Image.
    const own = (e) => e.parentElement.closest("VersionOverrides") === vo;
    for (const icon of descendants(vo, "Icon").filter(own)) {
      const sizes = children(icon, "Image").map((i) => i.getAttribute("size"));
      for (const size of ["16", "32", "80"])
        if (!sizes.includes(size)) problems.push(`${label}: a button <Icon> has no ${size} px image`);
    }
    const buttons = descendants(vo, "ExtensionPoint").filter(
      (e) => xsiType(e) === "MessageReadCommandSurface" && own(e),
    );
    if (buttons.length === 0) problems.push(`${label}: no MessageReadCommandSurface button`);
  }

  if (v11) {
    // The read-mode pane pins (Mailbox 1.5, VersionOverrides 1.1 only).
    const readSurface = descendants(v11, "ExtensionPoint").find((e) => xsiType(e) === "MessageReadCommandSurface");
    const pin = readSurface ? descendants(readSurface, "SupportsPinning")[0] : null;
    if (!pin || pin.textContent.trim() !== "true")
      problems.push("V1_1: the read-mode ShowTaskpane action must have <SupportsPinning>true</SupportsPinning>");

    // Shared mailboxes and shared folders (issue 9): the first child of the V1_1 DesktopFormFactor.
    const shared = descendants(v11, "DesktopFormFactor")[0]?.firstElementChild;
    if (shared?.localName !== "SupportsSharedFolders" || shared.textContent.trim() !== "true")
      problems.push("V1_1: the DesktopFormFactor must start with <SupportsSharedFolders>true</SupportsSharedFolders>");

    // Smart Alerts: OnMessageSend, with the HTML page and the classic-Windows JavaScript file.
    const launch = descendants(v11, "ExtensionPoint").find((e) => xsiType(e) === "LaunchEvent");
    const event = launch
      ? descendants(launch, "LaunchEvent").find((e) => e.getAttribute("Type") === "OnMessageSend")
      : null;
    if (!event) problems.push("V1_1: no LaunchEvent of Type OnMessageSend");
    else {
      if (!/^[A-Za-z_$][\w$]*$/.test(event.getAttribute("FunctionName") ?? ""))
        problems.push("V1_1: the OnMessageSend LaunchEvent needs a FunctionName");
      if (event.getAttribute("SendMode") !== "SoftBlock")
        problems.push('V1_1: the OnMessageSend LaunchEvent must use SendMode="SoftBlock"');
    }
    const runtime = descendants(v11, "Runtime")[0];
    const override = runtime ? child(runtime, "Override") : null;
    if (!runtime) problems.push("V1_1: no <Runtimes><Runtime> for the on-send handler");
    if (!override || override.getAttribute("type") !== "javascript")
      problems.push('V1_1: the Runtime needs <Override type="javascript"> (classic Outlook on Windows)');
    const map = resourcesOf(v11, [], "V1_1");
    if (launch && runtime) {
      const source = child(launch, "SourceLocation")?.getAttribute("resid");
      if (source !== runtime.getAttribute("resid"))
        problems.push("V1_1: the LaunchEvent SourceLocation must be the Runtime's resid (the HTML page)");
      const page = map.get(runtime.getAttribute("resid"))?.value ?? "";
      if (!/\.html$/.test(page)) problems.push(`V1_1: the Runtime should name the HTML page, not "${page}"`);
    }
    if (override) {
      const script = map.get(override.getAttribute("resid"))?.value ?? "";
      if (!/\.js$/.test(script)) problems.push(`V1_1: the Override should name the JavaScript file, not "${script}"`);
    }
  }

  for (const { where, url } of urlsOf(root)) checkUrl(url, where, base, problems);

  // Icon files: present in assets/ with the pixel size the name promises.
  const assetsDir = options.assetsDir ?? path.resolve(__dirname, "../../assets");
  const { decodePng } = require("./png");
  for (const { where, url } of urlsOf(root).filter((u) => /\.png$/.test(u.url))) {
    const m = /\/assets\/(icon-(\d+)\.png)$/.exec(url);
    if (!m) {
      problems.push(`${where}: "${url}" is not one of the add-in icons in assets/`);
      continue;
    }
    const file = path.join(assetsDir, m[1]);
    if (!fs.existsSync(file)) problems.push(`${where}: ${m[1]} is missing from assets/`);
    else {
      const png = decodePng(fs.readFileSync(file));
      if (png.width !== Number(m[2]) || png.height !== Number(m[2]))
        problems.push(`${where}: ${m[1]} is ${png.width}×${png.height}, not ${m[2]}×${m[2]}`);
    }
  }
  return problems;
}

/** The unified app manifest (Teams tab and Outlook extension), against the JSON schema shipped in @microsoft/app-manifest for its manifestVersion. */
function checkTeamsManifest(manifest, options = {}) {
  const problems = [];
  const { base } = options;
  const version = manifest.manifestVersion;
  const schemaFile = path.join(
    path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
    "build/json-schemas/teams",
    `v${version}`,
    "MicrosoftTeams.schema.json",
  );
  if (!fs.existsSync(schemaFile)) return [`no bundled schema for manifestVersion ${version}`];
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  const Ajv = schema.$schema?.includes("draft-04") ? require("ajv-draft-04") : require("ajv");
  const addFormats = require("ajv-formats");
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (!validate(manifest))
    for (const e of validate.errors)
      problems.push(`schema: ${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);

  const urls = [];
  const collect = (value, where) => {
    if (typeof value === "string" && /^https?:\/\//i.test(value) && where !== "/$schema")
      urls.push({ where, url: value });
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) collect(v, `${where}/${k}`);
  };
  collect(manifest, "");
  for (const { where, url } of urls) {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:") problems.push(`${where}: "${url}" is not https`);
    if (base && (parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1"))
      problems.push(`${where}: "${url}" still points at localhost`);
  }
  const tabs = manifest.staticTabs ?? [];
  if (!tabs.some((t) => (t.scopes ?? []).includes("personal") && /\/teams\.html(\?|$)/.test(t.contentUrl ?? "")))
    problems.push("no personal static tab showing teams.html");
  for (const tab of tabs) {
    const host = tab.contentUrl ? new URL(tab.contentUrl).host : "";
    if (host && !(manifest.validDomains ?? []).includes(host))
      problems.push(`validDomains does not include ${host}, the tab's host`);
    if (base && tab.contentUrl && !tab.contentUrl.startsWith(base))
      problems.push(`the tab's contentUrl is not under ${base}`);
  }
  problems.push(...checkOutlookExtension(manifest, options));
  const activity = (manifest.activities?.activityTypes ?? []).find((a) => a.type === "breachRecorded");
  if (!activity) problems.push("activities: no activity type breachRecorded (the service's feed notification)");
  return problems;
}

/**
 * The product's rules for the unified manifest's Outlook extension (the schema checks the shape):
 * the pinnable read pane, the on-send check with soft block, shared mailboxes, and the XML manifest
 * hidden as the alternate so nobody sees the add-in twice. `addinId`: the XML manifest's <Id>.
 */
function checkOutlookExtension(manifest, { addinId } = {}) {
  const problems = [];
  const extension = (manifest.extensions ?? [])[0];
  if (!extension) return ["extensions: no Outlook extension"];
  if (!(extension.requirements?.scopes ?? []).includes("mail")) problems.push('extensions: scopes must include "mail"');
  const runtimes = extension.runtimes ?? [];
  const actions = runtimes.flatMap((r) => (r.actions ?? []).map((a) => ({ ...a, runtime: r })));
  const controls = (extension.ribbons ?? [])
    .filter((r) => (r.contexts ?? []).includes("mailRead"))
    .flatMap((r) => r.tabs ?? [])
    .flatMap((t) => t.groups ?? [])
    .flatMap((g) => g.controls ?? []);
  const pane = controls.map((c) => actions.find((a) => a.id === c.actionId)).find((a) => a?.type === "openPage");
  if (!pane) problems.push("extensions: no mailRead button opens a task pane");
  else {
    if (pane.pinnable !== true) problems.push("extensions: the read-mode task pane must be pinnable");
    if (!/\/taskpane\.html$/.test(pane.runtime.code?.page ?? ""))
      problems.push("extensions: the task pane runtime must load taskpane.html");
  }
  const sending = (extension.autoRunEvents ?? [])
    .flatMap((e) => e.events ?? [])
    .find((e) => e.type === "messageSending");
  if (!sending) problems.push("extensions: no autoRunEvents messageSending event (Smart Alerts)");
  else {
    if (sending.options?.sendMode !== "softBlock") problems.push("extensions: messageSending must use softBlock");
    const action = actions.find((a) => a.id === sending.actionId);
    if (action?.type !== "executeFunction")
      problems.push("extensions: messageSending must run an executeFunction action");
    else if (!/\.html$/.test(action.runtime.code?.page ?? "") || !/\.js$/.test(action.runtime.code?.script ?? ""))
      problems.push("extensions: the on-send runtime needs the HTML page and the JavaScript file");
  }
  const rsc = manifest.authorization?.permissions?.resourceSpecific ?? [];
  if (!rsc.some((p) => p.name === "Mailbox.SharedFolder" && p.type === "Delegated"))
    problems.push(
      "authorization: Mailbox.SharedFolder (delegated) is missing: shared mailboxes would not load the add-in",
    );
  const hidden = (extension.alternates ?? []).map((a) => a.hide?.customOfficeAddin?.officeAddinId).filter(Boolean);
  if (hidden.length === 0)
    problems.push("extensions: alternates must hide the XML manifest add-in (customOfficeAddin)");
  else if (addinId && !hidden.includes(addinId))
    problems.push(`extensions: alternates hide ${hidden.join(", ")}, not manifest.xml's <Id> ${addinId}`);
  if (manifest.id && hidden.includes(manifest.id))
    problems.push("the unified manifest's id must differ from the XML manifest's <Id> it hides");
  return problems;
}

module.exports = { checkAddinManifest, checkTeamsManifest, DEV_ORIGIN };
