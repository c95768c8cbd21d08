/** 8.1: every person is asked at the outset whether they need additional assistance. */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { recordAssistanceOffered } from "../../../app/actions";
import { useActionContext } from "../context";
import { draftKey } from "../drafts";
import { TextField, YesNoField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

interface Draft {
  accepted: boolean | null;
  note: string;
}

export function AssistanceStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const form = useActionForm<Draft>(draftKey(personId, "assistance"), () => ({ accepted: null, note: "" }), "8.1");
  const [done, setDone] = useState<boolean | null>(null);
  if (done !== null) {
    return (
      <Recorded title="Recorded." onAgain={() => setDone(null)} againLabel="Record again">
        {done
          ? "They accepted additional assistance: record their needs and any reasonable adjustments next (8.2–8.6)."
          : "They declined additional assistance. Stay alert to needs throughout (8.3)."}
      </Recorded>
    );
  }
  const { draft, set, problems } = form;
  return (
    <FormShell
      form={form}
      label="Ask about additional assistance"
      fields={["data.accepted", "data.note"]}
      submitLabel="Record the answer"
      onSubmit={async () => {
        const r = await form.run(() =>
          recordAssistanceOffered(ctx, { personId, accepted: draft.accepted as boolean, note: draft.note }),
        );
        if (r) setDone(r.data.accepted);
      }}
    >
      <Text>
        Ask at the outset whether they need additional assistance to contact us or to follow the process (8.1).
      </Text>
      <YesNoField
        label="Did they want additional assistance?"
        name="data.accepted"
        value={draft.accepted}
        onChange={(v) => set("accepted", v)}
        yes="Yes, they want assistance"
        no="No, they declined"
        error={problems.for("data.accepted")}
      />
      <TextField
        label="Note (optional)"
        multiline
        name="data.note"
        value={draft.note}
        onChange={(v) => set("note", v)}
        error={problems.for("data.note")}
      />
    </FormShell>
  );
}
