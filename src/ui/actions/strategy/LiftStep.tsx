/** Lifting a strategy outside a review (9.12), and telling the person. */
import { useState } from "react";
import { liftStrategy } from "../../../app/actions";
import type { EventOf } from "../../../domain";
import { liftingFacts, reviewOutcomeLetter } from "../../../domain/letters";
import { useActionContext, usePerson } from "../context";
import { draftKey } from "../drafts";
import { ConfirmDialog } from "../form/ConfirmDialog";
import { TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { LetterButtons } from "../LetterButtons";
import { Recorded } from "../Recorded";
import { strategyName } from "../../format";
import { firstActive, StrategySelect } from "./StrategySelect";

export function LiftStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const person = usePerson(personId);
  const form = useActionForm(
    draftKey(personId, "lift"),
    () => ({ strategyId: firstActive(person), reason: "" }),
    "9.12",
  );
  const [done, setDone] = useState<EventOf<"StrategyLifted"> | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (done) {
    return (
      <Recorded
        title="Strategy lifted."
        actions={
          <LetterButtons
            personId={personId}
            what="letter ending the strategy"
            make={(c) => {
              const facts = liftingFacts(ctx.record.index.person(personId), done);
              return facts ? reviewOutcomeLetter(facts, c) : null;
            }}
          />
        }
      >
        Tell the person that contact is back to normal.
      </Recorded>
    );
  }
  const { draft, set, problems } = form;
  const chosen = person.strategies.get(draft.strategyId);
  const lift = async () => {
    const r = await form.run(() => liftStrategy(ctx, { personId, strategyId: draft.strategyId, reason: draft.reason }));
    if (r) setDone(r);
  };
  return (
    <FormShell
      form={form}
      label="Lift the strategy"
      fields={["data.strategyId", "data.reason"]}
      submitLabel="Lift the strategy"
      onSubmit={() => {
        // Asked first when the form is complete; otherwise the record's refusal names what is missing.
        if (draft.strategyId && draft.reason.trim()) setConfirming(true);
        else void lift();
      }}
    >
      <ConfirmDialog
        open={confirming}
        title="Lift this strategy?"
        confirmLabel="Lift it"
        onCancel={() => {
          setConfirming(false);
          form.formRef.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
        }}
        onConfirm={() => {
          setConfirming(false);
          void lift();
        }}
      >
        {chosen ? strategyName(chosen) : "The strategy"} ends now, and contact with the person goes back to normal.
      </ConfirmDialog>
      <StrategySelect
        person={person}
        value={draft.strategyId}
        onChange={(v) => set("strategyId", v)}
        error={problems.for("data.strategyId")}
      />
      <TextField
        label="Reason"
        multiline
        required
        name="data.reason"
        value={draft.reason}
        onChange={(v) => set("reason", v)}
        error={problems.for("data.reason")}
      />
    </FormShell>
  );
}
