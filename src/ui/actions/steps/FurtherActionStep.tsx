/** 10: further action where a strategy has failed; rare, for the most severe cases, with professional or legal advice. */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { considerFurtherAction } from "../../../app/actions";
import type { FurtherActionOutcome } from "../../../domain";
import { useActionContext } from "../context";
import { draftKey } from "../drafts";
import { RadioField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

export function FurtherActionStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const form = useActionForm(
    draftKey(personId, "further-action"),
    () => ({ adviceSought: "", outcome: "" as FurtherActionOutcome | "" }),
    "10.1–10.2",
  );
  const [done, setDone] = useState(false);
  if (done)
    return (
      <Recorded
        title="Decision on further action recorded."
        onAgain={() => setDone(false)}
        againLabel="Record another"
      />
    );
  const { draft, set, problems } = form;
  return (
    <FormShell
      form={form}
      label="Consider further action"
      fields={["data.adviceSought", "data.outcome"]}
      submitLabel="Record the decision"
      onSubmit={async () => {
        const r = await form.run(() =>
          considerFurtherAction(ctx, {
            personId,
            adviceSought: draft.adviceSought,
            outcome: draft.outcome as FurtherActionOutcome,
          }),
        );
        if (r) setDone(true);
      }}
    >
      <Text>
        Only where a strategy has proved unsuccessful despite numerous attempts to adjust it (10.1). Seek professional
        or legal advice on the options (10.2).
      </Text>
      <TextField
        label="Advice sought: from whom, and what they said"
        multiline
        required
        name="data.adviceSought"
        value={draft.adviceSought}
        onChange={(v) => set("adviceSought", v)}
        error={problems.for("data.adviceSought")}
      />
      <RadioField
        label="Decision"
        name="data.outcome"
        value={draft.outcome}
        options={
          [
            ["proceed", "Proceed with further action"],
            ["not-proceeding", "Do not proceed"],
          ] as const
        }
        onChange={(v) => set("outcome", v)}
        error={problems.for("data.outcome")}
      />
    </FormShell>
  );
}
