/**
 * SharePoint REST for what Graph cannot do (issue 12 Deliver 3): permission levels (role
 * definitions), the record list's own permissions (breaking inheritance) and its role assignments.
 * Endpoints (SharePoint REST, `_api/web`): `roledefinitions` (POST to create, `getbyname('…')`,
 * `roledefinitions(id)` with X-HTTP-Method MERGE to update), `sitegroups/getbyname('…')`,
 * `lists/getbytitle('…')` (`HasUniqueRoleAssignments`, `breakroleinheritance(copyRoleAssignments=true,
 * clearSubscopes=true)`, `roleassignments?$expand=Member,RoleDefinitionBindings`,
 * `roleassignments/addroleassignment(principalid=…,roledefid=…)`, `…/removeroleassignment(…)`).
 * Requests use `odata=verbose` bodies and `odata=nometadata` answers, with a delegated token for
 * the SharePoint resource (the administrator's, at setup: `AllSites.FullControl`); an OAuth
 * bearer token needs no X-RequestDigest.
 */
import type { BasePermissions, ListPermissions, RoleAssignment, RoleDefinition } from "../../app/append-only";
import type { TokenProvider } from "../../app/auth";
import type { FetchLike } from "./graph-client";

export class SharePointRestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SharePointRestError";
  }
}

/**
 * The site's address for SharePoint REST: https://host/sites/name for "host:/sites/name"; against
 * the loopback emulator, its `/_sp/host/sites/name` (tests only: a loopback Graph base URL).
 */
export function sharePointSiteUrl(site: string, graphBaseUrl: string): string {
  const m = /^([^:/]+):\/(.+)$/.exec(site.trim());
  if (!m) throw new Error(`The site "${site}" is not host:/sites/name.`);
  const [, host, path] = m as unknown as [string, string, string];
  const graph = new URL(graphBaseUrl);
  if (["127.0.0.1", "localhost", "[::1]"].includes(graph.hostname))
    return `${graph.origin}/_sp/${host}/${path.replace(/^\/+|\/+$/g, "")}`;
  return `https://${host}/${path.replace(/^\/+|\/+$/g, "")}`;
}

/** The delegated scope for SharePoint REST permission changes (the admin's, at setup). */
export function sharePointAdminScope(site: string): string {
  const host = site.split(":")[0] ?? "";
  return `https://${host}/AllSites.FullControl`;
}

const quote = (v: string): string => `'${encodeURIComponent(v.replace(/'/g, "''"))}'`;

interface WireRoleDef {
  Id: number;
  Name: string;
  BasePermissions?: { High: string | number; Low: string | number };
}

const toMask = (b: WireRoleDef["BasePermissions"]): BasePermissions => ({
  high: Number(b?.High ?? 0) >>> 0,
  low: Number(b?.Low ?? 0) >>> 0,
});

const toRoleDef = (d: WireRoleDef): RoleDefinition => ({
  id: d.Id,
  name: d.Name,
  permissions: toMask(d.BasePermissions),
});

export class SharePointRestPermissions implements ListPermissions {
  constructor(
    private readonly siteUrl: string,
    private readonly tokens: TokenProvider,
    private readonly scopes: readonly string[],
    private readonly fetch: FetchLike,
  ) {}

  private async call<T>(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<T | null> {
    const url = `${this.siteUrl}/_api/web/${path}`;
    const token = await this.tokens.getToken({ scopes: this.scopes, url });
    const res = await this.fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json;odata=nometadata",
        ...(body !== undefined ? { "content-type": "application/json;odata=verbose" } : {}),
        ...extra,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status === 404) return null;
    if (!res.ok) {
      let message = `SharePoint answered ${res.status}`;
      try {
        const err = (await res.json()) as {
          error?: { message?: { value?: string } | string };
          "odata.error"?: { message?: { value?: string } };
        };
        const m =
          err["odata.error"]?.message?.value ??
          (typeof err.error?.message === "string" ? err.error.message : err.error?.message?.value);
        if (m) message = `${message}: ${m}`;
      } catch {
        // no body
      }
      throw new SharePointRestError(res.status, message);
    }
    const text = await res.text();
    return text === "" ? ({} as T) : (JSON.parse(text) as T);
  }

  async roleDefinition(name: string): Promise<RoleDefinition | null> {
    const d = await this.call<WireRoleDef>("GET", `roledefinitions/getbyname(${quote(name)})`);
    return d ? toRoleDef(d) : null;
  }

  async createRoleDefinition(spec: { name: string; description: string; permissions: BasePermissions }) {
    const d = await this.call<WireRoleDef>("POST", "roledefinitions", {
      __metadata: { type: "SP.RoleDefinition" },
      BasePermissions: {
        __metadata: { type: "SP.BasePermissions" },
        High: String(spec.permissions.high),
        Low: String(spec.permissions.low),
      },
      Description: spec.description,
      Name: spec.name,
      Order: 0,
    });
    if (!d) throw new SharePointRestError(404, "The site was not found.");
    return toRoleDef(d);
  }

  async updateRoleDefinition(id: number, permissions: BasePermissions): Promise<void> {
    await this.call(
      "POST",
      `roledefinitions(${id})`,
      {
        __metadata: { type: "SP.RoleDefinition" },
        BasePermissions: {
          __metadata: { type: "SP.BasePermissions" },
          High: String(permissions.high),
          Low: String(permissions.low),
        },
      },
      { "x-http-method": "MERGE", "if-match": "*" },
    );
  }

  async groupId(name: string): Promise<number | null> {
    const g = await this.call<{ Id: number }>("GET", `sitegroups/getbyname(${quote(name)})?$select=Id`);
    return g ? g.Id : null;
  }

  private list(title: string): string {
    return `lists/getbytitle(${quote(title)})`;
  }

  async hasUniqueRoleAssignments(listTitle: string): Promise<boolean> {
    const l = await this.call<{ HasUniqueRoleAssignments: boolean }>(
      "GET",
      `${this.list(listTitle)}?$select=HasUniqueRoleAssignments`,
    );
    if (!l) throw new SharePointRestError(404, `The list "${listTitle}" was not found; create the lists first.`);
    return l.HasUniqueRoleAssignments === true;
  }

  async breakRoleInheritance(listTitle: string): Promise<void> {
    await this.call(
      "POST",
      `${this.list(listTitle)}/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
    );
  }

  async roleAssignments(listTitle: string): Promise<RoleAssignment[]> {
    const res = await this.call<{
      value: { PrincipalId: number; Member?: { Title?: string }; RoleDefinitionBindings?: WireRoleDef[] }[];
    }>("GET", `${this.list(listTitle)}/roleassignments?$expand=Member,RoleDefinitionBindings`);
    return (res?.value ?? []).map((a) => ({
      principalId: a.PrincipalId,
      principalName: a.Member?.Title ?? String(a.PrincipalId),
      roles: (a.RoleDefinitionBindings ?? []).map(toRoleDef),
    }));
  }

  async addRoleAssignment(listTitle: string, principalId: number, roleDefId: number): Promise<void> {
    await this.call(
      "POST",
      `${this.list(listTitle)}/roleassignments/addroleassignment(principalid=${principalId},roledefid=${roleDefId})`,
    );
  }

  async removeRoleAssignment(listTitle: string, principalId: number, roleDefId: number): Promise<void> {
    await this.call(
      "POST",
      `${this.list(listTitle)}/roleassignments/removeroleassignment(principalid=${principalId},roledefid=${roleDefId})`,
    );
  }
}
