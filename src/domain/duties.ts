/**
 * Separation of duties: checks on writing that the product applies to what staff record through
 * it (RecordService.record, the app's one write path). They are not record-format §8 checks:
 * `csm validate` does not run them, sync and imports are not held to them, and a record written
 * before them stays valid. Each refusal has a code and a sentence in plain English addressed to
 * the member of staff recording (the event's `by`). docs/record-rules.md states them for people.
 *
 * - E_SELF_APPROVAL (9.4–9.6): restricting contact is a decision that must be fair, reasonable and
 *   proportionate (9.5); the record names who approved it (`approvedBy`), and that is a manager
 *   other than the member of staff proposing it (`by`).
 * - E_REVIEWER_INVOLVED (9.12): a review decides whether the strategy is still appropriate, so it
 *   is decided by someone who neither imposed (`by`) nor approved (`approvedBy`) the strategy under
 *   review. Strict: there is no exception for a small team. A person's own request to reconsider a
 *   decision (an appeal) is kept outside the record, in the app's appeals log, with the same rule
 *   for whoever decides it (src/app/appeals.ts, E_APPEAL_DECIDER_INVOLVED).
 * - E_DPO_IS_REQUESTER (9.15): staff consult the Data Protection Officer before sharing; the DPO
 *   named (`dpoName`) is someone other than the member of staff asking to share (`by`).
 *
 * People are compared as written, ignoring case and surrounding spaces (UPNs and email addresses
 * are case-insensitive). An event whose id is already on the record is not checked again: the
 * store decides whether it is the same event (a retry) or a conflicting one (E_DUPLICATE_ID).
 */
import type { RecordEvent } from "./events";
import type { RecordIndex } from "./record";

export const DUTY_CODES = ["E_SELF_APPROVAL", "E_REVIEWER_INVOLVED", "E_DPO_IS_REQUESTER"] as const;
export type DutyCode = (typeof DUTY_CODES)[number];

export interface DutyError {
  readonly code: DutyCode;
  readonly message: string;
  readonly field?: string;
}

/** Thrown by the app layer when an event staff write would break a separation of duties. */
export class DutyRefusedError extends Error {
  readonly errors: readonly DutyError[];
  constructor(errors: readonly DutyError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join("; "));
    this.name = "DutyRefusedError";
    this.errors = errors;
  }
  get codes(): DutyCode[] {
    return this.errors.map((e) => e.code);
  }
}

/** Whether two written names of staff are the same person (case and surrounding spaces ignored). */
export const samePerson = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.trim() !== "" && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The separation-of-duties refusals for one event about to be written over `index`; empty when none. */
export function checkDuties(event: RecordEvent, index: RecordIndex): DutyError[] {
  if (index.eventsOf(event.personId).some((l) => l.event.id === event.id)) return [];
  switch (event.type) {
    case "StrategyImposed":
      if (samePerson(event.data.approvedBy, event.by))
        return [
          {
            code: "E_SELF_APPROVAL",
            field: "data.approvedBy",
            message:
              "You cannot approve a strategy you are proposing. Name the manager who approved it (separation of duties, policy 9.4–9.6).",
          },
        ];
      return [];
    case "StrategyReviewed": {
      const strategy = index.person(event.personId).strategies.get(event.data.strategyId);
      if (!strategy) return []; // §8 refuses it (E_UNKNOWN_STRATEGY)
      const imposed = strategy.imposed;
      const role = samePerson(imposed.by, event.by)
        ? "imposed"
        : samePerson(imposed.data.approvedBy, event.by)
          ? "approved"
          : null;
      if (role === null) return [];
      return [
        {
          code: "E_REVIEWER_INVOLVED",
          message: `You ${role} this strategy, so you cannot review it: a review is decided by someone not involved in the decision (policy 9.12). Ask another manager to carry out the review.`,
        },
      ];
    }
    case "SharingRecorded":
      if (samePerson(event.data.dpoName, event.by))
        return [
          {
            code: "E_DPO_IS_REQUESTER",
            field: "data.dpoName",
            message:
              "You cannot name yourself as the Data Protection Officer for sharing you are asking for. Name the DPO who gave the advice (policy 9.15).",
          },
        ];
      return [];
    default:
      return [];
  }
}
