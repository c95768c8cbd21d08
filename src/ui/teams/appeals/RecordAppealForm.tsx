/**
 * "Record an appeal" (issue 13 Deliver 2): the person, or someone for them, asks for a warning or a
 * strategy decision to be reconsidered. Each refusal is shown beside its field, saying what to do;
 * what was typed stays in the form.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Textarea } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { appealableDecisions, describeDecision } from "../../../app/appeals";
import { londonDate } from "../../../domain";
import { useRecord, useServices } from "../../services";
import { useTeamsStyles } from "../styles";
import { refusalView } from "./refusal";

export interface RecordAppealFormProps {
  readonly personId: string;
  readonly user: string;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}

type Errors = Readonly<Record<string, string>>;

export function RecordAppealForm({ personId, user, onDone, onCancel }: RecordAppealFormProps) {
  const s = useTeamsStyles();
  const { appeals, clock } = useServices();
  const snapshot = useRecord();
  const decisions = appealableDecisions(snapshot.index, personId);
  const [decisionEventId, setDecision] = useState(decisions.at(-1)?.event.id ?? "");
  const [askedBy, setAskedBy] = useState(snapshot.index.person(personId).name);
  const [grounds, setGrounds] = useState("");
  const [receivedOn, setReceivedOn] = useState(londonDate(clock.now()));
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !appeals) return;
    setBusy(true);
    setErrors({});
    setSummary(null);
    try {
      await appeals.recordAppeal({ personId, decisionEventId, askedBy, grounds, receivedOn }, user);
      onDone("The appeal is recorded. A manager who was not involved in the decision can now decide it.");
    } catch (err) {
      const refused = refusalView(
        err,
        "The appeal is not recorded yet: correct the fields marked below.",
        "The appeal could not be recorded",
      );
      setErrors(refused.errors);
      setSummary(refused.summary);
      setBusy(false);
    }
  };

  if (decisions.length === 0)
    return (
      <div data-testid="record-appeal-form">
        <p>
          There is no warning or strategy in force for this person, so there is nothing to reconsider. An appeal against
          a decision that has ended or been withdrawn is not needed.
        </p>
        <Button onClick={onCancel}>Close</Button>
      </div>
    );

  return (
    <form onSubmit={submit} aria-label="Record an appeal" data-testid="record-appeal-form" noValidate>
      {summary ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{summary}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field
        label="Decision to reconsider"
        required
        validationMessage={errors["decisionEventId"]}
        hint="The warning or strategy decision the person asks us to look at again."
      >
        <Select value={decisionEventId} onChange={(_e, d) => setDecision(d.value)}>
          {decisions.map((l) => (
            <option key={l.event.id} value={l.event.id}>
              {describeDecision(l)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Who asked"
        required
        validationMessage={errors["askedBy"]}
        hint="The person, or the advocate or representative who asked for them."
      >
        <Input value={askedBy} onChange={(_e, d) => setAskedBy(d.value)} />
      </Field>
      <Field
        label="Grounds"
        required
        validationMessage={errors["grounds"]}
        hint="Why they say the decision should be reconsidered, in their words or summarised."
      >
        <Textarea value={grounds} onChange={(_e, d) => setGrounds(d.value)} resize="vertical" maxLength={4000} />
      </Field>
      <Field label="Date the request arrived" required validationMessage={errors["receivedOn"]}>
        <Input type="date" value={receivedOn} onChange={(_e, d) => setReceivedOn(d.value)} />
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? "Recording…" : "Record the appeal"}
        </Button>
        <Button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
