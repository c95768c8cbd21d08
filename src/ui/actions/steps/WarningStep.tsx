/**
 * 9.1–9.3: before restricting contact, tell the person what the problem is, how to change it and
 * what will happen if it continues; then draft the warning letter.
 */
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { issueWarning } from "../../../app/actions";
import {
  BEHAVIOUR_CODES,
  BEHAVIOURS,
  INCIDENT_KIND_LABELS,
  INCIDENT_KINDS,
  WARNING_METHODS,
  type BehaviourCode,
  type EventOf,
  type WarningMethod,
} from "../../../domain";
import { warningFacts, warningLetter } from "../../../domain/letters";
import { useActionContext, usePanel, usePerson } from "../context";
import { draftKey } from "../drafts";
import { CheckboxGroup, SelectField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { LetterButtons } from "../LetterButtons";
import { Recorded } from "../Recorded";

const useStyles = makeStyles({ groups: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM } });

export const METHOD_LABELS: Readonly<Record<WarningMethod, string>> = {
  email: "Email",
  post: "Post",
  phone: "Phone",
  "in-person": "In person",
};

interface Draft {
  behaviours: BehaviourCode[];
  expectedChange: string;
  consequences: string;
  method: WarningMethod | "";
  matterRef: string;
}

export function WarningStep({ personId }: { personId: string }) {
  const styles = useStyles();
  const ctx = useActionContext();
  const { message } = usePanel();
  const person = usePerson(personId);
  const last = person.incidents[person.incidents.length - 1];
  const form = useActionForm<Draft>(
    draftKey(personId, "warning"),
    () => ({
      behaviours: [...(last?.data.behaviours ?? [])],
      expectedChange: "",
      consequences:
        "If this continues, we may restrict how you can contact us, under our policy on unacceptable and unreasonable behaviour.",
      method: "email",
      matterRef: last?.data.matterRef ?? message?.matterRef ?? "",
    }),
    "9.1–9.3",
  );
  const [done, setDone] = useState<EventOf<"WarningIssued"> | null>(null);
  if (done) {
    return (
      <Recorded
        title="Warning recorded."
        actions={
          <LetterButtons personId={personId} what="warning letter" make={(c) => warningLetter(warningFacts(done), c)} />
        }
        onAgain={() => setDone(null)}
        againLabel="Record another warning"
      >
        Give them the chance to change before any restriction (9.3).{" "}
        {done.data.method === "email" || done.data.method === "post"
          ? "Draft the letter below and send it."
          : "Confirm it in writing too."}
      </Recorded>
    );
  }
  const { draft, set, problems } = form;
  return (
    <FormShell
      form={form}
      label="Issue a warning"
      fields={["data.behaviours", "data.expectedChange", "data.consequences", "data.method", "data.matterRef"]}
      submitLabel="Record the warning"
      onSubmit={async () => {
        const r = await form.run(() =>
          issueWarning(ctx, {
            personId,
            behaviours: draft.behaviours,
            expectedChange: draft.expectedChange,
            consequences: draft.consequences,
            method: draft.method as WarningMethod,
            matterRef: draft.matterRef,
          }),
        );
        if (r) setDone(r);
      }}
    >
      <Text>
        Address the behaviour with the person before reducing or restricting contact (9.1). Be clear how you would like
        it to change.
      </Text>
      <div className={styles.groups}>
        {INCIDENT_KINDS.map((kind, i) => (
          <CheckboxGroup
            key={kind}
            label={i === 0 ? `The behaviour: ${INCIDENT_KIND_LABELS[kind]}` : INCIDENT_KIND_LABELS[kind]}
            name={i === 0 ? "data.behaviours" : undefined}
            values={draft.behaviours.filter((b) => BEHAVIOURS[b].kind === kind)}
            options={BEHAVIOUR_CODES.filter((b) => BEHAVIOURS[b].kind === kind).map(
              (b) => [b, BEHAVIOURS[b].label] as const,
            )}
            onChange={(v) => set("behaviours", [...draft.behaviours.filter((b) => BEHAVIOURS[b].kind !== kind), ...v])}
            error={i === 0 ? problems.for("data.behaviours") : undefined}
          />
        ))}
      </div>
      <TextField
        label="What should change?"
        hint="For example: summarise the matter and ask them to confirm it; say how to set out their correspondence and where to send it; signpost other support (9.2)."
        multiline
        required
        name="data.expectedChange"
        value={draft.expectedChange}
        onChange={(v) => set("expectedChange", v)}
        error={problems.for("data.expectedChange")}
      />
      <TextField
        label="What will happen if it continues?"
        hint="Be clear about the consequences (9.3)."
        multiline
        required
        name="data.consequences"
        value={draft.consequences}
        onChange={(v) => set("consequences", v)}
        error={problems.for("data.consequences")}
      />
      <SelectField
        label="How is the warning given?"
        name="data.method"
        value={draft.method}
        options={WARNING_METHODS.map((m) => [m, METHOD_LABELS[m]] as const)}
        onChange={(v) => set("method", v)}
        error={problems.for("data.method")}
      />
      <TextField
        label="Matter reference (optional)"
        name="data.matterRef"
        value={draft.matterRef}
        onChange={(v) => set("matterRef", v)}
        error={problems.for("data.matterRef")}
      />
    </FormShell>
  );
}
