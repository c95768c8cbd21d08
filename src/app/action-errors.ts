/**
 * Why an action could not be recorded, as data the UI can put beside the right field. The
 * domain's refusals arrive as RecordRejectedError (record-format §8); a few steps of the policy
 * ask for more than the record format requires (7.3: say what will be done about any "no"), and
 * those arrive as ActionInputError; the separation of duties (domain/duties.ts) arrives as
 * DutyRefusedError; restrictions that clash with each other or with a needed adjustment
 * (domain/combinations.ts) arrive as CombinationRefusedError. `problemsOf` reads any of them.
 */
import {
  CombinationRefusedError,
  DutyRefusedError,
  RecordRejectedError,
  type CombinationCode,
  type DutyCode,
  type ErrorCode,
} from "../domain";
import { RoleRefusedError } from "./roles";

export interface Problem {
  /** The field path (`data.reviewDue`, `data.restrictions[0].windows[0].to`, `at`), when there is one. */
  readonly field?: string;
  /** The domain's error code (§8, a separation of duties or a restriction combination), a role refusal, or `input` for a policy step's own check. */
  readonly code: ErrorCode | DutyCode | CombinationCode | "E_ROLE_NOT_ALLOWED" | "input";
  /** Plain English, without the field path prefix. */
  readonly message: string;
}

export class ActionInputError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map((p) => p.message).join("; "));
    this.name = "ActionInputError";
    this.problems = problems;
  }
}

/** `data.summary: must not be blank` → `must not be blank`. */
export function withoutFieldPrefix(message: string, field: string | undefined): string {
  if (field !== undefined && message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  return message;
}

/** The problems an error carries, or null when it is not a refusal (a network failure, a bug). */
export function problemsOf(error: unknown): Problem[] | null {
  if (error instanceof ActionInputError) return [...error.problems];
  if (error instanceof RoleRefusedError) return [{ code: error.code, message: error.message }];
  if (
    error instanceof RecordRejectedError ||
    error instanceof DutyRefusedError ||
    error instanceof CombinationRefusedError
  ) {
    return error.errors.map((e) => {
      const message = withoutFieldPrefix(e.message, e.field);
      return e.field === undefined ? { code: e.code, message } : { field: e.field, code: e.code, message };
    });
  }
  return null;
}
