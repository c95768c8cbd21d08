/**
 * Acknowledge a breach (4.5, 9.11): the line manager has seen it, with an optional note. Records
 * BreachAcknowledged through the RecordService; its id is derived from the breach, so a retry or a
 * colleague acknowledging at the same moment never makes a second one.
 */
import { Button, Field, MessageBar, MessageBarBody, Textarea } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { problemsOf } from "../../app/action-errors";
import { acknowledgementEvent, recordAcknowledgement, type AwaitingBreach } from "../../app/register";
import { useServices } from "../services";
import { useTeamsStyles } from "./styles";

export interface AcknowledgeFormProps {
  readonly breach: AwaitingBreach;
  /** The line manager's sign-in name (the event's `by`). */
  readonly user: string;
  readonly onDone: (outcome: "acknowledged" | "already") => void;
  readonly onCancel: () => void;
}

const NOTE_MAX = 2000;

export function AcknowledgeForm({ breach, user, onDone, onCancel }: AcknowledgeFormProps) {
  const s = useTeamsStyles();
  const { record, clock } = useServices();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const event = acknowledgementEvent({
        breachId: breach.breachId,
        personId: breach.personId,
        note,
        by: user,
        at: new Date(clock.now()).toISOString(),
      });
      // "already" when someone acknowledged it a moment ago (theirs stands); an id held by
      // anything else is not an acknowledgement, and another id is used (recordAcknowledgement).
      onDone(await recordAcknowledgement(record, event));
    } catch (err) {
      const problems = problemsOf(err);
      setError(
        problems
          ? problems.map((p) => p.message).join(" ")
          : `The acknowledgement could not be recorded: ${err instanceof Error ? err.message : String(err)}. Try again.`,
      );
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      aria-label={`Acknowledge breach of ${breach.restrictionLabel.toLowerCase()} for ${breach.name}`}
      data-testid="acknowledge-form"
    >
      <Field label="Note (optional)" hint="What you have done or will do about it. It is kept in the record.">
        <Textarea value={note} maxLength={NOTE_MAX} onChange={(_e, d) => setNote(d.value)} resize="vertical" />
      </Field>
      {error ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? "Recording…" : "Record acknowledgement"}
        </Button>
        <Button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
