/** 9.12: review at least every three months: continue, vary or lift; tell the person the outcome. */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { latestReviewDate, reviewStrategy } from "../../../app/actions";
import { REVIEW_OUTCOMES, type EventOf, type ReviewOutcome } from "../../../domain";
import { reviewOutcomeFacts, reviewOutcomeLetter } from "../../../domain/letters";
import { formatCalendarDate } from "../../format";
import { useServices } from "../../services";
import { useActionContext, usePanel, usePerson } from "../context";
import { draftKey } from "../drafts";
import { RadioField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { LetterButtons } from "../LetterButtons";
import { Recorded } from "../Recorded";
import { conflictsWithAdjustments, fromRestriction, toRestriction, type RestrictionDraft } from "./restriction-drafts";
import { RestrictionsEditor } from "./RestrictionsEditor";
import { firstActive, StrategySelect } from "./StrategySelect";

const OUTCOME_LABELS: Readonly<Record<ReviewOutcome, string>> = {
  continue: "Continue: it is still appropriate and fit for purpose",
  vary: "Vary: change the restrictions",
  lift: "Lift: it is no longer needed",
};

interface Draft {
  strategyId: string;
  outcome: ReviewOutcome | "";
  rationale: string;
  nextReviewDue: string;
  restrictions: RestrictionDraft[];
  equalityAdvice: string;
}

export function ReviewStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const { clock } = useServices();
  const { staff } = usePanel();
  const person = usePerson(personId);
  const latest = latestReviewDate(undefined, clock);
  const current = (id: string) => (person.strategies.get(id)?.restrictions ?? []).map(fromRestriction);
  const form = useActionForm<Draft>(
    draftKey(personId, "review"),
    () => ({
      strategyId: firstActive(person),
      outcome: "",
      rationale: "",
      nextReviewDue: latest,
      restrictions: current(firstActive(person)),
      equalityAdvice: "",
    }),
    "9.12",
  );
  const [done, setDone] = useState<EventOf<"StrategyReviewed"> | null>(null);
  if (done) {
    return (
      <Recorded
        title={
          done.data.outcome === "lift"
            ? "Strategy lifted on review."
            : `Review recorded: next review by ${formatCalendarDate(done.data.nextReviewDue ?? "")}.`
        }
        actions={
          <LetterButtons
            personId={personId}
            what="review outcome letter"
            make={(c) => {
              const facts = reviewOutcomeFacts(ctx.record.index.person(personId), done);
              return facts ? reviewOutcomeLetter(facts, c) : null;
            }}
          />
        }
      >
        Tell the person the outcome{done.data.outcome === "vary" ? " and the changes (9.14)" : ""}.
      </Recorded>
    );
  }
  const { draft, set, update, problems } = form;
  const strategy = person.strategies.get(draft.strategyId);
  const conflict = draft.outcome === "vary" && conflictsWithAdjustments(draft.restrictions, person);
  return (
    <FormShell
      form={form}
      label="Review the strategy"
      fields={[
        "data.strategyId",
        "data.outcome",
        "data.rationale",
        "data.nextReviewDue",
        "data.restrictions",
        "data.equalityAdvice",
      ]}
      submitLabel="Record the review"
      onSubmit={async () => {
        const r = await form.run(() =>
          reviewStrategy(ctx, {
            personId,
            strategyId: draft.strategyId,
            outcome: draft.outcome as ReviewOutcome,
            rationale: draft.rationale,
            nextReviewDue: draft.nextReviewDue,
            restrictions: draft.restrictions.map(toRestriction),
            equalityAdvice: draft.equalityAdvice,
          }),
        );
        if (r) setDone(r);
      }}
    >
      <Text>Make sure the strategy is still appropriate and fit for purpose (9.12).</Text>
      <StrategySelect
        person={person}
        value={draft.strategyId}
        onChange={(v) => update((d) => ({ ...d, strategyId: v, restrictions: current(v) }))}
        error={problems.for("data.strategyId")}
      />
      {strategy && <Text>Review due by {formatCalendarDate(strategy.reviewDue)}.</Text>}
      <RadioField
        label="Outcome"
        name="data.outcome"
        value={draft.outcome}
        options={REVIEW_OUTCOMES.map((o) => [o, OUTCOME_LABELS[o]] as const)}
        onChange={(v) => set("outcome", v)}
        error={problems.for("data.outcome")}
      />
      <TextField
        label="Rationale"
        hint="Why this outcome; it goes in the letter to the person."
        multiline
        required
        name="data.rationale"
        value={draft.rationale}
        onChange={(v) => set("rationale", v)}
        error={problems.for("data.rationale")}
      />
      {draft.outcome === "vary" && (
        <RestrictionsEditor
          value={draft.restrictions}
          onChange={(v) => set("restrictions", v)}
          problems={problems}
          defaults={{ staff, matterRef: strategy?.matterRef ?? "", personEmails: person.emails }}
        />
      )}
      {draft.outcome === "vary" && (
        <TextField
          label={conflict ? "Equality advice sought" : "Equality advice sought (optional)"}
          multiline
          required={conflict}
          name="data.equalityAdvice"
          value={draft.equalityAdvice}
          onChange={(v) => set("equalityAdvice", v)}
          error={problems.for("data.equalityAdvice")}
        />
      )}
      {draft.outcome !== "lift" && (
        <TextField
          label="Next review by"
          hint={`No later than ${formatCalendarDate(latest)}, three months from today (9.12).`}
          type="date"
          max={latest}
          required
          name="data.nextReviewDue"
          value={draft.nextReviewDue}
          onChange={(v) => set("nextReviewDue", v)}
          error={problems.for("data.nextReviewDue")}
        />
      )}
    </FormShell>
  );
}
