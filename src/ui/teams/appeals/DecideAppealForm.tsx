/**
 * "Decide appeal" (issue 13 Deliver 2), for a manager not involved in the decision under appeal
 * (separation of duties: E_APPEAL_DECIDER_INVOLVED). Overturned or varied, the consequence goes to
 * the record with the record's own events (app/appeals.ts); the outcome letter follows.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import {
  APPEAL_OUTCOME_LABELS,
  APPEAL_OUTCOMES,
  restrictionLabel,
  type AppealOutcome,
  type AppealView,
} from "../../../app/appeals";
import { londonDate } from "../../../domain";
import { useRecord, useServices } from "../../services";
import { useTeamsStyles } from "../styles";
import { refusalView } from "./refusal";

export interface DecideAppealFormProps {
  readonly view: AppealView;
  readonly user: string;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}

const DONE: Readonly<Record<AppealOutcome, string>> = {
  upheld: "The appeal is decided: the decision stands. Send the outcome letter below.",
  overturned: "The appeal is decided and the decision is withdrawn on the record. Send the outcome letter below.",
  varied: "The appeal is decided and the strategy is varied on the record. Send the outcome letter below.",
};

export function DecideAppealForm({ view, user, onDone, onCancel }: DecideAppealFormProps) {
  const s = useTeamsStyles();
  const { appeals, clock } = useServices();
  const snapshot = useRecord();
  const decision = view.decision?.event;
  const strategyId =
    decision?.type === "StrategyImposed" || decision?.type === "StrategyReviewed" ? decision.data.strategyId : null;
  const strategy = strategyId ? snapshot.index.person(view.received.personId).strategies.get(strategyId) : undefined;
  const restrictions = strategy?.active ? strategy.restrictions : [];
  const [outcome, setOutcome] = useState<AppealOutcome>("upheld");
  const [keep, setKeep] = useState<number[]>([]);
  const [rationale, setRationale] = useState("");
  const [decidedOn, setDecidedOn] = useState(londonDate(clock.now()));
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !appeals) return;
    setBusy(true);
    setErrors({});
    setSummary(null);
    try {
      await appeals.decideAppeal(
        {
          personId: view.received.personId,
          appealId: view.received.id,
          outcome,
          rationale,
          decidedOn,
          ...(outcome === "varied" ? { keep } : {}),
        },
        user,
      );
      onDone(DONE[outcome]);
    } catch (err) {
      const refused = refusalView(
        err,
        "The appeal is not decided yet: correct the fields marked below.",
        "The decision could not be recorded",
      );
      setErrors(refused.errors);
      setSummary(refused.summary);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Decide appeal" data-testid="decide-appeal-form" noValidate>
      {summary ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{summary}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label="Outcome" required validationMessage={errors["outcome"]}>
        <RadioGroup value={outcome} onChange={(_e, d) => setOutcome(d.value as AppealOutcome)}>
          {APPEAL_OUTCOMES.filter((o) => o !== "varied" || restrictions.length > 1).map((o) => (
            <Radio key={o} value={o} label={APPEAL_OUTCOME_LABELS[o]} />
          ))}
        </RadioGroup>
      </Field>
      {outcome === "varied" ? (
        <fieldset className={s.wrap}>
          <legend>Restrictions to keep</legend>
          {restrictions.map((r, i) => (
            <Checkbox
              key={i}
              label={restrictionLabel(r)}
              checked={keep.includes(i)}
              onChange={(_e, d) => setKeep((k) => (d.checked ? [...k, i] : k.filter((x) => x !== i)))}
            />
          ))}
          {errors["restrictions"] ? (
            <p role="alert" data-testid="keep-error">
              {errors["restrictions"]}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <Field
        label="Reasons"
        required
        validationMessage={errors["rationale"]}
        hint="The person reads these in the outcome letter: say plainly how the decision was reached (policy 7.2)."
      >
        <Textarea value={rationale} onChange={(_e, d) => setRationale(d.value)} resize="vertical" maxLength={4000} />
      </Field>
      <Field label="Date of the decision" required validationMessage={errors["decidedOn"]}>
        <Input type="date" value={decidedOn} onChange={(_e, d) => setDecidedOn(d.value)} />
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? "Recording…" : "Record the decision"}
        </Button>
        <Button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
