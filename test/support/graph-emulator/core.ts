/**
 * The Graph emulator's state and request handling, independent of sockets: `handle()` takes a
 * request and returns a response. The HTTP server (server.ts) and the in-process fetch (fetch.ts)
 * both call it, so the contract tests over loopback HTTP and the fast no-loss simulation exercise
 * exactly the same behaviour.
 *
 * Shapes follow Microsoft Graph v1.0 as documented (m365-reference §4): listItem / columnDefinition /
 * list, listItem delta with @odata.nextLink / @odata.deltaLink and 410 + Location, messageRule,
 * outlookCategory, mailFolder, message categories, directoryObject for /me/manager, chat and
 * chatMessage. Errors are `{ error: { code, message, innerError } }`.
 *
 * Deliberately like SharePoint: unique text values compare case-insensitively; a single line of
 * text holds at most 255 characters; `$filter` on a column that is not indexed is refused unless the
 * request carries `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`; enforceUniqueValues needs
 * an indexed column.
 */
import { handleSpRest, itemPermissionProblem, newSpWeb, SpRestError, type EmuSpWeb } from "./sharepoint-rest";
import { DEFAULT_ERROR_CODES, FaultInjector, type FaultDecision, type FaultRule } from "./faults";
import { loopbackPoster, MailFlow, MAX_MESSAGE_SUBSCRIPTION_MINUTES, type MailDetails, type Poster } from "./mail-flow";
import { readEmulatorToken, shortScope } from "./tokens";

export interface EmuRequest {
  readonly method: string;
  /** Absolute URL or path with query, e.g. "/v1.0/me/manager?$select=id". */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface EmuResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface EmuUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail: string;
  readonly displayName: string;
  /** The manager's userPrincipalName (directory), if any. */
  managerUpn?: string;
}

export interface EmuColumn {
  id: string;
  name: string;
  displayName: string;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
  text?: { allowMultipleLines: boolean; maxLength?: number; textType?: string; linesForEditing?: number };
  dateTime?: Record<string, unknown>;
  number?: Record<string, unknown>;
  boolean?: Record<string, unknown>;
  choice?: Record<string, unknown>;
}

export interface EmuItem {
  id: string;
  fields: Record<string, unknown>;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: string;
  /** The author's object id and mail, as Graph gives them in createdBy.user. */
  createdById?: string;
  createdByEmail?: string;
  /** An app-only write: the application (client) id and name (createdBy.application). */
  createdByAppId?: string;
  /** Who last changed the item (lastModifiedBy): as createdBy until someone edits it. */
  modifiedBy?: EmuWriter;
  version: number;
  /** Change sequence number of the last change (delta). */
  seq: number;
}

/** Who wrote to a list: a user (delegated) or an application (app-only), as Graph's identitySet. */
export interface EmuWriter {
  readonly name: string;
  readonly userId?: string;
  readonly email?: string;
  readonly appId?: string;
}

export interface EmuList {
  id: string;
  displayName: string;
  template: string;
  createdDateTime: string;
  columns: EmuColumn[];
  items: Map<string, EmuItem>;
  nextItemId: number;
  seq: number;
  /** Deleted item id → seq of the deletion. */
  tombstones: Map<string, number>;
  /** Delta tokens carry the epoch they were issued in; an older epoch is answered 410 (resync). */
  tokenEpoch: number;
}

export type SiteRole = "read" | "write" | "manage" | "fullcontrol";

export interface EmuSite {
  id: string;
  hostname: string;
  path: string;
  displayName: string;
  /** The app's grant on this site, for delegated Sites.Selected tokens (null: none). */
  grant: SiteRole | null;
  lists: Map<string, EmuList>;
  /** SharePoint REST's view of the site (permission levels, groups, list permissions): sharepoint-rest.ts. */
  sp: EmuSpWeb;
}

export interface EmuFolder {
  id: string;
  displayName: string;
  parentFolderId: string;
  isHidden: boolean;
  wellKnownName?: string;
}

export interface EmuRule {
  id: string;
  displayName: string;
  sequence: number;
  isEnabled: boolean;
  hasError: boolean;
  isReadOnly: boolean;
  conditions?: Record<string, unknown>;
  exceptions?: Record<string, unknown>;
  actions: Record<string, unknown>;
}

export interface EmuMessage {
  id: string;
  subject: string;
  categories: string[];
  parentFolderId: string;
  /** Mail delivered with deliverMail (sender, recipients, Internet Message-ID, time). */
  from?: string;
  to?: string[];
  cc?: string[];
  internetMessageId?: string;
  receivedDateTime?: string;
  /** Change sequence (message delta). */
  seq?: number;
}

export interface EmuMailbox {
  folders: Map<string, EmuFolder>;
  rules: Map<string, EmuRule>;
  categories: Map<string, { id: string; displayName: string; color: string }>;
  messages: Map<string, EmuMessage>;
}

export interface EmuChatMessage {
  id: string;
  createdDateTime: string;
  fromUserId: string;
  body: { contentType: string; content: string };
  attachments: Record<string, unknown>[];
}

export interface EmuChat {
  id: string;
  chatType: "oneOnOne";
  memberIds: [string, string];
  createdDateTime: string;
  messages: EmuChatMessage[];
}

export interface RequestLogEntry {
  readonly seq: number;
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly user: string | null;
  readonly status: number;
  readonly retryAfter: number | null;
  readonly fault: boolean;
}

export interface GraphEmulatorOptions {
  /** Refuse requests without `Authorization: Bearer …` (401), as Graph does. Default true. */
  readonly requireAuth?: boolean;
  /** Check token scopes against the documented least-privileged permissions (403). Default true. */
  readonly enforceScopes?: boolean;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Default page size for item listings and delta. */
  readonly pageSize?: number;
  /** How notifications reach the service (default: POST over loopback). */
  readonly poster?: Poster;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {
    super(message);
  }
}

const WELL_KNOWN_FOLDERS = ["inbox", "drafts", "sentitems", "deleteditems", "archive", "junkemail"] as const;
const FOLDER_NAMES: Record<string, string> = {
  inbox: "Inbox",
  drafts: "Drafts",
  sentitems: "Sent Items",
  deleteditems: "Deleted Items",
  archive: "Archive",
  junkemail: "Junk Email",
};
export const CATEGORY_COLOURS = ["none", ...Array.from({ length: 25 }, (_, i) => `preset${i}`)];

/** The scopes (any of) that allow a route, from the permission tables in m365-reference §4. */
const SITES_READ = [
  "Sites.Read.All",
  "Sites.ReadWrite.All",
  "Sites.Manage.All",
  "Sites.FullControl.All",
  "Sites.Selected",
];
const SITES_WRITE = ["Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All", "Sites.Selected"];
const SITES_MANAGE = ["Sites.Manage.All", "Sites.FullControl.All", "Sites.Selected"];
const ROLE_RANK: Record<SiteRole, number> = { read: 1, write: 2, manage: 3, fullcontrol: 4 };

function identitySet(w: EmuWriter): Record<string, unknown> {
  if (w.appId) return { application: { id: w.appId, displayName: w.appId }, user: { displayName: w.name } };
  return {
    user: { displayName: w.name, ...(w.userId ? { id: w.userId } : {}), ...(w.email ? { email: w.email } : {}) },
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

function noContent(): EmuResponse {
  return { status: 204, headers: {} };
}

function guid(n: number, salt: number): string {
  const hex = (n * 7919 + salt).toString(16).padStart(12, "0").slice(-12);
  return `${salt.toString(16).padStart(8, "0").slice(-8)}-0000-4000-8000-${hex}`;
}

/** Parses `name eq 'value'` or `fields/name eq 'value'` (the only $filter forms the product uses). */
export function parseEqFilter(filter: string): { field: string; onFields: boolean; value: string } | null {
  const m = /^\s*(fields\/)?([A-Za-z_][A-Za-z0-9_]*)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
  if (!m) return null;
  return { onFields: m[1] !== undefined, field: m[2] ?? "", value: (m[3] ?? "").replace(/''/g, "'") };
}

export class GraphEmulator {
  readonly faults: FaultInjector;
  requireAuth: boolean;
  enforceScopes: boolean;
  readonly users = new Map<string, EmuUser>();
  readonly sites = new Map<string, EmuSite>();
  readonly mailboxes = new Map<string, EmuMailbox>();
  readonly chats = new Map<string, EmuChat>();
  readonly requests: RequestLogEntry[] = [];
  /** Subscriptions, notifications, activity feed (mail-flow.ts). */
  readonly mailFlow: MailFlow;
  /**
   * The application access policy / RBAC for Applications scope: the mailboxes (upn) an app-only
   * token may reach; null = every mailbox.
   */
  appMailboxScope: Set<string> | null = null;
  private counter = 0;
  private requestSeq = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly pageSize: number;

  constructor(options: GraphEmulatorOptions = {}) {
    this.requireAuth = options.requireAuth ?? true;
    this.enforceScopes = options.enforceScopes ?? true;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.pageSize = options.pageSize ?? 200;
    this.faults = new FaultInjector(options.random);
    this.mailFlow = new MailFlow(this.now, this.sleep, options.poster ?? loopbackPoster);
  }

  // ---------------------------------------------------------------- seeding (control API)

  addUser(user: {
    userPrincipalName: string;
    displayName?: string;
    mail?: string;
    managerUpn?: string;
    id?: string;
  }): EmuUser {
    const upn = user.userPrincipalName.toLowerCase();
    const created: EmuUser = {
      id: user.id ?? guid(++this.counter, 0x05e7),
      userPrincipalName: upn,
      mail: (user.mail ?? upn).toLowerCase(),
      displayName: user.displayName ?? upn,
      ...(user.managerUpn ? { managerUpn: user.managerUpn.toLowerCase() } : {}),
    };
    this.users.set(upn, created);
    return created;
  }

  addSite(hostname: string, path: string, grant: SiteRole | null = "manage"): EmuSite {
    const id = `${hostname},${guid(++this.counter, 0x517e)},${guid(++this.counter, 0x3eb0)}`;
    const site: EmuSite = {
      id,
      hostname: hostname.toLowerCase(),
      path: path.replace(/^\/+|\/+$/g, ""),
      displayName: path.split("/").pop() ?? path,
      grant,
      lists: new Map(),
      sp: newSpWeb(path.split("/").pop() ?? path),
    };
    this.sites.set(id, site);
    return site;
  }

  addMessage(upn: string, message: { id?: string; subject?: string; categories?: string[] }): EmuMessage {
    const mailbox = this.mailbox(upn.toLowerCase());
    const id = message.id ?? `AAMkAG${(++this.counter).toString(16).padStart(8, "0")}=`;
    const created: EmuMessage = {
      id,
      subject: message.subject ?? "",
      categories: [...(message.categories ?? [])],
      parentFolderId: this.folderId(mailbox, "inbox"),
    };
    mailbox.messages.set(id, created);
    return created;
  }

  /**
   * Mail arrives in a mailbox (a person writes to it): the inbox rules are applied as on delivery,
   * then change notifications go to the subscriptions on the folder it landed in. Resolves once
   * they were sent (late ones: see mailFlow.flush()).
   */
  deliverMail(upn: string, details: MailDetails): EmuMessage {
    const user = this.users.get(upn.toLowerCase());
    if (!user) throw new Error(`no user ${upn}`);
    const message = this.addMessage(user.userPrincipalName, { subject: details.subject ?? "" });
    message.from = details.from;
    message.to = [...(details.to ?? [user.mail])];
    message.cc = [...(details.cc ?? [])];
    message.internetMessageId =
      details.internetMessageId ?? `<${message.id.replace(/[^A-Za-z0-9]/g, "")}@mail.example.org>`;
    message.receivedDateTime = details.receivedDateTime ?? new Date(this.now()).toISOString();
    message.seq = ++this.mailFlow.seq;
    this.mailFlow.applyRules(this.mailbox(user.userPrincipalName), message, details);
    this.mailFlow.notifyCreated(user, message);
    return message;
  }

  /**
   * Puts an item straight into a list (seeding a test tenant without HTTP); unique columns are still
   * enforced. The creator is `creator` if given, else the user whose address is the item's By (a
   * member of staff who wrote it), else "seed" with no id or address.
   */
  seedItem(siteId: string, listKey: string, fields: Record<string, unknown>, creator?: EmuWriter): EmuItem {
    const site = this.sites.get(siteId);
    if (!site) throw new Error(`no site ${siteId}`);
    const list = this.findList(site, listKey);
    this.checkFields(list, fields, null);
    const nowIso = new Date(this.now()).toISOString();
    const by = typeof fields["By"] === "string" ? (fields["By"] as string).toLowerCase() : "";
    const staff = by ? [...this.users.values()].find((u) => u.userPrincipalName === by || u.mail === by) : undefined;
    const writer: EmuWriter =
      creator ??
      (staff ? this.userWriter(staff) : by ? { name: by, userId: `seed-${by}`, email: by } : { name: "seed" });
    const item: EmuItem = {
      id: String(list.nextItemId++),
      fields: { ...fields },
      createdDateTime: nowIso,
      lastModifiedDateTime: nowIso,
      ...this.creatorFields(writer),
      version: 1,
      seq: 0,
    };
    list.items.set(item.id, item);
    this.change(list, item);
    return item;
  }

  private userWriter(u: EmuUser): EmuWriter {
    return { name: u.displayName, userId: u.id, email: u.mail };
  }

  private creatorFields(
    w: EmuWriter,
  ): Pick<EmuItem, "createdBy" | "createdById" | "createdByEmail" | "createdByAppId" | "modifiedBy"> {
    return {
      createdBy: w.name,
      ...(w.userId ? { createdById: w.userId } : {}),
      ...(w.email ? { createdByEmail: w.email } : {}),
      ...(w.appId ? { createdByAppId: w.appId } : {}),
      modifiedBy: w,
    };
  }

  /**
   * Someone changes an item past the product (SharePoint's own pages, another client): its fields
   * are patched, its version and modified time move on, lastModifiedBy names them (tamper tests).
   */
  editItem(
    siteId: string,
    listKey: string,
    itemId: string,
    patch: Record<string, unknown>,
    editor: EmuWriter,
  ): EmuItem {
    const site = this.sites.get(siteId);
    if (!site) throw new Error(`no site ${siteId}`);
    const list = this.findList(site, listKey);
    const item = list.items.get(itemId);
    if (!item) throw new Error(`no item ${itemId}`);
    for (const [k, v] of Object.entries(patch)) item.fields[k] = v;
    item.version += 1;
    item.lastModifiedDateTime = new Date(
      Math.max(this.now(), Date.parse(item.lastModifiedDateTime) + 1000),
    ).toISOString();
    item.modifiedBy = editor;
    this.change(list, item);
    return item;
  }

  /** Someone deletes an item past the product; the delta feed reports it deleted. */
  removeItem(siteId: string, listKey: string, itemId: string): void {
    const site = this.sites.get(siteId);
    if (!site) throw new Error(`no site ${siteId}`);
    const list = this.findList(site, listKey);
    if (!list.items.delete(itemId)) throw new Error(`no item ${itemId}`);
    list.seq += 1;
    list.tombstones.set(itemId, list.seq);
  }

  /** Puts a user in one of the site's SharePoint groups (e.g. "casework Members"), as a site owner would. */
  addToSiteGroup(siteId: string, groupTitle: string, upn: string): void {
    const site = this.sites.get(siteId);
    if (!site) throw new Error(`no site ${siteId}`);
    let g = site.sp.groups.find((x) => x.title.toLowerCase() === groupTitle.toLowerCase());
    if (!g) {
      g = { id: 10 + site.sp.groups.length, title: groupTitle, members: new Set() };
      site.sp.groups.push(g);
    }
    g.members.add(upn.toLowerCase());
  }

  /** SharePoint REST on a site: /_sp/{host}/{site path}/_api/web/… (sharepoint-rest.ts). */
  private routeSpRest(
    method: string,
    path: string,
    req: EmuRequest,
    claims: ReturnType<typeof readEmulatorToken>,
  ): EmuResponse {
    const m = /^\/_sp\/([^/]+)\/(.+?)\/_api\/web\/(.+)$/.exec(path);
    const site = m
      ? [...this.sites.values()].find(
          (s) => s.hostname === m[1]!.toLowerCase() && s.path.toLowerCase() === decodeURIComponent(m[2]!).toLowerCase(),
        )
      : undefined;
    const error = (status: number, message: string): EmuResponse =>
      json(status, { "odata.error": { code: `-2147024891, ${status}`, message: { lang: "en-US", value: message } } });
    if (!m || !site) return error(404, "The site was not found.");
    try {
      const out = handleSpRest(site.sp, [...site.lists.values()], {
        method,
        rest: m[3]!,
        body: req.body,
        headers: req.headers,
        claims,
      });
      return out.body === undefined ? { status: out.status, headers: {}, body: "" } : json(out.status, out.body);
    } catch (e) {
      if (e instanceof SpRestError) return error(e.status, e.message);
      throw e;
    }
  }

  /** Makes every delta token issued so far for the list answer 410 (the "token too old" case). */
  expireDeltaTokens(listId?: string): void {
    for (const site of this.sites.values()) {
      for (const list of site.lists.values()) {
        if (listId === undefined || list.id === listId) list.tokenEpoch += 1;
      }
    }
  }

  addFault(rule: FaultRule): number {
    return this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  reset(): void {
    this.users.clear();
    this.sites.clear();
    this.mailboxes.clear();
    this.chats.clear();
    this.mailFlow.reset();
    this.appMailboxScope = null;
    this.requests.length = 0;
    this.faults.clear();
  }

  /** A JSON-friendly view of the state, for tests and the control API. */
  snapshot(): unknown {
    return {
      users: [...this.users.values()],
      sites: [...this.sites.values()].map((s) => ({
        id: s.id,
        hostname: s.hostname,
        path: s.path,
        grant: s.grant,
        lists: [...s.lists.values()].map((l) => ({
          id: l.id,
          displayName: l.displayName,
          columns: l.columns,
          items: [...l.items.values()],
        })),
      })),
      mailboxes: Object.fromEntries(
        [...this.mailboxes.entries()].map(([upn, m]) => [
          upn,
          {
            folders: [...m.folders.values()],
            rules: [...m.rules.values()],
            categories: [...m.categories.values()],
            messages: [...m.messages.values()],
          },
        ]),
      ),
      chats: [...this.chats.values()],
    };
  }

  // ---------------------------------------------------------------- request handling

  async handle(req: EmuRequest): Promise<EmuResponse> {
    // Links Graph returns (nextLink, deltaLink, Location) are absolute, on the host that was called.
    const url = new URL(req.url, `http://${req.headers["host"] ?? "emulator.invalid"}`);
    const method = req.method.toUpperCase();
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const auth = req.headers["authorization"] ?? "";
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? null;
    const claims = bearer ? readEmulatorToken(bearer) : null;
    const userKey = claims?.upn.toLowerCase() ?? null;
    const seq = ++this.requestSeq;

    const finish = (res: EmuResponse, fault: boolean): EmuResponse => {
      const ra = res.headers["retry-after"];
      this.requests.push({
        seq,
        at: this.now(),
        method,
        path,
        user: userKey,
        status: res.status,
        retryAfter: ra === undefined ? null : Number(ra),
        fault,
      });
      return res;
    };

    const fault = this.faults.pick({ method, path, user: userKey });
    if (fault?.latencyMs) await this.sleep(fault.latencyMs);
    if (fault?.status !== undefined && !fault.afterHandler) return finish(this.faultResponse(fault, url, path), true);

    let res: EmuResponse;
    try {
      res = path.startsWith("/_sp/")
        ? this.routeSpRest(method, path + url.search, req, claims)
        : await this.route(method, path, url, req, bearer, claims);
    } catch (e) {
      if (e instanceof GraphError) res = this.error(e.status, e.code, e.message, e.extraHeaders);
      else res = this.error(500, "generalException", e instanceof Error ? e.message : String(e));
    }
    if (fault?.status !== undefined && fault.afterHandler) return finish(this.faultResponse(fault, url, path), true);
    return finish(res, false);
  }

  private faultResponse(fault: FaultDecision, url: URL, path: string): EmuResponse {
    const status = fault.status ?? 500;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    if (status === 410 && path.endsWith("/items/delta")) {
      // A fresh enumeration of the same list (no token), keeping $expand.
      headers["location"] = `${url.origin}${path}${url.search.includes("expand=fields") ? "?$expand=fields" : ""}`;
    }
    const code = fault.code ?? DEFAULT_ERROR_CODES[status] ?? "generalException";
    const message =
      fault.message ??
      (status === 429
        ? "Too many requests. Please retry after the time given in Retry-After."
        : `Injected fault ${status}.`);
    return this.error(status, code, message, headers);
  }

  private error(status: number, code: string, message: string, headers: Record<string, string> = {}): EmuResponse {
    return json(
      status,
      {
        error: {
          code,
          message,
          innerError: {
            date: new Date(this.now()).toISOString(),
            "request-id": `req-${this.requestSeq}`,
            "client-request-id": `req-${this.requestSeq}`,
          },
        },
      },
      headers,
    );
  }

  private needScope(claims: ReturnType<typeof readEmulatorToken>, anyOf: readonly string[]): void {
    if (!this.enforceScopes || !claims?.scopes) return;
    const granted = new Set(claims.scopes.map(shortScope));
    if (!anyOf.some((s) => granted.has(s))) {
      throw new GraphError(
        403,
        "accessDenied",
        `Missing scope permissions on the request. API requires one of '${anyOf.join(", ")}'.`,
      );
    }
  }

  /** Sites.Selected only reaches a site the app has been granted (delegated: the intersection with the user). */
  private needSiteRole(claims: ReturnType<typeof readEmulatorToken>, site: EmuSite, role: SiteRole): void {
    if (!this.enforceScopes || !claims?.scopes) return;
    const granted = new Set(claims.scopes.map(shortScope));
    const broad = role === "read" ? SITES_READ : role === "write" ? SITES_WRITE : SITES_MANAGE;
    if (broad.some((s) => s !== "Sites.Selected" && granted.has(s))) return;
    if (granted.has("Sites.Selected") && site.grant && ROLE_RANK[site.grant] >= ROLE_RANK[role]) return;
    throw new GraphError(403, "accessDenied", "Access denied. The app has not been granted access to this site.");
  }

  private async route(
    method: string,
    rawPath: string,
    url: URL,
    req: EmuRequest,
    bearer: string | null,
    claims: ReturnType<typeof readEmulatorToken>,
  ): Promise<EmuResponse> {
    const path = rawPath.replace(/^\/(v1\.0|beta)(?=\/|$)/, "");
    if (this.requireAuth && !bearer) {
      throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    }
    let user: EmuUser | null = null;
    if (bearer) {
      if (!claims) throw new GraphError(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed.");
      // App-only: the service principal (it is the createdBy of what it writes; /users/{id} picks a mailbox).
      user = claims.app
        ? { id: `app-${claims.upn}`, userPrincipalName: claims.upn.toLowerCase(), mail: "", displayName: claims.upn }
        : (this.users.get(claims.upn.toLowerCase()) ?? null);
      if (!user && !claims.app)
        throw new GraphError(401, "InvalidAuthenticationToken", "The user in the token does not exist in this tenant.");
    } else {
      user = this.users.values().next().value ?? null;
    }
    const body = (): Record<string, unknown> => {
      if (!req.body) return {};
      try {
        const parsed = JSON.parse(req.body) as unknown;
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
        return parsed as Record<string, unknown>;
      } catch {
        throw new GraphError(
          400,
          "BadRequest",
          "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        );
      }
    };
    let seg = path
      .split("/")
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
    // Path-based site addressing: /sites/{hostname}:/{server-relative-path}[:/rest]
    const sitePath = /^\/sites\/([^/:]+):\/([^:]*?)(?::(\/.*)?)?$/.exec(decodeURIComponent(path));
    if (sitePath) {
      const rest = (sitePath[3] ?? "").split("/").filter((s) => s.length > 0);
      seg = ["sites", `${sitePath[1]}:/${sitePath[2]}`, ...rest];
    }
    // ---- App-only: /users/{id | upn}/... is that mailbox (a delegated token reaches only its own).
    if (seg[0] === "users" && seg.length >= 3) {
      const key = (seg[1] ?? "").toLowerCase();
      const target = [...this.users.values()].find((u) => u.id.toLowerCase() === key || u.userPrincipalName === key);
      if (!target) throw new GraphError(404, "ErrorInvalidUser", "The requested user is invalid.");
      // The access policy scopes mailboxes (Exchange), not the Teams activity feed.
      if (seg[2] === "teamwork" && seg[3] === "sendActivityNotification" && method === "POST")
        return this.routeActivity(target, body, claims);
      if (claims?.app) {
        if (this.appMailboxScope && !this.appMailboxScope.has(target.userPrincipalName))
          throw new GraphError(
            403,
            "ErrorAccessDenied",
            "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.",
          );
      } else if (user && user.id !== target.id) {
        throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      }
      user = target;
      seg = ["me", ...seg.slice(2)];
    }
    if (seg[0] === "subscriptions") return this.routeSubscriptions(method, seg, body, claims);
    const me = (): EmuUser => {
      if (!user) throw new GraphError(401, "InvalidAuthenticationToken", "No signed-in user.");
      return user;
    };

    // ---- /users?$filter=userPrincipalName eq '…' or mail eq '…' (directory lookup, delegated)
    if (seg[0] === "users" && seg.length === 1 && method === "GET") {
      this.needScope(claims, ["User.ReadBasic.All", "User.Read.All", "Directory.Read.All"]);
      const filter = url.searchParams.get("$filter") ?? "";
      const m = /^userPrincipalName eq '((?:[^']|'')*)' or mail eq '((?:[^']|'')*)'$/.exec(filter);
      if (!m) throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause.");
      const wanted = [m[1]!, m[2]!].map((v) => v.replace(/''/g, "'").toLowerCase());
      const found = [...this.users.values()].filter(
        (u) => wanted.includes(u.userPrincipalName.toLowerCase()) || wanted.includes(u.mail.toLowerCase()),
      );
      return json(200, {
        "@odata.context": "$metadata#users(id)",
        value: found.map((u) => ({ id: u.id })),
      });
    }

    // ---- /me, /me/manager
    if (seg[0] === "me" && seg.length === 1 && method === "GET") {
      this.needScope(claims, ["User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All"]);
      return json(200, { "@odata.context": "$metadata#users/$entity", ...this.userJson(me()) });
    }
    if (seg[0] === "me" && seg[1] === "manager" && seg.length === 2 && method === "GET") {
      this.needScope(claims, ["User.Read.All", "Directory.Read.All", "Directory.ReadWrite.All", "User.ReadWrite.All"]);
      const managerUpn = me().managerUpn;
      const manager = managerUpn ? this.users.get(managerUpn) : undefined;
      if (!manager)
        throw new GraphError(
          404,
          "Request_ResourceNotFound",
          "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
        );
      return json(200, {
        "@odata.context": "$metadata#directoryObjects/$entity",
        "@odata.type": "#microsoft.graph.user",
        ...this.userJson(manager),
      });
    }

    // ---- SharePoint
    if (seg[0] === "sites" && seg.length >= 2) return this.routeSites(method, seg, url, req, body, claims, me);

    // ---- Mail folders, rules
    if (seg[0] === "me" && seg[1] === "mailFolders") return this.routeMailFolders(method, seg, url, body, claims, me());
    if (seg[0] === "me" && seg[1] === "outlook" && seg[2] === "masterCategories")
      return this.routeCategories(method, seg, body, claims, me());
    if (seg[0] === "me" && seg[1] === "messages" && seg.length === 3)
      return this.routeMessage(method, seg[2] ?? "", body, claims, me());

    // ---- Teams chats
    if (seg[0] === "chats") return this.routeChats(method, seg, url, body, claims, me());

    throw new GraphError(400, "BadRequest", `Resource not found for the segment '${seg[seg.length - 1] ?? ""}'.`);
  }

  private userJson(u: EmuUser): Record<string, unknown> {
    return { id: u.id, displayName: u.displayName, mail: u.mail, userPrincipalName: u.userPrincipalName };
  }

  // ---------------------------------------------------------------- SharePoint

  private findSite(key: string): EmuSite {
    const byId = this.sites.get(key);
    if (byId) return byId;
    // {hostname}:/{server-relative-path}[:]
    const m = /^([^:]+):\/?(.*?):?$/.exec(key);
    if (m) {
      const host = (m[1] ?? "").toLowerCase();
      const p = (m[2] ?? "").replace(/^\/+|\/+$/g, "");
      for (const s of this.sites.values())
        if (s.hostname === host && s.path.toLowerCase() === p.toLowerCase()) return s;
    }
    throw new GraphError(404, "itemNotFound", "Requested site could not be found");
  }

  private siteJson(s: EmuSite): Record<string, unknown> {
    return {
      id: s.id,
      name: s.displayName,
      displayName: s.displayName,
      webUrl: `https://${s.hostname}/${s.path}`,
      siteCollection: { hostname: s.hostname },
    };
  }

  private listJson(site: EmuSite, l: EmuList, withColumns: boolean): Record<string, unknown> {
    return {
      "@odata.etag": `"${l.id},1"`,
      id: l.id,
      name: l.displayName.replace(/\s+/g, ""),
      displayName: l.displayName,
      createdDateTime: l.createdDateTime,
      webUrl: `https://${site.hostname}/${site.path}/Lists/${encodeURIComponent(l.displayName.replace(/\s+/g, ""))}`,
      list: { template: l.template, hidden: false, contentTypesEnabled: false },
      ...(withColumns ? { columns: l.columns.map((c) => this.columnJson(c)) } : {}),
    };
  }

  private columnJson(c: EmuColumn): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: c.id,
      name: c.name,
      displayName: c.displayName,
      columnGroup: "Custom Columns",
      description: "",
      enforceUniqueValues: c.enforceUniqueValues,
      hidden: c.hidden,
      indexed: c.indexed,
      readOnly: c.readOnly,
      required: c.required,
    };
    for (const k of ["text", "dateTime", "number", "boolean", "choice"] as const) if (c[k]) out[k] = c[k];
    return out;
  }

  private itemETag(list: EmuList, item: EmuItem): string {
    return `"${list.id.slice(-8)}-${item.id},${item.version}"`;
  }

  private itemJson(list: EmuList, item: EmuItem, expandFields: boolean, site: EmuSite): Record<string, unknown> {
    const etag = this.itemETag(list, item);
    return {
      "@odata.etag": etag,
      eTag: etag,
      id: item.id,
      createdDateTime: item.createdDateTime,
      lastModifiedDateTime: item.lastModifiedDateTime,
      webUrl: `https://${site.hostname}/${site.path}/Lists/${list.displayName.replace(/\s+/g, "")}/${item.id}_.000`,
      createdBy: identitySet({
        name: item.createdBy,
        ...(item.createdById ? { userId: item.createdById } : {}),
        ...(item.createdByEmail ? { email: item.createdByEmail } : {}),
        ...(item.createdByAppId ? { appId: item.createdByAppId } : {}),
      }),
      ...(item.modifiedBy ? { lastModifiedBy: identitySet(item.modifiedBy) } : {}),
      parentReference: { id: list.id, siteId: site.id },
      contentType: { id: "0x0100", name: "Item" },
      ...(expandFields ? { fields: this.fieldsJson(list, item) } : {}),
    };
  }

  private fieldsJson(list: EmuList, item: EmuItem): Record<string, unknown> {
    return {
      "@odata.etag": this.itemETag(list, item),
      id: item.id,
      ...item.fields,
      Modified: item.lastModifiedDateTime,
      Created: item.createdDateTime,
    };
  }

  private newColumn(def: Record<string, unknown>): EmuColumn {
    const name = def["name"];
    if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new GraphError(400, "invalidRequest", "Invalid request: column name is required and must be alphanumeric.");
    const indexed = def["indexed"] === true;
    const unique = def["enforceUniqueValues"] === true;
    if (unique && !indexed)
      throw new GraphError(400, "invalidRequest", "The column must be indexed to enforce unique values.");
    const col: EmuColumn = {
      id: guid(++this.counter, 0xc01),
      name,
      displayName: typeof def["displayName"] === "string" ? (def["displayName"] as string) : name,
      indexed,
      enforceUniqueValues: unique,
      required: def["required"] === true,
      hidden: def["hidden"] === true,
      readOnly: false,
    };
    const kinds = ["text", "dateTime", "number", "boolean", "choice"] as const;
    const kind = kinds.find((k) => def[k] !== undefined);
    if (!kind)
      throw new GraphError(
        400,
        "invalidRequest",
        `Column '${name}' needs a type facet (text, dateTime, number, boolean or choice).`,
      );
    if (kind === "text") {
      const t = (def["text"] ?? {}) as Record<string, unknown>;
      col.text = {
        allowMultipleLines: t["allowMultipleLines"] === true,
        ...(typeof t["maxLength"] === "number" ? { maxLength: t["maxLength"] as number } : {}),
        textType: typeof t["textType"] === "string" ? (t["textType"] as string) : "plain",
        ...(typeof t["linesForEditing"] === "number" ? { linesForEditing: t["linesForEditing"] as number } : {}),
      };
      if (col.text.allowMultipleLines && indexed)
        throw new GraphError(400, "invalidRequest", "A column of multiple lines of text cannot be indexed.");
    } else {
      (col as unknown as Record<string, unknown>)[kind] = def[kind] as Record<string, unknown>;
    }
    return col;
  }

  private builtInColumns(): EmuColumn[] {
    const sys = (name: string, displayName: string, extra: Partial<EmuColumn> = {}): EmuColumn => ({
      id: guid(++this.counter, 0x5a5),
      name,
      displayName,
      indexed: false,
      enforceUniqueValues: false,
      required: false,
      hidden: false,
      readOnly: true,
      ...extra,
    });
    return [
      sys("Title", "Title", { readOnly: false, text: { allowMultipleLines: false, maxLength: 255 } }),
      sys("ID", "ID", { number: {} }),
      sys("Created", "Created", { dateTime: {} }),
      sys("Modified", "Modified", { dateTime: {} }),
      sys("Author", "Created By", {}),
      sys("Editor", "Modified By", {}),
    ];
  }

  private findList(site: EmuSite, key: string): EmuList {
    const byId = site.lists.get(key);
    if (byId) return byId;
    for (const l of site.lists.values()) if (l.displayName.toLowerCase() === key.toLowerCase()) return l;
    throw new GraphError(404, "itemNotFound", "The list was not found.");
  }

  private change(list: EmuList, item: EmuItem): void {
    list.seq += 1;
    item.seq = list.seq;
  }

  private checkFields(list: EmuList, fields: Record<string, unknown>, exceptItemId: string | null): void {
    for (const [name, value] of Object.entries(fields)) {
      if (name.startsWith("@odata")) continue;
      const col = list.columns.find((c) => c.name === name);
      if (!col) throw new GraphError(400, "invalidRequest", `Field '${name}' is not recognized`);
      if (col.readOnly) throw new GraphError(400, "invalidRequest", `Field '${name}' is read-only`);
      if (col.text && value !== null) {
        if (typeof value !== "string")
          throw new GraphError(400, "invalidRequest", `Invalid value for field '${name}': a string is required.`);
        const max = col.text.allowMultipleLines ? 63999 * 4 : (col.text.maxLength ?? 255);
        if (value.length > max)
          throw new GraphError(
            400,
            "invalidRequest",
            `The value of field '${name}' is too long (at most ${max} characters for this column).`,
          );
      }
    }
    const duplicates: string[] = [];
    for (const col of list.columns) {
      if (!col.enforceUniqueValues) continue;
      const value = fields[col.name];
      if (typeof value !== "string" || value === "") continue;
      for (const other of list.items.values()) {
        if (other.id === exceptItemId) continue;
        const v = other.fields[col.name];
        if (typeof v === "string" && v.toLowerCase() === value.toLowerCase()) duplicates.push(col.name);
      }
    }
    if (duplicates.length > 0) {
      throw new GraphError(
        409,
        "nameAlreadyExists",
        `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${[...new Set(duplicates)].join(", ")}].`,
      );
    }
  }

  private routeSites(
    method: string,
    seg: string[],
    url: URL,
    req: EmuRequest,
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
    me: () => EmuUser,
  ): EmuResponse {
    const site = this.findSite(seg[1] ?? "");
    const base = `${url.origin}${url.pathname.startsWith("/v1.0") ? "/v1.0" : ""}`;
    // SharePoint's identitySet for a write: an app-only token writes as the application (its client
    // id; the user part is SharePoint's "SharePoint App"), a delegated one as the user.
    const writerOf = (): EmuWriter =>
      claims?.app
        ? { name: "SharePoint App", appId: claims.upn }
        : { name: me().displayName, userId: me().id, email: me().mail };
    if (seg.length === 2 && method === "GET") {
      this.needScope(claims, SITES_READ);
      this.needSiteRole(claims, site, "read");
      return json(200, this.siteJson(site));
    }
    if (seg[2] !== "lists") throw new GraphError(400, "BadRequest", "Unsupported site segment.");

    if (seg.length === 3) {
      if (method === "GET") {
        this.needScope(claims, SITES_READ);
        this.needSiteRole(claims, site, "read");
        let lists = [...site.lists.values()];
        const filter = url.searchParams.get("$filter");
        if (filter) {
          const f = parseEqFilter(filter);
          if (!f || f.onFields || f.field !== "displayName")
            throw new GraphError(400, "invalidRequest", "Only displayName eq '…' is supported on lists.");
          lists = lists.filter((l) => l.displayName.toLowerCase() === f.value.toLowerCase());
        }
        const expandColumns = (url.searchParams.get("$expand") ?? "").includes("columns");
        return json(200, { value: lists.map((l) => this.listJson(site, l, expandColumns)) });
      }
      if (method === "POST") {
        this.needScope(claims, SITES_MANAGE);
        this.needSiteRole(claims, site, "manage");
        const b = body();
        const displayName = b["displayName"];
        if (typeof displayName !== "string" || displayName.trim() === "")
          throw new GraphError(400, "invalidRequest", "displayName is required.");
        for (const l of site.lists.values()) {
          if (l.displayName.toLowerCase() === displayName.toLowerCase())
            throw new GraphError(
              409,
              "nameAlreadyExists",
              "A list, survey, discussion board, or document library with the specified title already exists in this Web site.",
            );
        }
        const template = ((b["list"] ?? {}) as Record<string, unknown>)["template"] ?? "genericList";
        const columns = this.builtInColumns();
        for (const def of (b["columns"] ?? []) as Record<string, unknown>[]) {
          const col = this.newColumn(def);
          if (columns.some((c) => c.name === col.name))
            throw new GraphError(400, "invalidRequest", `A column named '${col.name}' already exists.`);
          columns.push(col);
        }
        const list: EmuList = {
          id: guid(++this.counter, 0x1157),
          displayName,
          template: String(template),
          createdDateTime: new Date(this.now()).toISOString(),
          columns,
          items: new Map(),
          nextItemId: 1,
          seq: 0,
          tombstones: new Map(),
          tokenEpoch: 1,
        };
        site.lists.set(list.id, list);
        return json(201, this.listJson(site, list, true));
      }
    }

    const list = this.findList(site, seg[3] ?? "");
    if (seg.length === 4 && method === "GET") {
      this.needScope(claims, SITES_READ);
      this.needSiteRole(claims, site, "read");
      return json(200, this.listJson(site, list, (url.searchParams.get("$expand") ?? "").includes("columns")));
    }

    if (seg[4] === "columns") {
      if (seg.length === 5 && method === "GET") {
        this.needScope(claims, SITES_READ);
        this.needSiteRole(claims, site, "read");
        return json(200, { value: list.columns.map((c) => this.columnJson(c)) });
      }
      if (seg.length === 5 && method === "POST") {
        this.needScope(claims, SITES_MANAGE);
        this.needSiteRole(claims, site, "manage");
        const col = this.newColumn(body());
        if (list.columns.some((c) => c.name === col.name))
          throw new GraphError(409, "nameAlreadyExists", `A column named '${col.name}' already exists.`);
        if (col.enforceUniqueValues) this.assertNoDuplicates(list, col.name);
        list.columns.push(col);
        return json(201, this.columnJson(col));
      }
      if (seg.length === 6 && method === "PATCH") {
        this.needScope(claims, SITES_MANAGE);
        this.needSiteRole(claims, site, "manage");
        const col = list.columns.find((c) => c.id === seg[5] || c.name === seg[5]);
        if (!col) throw new GraphError(404, "itemNotFound", "Column not found.");
        const b = body();
        const indexed = typeof b["indexed"] === "boolean" ? (b["indexed"] as boolean) : col.indexed;
        const unique =
          typeof b["enforceUniqueValues"] === "boolean"
            ? (b["enforceUniqueValues"] as boolean)
            : col.enforceUniqueValues;
        if (unique && !indexed)
          throw new GraphError(400, "invalidRequest", "The column must be indexed to enforce unique values.");
        if (indexed && col.text?.allowMultipleLines)
          throw new GraphError(400, "invalidRequest", "A column of multiple lines of text cannot be indexed.");
        if (unique && !col.enforceUniqueValues) this.assertNoDuplicates(list, col.name);
        col.indexed = indexed;
        col.enforceUniqueValues = unique;
        if (typeof b["required"] === "boolean") col.required = b["required"] as boolean;
        return json(200, this.columnJson(col));
      }
    }

    if (seg[4] !== "items") throw new GraphError(400, "BadRequest", "Unsupported list segment.");

    // /items/delta
    if (seg.length === 6 && seg[5] === "delta" && method === "GET") {
      this.needScope(claims, SITES_READ);
      this.needSiteRole(claims, site, "read");
      return this.delta(site, list, url, base);
    }

    if (seg.length === 5 && method === "GET") {
      this.needScope(claims, SITES_READ);
      this.needSiteRole(claims, site, "read");
      const expandFields = (url.searchParams.get("$expand") ?? "").startsWith("fields");
      let items = [...list.items.values()].sort((a, b) => Number(a.id) - Number(b.id));
      const filter = url.searchParams.get("$filter");
      if (filter) {
        const f = parseEqFilter(filter);
        if (!f || !f.onFields)
          throw new GraphError(400, "invalidRequest", "Only fields/<name> eq '…' filters are supported.");
        const col = list.columns.find((c) => c.name === f.field);
        if (!col) throw new GraphError(400, "invalidRequest", `Field '${f.field}' is not recognized`);
        const prefer = req.headers["prefer"] ?? "";
        if (!col.indexed && !/HonorNonIndexedQueriesWarningMayFailRandomly/i.test(prefer)) {
          throw new GraphError(
            400,
            "invalidRequest",
            `Field '${f.field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
          );
        }
        items = items.filter(
          (i) =>
            typeof i.fields[f.field] === "string" &&
            (i.fields[f.field] as string).toLowerCase() === f.value.toLowerCase(),
        );
      }
      const top = Math.max(1, Math.min(5000, Number(url.searchParams.get("$top") ?? this.pageSize) || this.pageSize));
      const skip = Number(url.searchParams.get("$skiptoken") ?? "0") || 0;
      const page = items.slice(skip, skip + top);
      const out: Record<string, unknown> = { value: page.map((i) => this.itemJson(list, i, expandFields, site)) };
      if (skip + top < items.length) {
        const next = new URL(url.toString());
        next.searchParams.set("$skiptoken", String(skip + top));
        out["@odata.nextLink"] = next.toString();
      }
      return json(200, out);
    }

    if (seg.length === 5 && method === "POST") {
      this.needScope(claims, SITES_WRITE);
      this.needSiteRole(claims, site, "write");
      const b = body();
      const fields = b["fields"];
      if (typeof fields !== "object" || fields === null || Array.isArray(fields))
        throw new GraphError(400, "invalidRequest", "fields is required.");
      const f = { ...(fields as Record<string, unknown>) };
      this.checkFields(list, f, null);
      for (const col of list.columns) {
        if (col.required && (f[col.name] === undefined || f[col.name] === ""))
          throw new GraphError(400, "invalidRequest", `Field '${col.name}' is required.`);
      }
      this.listPermission(site, list, claims, "add");
      const nowIso = new Date(this.now()).toISOString();
      const item: EmuItem = {
        id: String(list.nextItemId++),
        fields: f,
        createdDateTime: nowIso,
        lastModifiedDateTime: nowIso,
        ...this.creatorFields(writerOf()),
        version: 1,
        seq: 0,
      };
      list.items.set(item.id, item);
      this.change(list, item);
      return json(201, this.itemJson(list, item, true, site));
    }

    const item = list.items.get(seg[5] ?? "");
    if (!item) throw new GraphError(404, "itemNotFound", "The specified list item was not found.");
    if (seg.length === 6 && method === "GET") {
      this.needScope(claims, SITES_READ);
      this.needSiteRole(claims, site, "read");
      return json(200, this.itemJson(list, item, (url.searchParams.get("$expand") ?? "").startsWith("fields"), site));
    }
    if (seg.length === 6 && method === "DELETE") {
      this.needScope(claims, SITES_WRITE);
      this.needSiteRole(claims, site, "write");
      this.listPermission(site, list, claims, "delete");
      this.ifMatch(req, list, item);
      list.items.delete(item.id);
      list.seq += 1;
      list.tombstones.set(item.id, list.seq);
      return noContent();
    }
    if (seg.length === 7 && seg[6] === "fields") {
      if (method === "GET") {
        this.needScope(claims, SITES_READ);
        this.needSiteRole(claims, site, "read");
        return json(200, this.fieldsJson(list, item));
      }
      if (method === "PATCH") {
        this.needScope(claims, SITES_WRITE);
        this.needSiteRole(claims, site, "write");
        this.listPermission(site, list, claims, "edit");
        this.ifMatch(req, list, item);
        const patch = body();
        this.checkFields(list, patch, item.id);
        for (const [k, v] of Object.entries(patch)) if (!k.startsWith("@odata")) item.fields[k] = v;
        item.version += 1;
        item.lastModifiedDateTime = new Date(
          Math.max(this.now(), Date.parse(item.lastModifiedDateTime) + 1),
        ).toISOString();
        item.modifiedBy = writerOf();
        this.change(list, item);
        return json(200, this.fieldsJson(list, item));
      }
    }
    throw new GraphError(405, "methodNotAllowed", `${method} is not supported here.`);
  }

  /** A list with its own permissions: the delegated user's groups must hold the right (sharepoint-rest.ts). */
  private listPermission(
    site: EmuSite,
    list: EmuList,
    claims: ReturnType<typeof readEmulatorToken>,
    action: "add" | "edit" | "delete",
  ): void {
    if (!claims || claims.app) return; // app-only: the app's own site grant (Sites.Selected)
    const problem = itemPermissionProblem(site.sp, list.id, claims.upn, action);
    if (problem) throw new GraphError(403, "accessDenied", problem);
  }

  private ifMatch(req: EmuRequest, list: EmuList, item: EmuItem): void {
    const want = req.headers["if-match"];
    if (want === undefined || want === "*") return;
    if (want !== this.itemETag(list, item)) {
      throw new GraphError(
        412,
        "preconditionFailed",
        "The provided If-Match header does not match the current ETag of the item.",
      );
    }
  }

  private assertNoDuplicates(list: EmuList, name: string): void {
    const seen = new Set<string>();
    for (const i of list.items.values()) {
      const v = i.fields[name];
      if (typeof v !== "string") continue;
      const k = v.toLowerCase();
      if (seen.has(k))
        throw new GraphError(
          400,
          "invalidRequest",
          `Cannot enforce unique values on '${name}': the list already holds duplicate values.`,
        );
      seen.add(k);
    }
  }

  private delta(site: EmuSite, list: EmuList, url: URL, base: string): EmuResponse {
    const token = url.searchParams.get("token");
    const expandFields = (url.searchParams.get("$expand") ?? "").startsWith("fields");
    const top = Math.max(1, Number(url.searchParams.get("$top") ?? this.pageSize) || this.pageSize);
    const link = (t: string): string => {
      const u = new URL(`${base}/sites/${encodeURIComponent(site.id)}/lists/${list.id}/items/delta`);
      u.searchParams.set("token", t);
      if (expandFields) u.searchParams.set("$expand", "fields");
      if (url.searchParams.has("$top")) u.searchParams.set("$top", String(top));
      return u.toString();
    };
    const fresh = (): string =>
      `${base}/sites/${encodeURIComponent(site.id)}/lists/${list.id}/items/delta${expandFields ? "?$expand=fields" : ""}`;

    const epoch = list.tokenEpoch;
    if (token === "latest") return json(200, { value: [], "@odata.deltaLink": link(`d${epoch}.${list.seq}`) });

    // Initial enumeration (no token) or one of its pages (p<epoch>.<offset>.<snapshot seq>).
    if (token === null || token.startsWith("p")) {
      let offset = 0;
      let snapshot = list.seq;
      if (token !== null) {
        const m = /^p(\d+)\.(\d+)\.(\d+)$/.exec(token);
        if (!m) throw new GraphError(400, "invalidRequest", "Invalid delta token.");
        if (Number(m[1]) !== epoch) return this.gone(fresh());
        offset = Number(m[2]);
        snapshot = Number(m[3]);
      }
      const live = [...list.items.values()].sort((a, b) => Number(a.id) - Number(b.id));
      const page = live.slice(offset, offset + top);
      const out: Record<string, unknown> = { value: page.map((i) => this.itemJson(list, i, expandFields, site)) };
      if (offset + top < live.length) out["@odata.nextLink"] = link(`p${epoch}.${offset + top}.${snapshot}`);
      else out["@odata.deltaLink"] = link(`d${epoch}.${snapshot}`);
      return json(200, out);
    }

    // Changes since a delta token (d<epoch>.<seq>) or a page of them (c<epoch>.<seq>.<offset>.<upto>).
    let since: number;
    let offset = 0;
    let upto = list.seq;
    let tokenEpoch: number;
    const d = /^d(\d+)\.(\d+)$/.exec(token);
    const c = /^c(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(token);
    if (d) {
      tokenEpoch = Number(d[1]);
      since = Number(d[2]);
    } else if (c) {
      tokenEpoch = Number(c[1]);
      since = Number(c[2]);
      offset = Number(c[3]);
      upto = Number(c[4]);
    } else throw new GraphError(400, "invalidRequest", "Invalid delta token.");
    if (tokenEpoch !== epoch) return this.gone(fresh());
    const changed: ({ kind: "item"; item: EmuItem } | { kind: "deleted"; id: string; seq: number })[] = [];
    for (const item of list.items.values())
      if (item.seq > since && item.seq <= upto) changed.push({ kind: "item", item });
    for (const [id, seq] of list.tombstones) if (seq > since && seq <= upto) changed.push({ kind: "deleted", id, seq });
    changed.sort((a, b) => (a.kind === "item" ? a.item.seq : a.seq) - (b.kind === "item" ? b.item.seq : b.seq));
    const page = changed.slice(offset, offset + top);
    const out: Record<string, unknown> = {
      value: page.map((ch) =>
        ch.kind === "item"
          ? this.itemJson(list, ch.item, expandFields, site)
          : { id: ch.id, parentReference: { siteId: site.id }, deleted: { state: "deleted" } },
      ),
    };
    if (offset + top < changed.length) out["@odata.nextLink"] = link(`c${epoch}.${since}.${offset + top}.${upto}`);
    else out["@odata.deltaLink"] = link(`d${epoch}.${upto}`);
    return json(200, out);
  }

  private gone(location: string): EmuResponse {
    return this.error(
      410,
      "resyncRequired",
      "The delta token is no longer valid; restart enumeration from the Location header (resyncChangesApplyDifferences).",
      { location },
    );
  }

  // ---------------------------------------------------------------- mail

  mailbox(upn: string): EmuMailbox {
    let m = this.mailboxes.get(upn);
    if (!m) {
      m = { folders: new Map(), rules: new Map(), categories: new Map(), messages: new Map() };
      for (const wk of WELL_KNOWN_FOLDERS) {
        const id = `AQMk${wk}${(++this.counter).toString(16)}AAA=`;
        m.folders.set(id, {
          id,
          displayName: FOLDER_NAMES[wk] ?? wk,
          parentFolderId: "msgfolderroot",
          isHidden: false,
          wellKnownName: wk,
        });
      }
      this.mailboxes.set(upn, m);
    }
    return m;
  }

  private folderId(m: EmuMailbox, key: string): string {
    if (m.folders.has(key)) return key;
    for (const f of m.folders.values()) if (f.wellKnownName === key.toLowerCase()) return f.id;
    throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  }

  private folderJson(m: EmuMailbox, f: EmuFolder): Record<string, unknown> {
    const children = [...m.folders.values()].filter((x) => x.parentFolderId === f.id).length;
    const messages = [...m.messages.values()].filter((x) => x.parentFolderId === f.id).length;
    return {
      id: f.id,
      displayName: f.displayName,
      parentFolderId: f.parentFolderId,
      childFolderCount: children,
      unreadItemCount: 0,
      totalItemCount: messages,
      isHidden: f.isHidden,
    };
  }

  private routeMailFolders(
    method: string,
    seg: string[],
    url: URL,
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
    me: EmuUser,
  ): EmuResponse {
    const m = this.mailbox(me.userPrincipalName);
    const filterFolders = (list: EmuFolder[]): EmuFolder[] => {
      const filter = url.searchParams.get("$filter");
      if (!filter) return list;
      const f = parseEqFilter(filter);
      if (!f || f.field !== "displayName")
        throw new GraphError(400, "ErrorInvalidUrlQueryFilter", "The query filter is not supported.");
      return list.filter((x) => x.displayName.toLowerCase() === f.value.toLowerCase());
    };
    const createFolder = (parentId: string): EmuResponse => {
      this.needScope(claims, ["Mail.ReadWrite"]);
      const b = body();
      const name = b["displayName"];
      if (typeof name !== "string" || name.trim() === "")
        throw new GraphError(400, "ErrorInvalidRequest", "displayName is required.");
      for (const f of m.folders.values()) {
        if (f.parentFolderId === parentId && f.displayName.toLowerCase() === name.toLowerCase())
          throw new GraphError(409, "ErrorFolderExists", "A folder with the specified name already exists.");
      }
      const id = `AAMkFolder${(++this.counter).toString(16)}=`;
      const folder: EmuFolder = { id, displayName: name, parentFolderId: parentId, isHidden: b["isHidden"] === true };
      m.folders.set(id, folder);
      return json(201, this.folderJson(m, folder));
    };
    const MAIL_READ = ["Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite"];

    if (seg.length === 2) {
      if (method === "GET") {
        this.needScope(claims, MAIL_READ);
        return json(200, {
          value: filterFolders(
            [...m.folders.values()].filter((f) => f.parentFolderId === "msgfolderroot" && !f.isHidden),
          ).map((f) => this.folderJson(m, f)),
        });
      }
      if (method === "POST") return createFolder("msgfolderroot");
    }
    const folderKey = seg[2] ?? "";
    const folderId = this.folderId(m, folderKey);
    const folder = m.folders.get(folderId);
    if (!folder) throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    if (seg.length === 3 && method === "GET") {
      this.needScope(claims, MAIL_READ);
      return json(200, this.folderJson(m, folder));
    }
    if (seg[3] === "childFolders" && seg.length === 4) {
      if (method === "GET") {
        this.needScope(claims, MAIL_READ);
        return json(200, {
          value: filterFolders([...m.folders.values()].filter((f) => f.parentFolderId === folderId)).map((f) =>
            this.folderJson(m, f),
          ),
        });
      }
      if (method === "POST") return createFolder(folderId);
    }
    if (seg[3] === "messages" && seg[4] === "delta" && seg.length === 5 && method === "GET") {
      this.needScope(claims, MAIL_READ);
      return this.messageDelta(m, me, folderId, url);
    }
    if (seg[3] === "messageRules") {
      if (folder.wellKnownName !== "inbox")
        throw new GraphError(400, "ErrorInvalidRequest", "Message rules exist only on the Inbox.");
      return this.routeRules(method, seg, body, claims, m);
    }
    throw new GraphError(400, "BadRequest", "Unsupported mail folder segment.");
  }

  private validateRule(m: EmuMailbox, rule: Partial<EmuRule>, creating: boolean): void {
    if (creating) {
      if (typeof rule.displayName !== "string" || rule.displayName.trim() === "")
        throw new GraphError(400, "ErrorInvalidRequest", "displayName is required.");
      if (typeof rule.sequence !== "number" || !Number.isInteger(rule.sequence))
        throw new GraphError(400, "ErrorInvalidRequest", "sequence is required and must be an integer.");
      if (typeof rule.actions !== "object" || rule.actions === null)
        throw new GraphError(400, "ErrorInvalidRequest", "actions is required.");
    }
    const actions = (rule.actions ?? {}) as Record<string, unknown>;
    for (const key of ["moveToFolder", "copyToFolder"]) {
      const id = actions[key];
      if (id !== undefined && (typeof id !== "string" || !m.folders.has(id)))
        throw new GraphError(400, "ErrorInvalidIdMalformed", `${key}: the folder id is not valid.`);
    }
    for (const key of ["forwardTo", "redirectTo", "forwardAsAttachmentTo"]) {
      const rs = actions[key];
      if (rs === undefined) continue;
      if (
        !Array.isArray(rs) ||
        rs.some((r) => typeof (r as { emailAddress?: { address?: unknown } })?.emailAddress?.address !== "string")
      ) {
        throw new GraphError(400, "ErrorInvalidRequest", `${key} must be a collection of recipients.`);
      }
    }
  }

  private routeRules(
    method: string,
    seg: string[],
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
    m: EmuMailbox,
  ): EmuResponse {
    const READ = ["MailboxSettings.Read", "MailboxSettings.ReadWrite"];
    const WRITE = ["MailboxSettings.ReadWrite"];
    const ruleJson = (r: EmuRule): Record<string, unknown> => ({ ...r });
    if (seg.length === 4) {
      if (method === "GET") {
        this.needScope(claims, READ);
        return json(200, { value: [...m.rules.values()].sort((a, b) => a.sequence - b.sequence).map(ruleJson) });
      }
      if (method === "POST") {
        this.needScope(claims, WRITE);
        const b = body() as Partial<EmuRule>;
        this.validateRule(m, b, true);
        const id = `AQAAAJ${(++this.counter).toString(16)}=`;
        const rule: EmuRule = {
          id,
          displayName: b.displayName ?? "",
          sequence: b.sequence ?? 1,
          isEnabled: b.isEnabled ?? true,
          hasError: false,
          isReadOnly: false,
          ...(b.conditions ? { conditions: b.conditions } : {}),
          ...(b.exceptions ? { exceptions: b.exceptions } : {}),
          actions: b.actions ?? {},
        };
        m.rules.set(id, rule);
        return json(201, ruleJson(rule));
      }
    }
    const rule = m.rules.get(seg[4] ?? "");
    if (!rule) throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    if (seg.length === 5 && method === "GET") {
      this.needScope(claims, READ);
      return json(200, ruleJson(rule));
    }
    if (seg.length === 5 && method === "PATCH") {
      this.needScope(claims, WRITE);
      if (rule.isReadOnly) throw new GraphError(403, "ErrorAccessDenied", "The rule is read-only.");
      const b = body() as Partial<EmuRule>;
      this.validateRule(m, b, false);
      // Complex properties are replaced as a whole on PATCH.
      if (b.displayName !== undefined) rule.displayName = b.displayName;
      if (b.sequence !== undefined) rule.sequence = b.sequence;
      if (b.isEnabled !== undefined) rule.isEnabled = b.isEnabled;
      if (b.conditions !== undefined) rule.conditions = b.conditions;
      if (b.exceptions !== undefined) rule.exceptions = b.exceptions;
      if (b.actions !== undefined) rule.actions = b.actions;
      return json(200, ruleJson(rule));
    }
    if (seg.length === 5 && method === "DELETE") {
      this.needScope(claims, WRITE);
      m.rules.delete(rule.id);
      return noContent();
    }
    throw new GraphError(405, "ErrorInvalidRequest", `${method} is not supported here.`);
  }

  private routeCategories(
    method: string,
    seg: string[],
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
    me: EmuUser,
  ): EmuResponse {
    const m = this.mailbox(me.userPrincipalName);
    if (seg.length === 3 && method === "GET") {
      this.needScope(claims, ["MailboxSettings.Read", "MailboxSettings.ReadWrite"]);
      return json(200, { value: [...m.categories.values()] });
    }
    if (seg.length === 3 && method === "POST") {
      this.needScope(claims, ["MailboxSettings.ReadWrite"]);
      const b = body();
      const name = b["displayName"];
      const color = b["color"] ?? "none";
      if (typeof name !== "string" || name.trim() === "")
        throw new GraphError(400, "ErrorInvalidRequest", "displayName is required.");
      if (typeof color !== "string" || !CATEGORY_COLOURS.includes(color))
        throw new GraphError(400, "ErrorInvalidRequest", "color must be none or preset0 to preset24.");
      for (const c of m.categories.values()) {
        if (c.displayName.toLowerCase() === name.toLowerCase())
          throw new GraphError(409, "ErrorDuplicateCategory", "A category with this name already exists.");
      }
      const id = guid(++this.counter, 0xca7);
      const cat = { id, displayName: name, color };
      m.categories.set(id, cat);
      return json(201, cat);
    }
    if (seg.length === 4) {
      const cat = m.categories.get(seg[3] ?? "");
      if (!cat) throw new GraphError(404, "ErrorItemNotFound", "The specified category was not found.");
      if (method === "PATCH") {
        this.needScope(claims, ["MailboxSettings.ReadWrite"]);
        const b = body();
        if (b["displayName"] !== undefined && b["displayName"] !== cat.displayName)
          throw new GraphError(400, "ErrorInvalidRequest", "displayName is read-only once the category is created.");
        if (typeof b["color"] === "string") cat.color = b["color"] as string;
        return json(200, cat);
      }
      if (method === "DELETE") {
        this.needScope(claims, ["MailboxSettings.ReadWrite"]);
        m.categories.delete(cat.id);
        return noContent();
      }
    }
    throw new GraphError(405, "ErrorInvalidRequest", `${method} is not supported here.`);
  }

  private routeMessage(
    method: string,
    id: string,
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
    me: EmuUser,
  ): EmuResponse {
    const m = this.mailbox(me.userPrincipalName);
    const message = m.messages.get(id);
    if (!message) throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    const messageJson = (): Record<string, unknown> => ({
      id: message.id,
      subject: message.subject,
      categories: [...message.categories],
      parentFolderId: message.parentFolderId,
      ...this.mailJson(message),
    });
    if (method === "GET") {
      this.needScope(claims, ["Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite"]);
      return json(200, messageJson());
    }
    if (method === "PATCH") {
      this.needScope(claims, ["Mail.ReadWrite"]);
      const b = body();
      if (b["categories"] !== undefined) {
        const cats = b["categories"];
        if (!Array.isArray(cats) || cats.some((c) => typeof c !== "string"))
          throw new GraphError(400, "ErrorInvalidRequest", "categories must be a collection of strings.");
        message.categories = [...(cats as string[])];
      }
      return json(200, messageJson());
    }
    throw new GraphError(405, "ErrorInvalidRequest", `${method} is not supported here.`);
  }

  private mailJson(message: EmuMessage): Record<string, unknown> {
    if (message.from === undefined) return {};
    const r = (a: string): unknown => ({ emailAddress: { address: a, name: a } });
    return {
      internetMessageId: message.internetMessageId,
      receivedDateTime: message.receivedDateTime,
      from: r(message.from),
      toRecipients: (message.to ?? []).map(r),
      ccRecipients: (message.cc ?? []).map(r),
    };
  }

  /**
   * GET …/mailFolders/{id}/messages/delta: messages that arrived in (or were moved into) the folder
   * since the token; a first round takes `$filter=receivedDateTime ge …`. Pages by `$skiptoken`.
   */
  private messageDelta(m: EmuMailbox, me: EmuUser, folderId: string, url: URL): EmuResponse {
    const base = `${url.origin}/v1.0/users/${me.id}/mailFolders/${encodeURIComponent(folderId)}/messages/delta`;
    const q = url.searchParams;
    let after = 0;
    let upto = this.mailFlow.seq;
    let since = -Infinity;
    const skip = q.get("$skiptoken");
    const token = q.get("$deltatoken");
    if (skip !== null) {
      const [a, u, s] = skip.split(".");
      after = Number(a);
      upto = Number(u);
      since = s === "" || s === undefined ? -Infinity : Number(s);
    } else if (token !== null) {
      after = Number(token);
      if (!Number.isInteger(after) || after < 0)
        throw new GraphError(400, "ErrorInvalidUrlQuery", "The delta token is not valid.");
    } else {
      const f = /^receivedDateTime ge (\S+)$/.exec(q.get("$filter") ?? "");
      if (f) since = Date.parse(f[1] ?? "");
    }
    const all = [...m.messages.values()]
      .filter((x) => x.parentFolderId === folderId && (x.seq ?? 0) > after && (x.seq ?? 0) <= upto)
      .filter((x) => x.receivedDateTime === undefined || Date.parse(x.receivedDateTime) >= since)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const page = all.slice(0, 10);
    const value = page.map((x) => ({
      id: x.id,
      subject: x.subject,
      parentFolderId: x.parentFolderId,
      ...this.mailJson(x),
    }));
    if (all.length > page.length) {
      const last = page[page.length - 1]?.seq ?? after;
      const s = Number.isFinite(since) ? String(since) : "";
      return json(200, { value, "@odata.nextLink": `${base}?$skiptoken=${last}.${upto}.${s}` });
    }
    return json(200, { value, "@odata.deltaLink": `${base}?$deltatoken=${upto}` });
  }

  private routeActivity(
    target: EmuUser,
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
  ): EmuResponse {
    if (!claims?.app) throw new GraphError(403, "Forbidden", "This API is called app-only by the enforcement service.");
    this.needScope(claims, ["TeamsActivity.Send"]);
    const b = body();
    const topic = b["topic"] as { source?: unknown; value?: unknown; webUrl?: unknown } | undefined;
    const type = b["activityType"];
    if (typeof type !== "string" || !this.mailFlow.activityTypes.has(type))
      throw new GraphError(400, "BadRequest", "The activity type is not declared in the app manifest.");
    if (
      !topic ||
      topic.source !== "text" ||
      typeof topic.value !== "string" ||
      typeof topic.webUrl !== "string" ||
      !topic.webUrl.startsWith("https://teams.microsoft.com/l/")
    )
      throw new GraphError(400, "BadRequest", "topic: a text topic needs a value and a Teams deep link as webUrl.");
    const preview = b["previewText"] as { content?: unknown } | undefined;
    const chainId = b["chainId"];
    if (chainId !== undefined && (typeof chainId !== "number" || !Number.isSafeInteger(chainId)))
      throw new GraphError(400, "BadRequest", "chainId must be an Int64.");
    const activity = {
      userId: target.id,
      activityType: type,
      topic: { source: "text" as const, value: topic.value, webUrl: topic.webUrl },
      ...(typeof preview?.content === "string" ? { previewText: { content: preview.content } } : {}),
      ...(typeof chainId === "number" ? { chainId } : {}),
      at: this.now(),
    };
    // Graph: a notification with the chainId of an earlier one overrides it (the feed shows one).
    const earlier =
      typeof chainId === "number"
        ? this.mailFlow.activities.findIndex((a) => a.userId === target.id && a.chainId === chainId)
        : -1;
    if (earlier >= 0) {
      this.mailFlow.activities[earlier] = activity;
      this.mailFlow.activitiesOverridden += 1;
    } else this.mailFlow.activities.push(activity);
    return noContent();
  }

  private async routeSubscriptions(
    method: string,
    seg: string[],
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
  ): Promise<EmuResponse> {
    this.needScope(claims, ["Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite"]);
    const flow = this.mailFlow;
    const checkExpiry = (iso: unknown): string => {
      const ms = typeof iso === "string" ? Date.parse(iso) : NaN;
      if (!Number.isFinite(ms) || ms <= this.now())
        throw new GraphError(400, "ExtensionError", "Subscription expiration must be in the future.");
      if (ms > this.now() + MAX_MESSAGE_SUBSCRIPTION_MINUTES * 60_000)
        throw new GraphError(400, "ExtensionError", "Subscription expiration can only be 10080 minutes in the future.");
      return new Date(ms).toISOString();
    };
    const subJson = (
      s: typeof flow.subscriptions extends Map<string, infer V> ? V : never,
    ): Record<string, unknown> => ({
      id: s.id,
      resource: s.resource,
      changeType: s.changeType,
      notificationUrl: s.notificationUrl,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
      expirationDateTime: s.expirationDateTime,
      clientState: s.clientState ?? null,
    });
    if (seg.length === 1 && method === "POST") {
      const b = body();
      const resource = typeof b["resource"] === "string" ? b["resource"] : "";
      const r = /^\/?(?:users|Users)\/([^/]+)\/mailFolders(?:\('([^']+)'\)|\/([^/]+))\/messages$/.exec(resource);
      if (!r) throw new GraphError(400, "InvalidRequest", "The resource is not supported by this emulator.");
      const key = decodeURIComponent(r[1] ?? "").toLowerCase();
      const target = [...this.users.values()].find((u) => u.id.toLowerCase() === key || u.userPrincipalName === key);
      if (!target) throw new GraphError(404, "ErrorInvalidUser", "The requested user is invalid.");
      if (claims?.app && this.appMailboxScope && !this.appMailboxScope.has(target.userPrincipalName))
        throw new GraphError(
          403,
          "ExtensionError",
          "Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied.]",
        );
      const mbox = this.mailbox(target.userPrincipalName);
      const folderId = this.folderId(mbox, r[2] ?? r[3] ?? "");
      const notificationUrl = b["notificationUrl"];
      if (typeof notificationUrl !== "string" || b["changeType"] !== "created")
        throw new GraphError(400, "InvalidRequest", "notificationUrl and changeType (created) are required.");
      const clientState = b["clientState"];
      if (clientState !== undefined && (typeof clientState !== "string" || clientState.length > 128))
        throw new GraphError(400, "InvalidRequest", "clientState must be at most 128 characters.");
      const lifecycle = b["lifecycleNotificationUrl"];
      const expirationDateTime = checkExpiry(b["expirationDateTime"]);
      const id = flow.newSubscriptionId();
      if (!(await flow.validate(notificationUrl, id)))
        throw new GraphError(
          400,
          "ValidationError",
          "Subscription validation request failed. Response must exactly match validationToken query parameter.",
        );
      if (typeof lifecycle === "string" && !(await flow.validate(lifecycle, id)))
        throw new GraphError(
          400,
          "ValidationError",
          "Subscription validation request failed for the lifecycle notification URL.",
        );
      const s = {
        id,
        resource,
        changeType: "created",
        notificationUrl,
        ...(typeof lifecycle === "string" ? { lifecycleNotificationUrl: lifecycle } : {}),
        ...(typeof clientState === "string" ? { clientState } : {}),
        expirationDateTime,
        upn: target.userPrincipalName,
        folderId,
      };
      flow.subscriptions.set(id, s);
      return json(201, subJson(s));
    }
    const s = flow.subscriptions.get(seg[1] ?? "");
    if (!s || !flow.isLive(s)) {
      if (s) flow.subscriptions.delete(s.id);
      throw new GraphError(404, "ResourceNotFound", "The object was not found.");
    }
    if (seg.length === 2 && method === "GET") return json(200, subJson(s));
    if (seg.length === 2 && method === "PATCH") {
      s.expirationDateTime = checkExpiry(body()["expirationDateTime"]);
      return json(200, subJson(s));
    }
    if (seg.length === 2 && method === "DELETE") {
      flow.subscriptions.delete(s.id);
      return noContent();
    }
    throw new GraphError(405, "MethodNotAllowed", `${method} is not supported here.`);
  }

  // ---------------------------------------------------------------- Teams

  private userFromBind(bind: unknown): EmuUser | null {
    if (typeof bind !== "string") return null;
    // An OData string literal: '' is one apostrophe (users('mary.o''brien@…')); a lone ' ends it.
    const text = decodeURIComponent(bind);
    const m = /users\('((?:[^']|'')+)'\)$/.exec(text) ?? /users\/([^/?']+)$/.exec(text);
    if (!m) return null;
    const key = (m[1] ?? "").replace(/''/g, "'").toLowerCase();
    for (const u of this.users.values()) if (u.id.toLowerCase() === key || u.userPrincipalName === key) return u;
    return null;
  }

  private routeChats(
    method: string,
    seg: string[],
    url: URL,
    body: () => Record<string, unknown>,
    claims: ReturnType<typeof readEmulatorToken>,
    me: EmuUser,
  ): EmuResponse {
    if (seg.length === 1 && method === "POST") {
      this.needScope(claims, ["Chat.Create", "Chat.ReadWrite"]);
      const b = body();
      if (b["chatType"] !== "oneOnOne")
        throw new GraphError(400, "BadRequest", "Only oneOnOne chats are supported by this emulator.");
      const members = b["members"];
      if (!Array.isArray(members) || members.length !== 2)
        throw new GraphError(400, "BadRequest", "A oneOnOne chat must have exactly two members.");
      const users = members.map((x) => this.userFromBind((x as Record<string, unknown>)["user@odata.bind"]));
      if (users.some((u) => u === null)) throw new GraphError(400, "BadRequest", "A member could not be resolved.");
      const [a, c] = users as [EmuUser, EmuUser];
      if (a.id !== me.id && c.id !== me.id)
        throw new GraphError(400, "BadRequest", "The caller must be one of the members of the chat.");
      if (a.id === c.id) throw new GraphError(400, "BadRequest", "The two members must be different users.");
      const ids = [a.id, c.id].sort() as [string, string];
      const id = `19:${ids[0]}_${ids[1]}@unq.gbl.spaces`;
      let chat = this.chats.get(id);
      if (!chat) {
        chat = {
          id,
          chatType: "oneOnOne",
          memberIds: ids,
          createdDateTime: new Date(this.now()).toISOString(),
          messages: [],
        };
        this.chats.set(id, chat);
      }
      return json(201, {
        id: chat.id,
        topic: null,
        chatType: chat.chatType,
        createdDateTime: chat.createdDateTime,
        lastUpdatedDateTime: chat.createdDateTime,
        webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(chat.id)}/0`,
      });
    }
    const chat = this.chats.get(seg[1] ?? "");
    if (!chat || !chat.memberIds.includes(me.id))
      throw new GraphError(404, "NotFound", "The chat was not found or the caller is not a member.");
    if (seg[2] === "messages" && seg.length === 3) {
      if (method === "GET") {
        this.needScope(claims, ["Chat.Read", "Chat.ReadWrite"]);
        const top = Math.max(1, Math.min(50, Number(url.searchParams.get("$top") ?? "50") || 50));
        const skip = Number(url.searchParams.get("$skiptoken") ?? "0") || 0;
        const newestFirst = [...chat.messages].reverse();
        const page = newestFirst.slice(skip, skip + top);
        const out: Record<string, unknown> = { value: page.map((msg) => this.chatMessageJson(chat, msg)) };
        if (skip + top < newestFirst.length) {
          const next = new URL(url.toString());
          next.searchParams.set("$skiptoken", String(skip + top));
          out["@odata.nextLink"] = next.toString();
        }
        return json(200, out);
      }
      if (method === "POST") {
        this.needScope(claims, ["ChatMessage.Send", "Chat.ReadWrite"]);
        const b = body();
        const msgBody = b["body"] as { contentType?: unknown; content?: unknown } | undefined;
        if (!msgBody || typeof msgBody.content !== "string")
          throw new GraphError(400, "BadRequest", "body.content is required.");
        const attachments = (b["attachments"] ?? []) as Record<string, unknown>[];
        if (!Array.isArray(attachments)) throw new GraphError(400, "BadRequest", "attachments must be a collection.");
        for (const att of attachments) {
          const id = att["id"];
          if (typeof id !== "string" || !msgBody.content.includes(`<attachment id="${id}"></attachment>`)) {
            throw new GraphError(
              400,
              "BadRequest",
              "Attachment id in the body doesn't match any attachment in the message.",
            );
          }
          if (att["contentType"] === "application/vnd.microsoft.card.adaptive") {
            if (typeof att["content"] !== "string")
              throw new GraphError(400, "BadRequest", "Adaptive card content must be a JSON string.");
            try {
              const card = JSON.parse(att["content"] as string) as { type?: unknown };
              if (card.type !== "AdaptiveCard") throw new Error("not a card");
            } catch {
              throw new GraphError(400, "BadRequest", "Adaptive card content is not a valid card.");
            }
          }
        }
        const created = this.now();
        const msg: EmuChatMessage = {
          id: String(created * 1000 + (++this.counter % 1000)),
          createdDateTime: new Date(created).toISOString(),
          fromUserId: me.id,
          body: {
            contentType: typeof msgBody.contentType === "string" ? msgBody.contentType : "text",
            content: msgBody.content,
          },
          attachments: attachments.map((a) => ({ ...a })),
        };
        chat.messages.push(msg);
        return json(201, this.chatMessageJson(chat, msg));
      }
    }
    throw new GraphError(405, "BadRequest", `${method} is not supported here.`);
  }

  private chatMessageJson(chat: EmuChat, msg: EmuChatMessage): Record<string, unknown> {
    const from = [...this.users.values()].find((u) => u.id === msg.fromUserId);
    return {
      id: msg.id,
      replyToId: null,
      etag: msg.id,
      messageType: "message",
      createdDateTime: msg.createdDateTime,
      lastModifiedDateTime: msg.createdDateTime,
      chatId: chat.id,
      importance: "normal",
      from: { user: { id: msg.fromUserId, displayName: from?.displayName ?? null, userIdentityType: "aadUser" } },
      body: msg.body,
      attachments: msg.attachments,
    };
  }
}
