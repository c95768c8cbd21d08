/** The role → permission table (app/roles.ts): every role against every event type, and roles from token claims. */
import {
  Access,
  APP_ROLE_VALUES,
  MAY_RECORD,
  mayTakeStep,
  RoleRefusedError,
  ROLES,
  rolesFromClaims,
  type Role,
} from "../../src/app/roles";
import { STEP_IDS } from "../../src/app/guidance";
import { EVENT_TYPES, type EventType } from "../../src/domain";

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
