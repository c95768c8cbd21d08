/**
 * What an appeal form shows when recording fails: an AppealRefusedError's problems under their
 * fields (a field with two gets both, in order) and the rest in the summary; any other error with
 * problems (app/action-errors) in the summary; anything else as "could not be recorded: … Try again."
 */
import { problemsOf } from "../../../app/action-errors";
import { AppealRefusedError } from "../../../app/appeals";

export interface RefusalView {
  readonly errors: Record<string, string>;
  readonly summary: string;
}

/**
 * @param notYet the summary when every problem belongs to a field ("The appeal is not recorded yet: …")
 * @param failed the start of the summary for an unexpected error ("The appeal could not be recorded")
 */
export function refusalView(err: unknown, notYet: string, failed: string): RefusalView {
  if (err instanceof AppealRefusedError) {
    const errors: Record<string, string> = {};
    const rest: string[] = [];
    for (const p of err.problems) {
      if (p.field) errors[p.field] = errors[p.field] ? `${errors[p.field]} ${p.message}` : p.message;
      else rest.push(p.message);
    }
    return { errors, summary: rest.length > 0 ? rest.join(" ") : notYet };
  }
  const problems = problemsOf(err);
  return {
    errors: {},
    summary: problems
      ? problems.map((p) => p.message).join(" ")
      : `${failed}: ${err instanceof Error ? err.message : String(err)}. Try again.`,
  };
}
