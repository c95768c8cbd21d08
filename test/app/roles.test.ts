/** The role → permission table (app/roles.ts): every role against every event type, and roles from token claims. */
import {
  Access,
  accessFromSignIn,
  APP_ROLE_VALUES,
  followSignInRoles,
  parseRoleGroups,
  roleGroupsProblems,
  MAY_RECORD,
  mayTakeStep,
  RoleRefusedError,
  ROLES,
  rolesFromClaims,
  type Role,
} from "../../src/app/roles";
import { STEP_IDS } from "../../src/app/guidance";
import { EVENT_TYPES, type EventType, type RecordEvent } from "../../src/domain";
import type { SignInState } from "../../src/app/auth";

const MANAGER_ONLY: EventType[] = [
  "StrategyVaried",
  "StrategyReviewed",
  "StrategyLifted",
  "BreachAcknowledged",
  "FurtherActionConsidered",
  "EventRetracted",
];

const expected = (role: Role, type: EventType): boolean =>
  role === "manager" ? true : role === "caseworker" ? !MANAGER_ONLY.includes(type) : false;

describe("who may record what", () => {
  const rows = ROLES.flatMap((role) => EVENT_TYPES.map((type) => [role, type, expected(role, type)] as const));
  it.each(rows)("%s may record %s: %s", (role, type, allowed) => {
    const access = new Access([role]);
    expect(access.mayRecord(type)).toBe(allowed);
    if (allowed) expect(() => access.check(type)).not.toThrow();
    else expect(() => access.check(type)).toThrow(RoleRefusedError);
  });

  it("refuses in plain English with a coded error naming who may", () => {
    const access = new Access(["caseworker"]);
    let error: unknown;
    try {
      access.check("StrategyLifted");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RoleRefusedError);
    expect((error as RoleRefusedError).code).toBe("E_ROLE_NOT_ALLOWED");
    expect((error as Error).message).toBe(
      "Your role does not allow this. Only a manager can record it; ask your administrator if you need that role.",
    );
  });

  it("gives several roles the union; everyone (preview) may record every event and is an admin", () => {
    expect(new Access(["dpo", "caseworker"]).mayRecord("IncidentRecorded")).toBe(true);
    expect(new Access(["dpo"]).isAdmin).toBe(false);
    expect(new Access(["admin"]).isAdmin).toBe(true);
    const all = Access.everyone();
    expect(EVENT_TYPES.every((t) => all.mayRecord(t))).toBe(true);
    expect(all.isAdmin).toBe(true);
    expect(Object.keys(MAY_RECORD).sort()).toEqual([...ROLES].sort());
  });

  it("reads app roles from the roles claim and configured security groups from the groups claim", () => {
    expect(rolesFromClaims({ roles: [APP_ROLE_VALUES.manager, "csm.admin", "Other.Role", 7] })).toEqual([
      "manager",
      "admin",
    ]);
    expect(rolesFromClaims({ groups: ["AAAA-1111", "bbbb"] }, { caseworker: "aaaa-1111", dpo: "cccc" })).toEqual([
      "caseworker",
    ]);
    expect(rolesFromClaims({})).toEqual([]);
    expect(rolesFromClaims({ roles: "Csm.Manager" })).toEqual([]);
  });
});

describe("roles on the write path and in the panel", () => {
  it("RecordService refuses an event the user's roles do not allow, appending nothing; problemsOf reads it", async () => {
    const { makeWorld } = await import("./world");
    const { restricted } = await import("./ladder-fixture");
    const A = await import("../../src/app/actions");
    const { problemsOf } = await import("../../src/app/action-errors");
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    const count = (await w.events()).length;
    w.record.setAccess(new Access(["caseworker"]));
    const error = await A.liftStrategy(w.ctx(), { personId, strategyId, reason: "Better." }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoleRefusedError);
    expect(problemsOf(error)).toEqual([{ code: "E_ROLE_NOT_ALLOWED", message: expect.stringMatching(/^Your role/) }]);
    expect(await w.events()).toHaveLength(count);
    w.record.setAccess(new Access(["manager"]));
    await A.liftStrategy(w.ctx(), { personId, strategyId, reason: "Better." });
    expect(w.record.index.person(personId).strategies.get(strategyId)?.active).toBe(false);
  });

  it("shows a caseworker no manager step, a DPO only the history", () => {
    expect(STEP_IDS.filter((s) => !mayTakeStep(new Access(["caseworker"]), s))).toEqual([
      "review",
      "vary",
      "lift",
      "further-action",
    ]);
    expect(STEP_IDS.filter((s) => mayTakeStep(new Access(["dpo"]), s))).toEqual(["history"]);
    expect(STEP_IDS.every((s) => mayTakeStep(Access.everyone(), s))).toBe(true);
  });
});

describe("each role × each event on the write path (RecordService.record)", () => {
  // A bare event of each type: the role check comes first, so a refusal appends nothing and names
  // E_ROLE_NOT_ALLOWED; an allowed type goes on to the store (which may refuse it for its shape).
  const rows = [...ROLES, null].flatMap((role) =>
    EVENT_TYPES.map((type) => [role ?? "no role", type, role !== null && expected(role, type)] as const),
  );
  it.each(rows)("%s recording %s: allowed %s", async (role, type, allowed) => {
    const { makeWorld } = await import("./world");
    const w = makeWorld();
    w.record.setAccess(role === "no role" ? Access.none() : new Access([role as Role]));
    const event = {
      id: "e-1",
      type,
      personId: "P-1",
      at: "2026-11-03T09:00:00Z",
      by: "officer.one@opcc.example",
      data: {},
    } as unknown as RecordEvent;
    const error = await w.record.record([event]).then(
      () => null,
      (e: unknown) => e,
    );
    if (allowed) expect(error).not.toBeInstanceOf(RoleRefusedError);
    else {
      expect(error).toBeInstanceOf(RoleRefusedError);
      expect(await w.events()).toEqual([]);
    }
  });
});

describe("roles from sign-in (Microsoft 365 mode)", () => {
  const signedIn = (claims?: { roles?: string[]; groups?: string[] }): SignInState => ({
    status: "signed-in",
    username: "officer.one@opcc.example",
    ...(claims ? { claims } : {}),
  });

  it("gives the roles in the ID token's claims, and no role (never every role) otherwise", () => {
    expect(accessFromSignIn(signedIn({ roles: ["Csm.Caseworker", "Csm.Manager"] })).roles).toEqual([
      "caseworker",
      "manager",
    ]);
    const groups = { manager: "11111111-2222-4333-8444-555555555555" };
    expect(accessFromSignIn(signedIn({ groups: ["11111111-2222-4333-8444-555555555555"] }), groups).roles).toEqual([
      "manager",
    ]);
    for (const state of [
      signedIn(),
      signedIn({ roles: [] }),
      signedIn({ roles: ["Other.App.Role"] }),
      { status: "signed-out" } as const,
      { status: "signing-in" } as const,
      { status: "error", message: "x" } as const,
    ]) {
      const access = accessFromSignIn(state, groups);
      expect(access.hasNoRole).toBe(true);
      expect(access.mayRecordAnything).toBe(false);
      expect(access.isAdmin).toBe(false);
    }
  });

  it("follows the sign-in: no role until signed in, the token's roles after, none again after signing out", () => {
    let state: SignInState = { status: "signed-out" };
    const listeners = new Set<() => void>();
    const signIn = {
      state: () => state,
      subscribe: (l: () => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const change = (s: SignInState) => {
      state = s;
      for (const l of listeners) l();
    };
    const seen: (readonly Role[])[] = [];
    const stop = followSignInRoles(signIn, { setAccess: (a) => seen.push(a.roles) });
    expect(seen).toEqual([[]]);
    change(signedIn({ roles: ["Csm.Manager"] }));
    change(signedIn({ roles: ["Csm.Manager"] })); // the same roles: not set again
    change({ status: "signed-out" });
    expect(seen).toEqual([[], ["manager"], []]);
    stop();
    change(signedIn({ roles: ["Csm.Admin"] }));
    expect(seen).toHaveLength(3);
  });

  it("reads the deployment's role groups and says what is wrong with a malformed value", () => {
    const id = "11111111-2222-4333-8444-555555555555";
    expect(parseRoleGroups(` Manager=${id} ; dpo=${id.toUpperCase()},,nobody=${id}`)).toEqual({
      manager: id,
      dpo: id.toUpperCase(),
    });
    expect(roleGroupsProblems(`manager=${id},records-officer=${id}`)).toEqual([]);
    expect(roleGroupsProblems("")).toEqual([]);
    expect(roleGroupsProblems(`boss=${id},manager=sales`)).toEqual([
      '"boss" is not a role: use caseworker, manager, dpo, records-officer, admin.',
      "The group for manager must be the group's object ID (a GUID).",
    ]);
  });
});
