/**
 * Separation of duties (domain/duties.ts, docs/record-rules.md): each duty refused and allowed,
 * over a log where officer.one imposed the strategy and manager@opcc.example approved it.
 */
import { checkDuties, DUTY_CODES, validateLog, type RecordEvent } from "../../src/domain";
import {
  aReview,
  aSharing,
  aStrategy,
  after,
  indexOf,
  OFFICER,
  OTHER_OFFICER,
  PERSON,
  restrictedPerson,
  STRATEGY,
} from "../builders";

const T = "2026-10-29T09:00:00Z"; // restrictedPerson() imposes S-1 at T, by OFFICER, approved by APPROVER
const APPROVER = "manager@opcc.example";
const REVIEWER = "manager.two@opcc.example";
const later = { at: after(T, 60) };
const log = (): RecordEvent[] => restrictedPerson({ imposedAt: T });
const beforeImposition = (): RecordEvent[] => log().slice(0, 4);

interface Case {
  readonly name: string;
  /** The log the event is written over. */
  readonly over: () => RecordEvent[];
  readonly event: () => RecordEvent;
  /** The refusal's code, or null when the event is allowed. */
  readonly refused: (typeof DUTY_CODES)[number] | null;
  readonly field?: string;
  readonly message?: RegExp;
}

const CASES: Case[] = [
  // E_SELF_APPROVAL (9.4–9.6): the approver is not the proposer.
  {
    name: "a strategy approved by the member of staff proposing it",
    over: beforeImposition,
    event: () => aStrategy({ approvedBy: OFFICER }, { at: T, by: OFFICER }),
    refused: "E_SELF_APPROVAL",
    field: "data.approvedBy",
    message: /^You cannot approve a strategy you are proposing\. Name the manager who approved it .*9\.4–9\.6/,
  },
  {
    name: "a self-approval written with other case and spaces",
    over: beforeImposition,
    event: () => aStrategy({ approvedBy: "  Officer.One@OPCC.example " }, { at: T, by: OFFICER }),
    refused: "E_SELF_APPROVAL",
    field: "data.approvedBy",
  },
  {
    name: "a strategy approved by a manager other than the proposer",
    over: beforeImposition,
    event: () => aStrategy({ approvedBy: APPROVER }, { at: T, by: OFFICER }),
    refused: null,
  },
  // E_REVIEWER_INVOLVED (9.12): the review (the challenge of the decision) is decided by someone not involved.
  {
    name: "a review by the member of staff who imposed the strategy",
    over: log,
    event: () => aReview({}, { ...later, by: OFFICER }),
    refused: "E_REVIEWER_INVOLVED",
    message: /^You imposed this strategy, so you cannot review it: .*policy 9\.12\)\. Ask another manager/,
  },
  {
    name: "a review by the manager who approved the strategy",
    over: log,
    event: () => aReview({}, { ...later, by: APPROVER.toUpperCase() }),
    refused: "E_REVIEWER_INVOLVED",
    message: /^You approved this strategy, so you cannot review it/,
  },
  {
    name: "a lift on review by the imposer (the outcome does not matter)",
    over: log,
    event: () =>
      aReview({ outcome: "lift", rationale: "Better.", nextReviewDue: undefined }, { ...later, by: OFFICER }),
    refused: "E_REVIEWER_INVOLVED",
  },
  {
    name: "a vary on review by the approver",
    over: log,
    event: () =>
      aReview(
        { outcome: "vary", restrictions: [{ kind: "call-recording" }], rationale: "Less needed." },
        { ...later, by: APPROVER },
      ),
    refused: "E_REVIEWER_INVOLVED",
  },
  {
    name: "a review (continue) by a manager involved in neither",
    over: log,
    event: () => aReview({}, { ...later, by: REVIEWER }),
    refused: null,
  },
  {
    name: "a review outcome that lifts, by a member of staff involved in neither",
    over: log,
    event: () =>
      aReview({ outcome: "lift", rationale: "Better.", nextReviewDue: undefined }, { ...later, by: OTHER_OFFICER }),
    refused: null,
  },
  {
    name: "a review of a strategy that was never imposed (left to §8: E_UNKNOWN_STRATEGY)",
    over: beforeImposition,
    event: () => aReview({ strategyId: "S-nope" }, { ...later, by: OFFICER }),
    refused: null,
  },
  // E_DPO_IS_REQUESTER (9.15): the DPO named is not the requester.
  {
    name: "sharing that names the requester as the DPO",
    over: log,
    event: () => aSharing({ dpoName: OFFICER }, { ...later, by: OFFICER }),
    refused: "E_DPO_IS_REQUESTER",
    field: "data.dpoName",
    message: /^You cannot name yourself as the Data Protection Officer .*policy 9\.15/,
  },
  {
    name: "sharing that names another person as the DPO",
    over: log,
    event: () => aSharing({ dpoName: "dpo@opcc.example" }, { ...later, by: OFFICER }),
    refused: null,
  },
  // Other events are not held to a duty, whoever writes them.
  {
    name: "a lift by the member of staff who imposed the strategy (roles decide who may lift)",
    over: log,
    event: () => ({
      id: "lift-1",
      type: "StrategyLifted",
      personId: PERSON,
      at: later.at,
      by: OFFICER,
      data: { strategyId: STRATEGY, reason: "No longer needed." },
    }),
    refused: null,
  },
];

describe("separation of duties on writing", () => {
  it.each(CASES)("$name", (c) => {
    const index = indexOf(c.over());
    const event = c.event();
    const errors = checkDuties(event, index);
    if (c.refused === null) {
      expect(errors).toEqual([]);
      return;
    }
    expect(errors.map((e) => e.code)).toEqual([c.refused]);
    expect(errors[0]?.field).toBe(c.field);
    if (c.message) expect(errors[0]?.message).toMatch(c.message);
  });

  it("every duty code has a refused case and an allowed case above", () => {
    for (const code of DUTY_CODES) expect(CASES.some((c) => c.refused === code)).toBe(true);
    expect(CASES.filter((c) => c.refused === null).length).toBeGreaterThanOrEqual(DUTY_CODES.length);
  });

  it("does not check again an event already on the record (a retry; the store decides)", () => {
    const review = aReview({}, { ...later, by: OFFICER });
    const index = indexOf([...log(), aReview({}, { ...later, by: REVIEWER, id: review.id })]);
    expect(checkDuties(review, index)).toEqual([]);
  });

  it("is not a record-format §8 check: csm's validation accepts a self-approved, self-reviewed record", () => {
    const events = [
      ...beforeImposition(),
      aStrategy({ approvedBy: OFFICER }, { at: T, by: OFFICER }),
      aReview({}, { ...later, by: OFFICER }),
      aSharing({ dpoName: OFFICER }, { at: after(T, 90), by: OFFICER }),
    ];
    const v = validateLog(events.map((value, i) => ({ line: i + 1, value })));
    expect(v.errors).toEqual([]);
  });
});
