/**
 * An address or number that is not the person's (a relative's email linked by mistake, a number
 * they no longer use) is unlinked: an IdentifiersUnlinked (record-format §2), so messages from it are
 * no longer treated as theirs. That matters beyond the record: a restricted person's mail rules
 * divert what comes from their addresses (9.9), and an innocent sender must not be caught by them.
 */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { unlinkIdentifiers } from "../../../app/actions";
import { useActionContext, usePerson } from "../context";
import { draftKey } from "../drafts";
import { SelectField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

const EMAIL = "email:";
const PHONE = "phone:";

export function UnlinkForm({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const person = usePerson(personId);
  const form = useActionForm(draftKey(personId, "unlink"), () => ({ identifier: "" }));
  const [done, setDone] = useState<string | null>(null);
  if (done) {
    return (
      <Recorded title="Unlinked." onAgain={() => setDone(null)} againLabel="Unlink another">
        {done} is no longer linked to {person.name}: messages from it are not treated as theirs. The link and its
        removal stay in the audit trail.
      </Recorded>
    );
  }
  const options = [
    ...person.emails.map((e) => [`${EMAIL}${e}`, e] as const),
    ...person.phones.map((p) => [`${PHONE}${p}`, p] as const),
  ];
  if (options.length === 0) return <Text>No address or number is linked to {person.name}.</Text>;
  const { draft, set, problems } = form;
  return (
    <FormShell
      form={form}
      label="Unlink an address or number"
      fields={["data.emails", "data.phones", "identifier"]}
      submitLabel="Unlink it"
      onSubmit={async () => {
        const chosen = draft.identifier;
        if (!chosen) {
          form.refuse([{ field: "identifier", code: "input", message: "choose the address or number to unlink" }]);
          return;
        }
        const value = chosen.slice(chosen.indexOf(":") + 1);
        const r = await form.run(() =>
          unlinkIdentifiers(ctx, {
            personId,
            ...(chosen.startsWith(EMAIL) ? { emails: [value] } : { phones: [value] }),
          }),
        );
        if (r) setDone(value);
      }}
    >
      <SelectField
        label="Address or number that is not theirs"
        hint={
          options.length === 1
            ? `It is the only one linked: after this, ${person.name} is found only by name or by a message staff link to them.`
            : "Messages from it stop being treated as theirs, and their mail rules stop diverting it."
        }
        name="identifier"
        placeholder="Choose…"
        value={draft.identifier}
        options={options}
        onChange={(v) => set("identifier", v)}
        error={problems.for("identifier") ?? problems.for("data.emails") ?? problems.for("data.phones")}
      />
    </FormShell>
  );
}
