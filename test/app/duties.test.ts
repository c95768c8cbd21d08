/**
 * The separation of duties on the staff write path (RecordService.record, through the use cases):
 * a refusal is a DutyRefusedError the forms read with problemsOf, and nothing is appended.
 */
import { problemsOf } from "../../src/app/action-errors";
import * as A from "../../src/app/actions";
import { DutyRefusedError, RecordRejectedError, type RecordEvent } from "../../src/domain";
import { APPROVER, MATTER, restricted, REVIEWER, SPOC, warned } from "./ladder-fixture";
import { makeWorld, type World } from "./world";

const impose = (w: World, personId: string, approvedBy: string) =>
  A.imposeStrategy(w.ctx(), {
    personId,
    matterRef: MATTER,
    reason: "Persistent demands for updates.",
    restrictions: [{ kind: "single-point-of-contact", staff: SPOC }],
    proportionality: "Least restrictive option.",
    approvedBy,
    notifiedOn: "2026-11-03",
    notifiedBy: "email",
  });

const review = (w: World, by: string, personId: string, strategyId: string) =>
  A.reviewStrategy(w.ctx(by), { personId, strategyId, outcome: "continue", rationale: "Still needed." });

const share = (w: World, by: string, personId: string, dpoName: string) =>
  A.recordSharing(w.ctx(by), {
    personId,
    partner: "Cleveland Police",
    purpose: "Officer safety.",
    lawfulBasis: "Public task.",
    dpoConsulted: true,
    dpoName,
  });

const REFUSED_TYPE: Record<string, RecordEvent["type"]> = {
  E_SELF_APPROVAL: "StrategyImposed",
  E_REVIEWER_INVOLVED: "StrategyReviewed",
  E_DPO_IS_REQUESTER: "SharingRecorded",
};

interface Case {
  readonly name: string;
  readonly act: (w: World) => Promise<unknown>;
  readonly refused: { code: string; field?: string } | null;
}

const CASES: Case[] = [
  {
    name: "impose, approved by the proposer",
    act: async (w) => impose(w, await warned(w), " Officer.One@opcc.example"),
    refused: { code: "E_SELF_APPROVAL", field: "data.approvedBy" },
  },
  { name: "impose, approved by a manager", act: async (w) => impose(w, await warned(w), APPROVER), refused: null },
  {
    name: "review by the imposer",
    act: async (w) => {
      const s = await restricted(w);
      return review(w, "officer.one@opcc.example", s.personId, s.strategyId);
    },
    refused: { code: "E_REVIEWER_INVOLVED" },
  },
  {
    name: "review by the approver",
    act: async (w) => {
      const s = await restricted(w);
      return review(w, APPROVER, s.personId, s.strategyId);
    },
    refused: { code: "E_REVIEWER_INVOLVED" },
  },
  {
    name: "review by a manager not involved",
    act: async (w) => {
      const s = await restricted(w);
      return review(w, REVIEWER, s.personId, s.strategyId);
    },
    refused: null,
  },
  {
    name: "sharing naming the requester as DPO",
    act: async (w) => share(w, "officer.two@opcc.example", await warned(w), "OFFICER.TWO@opcc.example"),
    refused: { code: "E_DPO_IS_REQUESTER", field: "data.dpoName" },
  },
  {
    name: "sharing naming the DPO",
    act: async (w) => share(w, "officer.two@opcc.example", await warned(w), "Dana Protection"),
    refused: null,
  },
];

describe("separation of duties through the use cases", () => {
  it.each(CASES)("$name", async (c) => {
    const w = makeWorld();
    const error = await c.act(w).then(
      () => null,
      (e: unknown) => e,
    );
    if (c.refused === null) {
      expect(error).toBeNull();
      return;
    }
    expect(error).toBeInstanceOf(DutyRefusedError);
    expect(error).not.toBeInstanceOf(RecordRejectedError);
    const problems = problemsOf(error);
    expect(problems).toHaveLength(1);
    expect(problems?.[0]).toMatchObject(c.refused);
    expect(problems?.[0]?.message).toMatch(/^You /);
    // Nothing of the refused kind is on the record.
    expect((await w.events()).filter((e) => e.type === REFUSED_TYPE[c.refused?.code ?? ""])).toEqual([]);
  });

  it("refuses a whole batch when one event breaks a duty: nothing of it is appended", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    const count = (await w.events()).length;
    const ok: RecordEvent = {
      id: "contact-1",
      type: "ContactLogged",
      personId,
      at: "2026-11-03T10:00:00Z",
      by: REVIEWER,
      data: { contactId: "c-1", channel: "email", from: "a.person@example.org", to: [SPOC] },
    };
    const selfReview: RecordEvent = {
      id: "review-1",
      type: "StrategyReviewed",
      personId,
      at: "2026-11-03T10:01:00Z",
      by: APPROVER,
      data: { strategyId, outcome: "continue", rationale: "Still needed.", nextReviewDue: "2027-01-01" },
    };
    await expect(w.record.record([ok, selfReview])).rejects.toBeInstanceOf(DutyRefusedError);
    expect(await w.events()).toHaveLength(count);
    // The same review by someone not involved is appended, and a retry of it is a duplicate, not a refusal.
    const fair = { ...selfReview, by: REVIEWER };
    expect(await w.record.record([fair])).toEqual(["appended"]);
    expect(await w.record.record([fair])).toEqual(["duplicate"]);
  });
});
