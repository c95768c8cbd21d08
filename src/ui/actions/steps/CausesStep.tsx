/**
 * 7.2–7.3: before deciding how to manage the behaviour, the five questions. Any "no" asks what
 * will be done about it: addressing the shortcoming may be enough to stop the behaviour.
 */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { recordCausesConsidered, type CauseAnswers } from "../../../app/actions";
import { CAUSE_QUESTIONS, type CauseQuestion } from "../../../domain";
import { useActionContext } from "../context";
import { draftKey } from "../drafts";
import { TextField, YesNoField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

type Draft = Record<CauseQuestion, boolean | null> & { actions: string };

const empty = (): Draft => ({
  processExplained: null,
  handledProportionately: null,
  communicatedRegularly: null,
  supportOffered: null,
  rationaleGiven: null,
  actions: "",
});

export function CausesStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const form = useActionForm<Draft>(draftKey(personId, "causes"), empty, "7.2");
  const [done, setDone] = useState<{ anyNo: boolean } | null>(null);
  if (done) {
    return (
      <Recorded title="Causes considered." onAgain={() => setDone(null)} againLabel="Consider them again">
        {done.anyNo
          ? "Put right the shortcomings you noted first: that may be enough to stop the behaviour (7.3)."
          : "If the behaviour continues, decide how best to manage it: tell the person what must change, in a warning (9.1–9.3)."}
      </Recorded>
    );
  }
  const { draft, set, problems } = form;
  const anyNo = CAUSE_QUESTIONS.some(([k]) => draft[k] === false);
  return (
    <FormShell
      form={form}
      label="Consider underlying causes"
      fields={[...CAUSE_QUESTIONS.map(([k]) => `data.${k}`), "data.actions"]}
      submitLabel="Record the answers"
      onSubmit={async () => {
        const answers = Object.fromEntries(CAUSE_QUESTIONS.map(([k]) => [k, draft[k]])) as unknown as CauseAnswers;
        const r = await form.run(() => recordCausesConsidered(ctx, { personId, ...answers, actions: draft.actions }));
        if (r) setDone({ anyNo: CAUSE_QUESTIONS.some(([k]) => r.data[k] === false) });
      }}
    >
      <Text>
        Do not assume what is driving the behaviour (7.1). Poor communication or delay can make it escalate (7.2).
      </Text>
      {CAUSE_QUESTIONS.map(([k, question]) => (
        <YesNoField
          key={k}
          label={question}
          name={`data.${k}`}
          value={draft[k]}
          onChange={(v) => set(k, v)}
          error={problems.for(`data.${k}`)}
          required
        />
      ))}
      {anyNo && (
        <TextField
          label="What will be done about each “no”?"
          hint="Steps to put right the shortcomings (7.3)."
          multiline
          required
          name="data.actions"
          value={draft.actions}
          onChange={(v) => set("actions", v)}
          error={problems.for("data.actions")}
        />
      )}
    </FormShell>
  );
}
