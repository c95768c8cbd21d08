/**
 * SharePoint REST, as much as setup's append-only step uses (issue 12 Deliver 3), on the emulator's
 * sites at `/_sp/{host}/{site path}/_api/web/…`: role definitions (built-in Full Control, Edit,
 * Contribute, Read and created ones), site groups with members, a list's own permissions
 * (breakroleinheritance copies the site's) and its role assignments. Once a list has its own
 * permissions, the emulator's Graph item routes enforce them for delegated users: a user whose
 * groups' levels lack AddListItems / EditListItems / DeleteListItems gets 403 (tests of the
 * append-only level). BasePermissions values are SPBasePermissions' (Microsoft.SharePoint).
 */
import { shortScope, type EmulatorTokenClaims } from "./tokens";

export interface EmuRoleDef {
  id: number;
  name: string;
  description: string;
  high: number;
  low: number;
}

export interface EmuSpGroup {
  id: number;
  title: string;
  /** Members' user principal names (lowercase). */
  members: Set<string>;
}

export interface EmuSpWeb {
  roleDefs: EmuRoleDef[];
  groups: EmuSpGroup[];
  /** The site's role assignments: principal id → role definition ids. */
  siteAssignments: Map<number, number[]>;
  /** Lists (by id) with their own permissions: principal id → role definition ids. */
  listAssignments: Map<string, Map<number, number[]>>;
  nextId: number;
}

export class SpRestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const EDIT = 0x4;
const DELETE = 0x8;
const ADD = 0x2;
const MANAGE_PERMISSIONS = 0x2000000;

export function newSpWeb(siteName: string): EmuSpWeb {
  const roleDefs: EmuRoleDef[] = [
    { id: 1073741829, name: "Full Control", description: "Has full control.", high: 2147483647, low: 4294967295 },
    { id: 1073741830, name: "Edit", description: "Can add, edit and delete lists.", high: 432, low: 1012866047 },
    {
      id: 1073741827,
      name: "Contribute",
      description: "Can view, add, update, and delete.",
      high: 432,
      low: 1011030767,
    },
    { id: 1073741826, name: "Read", description: "Can view pages and list items.", high: 176, low: 138612833 },
  ];
  const groups: EmuSpGroup[] = [
    { id: 3, title: `${siteName} Owners`, members: new Set() },
    { id: 4, title: `${siteName} Visitors`, members: new Set() },
    { id: 5, title: `${siteName} Members`, members: new Set() },
  ];
  const siteAssignments = new Map<number, number[]>([
    [3, [1073741829]],
    [4, [1073741826]],
    [5, [1073741830]],
  ]);
  return { roleDefs, groups, siteAssignments, listAssignments: new Map(), nextId: 1073741900 };
}

function mask(web: EmuSpWeb, assignments: Map<number, number[]>, upn: string): { high: number; low: number } {
  let high = 0;
  let low = 0;
  for (const [principal, defs] of assignments) {
    const g = web.groups.find((x) => x.id === principal);
    if (!g || !g.members.has(upn)) continue;
    for (const id of defs) {
      const d = web.roleDefs.find((x) => x.id === id);
      if (d) {
        high = (high | d.high) >>> 0;
        low = (low | d.low) >>> 0;
      }
    }
  }
  return { high, low };
}

/** For the Graph item routes: may this delegated user add / edit / delete items of the list? */
export function itemPermissionProblem(
  web: EmuSpWeb | undefined,
  listId: string,
  upn: string,
  action: "add" | "edit" | "delete",
): string | null {
  const own = web?.listAssignments.get(listId);
  if (!web || !own) return null; // inherits the site's: the emulator does not model site-level item rights
  const m = mask(web, own, upn.toLowerCase());
  const bit = action === "add" ? ADD : action === "edit" ? EDIT : DELETE;
  return (m.low & bit) === bit
    ? null
    : "Access denied. You do not have permission to perform this action or access this resource.";
}

const unq = (s: string): string => decodeURIComponent(s).replace(/''/g, "'");

function roleDefJson(d: EmuRoleDef): Record<string, unknown> {
  return {
    Id: d.id,
    Name: d.name,
    Description: d.description,
    BasePermissions: { High: String(d.high), Low: String(d.low) },
  };
}

export interface SpRestRequest {
  readonly method: string;
  /** After `/_api/web/`, still percent-encoded. */
  readonly rest: string;
  readonly body: string | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly claims: EmulatorTokenClaims | null;
}

export function handleSpRest(
  web: EmuSpWeb,
  lists: readonly { id: string; displayName: string }[],
  req: SpRestRequest,
): { status: number; body?: unknown } {
  if (!req.claims) throw new SpRestError(401, "Unsupported app only token.");
  if (req.claims.scopes && !req.claims.scopes.map(shortScope).includes("AllSites.FullControl"))
    throw new SpRestError(403, "Access denied: the token has no AllSites.FullControl scope for SharePoint.");
  const upn = req.claims.upn.toLowerCase();
  const method = req.method.toUpperCase();
  const path = req.rest.split("?")[0] ?? "";
  const mutating = method === "POST";
  if (mutating) {
    const m = mask(web, web.siteAssignments, upn);
    if ((m.low & MANAGE_PERMISSIONS) !== MANAGE_PERMISSIONS)
      throw new SpRestError(
        403,
        "Access denied. You do not have permission to perform this action or access this resource.",
      );
  }
  const body = (): Record<string, unknown> => {
    if (!(req.headers["content-type"] ?? "").includes("odata=verbose"))
      throw new SpRestError(400, "The request body must be JSON with odata=verbose.");
    return JSON.parse(req.body ?? "{}") as Record<string, unknown>;
  };
  let m: RegExpExecArray | null;
  if ((m = /^roledefinitions\/getbyname\('(.*)'\)$/i.exec(path)) && method === "GET") {
    const d = web.roleDefs.find((x) => x.name.toLowerCase() === unq(m![1]!).toLowerCase());
    if (!d) throw new SpRestError(404, "Cannot find a role definition with that name.");
    return { status: 200, body: roleDefJson(d) };
  }
  if (/^roledefinitions$/i.test(path) && method === "POST") {
    const b = body();
    const meta = b["__metadata"] as { type?: string } | undefined;
    const perms = b["BasePermissions"] as { High?: string; Low?: string } | undefined;
    if (meta?.type !== "SP.RoleDefinition" || !perms || typeof b["Name"] !== "string")
      throw new SpRestError(400, "A role definition needs __metadata SP.RoleDefinition, Name and BasePermissions.");
    if (web.roleDefs.some((x) => x.name.toLowerCase() === (b["Name"] as string).toLowerCase()))
      throw new SpRestError(409, "A permission level with that name already exists.");
    const d: EmuRoleDef = {
      id: web.nextId++,
      name: b["Name"] as string,
      description: typeof b["Description"] === "string" ? (b["Description"] as string) : "",
      high: Number(perms.High ?? 0) >>> 0,
      low: Number(perms.Low ?? 0) >>> 0,
    };
    web.roleDefs.push(d);
    return { status: 201, body: roleDefJson(d) };
  }
  if ((m = /^roledefinitions\((\d+)\)$/i.exec(path)) && method === "POST") {
    if ((req.headers["x-http-method"] ?? "").toUpperCase() !== "MERGE")
      throw new SpRestError(400, "Use X-HTTP-Method: MERGE.");
    const d = web.roleDefs.find((x) => x.id === Number(m![1]));
    if (!d) throw new SpRestError(404, "Cannot find the role definition.");
    if (d.id < 1073741900) throw new SpRestError(400, "A built-in permission level cannot be changed.");
    const perms = body()["BasePermissions"] as { High?: string; Low?: string } | undefined;
    if (perms) {
      d.high = Number(perms.High ?? 0) >>> 0;
      d.low = Number(perms.Low ?? 0) >>> 0;
    }
    return { status: 204 };
  }
  if ((m = /^sitegroups\/getbyname\('(.*)'\)$/i.exec(path)) && method === "GET") {
    const g = web.groups.find((x) => x.title.toLowerCase() === unq(m![1]!).toLowerCase());
    if (!g) throw new SpRestError(404, "Group cannot be found.");
    return { status: 200, body: { Id: g.id, Title: g.title } };
  }
  if ((m = /^lists\/getbytitle\('(.*?)'\)(\/.*)?$/i.exec(path))) {
    const title = unq(m[1]!);
    const list = lists.find((l) => l.displayName.toLowerCase() === title.toLowerCase());
    if (!list) throw new SpRestError(404, `List '${title}' does not exist at site.`);
    const rest = m[2] ?? "";
    const own = web.listAssignments.get(list.id);
    const current = own ?? web.siteAssignments;
    if (rest === "" && method === "GET")
      return { status: 200, body: { Title: list.displayName, HasUniqueRoleAssignments: own !== undefined } };
    if (
      /^\/breakroleinheritance\(copyRoleAssignments=(true|false),clearSubscopes=(true|false)\)$/i.test(rest) &&
      method === "POST"
    ) {
      if (!own) {
        const copy = /copyRoleAssignments=true/i.test(rest);
        web.listAssignments.set(
          list.id,
          copy ? new Map([...web.siteAssignments].map(([k, v]) => [k, [...v]])) : new Map(),
        );
      }
      return { status: 200, body: {} };
    }
    if (rest === "/roleassignments" && method === "GET") {
      return {
        status: 200,
        body: {
          value: [...current].map(([principal, defs]) => ({
            PrincipalId: principal,
            Member: { Id: principal, Title: web.groups.find((g) => g.id === principal)?.title ?? String(principal) },
            RoleDefinitionBindings: defs
              .map((id) => web.roleDefs.find((d) => d.id === id))
              .filter((d) => d)
              .map((d) => roleDefJson(d!)),
          })),
        },
      };
    }
    const ra = /^\/roleassignments\/(add|remove)roleassignment\(principalid=(\d+),roledefid=(\d+)\)$/i.exec(rest);
    if (ra && method === "POST") {
      if (!own) throw new SpRestError(400, "The list inherits its permissions; break the inheritance first.");
      const principal = Number(ra[2]);
      const def = Number(ra[3]);
      if (!web.groups.some((g) => g.id === principal)) throw new SpRestError(404, "The principal cannot be found.");
      if (!web.roleDefs.some((d) => d.id === def)) throw new SpRestError(404, "The role definition cannot be found.");
      const defs = own.get(principal) ?? [];
      if (ra[1]!.toLowerCase() === "add") {
        if (!defs.includes(def)) own.set(principal, [...defs, def]);
      } else {
        const left = defs.filter((d) => d !== def);
        if (left.length === 0) own.delete(principal);
        else own.set(principal, left);
      }
      return { status: 200, body: {} };
    }
  }
  throw new SpRestError(400, `The emulator does not serve ${method} _api/web/${path}.`);
}
