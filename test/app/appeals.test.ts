/**
 * Issue 13 Deliver 2: appeals / reconsideration. Every rule of app/appeals.ts, the consequence each
 * outcome writes to the record (so the fold stays right), and the separation-of-duties refusal.
 */
import { MemoryAppealStore } from "../../src/adapters/local/appeal-store";
import {
  AppealRefusedError,
  AppealService,
  appealableDecisions,
  type AppealCode,
  type AppealDecisionRequest,
} from "../../src/app/appeals";
import { Access } from "../../src/app/roles";
import {
  aLift,
  aPerson,
  aReview,
  aStrategy,
  aWarning,
  causesConsidered,
  MATTER,
  OFFICER,
  PERSON,
  phoneWindow,
  spoc,
  STRATEGY,
  writtenOnly,
} from "../builders";
import { makeWorld, type World } from "./world";

const APPROVER = "manager@opcc.example";
const DECIDER = "manager.two@opcc.example";
const REVIEWER = "manager.three@opcc.example";

interface Setup {
  readonly w: World;
  readonly appeals: AppealService;
  readonly store: MemoryAppealStore;
}

async function setup(): Promise<Setup> {
  const w = makeWorld("2026-11-03T09:30:00Z");
  const at = (d: string) => ({ at: `2026-10-${d}T09:00:00Z` });
  for (const e of [
    aPerson({}, { id: "reg", ...at("01") }),
    causesConsidered({}, { id: "causes", ...at("02") }),
    aWarning({ matterRef: MATTER }, { id: "warn-1", ...at("03") }),
    aStrategy(
      {
        restrictions: [spoc(), writtenOnly(["email"]), phoneWindow()].slice(0, 2),
        approvedBy: APPROVER,
        notifiedOn: "2026-10-10",
        reviewDue: "2027-01-09",
      },
      { id: "imposed", by: OFFICER, ...at("10") },
    ),
  ])
    await w.store.append(e);
  await w.record.load();
  const store = new MemoryAppealStore();
  return { w, store, appeals: new AppealService(store, w.record, w.clock, w.ids) };
}

async function refusal(p: Promise<unknown>): Promise<AppealCode[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppealRefusedError) return e.codes;
    throw e;
  }
  throw new Error("expected a refusal");
}

const request = (over: Partial<Parameters<AppealService["recordAppeal"]>[0]> = {}) => ({
  personId: PERSON,
  decisionEventId: "imposed",
  askedBy: "Alex Person",
  grounds: "I only phoned because nobody answered my emails.",
  receivedOn: "2026-11-01",
  ...over,
});

const decision = (appealId: string, over: Partial<AppealDecisionRequest> = {}): AppealDecisionRequest => ({
  personId: PERSON,
  appealId,
  outcome: "upheld",
  rationale: "The calls continued after the warning.",
  decidedOn: "2026-11-03",
  ...over,
});

describe("recording an appeal", () => {
  it("records who asked, which decision, the grounds and the date, and lists it", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    expect(a).toMatchObject({ type: "AppealReceived", decisionType: "StrategyImposed", receivedOn: "2026-11-01" });
    const views = await appeals.list(PERSON);
    expect(views).toHaveLength(1);
    expect(views[0]!.decided).toBeNull();
    expect(views[0]!.decision?.event.id).toBe("imposed");
  });

  it("refuses a decision that is not on the person's record", async () => {
    const { appeals, store } = await setup();
    expect(await refusal(appeals.recordAppeal(request({ decisionEventId: "nope" }), OFFICER))).toContain(
      "E_APPEAL_UNKNOWN_DECISION",
    );
    expect(store.all()).toHaveLength(0);
  });

  it("refuses an event that is not a warning or strategy decision", async () => {
    const { appeals } = await setup();
    expect(await refusal(appeals.recordAppeal(request({ decisionEventId: "causes" }), OFFICER))).toEqual([
      "E_APPEAL_NOT_A_DECISION",
    ]);
  });

  it("refuses a retracted decision", async () => {
    const { w, appeals } = await setup();
    await w.record.record([
      {
        id: "ret",
        type: "EventRetracted",
        personId: PERSON,
        at: "2026-10-20T09:00:00Z",
        by: APPROVER,
        data: { eventId: "warn-1", reason: "Wrong person." },
      },
    ]);
    expect(await refusal(appeals.recordAppeal(request({ decisionEventId: "warn-1" }), OFFICER))).toEqual([
      "E_APPEAL_RETRACTED",
    ]);
  });

  it("refuses a strategy that has been lifted", async () => {
    const { w, appeals } = await setup();
    await w.store.append(aLift({}, { id: "lift", at: "2026-10-20T09:00:00Z", by: APPROVER }));
    await w.record.load();
    expect(await refusal(appeals.recordAppeal(request(), OFFICER))).toEqual(["E_APPEAL_STRATEGY_ENDED"]);
  });

  it("refuses a second open appeal against the same decision, and allows one once decided", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    expect(await refusal(appeals.recordAppeal(request(), OFFICER))).toEqual(["E_APPEAL_ALREADY_OPEN"]);
    await appeals.decideAppeal(decision(a.id), DECIDER);
    await expect(appeals.recordAppeal(request({ receivedOn: "2026-11-03" }), OFFICER)).resolves.toBeDefined();
  });

  it.each([
    ["not a date", "1 Nov"],
    ["in the future", "2026-11-04"],
    ["before the decision", "2026-10-09"],
  ])("refuses a received date %s", async (_, receivedOn) => {
    const { appeals } = await setup();
    expect(await refusal(appeals.recordAppeal(request({ receivedOn }), OFFICER))).toEqual(["E_APPEAL_DATE"]);
  });

  it("refuses blank grounds and blank asker", async () => {
    const { appeals } = await setup();
    const err = await appeals.recordAppeal(request({ grounds: "  ", askedBy: "" }), OFFICER).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppealRefusedError);
    expect((err as AppealRefusedError).problems.map((p) => p.field)).toEqual(["askedBy", "grounds"]);
  });

  it("refuses a member of staff with no casework role", async () => {
    const { w, appeals } = await setup();
    w.record.setAccess(new Access(["dpo"]));
    await expect(appeals.recordAppeal(request(), OFFICER)).rejects.toMatchObject({ code: "E_ROLE_NOT_ALLOWED" });
  });

  it("offers only decisions that can be appealed", async () => {
    const { w } = await setup();
    expect(appealableDecisions(w.record.index, PERSON).map((l) => l.event.id)).toEqual(["warn-1", "imposed"]);
  });
});

describe("deciding an appeal", () => {
  it("refuses the member of staff who imposed the strategy (separation of duties)", async () => {
    const { appeals, store } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    const err = await appeals.decideAppeal(decision(a.id), OFFICER.toUpperCase()).catch((e: unknown) => e);
    expect((err as AppealRefusedError).codes).toEqual(["E_APPEAL_DECIDER_INVOLVED"]);
    expect((err as AppealRefusedError).problems[0]!.message).toMatch(/not involved.*Ask another manager/);
    expect(store.all()).toHaveLength(1);
  });

  it("refuses the manager who approved the strategy", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    const err = await appeals.decideAppeal(decision(a.id), APPROVER).catch((e: unknown) => e);
    expect((err as AppealRefusedError).codes).toEqual(["E_APPEAL_DECIDER_INVOLVED"]);
    expect((err as AppealRefusedError).problems[0]!.message).toMatch(/^You approved/);
  });

  it("refuses the reviewer, the imposer and the approver for an appeal against a review", async () => {
    const { w, appeals } = await setup();
    await w.store.append(aReview({}, { id: "rev", at: "2026-10-20T09:00:00Z", by: REVIEWER }));
    await w.record.load();
    const a = await appeals.recordAppeal(request({ decisionEventId: "rev" }), OFFICER);
    for (const who of [REVIEWER, OFFICER, APPROVER])
      expect(await refusal(appeals.decideAppeal(decision(a.id), who))).toEqual(["E_APPEAL_DECIDER_INVOLVED"]);
    await expect(appeals.decideAppeal(decision(a.id), DECIDER)).resolves.toMatchObject({ outcome: "upheld" });
  });

  it("refuses the officer who issued a warning", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request({ decisionEventId: "warn-1" }), OFFICER);
    expect(await refusal(appeals.decideAppeal(decision(a.id), OFFICER))).toEqual(["E_APPEAL_DECIDER_INVOLVED"]);
  });

  it("upheld: stores the decision and writes nothing to the record", async () => {
    const { w, appeals } = await setup();
    const before = (await w.events()).length;
    const a = await appeals.recordAppeal(request(), OFFICER);
    const d = await appeals.decideAppeal(decision(a.id), DECIDER);
    expect(d.recordEventId).toBeUndefined();
    expect((await w.events()).length).toBe(before);
    expect((await appeals.list(PERSON))[0]!.decided?.outcome).toBe("upheld");
  });

  it("overturned strategy: lifts it in the record, so the person is no longer restricted", async () => {
    const { w, appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    const d = await appeals.decideAppeal(decision(a.id, { outcome: "overturned" }), DECIDER);
    const lifted = (await w.events()).find((e) => e.id === d.recordEventId);
    expect(lifted).toMatchObject({ type: "StrategyLifted", by: DECIDER, data: { strategyId: STRATEGY } });
    expect(w.record.index.person(PERSON).strategies.get(STRATEGY)?.active).toBe(false);
  });

  it("overturned warning: retracts it in the record", async () => {
    const { w, appeals } = await setup();
    await w.store.append(aLift({}, { id: "lift", at: "2026-10-20T09:00:00Z", by: APPROVER }));
    await w.record.load();
    const a = await appeals.recordAppeal(request({ decisionEventId: "warn-1" }), OFFICER);
    const d = await appeals.decideAppeal(decision(a.id, { outcome: "overturned" }), DECIDER);
    const ev = (await w.events()).find((e) => e.id === d.recordEventId);
    expect(ev).toMatchObject({ type: "EventRetracted", data: { eventId: "warn-1" } });
    expect(w.record.index.isRetracted("warn-1")).toBe(true);
  });

  it("refuses to overturn the only warning an active strategy rests on (9.3)", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request({ decisionEventId: "warn-1" }), OFFICER);
    expect(await refusal(appeals.decideAppeal(decision(a.id, { outcome: "overturned" }), DECIDER))).toEqual([
      "E_APPEAL_WARNING_IN_USE",
    ]);
  });

  it("varied: keeps the ticked restrictions with StrategyVaried", async () => {
    const { w, appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    const d = await appeals.decideAppeal(decision(a.id, { outcome: "varied", keep: [0] }), DECIDER);
    expect(d.restrictions).toEqual([spoc()]);
    expect(w.record.index.person(PERSON).strategies.get(STRATEGY)?.restrictions).toEqual([spoc()]);
  });

  it.each([
    ["none kept", []],
    ["all kept", [0, 1]],
  ])("varied with %s is refused", async (_, keep) => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    expect(await refusal(appeals.decideAppeal(decision(a.id, { outcome: "varied", keep }), DECIDER))).toEqual([
      "E_APPEAL_VARY",
    ]);
  });

  it("a warning cannot be varied", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request({ decisionEventId: "warn-1" }), OFFICER);
    expect(await refusal(appeals.decideAppeal(decision(a.id, { outcome: "varied", keep: [0] }), DECIDER))).toEqual([
      "E_APPEAL_VARY",
    ]);
  });

  it("an appeal is decided once", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    await appeals.decideAppeal(decision(a.id), DECIDER);
    expect(await refusal(appeals.decideAppeal(decision(a.id, { outcome: "overturned" }), DECIDER))).toEqual([
      "E_APPEAL_DECIDED",
    ]);
  });

  it("refuses an unknown appeal", async () => {
    const { appeals } = await setup();
    expect(await refusal(appeals.decideAppeal(decision("appeal-x"), DECIDER))).toEqual(["E_APPEAL_UNKNOWN"]);
  });

  it.each([
    ["in the future", "2026-11-04"],
    ["before the request arrived", "2026-10-31"],
    ["not a date", "soon"],
  ])("refuses a decision date %s", async (_, decidedOn) => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    expect(await refusal(appeals.decideAppeal(decision(a.id, { decidedOn }), DECIDER))).toEqual(["E_APPEAL_DATE"]);
  });

  it("refuses blank reasons", async () => {
    const { appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    expect(await refusal(appeals.decideAppeal(decision(a.id, { rationale: " " }), DECIDER))).toEqual(["E_APPEAL_TEXT"]);
  });

  it("only a manager may decide", async () => {
    const { w, appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    w.record.setAccess(new Access(["caseworker"]));
    await expect(appeals.decideAppeal(decision(a.id), DECIDER)).rejects.toMatchObject({ code: "E_ROLE_NOT_ALLOWED" });
  });

  it("a strategy lifted while the appeal waited can only be upheld", async () => {
    const { w, appeals } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    await w.store.append(aLift({}, { id: "lift", at: "2026-11-02T09:00:00Z", by: APPROVER }));
    await w.record.load();
    expect(await refusal(appeals.decideAppeal(decision(a.id, { outcome: "overturned" }), DECIDER))).toEqual([
      "E_APPEAL_STRATEGY_ENDED",
    ]);
    await expect(appeals.decideAppeal(decision(a.id), DECIDER)).resolves.toMatchObject({ outcome: "upheld" });
  });

  it("a retry after the record write adds nothing twice", async () => {
    const { w, appeals, store } = await setup();
    const a = await appeals.recordAppeal(request(), OFFICER);
    const failing = jest.spyOn(store, "append").mockRejectedValueOnce(new Error("network"));
    await expect(appeals.decideAppeal(decision(a.id, { outcome: "overturned" }), DECIDER)).rejects.toThrow("network");
    failing.mockRestore();
    expect((await appeals.list(PERSON))[0]!.decided).toBeNull();
    // The strategy was lifted by the first attempt; a different outcome now is refused, the same one completes.
    expect(await refusal(appeals.decideAppeal(decision(a.id), DECIDER))).toEqual(["E_APPEAL_DECIDED"]);
    const d = await appeals.decideAppeal(decision(a.id, { outcome: "overturned" }), DECIDER);
    const lifts = (await w.events()).filter((e) => e.type === "StrategyLifted");
    expect(lifts.map((e) => e.id)).toEqual([d.recordEventId]);
  });
});
