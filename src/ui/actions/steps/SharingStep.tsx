/** 9.15: sharing the strategy with a partner such as Cleveland Police, only after consulting the DPO. */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { recordSharing } from "../../../app/actions";
import { useActionContext } from "../context";
import { draftKey } from "../drafts";
import { TextField, YesNoField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

export function SharingStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const form = useActionForm(
    draftKey(personId, "sharing"),
    () => ({ partner: "", purpose: "", lawfulBasis: "", dpoConsulted: null as boolean | null, dpoName: "" }),
    "9.15",
  );
  const [done, setDone] = useState(false);
  if (done) return <Recorded title="Sharing recorded." onAgain={() => setDone(false)} againLabel="Record another" />;
  const { draft, set, problems } = form;
  return (
    <FormShell
      form={form}
      label="Record sharing with a partner"
      fields={["data.partner", "data.purpose", "data.lawfulBasis", "data.dpoConsulted", "data.dpoName"]}
      submitLabel="Record the sharing"
      onSubmit={async () => {
        const r = await form.run(() =>
          recordSharing(ctx, { personId, ...draft, dpoConsulted: draft.dpoConsulted as boolean }),
        );
        if (r) setDone(true);
      }}
    >
      <Text>
        Share only for legitimate reasons, and consult the Data Protection Officer before sharing details with another
        agency (9.15).
      </Text>
      <TextField
        label="Partner"
        hint="For example Cleveland Police."
        required
        name="data.partner"
        value={draft.partner}
        onChange={(v) => set("partner", v)}
        error={problems.for("data.partner")}
      />
      <TextField
        label="Purpose"
        multiline
        required
        name="data.purpose"
        value={draft.purpose}
        onChange={(v) => set("purpose", v)}
        error={problems.for("data.purpose")}
      />
      <TextField
        label="Lawful basis"
        required
        name="data.lawfulBasis"
        value={draft.lawfulBasis}
        onChange={(v) => set("lawfulBasis", v)}
        error={problems.for("data.lawfulBasis")}
      />
      <YesNoField
        label="Was the Data Protection Officer consulted?"
        required
        name="data.dpoConsulted"
        value={draft.dpoConsulted}
        onChange={(v) => set("dpoConsulted", v)}
        error={problems.for("data.dpoConsulted")}
      />
      {draft.dpoConsulted === true && (
        <TextField
          label="Data Protection Officer's name"
          required
          name="data.dpoName"
          value={draft.dpoName}
          onChange={(v) => set("dpoName", v)}
          error={problems.for("data.dpoName")}
        />
      )}
    </FormShell>
  );
}
