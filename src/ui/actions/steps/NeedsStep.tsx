/**
 * 8.2–8.6: needs and reasonable adjustments, taken at face value (8.2). What is recorded is the
 * full current set: it replaces the previous one.
 */
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { recordNeeds } from "../../../app/actions";
import { ADJUSTMENT_KINDS, ADJUSTMENT_LABELS, type AdjustmentKind, type NeedsSource } from "../../../domain";
import { useActionContext, usePerson } from "../context";
import { draftKey } from "../drafts";
import { CheckboxGroup, RadioField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

const useStyles = makeStyles({ details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS } });

interface Draft {
  kinds: AdjustmentKind[];
  details: Partial<Record<AdjustmentKind, string>>;
  source: NeedsSource | "";
}

export function NeedsStep({ personId }: { personId: string }) {
  const styles = useStyles();
  const ctx = useActionContext();
  const person = usePerson(personId);
  const form = useActionForm<Draft>(
    draftKey(personId, "needs"),
    () => ({
      kinds: person.adjustments.map((a) => a.kind),
      details: Object.fromEntries(person.adjustments.map((a) => [a.kind, a.detail ?? ""])),
      source: "",
    }),
    "8.2–8.5",
  );
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <Recorded title="Needs recorded." onAgain={() => setDone(false)} againLabel="Update them">
        Letters will follow these adjustments. Where a restriction would conflict with them, seek equality advice (8.5,
        9.14).
      </Recorded>
    );
  }
  const { draft, set, problems } = form;
  const indexOf = (k: AdjustmentKind) => draft.kinds.indexOf(k);
  return (
    <FormShell
      form={form}
      label="Needs and reasonable adjustments"
      fields={["data.adjustments", "data.source"]}
      submitLabel="Record needs"
      onSubmit={async () => {
        const adjustments = draft.kinds.map((kind) => ({ kind, detail: draft.details[kind] ?? "" }));
        const r = await form.run(() =>
          recordNeeds(ctx, { personId, adjustments, source: draft.source as NeedsSource }),
        );
        if (r) setDone(true);
      }}
    >
      <Text>
        Take what the person tells you about their health or disability at face value: staff are not health
        professionals (8.2). If you are unsure of the Equality Act duties, ask a colleague with equality expertise or
        the Equality and Human Rights Commission (8.5).
      </Text>
      <CheckboxGroup
        label="Reasonable adjustments"
        hint="Tick all that apply now. This replaces what was recorded before; tick none to clear them."
        name="data.adjustments"
        values={draft.kinds}
        options={ADJUSTMENT_KINDS.map((k) => [k, ADJUSTMENT_LABELS[k]] as const)}
        onChange={(v) => set("kinds", v)}
        error={problems.for("data.adjustments", true)}
      />
      {draft.kinds.length > 0 && (
        <div className={styles.details}>
          {draft.kinds.map((k) => (
            <TextField
              key={k}
              label={`Details: ${ADJUSTMENT_LABELS[k]} (optional)`}
              name={`data.adjustments[${indexOf(k)}].detail`}
              value={draft.details[k] ?? ""}
              onChange={(v) => set("details", { ...draft.details, [k]: v })}
              error={problems.for(`data.adjustments[${indexOf(k)}]`)}
            />
          ))}
        </div>
      )}
      <RadioField
        label="Who told us?"
        name="data.source"
        value={draft.source}
        options={
          [
            ["self-declared", "The person themselves"],
            ["third-party", "Someone on their behalf"],
          ] as const
        }
        onChange={(v) => set("source", v)}
        error={problems.for("data.source")}
      />
    </FormShell>
  );
}
