/**
 * Checks the impose-strategy wizard runs before its last page, so staff meet a problem on the page
 * that has the field rather than after five pages:
 *
 * - `imposeProblems`: the refusals recording would give now (record-format §8 and the restriction
 *   combinations, domain/combinations.ts), found by checking the event the use case would append,
 *   without appending it and without using up an id.
 * - `missingBeforeStrategy`: the earlier steps of the policy's ladder not yet taken, said at the
 *   start: asked about assistance (8.1), what happened recorded (4.5–4.6, 6; 9.4 "if the behaviour
 *   continues"), causes considered (7.2–7.3, required), warned (9.1–9.3, or say why not).
 */
import { checkCombinations, decideAppend, type PersonState } from "../domain";
import { imposition, type ActionContext, type ImposeInput } from "./actions";
import type { Problem } from "./action-errors";
import { withoutFieldPrefix } from "./action-errors";

const CHECK_IDS = { id: "check-before-recording", strategyId: "check-before-recording" } as const;

/** Every problem recording `input` would meet now; empty when it would be recorded. */
export function imposeProblems(ctx: ActionContext, input: ImposeInput): Problem[] {
  const event = imposition(ctx, input, CHECK_IDS);
  const index = ctx.record.index;
  const decision = decideAppend(index.events, event);
  const recordErrors = decision.kind === "rejected" ? decision.errors : [];
  // Combination checks read well-formed restrictions only (as RecordService does).
  const shapeOk = !recordErrors.some((e) => e.code === "E_SCHEMA" && e.field?.startsWith("data.restrictions"));
  const clashes = shapeOk ? checkCombinations(event, index) : [];
  return [...recordErrors, ...clashes].map((e) => {
    const message = withoutFieldPrefix(e.message, e.field);
    return e.field === undefined ? { code: e.code, message } : { field: e.field, code: e.code, message };
  });
}

export interface MissingStep {
  /** The step of the guide (src/app/guidance.ts) that is missing. */
  readonly step: "assistance" | "incident" | "causes" | "warning";
  /** True when the strategy cannot be recorded without it (record-format §8 E_NO_CAUSES). */
  readonly required: boolean;
  /** One plain sentence, ending with the policy paragraph. */
  readonly text: string;
}

/** The earlier steps of the ladder not yet taken for this person, in the policy's order. */
export function missingBeforeStrategy(state: PersonState): MissingStep[] {
  const out: MissingStep[] = [];
  if (state.assistanceOffered === null)
    out.push({
      step: "assistance",
      required: false,
      text: "They have not yet been asked whether they need additional assistance (8.1).",
    });
  if (!state.sinceLift.incident)
    out.push({
      step: "incident",
      required: false,
      text: `No incident is recorded${state.strategies.size > 0 ? " since the last strategy was lifted" : ""}: record what happened first, so the strategy rests on the record (4.5–4.6, 9.4).`,
    });
  if (state.causes.length === 0)
    out.push({
      step: "causes",
      required: true,
      text: "The underlying causes have not been considered: answer the five questions first, or the strategy cannot be recorded (7.2–7.3).",
    });
  if (!state.sinceLift.warned)
    out.push({
      step: "warning",
      required: false,
      text: "No warning has been given: warn first where possible, or say on step 4 why a warning was not possible (9.1–9.3).",
    });
  return out;
}
