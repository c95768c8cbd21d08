/** The checks on writing (record-format §8) as data: a code, and a message a member of staff can act on. */
export const ERROR_CODES = [
  "E_SCHEMA",
  "E_DUPLICATE_ID",
  "E_UNKNOWN_PERSON",
  "E_UNKNOWN_STRATEGY",
  "E_STRATEGY_EXISTS",
  "E_UNKNOWN_BREACH",
  "E_UNKNOWN_CONTACT",
  "E_UNKNOWN_EVENT",
  "E_BEHAVIOUR_KIND",
  "E_REVIEW_TOO_FAR",
  "E_NO_WARNING",
  "E_NO_CAUSES",
  "E_ADJUSTMENT_CONFLICT",
  "E_DPO_NOT_CONSULTED",
  "E_NO_STRATEGY_HISTORY",
] as const;
/**
 * Checks on writing that need the organisation's email domains (organisation.ts): the Microsoft 365
 * mode applies them where it knows the domains. They are not record-format §8 checks and `csm`
 * never reports them.
 */
export const ORGANISATION_CODES = [
  "E_ORGANISATION_ADDRESS",
  "E_BLOCKED_ORGANISATION",
  "E_OUTSIDE_ORGANISATION",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number] | (typeof ORGANISATION_CODES)[number];

export interface RecordError {
  readonly code: ErrorCode;
  readonly message: string;
  /** The field path the error is about (`data.restrictions[0].windows`), where there is one. */
  readonly field?: string;
}

/** Thrown by stores when an append is refused; carries every reason. */
export class RecordRejectedError extends Error {
  readonly errors: readonly RecordError[];
  constructor(errors: readonly RecordError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join("; "));
    this.name = "RecordRejectedError";
    this.errors = errors;
  }
  get codes(): ErrorCode[] {
    return this.errors.map((e) => e.code);
  }
}
