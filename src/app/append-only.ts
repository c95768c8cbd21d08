/**
 * Append-only, enforced by SharePoint (issue 12 Deliver 3): the record's list gets its own
 * permissions, and the casework staff's SharePoint group holds only a permission level that can add
 * and read items, never edit or delete them. The checks in the add-in keep honest staff right; this
 * keeps the record right against SharePoint's own pages and any other client (policy 9.12: a
 * decision must rest on the record as written). Graph cannot manage SharePoint permission levels;
 * the adapter is SharePoint REST (adapters/graph/sharepoint-rest.ts). Sync's tamper evidence
 * (sync.ts) still catches what an owner or administrator changes.
 */

/** SharePoint's BasePermissions as two 32-bit halves (SP.BasePermissions High/Low). */
export interface BasePermissions {
  readonly high: number;
  readonly low: number;
}

/** SPBasePermissions bits used here (Microsoft.SharePoint SPBasePermissions; PermissionKind n is bit n-1). */
export const PERMISSION = {
  ViewListItems: { high: 0, low: 0x1 },
  AddListItems: { high: 0, low: 0x2 },
  EditListItems: { high: 0, low: 0x4 },
  DeleteListItems: { high: 0, low: 0x8 },
  OpenItems: { high: 0, low: 0x20 },
  ViewVersions: { high: 0, low: 0x40 },
  DeleteVersions: { high: 0, low: 0x80 },
  ViewFormPages: { high: 0, low: 0x1000 },
  Open: { high: 0, low: 0x10000 },
  ViewPages: { high: 0, low: 0x20000 },
  ManagePermissions: { high: 0, low: 0x2000000 },
  BrowseUserInfo: { high: 0, low: 0x8000000 },
  UseClientIntegration: { high: 0x10, low: 0 },
  UseRemoteAPIs: { high: 0x20, low: 0 },
} as const satisfies Record<string, BasePermissions>;

export type PermissionName = keyof typeof PERMISSION;

export function combine(...names: readonly PermissionName[]): BasePermissions {
  let high = 0;
  let low = 0;
  for (const n of names) {
    high = (high | PERMISSION[n].high) >>> 0;
    low = (low | PERMISSION[n].low) >>> 0;
  }
  return { high, low };
}

export function has(mask: BasePermissions, name: PermissionName): boolean {
  const p = PERMISSION[name];
  return (mask.high & p.high) >>> 0 === p.high && (mask.low & p.low) >>> 0 === p.low;
}

/** The permission level staff get on the record's list: add and read, never edit or delete. */
export const APPEND_ONLY_LEVEL = {
  name: "Contact strategy: add and read",
  description:
    "Add items to the contact strategy record and read them; no editing or deleting (the record is append-only).",
  permissions: combine(
    "ViewListItems",
    "AddListItems",
    "OpenItems",
    "ViewVersions",
    "ViewFormPages",
    "Open",
    "ViewPages",
    "BrowseUserInfo",
    "UseClientIntegration",
    "UseRemoteAPIs",
  ),
} as const;

export interface RoleDefinition {
  readonly id: number;
  readonly name: string;
  readonly permissions: BasePermissions;
}

export interface RoleAssignment {
  readonly principalId: number;
  readonly principalName: string;
  readonly roles: readonly RoleDefinition[];
}

/** SharePoint's permissions on one site and list, as setup needs them (the SharePoint REST adapter). */
export interface ListPermissions {
  roleDefinition(name: string): Promise<RoleDefinition | null>;
  createRoleDefinition(spec: {
    name: string;
    description: string;
    permissions: BasePermissions;
  }): Promise<RoleDefinition>;
  updateRoleDefinition(id: number, permissions: BasePermissions): Promise<void>;
  /** The SharePoint group's id, or null when the site has no group of that name. */
  groupId(name: string): Promise<number | null>;
  hasUniqueRoleAssignments(listTitle: string): Promise<boolean>;
  /** Gives the list its own permissions, copying the site's (so owners keep theirs). */
  breakRoleInheritance(listTitle: string): Promise<void>;
  roleAssignments(listTitle: string): Promise<RoleAssignment[]>;
  addRoleAssignment(listTitle: string, principalId: number, roleDefId: number): Promise<void>;
  removeRoleAssignment(listTitle: string, principalId: number, roleDefId: number): Promise<void>;
}

export interface AppendOnlyTarget {
  readonly listTitle: string;
  /** The SharePoint group of the casework staff (e.g. "Casework Members"). */
  readonly staffGroup: string;
}

export interface AppendOnlyCheck {
  readonly ok: boolean;
  readonly staffCanAdd: boolean;
  readonly staffCanEdit: boolean;
  readonly staffCanDelete: boolean;
  /** Each a sentence an administrator can act on; for ok, what was found. */
  readonly lines: readonly string[];
}

const union = (roles: readonly RoleDefinition[]): BasePermissions =>
  roles.reduce((m, r) => ({ high: (m.high | r.permissions.high) >>> 0, low: (m.low | r.permissions.low) >>> 0 }), {
    high: 0,
    low: 0,
  });

/** Reads the list's permissions and says whether staff can only add and read. */
export async function verifyAppendOnly(port: ListPermissions, target: AppendOnlyTarget): Promise<AppendOnlyCheck> {
  const lines: string[] = [];
  const groupId = await port.groupId(target.staffGroup);
  if (groupId === null) {
    return {
      ok: false,
      staffCanAdd: false,
      staffCanEdit: false,
      staffCanDelete: false,
      lines: [`The site has no SharePoint group "${target.staffGroup}": enter the group the casework staff are in.`],
    };
  }
  const unique = await port.hasUniqueRoleAssignments(target.listTitle);
  const assignments = await port.roleAssignments(target.listTitle);
  const staff = assignments.find((a) => a.principalId === groupId);
  const mask = union(staff?.roles ?? []);
  const staffCanAdd = has(mask, "AddListItems") && has(mask, "ViewListItems");
  const staffCanEdit = has(mask, "EditListItems");
  const staffCanDelete = has(mask, "DeleteListItems");
  if (!unique)
    lines.push(
      `The list "${target.listTitle}" inherits the site's permissions, so whoever may edit the site may edit or delete the record.`,
    );
  if (!staffCanAdd) lines.push(`"${target.staffGroup}" cannot add and read items of the list: staff could not record.`);
  if (staffCanEdit) lines.push(`"${target.staffGroup}" can edit items of the list (the record must be append-only).`);
  if (staffCanDelete)
    lines.push(`"${target.staffGroup}" can delete items of the list (the record must be append-only).`);
  // Others who can change items: usually the site's owners; named so the administrator knows who.
  const others = assignments
    .filter((a) => a.principalId !== groupId)
    .filter((a) => has(union(a.roles), "EditListItems") || has(union(a.roles), "DeleteListItems"))
    .map((a) => a.principalName);
  const ok = unique && staffCanAdd && !staffCanEdit && !staffCanDelete;
  if (ok) lines.push(`"${target.staffGroup}" can add and read items of the list, and cannot edit or delete them.`);
  if (others.length > 0)
    lines.push(
      `Can still edit or delete items: ${others.join(", ")}. Keep this to the site's owners; what they change is caught by sync and shown under Needs attention.`,
    );
  return { ok, staffCanAdd, staffCanEdit, staffCanDelete, lines };
}

/**
 * Admin setup: makes (or corrects) the permission level, gives the list its own permissions, and
 * leaves the staff group with that level only on it. Re-running is harmless. Returns the check.
 */
export async function makeAppendOnly(port: ListPermissions, target: AppendOnlyTarget): Promise<AppendOnlyCheck> {
  const groupId = await port.groupId(target.staffGroup);
  if (groupId === null) return verifyAppendOnly(port, target);
  let level = await port.roleDefinition(APPEND_ONLY_LEVEL.name);
  if (!level) {
    level = await port.createRoleDefinition({
      name: APPEND_ONLY_LEVEL.name,
      description: APPEND_ONLY_LEVEL.description,
      permissions: APPEND_ONLY_LEVEL.permissions,
    });
  } else if (
    level.permissions.high !== APPEND_ONLY_LEVEL.permissions.high ||
    level.permissions.low !== APPEND_ONLY_LEVEL.permissions.low
  ) {
    await port.updateRoleDefinition(level.id, APPEND_ONLY_LEVEL.permissions);
  }
  if (!(await port.hasUniqueRoleAssignments(target.listTitle))) await port.breakRoleInheritance(target.listTitle);
  const staff = (await port.roleAssignments(target.listTitle)).find((a) => a.principalId === groupId);
  for (const r of staff?.roles ?? []) {
    if (r.id !== level.id) await port.removeRoleAssignment(target.listTitle, groupId, r.id);
  }
  if (!staff?.roles.some((r) => r.id === level.id)) await port.addRoleAssignment(target.listTitle, groupId, level.id);
  return verifyAppendOnly(port, target);
}
