/**
 * Who may record what (issue 12 item 1): the one role → permission table. Roles come from the
 * organisation's directory: Entra app roles on the app registration (the ID token's `roles`
 * claim) or, where the admin configures them, security groups (the `groups` claim). RecordService
 * refuses an event the user's roles do not allow (E_ROLE_NOT_ALLOWED) and the actions panel shows
 * only the steps they may take. In Microsoft 365 mode the surfaces follow the sign-in
 * (followSignInRoles): the roles in the signed-in user's ID token, and none at all (the read-only
 * front-line state) before sign-in or when the directory gives them none. The record on this
 * device (local mode) gives every role; the preview lets a newcomer choose whom to act as.
 */
import type { EventType } from "../domain";
import type { SignInState } from "./auth";
import type { StepId } from "./guidance";

export const ROLES = ["caseworker", "manager", "dpo", "records-officer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The app role values to declare in the app registration manifest (`appRoles[].value`). */
export const APP_ROLE_VALUES: Readonly<Record<Role, string>> = {
  caseworker: "Csm.Caseworker",
  manager: "Csm.Manager",
  dpo: "Csm.DataProtectionOfficer",
  "records-officer": "Csm.RecordsOfficer",
  admin: "Csm.Admin",
};

const CASEWORK: readonly EventType[] = [
  "PersonRegistered",
  "IdentifiersLinked",
  "IdentifiersUnlinked",
  "AssistanceOffered",
  "NeedsRecorded",
  "IncidentRecorded",
  "CausesConsidered",
  "WarningIssued",
  "StrategyImposed", // proposed by the caseworker, naming the approving manager (9.4–9.6)
  "ContactLogged",
  "ContactReviewed",
  "BreachRecorded",
  "BreachReminderSent",
  "SharingRecorded", // asked for by the caseworker, naming the DPO consulted (9.15)
];

/** The events each role may record. A user with several roles may record what any of them may. */
export const MAY_RECORD: Readonly<Record<Role, readonly EventType[]>> = {
  caseworker: CASEWORK,
  // Managers approve, review (9.12), vary (9.13–9.14), lift, acknowledge breaches (4.5) and correct the record.
  manager: [
    ...CASEWORK,
    "StrategyVaried",
    "StrategyReviewed",
    "StrategyLifted",
    "BreachAcknowledged",
    "FurtherActionConsidered",
    "EventRetracted",
  ],
  // The DPO advises on sharing (9.15) and is named on the sharing record; they read, they do not record.
  dpo: [],
  "records-officer": [],
  admin: [],
};

/**
 * Reports (issue 13 items 3, 5, 6) read the whole of a person's record, so they are for the roles
 * that answer for it: the records officer (subject access requests, UK GDPR Art. 15, within a
 * month), managers (evidence for further action, policy 10, and the board's figures) and the Data
 * Protection Officer (subject access). Caseworkers and administrators see none of them.
 */
export const REPORT_KINDS = ["subject-access", "evidence-bundle", "board-report"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const MAY_REPORT: Readonly<Record<Role, readonly ReportKind[]>> = {
  caseworker: [],
  manager: ["subject-access", "evidence-bundle", "board-report"],
  dpo: ["subject-access"],
  "records-officer": ["subject-access", "evidence-bundle", "board-report"],
  admin: [],
};

/**
 * Who reviews the shared list's quarantined items ("Needs attention", issue 12 Deliver 4): managers,
 * who decide on strategies (9.12), and the records officer, who keeps the record. Staff without
 * these roles do not see what the items held.
 */
export const MAY_REVIEW_QUARANTINE: readonly Role[] = ["manager", "records-officer"];

/**
 * Who may import an existing register (issue 13 item 1): whole people with their warnings and
 * strategies written in one go, outside the steps and the checks staff record through, so only an
 * administrator, who sets the product up for the organisation.
 */
export const MAY_IMPORT: readonly Role[] = ["admin"];

/**
 * Who may erase a person's record at the end of the retention period (issue 13 item 4; UK GDPR
 * Art. 5(1)(e)): the records officer alone, who keeps the record and answers for its retention
 * schedule. The one exception to the append-only record (record-format §1); app/retention.ts.
 */
export const MAY_PURGE: readonly Role[] = ["records-officer"];

/**
 * The case roles (issue 12 Deliver 5): the roles whose work is the record itself, who see a
 * person's history, incidents, adjustments' detail and sharing: caseworkers and managers record
 * it; the DPO advises on sharing it (9.15); the records officer answers subject access for it.
 * A user with none of them (front-line staff with no role, or an administrator, who sets the
 * product up and is not given cases) sees the front-line view (app/need-to-know.ts): the
 * restrictions, what to do with this message and the adjustments to honour, on a need-to-know
 * basis (9.15, UK GDPR Art. 5(1)(c) data minimisation).
 */
export const CASE_ROLES: readonly Role[] = ["caseworker", "manager", "dpo", "records-officer"];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  caseworker: "caseworker",
  manager: "manager",
  dpo: "Data Protection Officer",
  "records-officer": "records officer",
  admin: "administrator",
};

export class RoleRefusedError extends Error {
  readonly code = "E_ROLE_NOT_ALLOWED";
  constructor(message: string) {
    super(message);
    this.name = "RoleRefusedError";
  }
}

export class Access {
  readonly roles: readonly Role[];
  constructor(roles: readonly Role[]) {
    this.roles = [...new Set(roles)];
  }
  /** Local and preview mode: every role, so the preview shows everything for a demo. */
  static everyone(): Access {
    return new Access(ROLES);
  }
  /** No role: front-line staff who read what they must honour and record nothing. */
  static none(): Access {
    return new Access([]);
  }
  /** No Contact Strategy Manager role at all (the read-only front-line state). */
  get hasNoRole(): boolean {
    return this.roles.length === 0;
  }
  /** Whether the user has a case role (CASE_ROLES); without one they see the front-line view. */
  get hasCaseRole(): boolean {
    return this.roles.some((r) => CASE_ROLES.includes(r));
  }
  /** Whether any of the user's roles may record anything. */
  get mayRecordAnything(): boolean {
    return this.roles.some((r) => MAY_RECORD[r].length > 0);
  }
  /** Whether the user may see the quarantined items of the shared list ("Needs attention"). */
  get mayReviewQuarantine(): boolean {
    return this.roles.some((r) => MAY_REVIEW_QUARANTINE.includes(r));
  }
  get isAdmin(): boolean {
    return this.roles.includes("admin");
  }
  /** Whether any of the user's roles may make this report (MAY_REPORT). */
  mayReport(kind: ReportKind): boolean {
    return this.roles.some((r) => MAY_REPORT[r].includes(kind));
  }
  mayRecord(type: EventType): boolean {
    return this.roles.some((r) => MAY_RECORD[r].includes(type));
  }
  /** Whether the user may import a register (MAY_IMPORT). */
  get mayImport(): boolean {
    return this.roles.some((r) => MAY_IMPORT.includes(r));
  }
  /** Whether the user may erase records at the end of the retention period (MAY_PURGE). */
  get mayPurge(): boolean {
    return this.purgeRole !== null;
  }
  /** The role under which the user may purge (logged with the erasure), or null. */
  get purgeRole(): Role | null {
    return this.roles.find((r) => MAY_PURGE.includes(r)) ?? null;
  }
  /** Throws RoleRefusedError when the user may not import a register. */
  checkImport(): void {
    if (this.mayImport) return;
    const who = MAY_IMPORT.map((r) => `an ${ROLE_LABELS[r]}`);
    throw new RoleRefusedError(
      `Your role does not allow importing a register. Only ${who.join(" or ")} can; ask your administrator to import it.`,
    );
  }
  /** Throws RoleRefusedError, in plain English naming who may, when this user may not record `type`. */
  check(type: EventType): void {
    if (this.mayRecord(type)) return;
    const who = ROLES.filter((r) => MAY_RECORD[r].includes(type)).map((r) => `a ${ROLE_LABELS[r]}`);
    throw new RoleRefusedError(
      `Your role does not allow this. Only ${who.join(" or ")} can record it; ask your administrator if you need that role.`,
    );
  }
}

/**
 * The roles in an ID token's claims: app role values in `roles`, and, where the admin configured a
 * security group id for a role, membership of that group in `groups`. Unknown values are ignored.
 */
export function rolesFromClaims(
  claims: { readonly roles?: unknown; readonly groups?: unknown },
  groupIds: Partial<Readonly<Record<Role, string>>> = {},
): Role[] {
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  const values = strings(claims.roles).map((v) => v.toLowerCase());
  const groups = strings(claims.groups).map((g) => g.toLowerCase());
  return ROLES.filter(
    (r) =>
      values.includes(APP_ROLE_VALUES[r].toLowerCase()) ||
      (groupIds[r] !== undefined && groups.includes((groupIds[r] ?? "").toLowerCase())),
  );
}

/**
 * Which security group (object id) stands for which role, as the deployment's settings write it
 * (`roleGroups`: "manager=<group id>,caseworker=<group id>"). Unknown roles and empty parts are
 * ignored; validateSettings (m365-settings.ts) refuses a malformed value before it is saved.
 */
export function parseRoleGroups(text: string): Partial<Record<Role, string>> {
  const out: Partial<Record<Role, string>> = {};
  for (const part of text.split(/[,;]/)) {
    const [name, id] = part.split("=").map((x) => x.trim());
    if (!name || !id) continue;
    const role = ROLES.find((r) => r === name.toLowerCase());
    if (role) out[role] = id;
  }
  return out;
}

/** Problems with a roleGroups value, each a sentence an administrator can act on ([] when fine). */
export function roleGroupsProblems(text: string): string[] {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const out: string[] = [];
  for (const raw of text.split(/[,;]/)) {
    const part = raw.trim();
    if (part === "") continue;
    const [name = "", id = ""] = part.split("=").map((x) => x.trim());
    if (!ROLES.some((r) => r === name.toLowerCase())) out.push(`"${name}" is not a role: use ${ROLES.join(", ")}.`);
    else if (!guid.test(id)) out.push(`The group for ${name} must be the group's object ID (a GUID).`);
  }
  return out;
}

/**
 * What the sign-in state allows: the roles in the signed-in user's ID token claims (app roles,
 * or the configured groups); nothing before sign-in or when the token names no role. Never every role.
 */
export function accessFromSignIn(state: SignInState, groupIds: Partial<Readonly<Record<Role, string>>> = {}): Access {
  if (state.status !== "signed-in" || !state.claims) return Access.none();
  return new Access(rolesFromClaims(state.claims, groupIds));
}

/**
 * Keeps the record service's access on the sign-in: set now (no role until signed in) and again
 * whenever the sign-in changes (a new account, signed out). Returns a function that stops following.
 */
export function followSignInRoles(
  signIn: { state(): SignInState; subscribe(listener: () => void): () => void },
  record: { setAccess(access: Access): void },
  groupIds: Partial<Readonly<Record<Role, string>>> = {},
): () => void {
  let last: string | null = null; // always set once, even to no role
  const apply = () => {
    const access = accessFromSignIn(signIn.state(), groupIds);
    const key = access.roles.join(",");
    if (key === last) return;
    last = key;
    record.setAccess(access);
  };
  apply();
  return signIn.subscribe(apply);
}

/** The event each step of the actions panel records; `history` (reading, corrections) has none. */
export const STEP_RECORDS: Readonly<Record<StepId, EventType | null>> = {
  register: "PersonRegistered",
  assistance: "AssistanceOffered",
  needs: "NeedsRecorded",
  incident: "IncidentRecorded",
  causes: "CausesConsidered",
  warning: "WarningIssued",
  strategy: "StrategyImposed",
  "log-contact": "ContactLogged",
  "review-contact": "ContactReviewed",
  breach: "BreachRecorded",
  reminder: "BreachReminderSent",
  review: "StrategyReviewed",
  vary: "StrategyVaried",
  lift: "StrategyLifted",
  sharing: "SharingRecorded",
  "further-action": "FurtherActionConsidered",
  history: null,
};

/** Whether the panel shows a step: only what the user's roles allow them to record (the UI shows only what they may do). */
export function mayTakeStep(access: Access, step: StepId): boolean {
  const type = STEP_RECORDS[step];
  return type === null || access.mayRecord(type);
}
