/** Restriction combinations in the write path: RecordService refuses a clash before anything is appended. */
import * as A from "../../src/app/actions";
import { problemsOf } from "../../src/app/action-errors";
import { CombinationRefusedError, type Restriction } from "../../src/domain";
import { MATTER, PERSON_EMAIL, restricted, warned } from "./ladder-fixture";
import { makeWorld } from "./world";

const callsAndWrittenOnly: Restriction[] = [
  { kind: "phone-window", windows: [{ day: "tue", from: "10:00", to: "12:00" }] },
  { kind: "written-only", allowed: ["email", "post"] },
];

const impose = (personId: string, restrictions: readonly Restriction[], equalityAdvice?: string) => ({
  personId,
  matterRef: MATTER,
  reason: "Abusive calls and emails.",
  restrictions,
  proportionality: "The least that will work.",
  approvedBy: "manager@opcc.example",
  notifiedOn: "2026-11-03",
  notifiedBy: "email" as const,
  equalityAdvice,
});

describe("restriction combinations when staff record a strategy", () => {
  it("refuses an imposition whose restrictions contradict each other, naming both and 9.9; nothing is appended", async () => {
    const w = makeWorld();
    const personId = await warned(w);
    const before = (await w.events()).length;
    const refusal = await A.imposeStrategy(w.ctx(), impose(personId, callsAndWrittenOnly)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CombinationRefusedError);
    expect(problemsOf(refusal)).toEqual([
      {
        code: "E_CLASH_CALLS_WRITTEN_ONLY",
        field: "data.restrictions[1]",
        message: expect.stringMatching(
          /^“Phone calls only at agreed times” cannot go with “Written contact only \(email or post\)”: .*no telephone calls are taken\. .*\(9\.6, 9\.9\)$/,
        ),
      },
    ]);
    expect(await w.events()).toHaveLength(before);
  });

  it("blocking their only email while they need contact in writing needs equality advice (8.4, 9.13–9.14)", async () => {
    const w = makeWorld();
    const personId = await warned(w);
    await A.recordNeeds(w.ctx(), { personId, adjustments: [{ kind: "written-contact" }], source: "self-declared" });
    const blocked: Restriction[] = [{ kind: "blocked-addresses", addresses: [PERSON_EMAIL] }];
    const refusal = await A.imposeStrategy(w.ctx(), impose(personId, blocked)).catch((e: unknown) => e);
    expect(problemsOf(refusal)).toEqual([
      expect.objectContaining({ code: "E_CLASH_BLOCKED_WRITTEN_NEED", field: "data.equalityAdvice" }),
    ]);
    const ok = await A.imposeStrategy(w.ctx(), impose(personId, blocked, "Equality lead: letters by post meet it."));
    expect(ok.data.restrictions).toEqual(blocked);
  });

  it("refuses a variation and a vary review that would clash, and keeps the strategy as it was", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    const vary = A.varyStrategy(w.ctx(), {
      personId,
      strategyId,
      restrictions: callsAndWrittenOnly,
      reason: "Calls too.",
      notifiedOn: "2026-11-04",
    });
    await expect(vary).rejects.toBeInstanceOf(CombinationRefusedError);
    // Reviewed by a manager not involved in the decision (separation of duties, 9.12).
    const review = A.reviewStrategy(w.ctx("manager.two@opcc.example"), {
      personId,
      strategyId,
      outcome: "vary",
      rationale: "Calls too.",
      restrictions: [{ kind: "call-recording" }, { kind: "written-only", allowed: ["post"] }],
    });
    await expect(review).rejects.toMatchObject({ codes: ["E_CLASH_RECORDING_WRITTEN_ONLY"] });
    expect(w.record.index.person(personId).strategies.get(strategyId)?.restrictions).toEqual([
      { kind: "single-point-of-contact", staff: "officer.one@opcc.example" },
    ]);
    // A combination that is allowed goes through.
    await A.varyStrategy(w.ctx(), {
      personId,
      strategyId,
      restrictions: [
        { kind: "single-point-of-contact", staff: "officer.one@opcc.example" },
        { kind: "written-only", allowed: ["email", "post"] },
      ],
      reason: "Calls have been abusive.",
      notifiedOn: "2026-11-04",
    });
    expect(w.record.index.person(personId).strategies.get(strategyId)?.restrictions).toHaveLength(2);
  });

  it("is not a record-format §8 check: the store itself still accepts such an event (csm validate is unchanged)", async () => {
    const w = makeWorld();
    const personId = await warned(w);
    const outcome = await w.store.append({
      id: "S-imported",
      type: "StrategyImposed",
      personId,
      at: "2026-11-03T12:00:00Z",
      by: "officer.one@opcc.example",
      data: { ...impose(personId, callsAndWrittenOnly), strategyId: "S-imported", reviewDue: "2027-01-01" },
    } as never);
    expect(outcome).toBe("appended");
  });
});
