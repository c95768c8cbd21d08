/**
 * An unknown sender: register them as a person (name and address prefilled from the message), or
 * link the address to someone already on the record (search by name or address), for example a
 * person writing from a new address to get round a block (9.9).
 */
import {
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { linkIdentifiers, registerPerson } from "../../../app/actions";
import { searchPeople } from "../../../app/people";
import { STAGE_LABELS } from "../../../domain";
import { useRecord } from "../../services";
import { useActionContext, usePanel } from "../context";
import { draftKey } from "../drafts";
import { RadioField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

const useStyles = makeStyles({ results: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS } });

const lines = (s: string) =>
  s
    .split(/[\n,;]/)
    .map((x) => x.trim())
    .filter(Boolean);

interface Draft {
  mode: "new" | "link";
  name: string;
  emails: string;
  phones: string;
  caseRefs: string;
  query: string;
  match: string;
}

export function RegisterStep() {
  const styles = useStyles();
  const ctx = useActionContext();
  const { index } = useRecord();
  const { message } = usePanel();
  const address = message?.from.address.trim() ?? "";
  // An address already on the record for more than one person (record-format §6 ambiguous-sender).
  const owners = address ? index.whoUses(address) : [];
  const form = useActionForm<Draft>(draftKey(null, `register:${address}`), () => ({
    mode: "new",
    name: message?.from.name.trim() ?? "",
    emails: address,
    phones: "",
    caseRefs: message?.matterRef ?? "",
    query: message?.from.name.trim() ?? "",
    match: "",
  }));
  const [done, setDone] = useState<string | null>(null);
  const { draft, set, problems } = form;
  const matches = useMemo(
    () => (draft.mode === "link" ? searchPeople(index, draft.query) : []),
    [index, draft.mode, draft.query],
  );
  if (done) return <Recorded title={done}>The actions for this person follow.</Recorded>;
  return (
    <FormShell
      form={form}
      label="Register the person"
      fields={["data.name", "data.emails", "data.phones", "data.caseRefs", "personId", "match"]}
      submitLabel={draft.mode === "new" ? "Register" : "Link the address"}
      onSubmit={async () => {
        if (draft.mode === "new") {
          const r = await form.run(() =>
            registerPerson(ctx, {
              name: draft.name,
              emails: lines(draft.emails),
              phones: lines(draft.phones),
              caseRefs: lines(draft.caseRefs),
            }),
          );
          if (r) setDone(`${r.data.name} is registered.`);
          return;
        }
        if (!draft.match) {
          form.refuse([{ field: "match", code: "input", message: "choose the person this address belongs to" }]);
          return;
        }
        const r = await form.run(() => linkIdentifiers(ctx, { personId: draft.match, emails: lines(draft.emails) }));
        if (r) setDone(`${lines(draft.emails).join(", ")} is now linked to ${index.person(draft.match).name}.`);
      }}
    >
      {owners.length > 1 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {address} is recorded for more than one person ({owners.map((id) => index.person(id).name).join(", ")}).
            Check who sent this before recording anything against either of them (record-format §6).
          </MessageBarBody>
        </MessageBar>
      )}
      <RadioField
        label="This sender is not on the record"
        value={draft.mode}
        options={
          [
            ["new", "Register them as a new person"],
            ["link", "Link this address to someone already on the record"],
          ] as const
        }
        onChange={(v) => set("mode", v)}
      />
      {draft.mode === "new" ? (
        <>
          <TextField
            label="Name"
            required
            autoComplete="off"
            name="data.name"
            value={draft.name}
            onChange={(v) => set("name", v)}
            error={problems.for("data.name")}
          />
          <TextField
            label="Email addresses"
            hint="One per line."
            multiline
            name="data.emails"
            value={draft.emails}
            onChange={(v) => set("emails", v)}
            error={problems.for("data.emails")}
          />
          <TextField
            label="Phone numbers (optional)"
            hint="One per line."
            multiline
            name="data.phones"
            value={draft.phones}
            onChange={(v) => set("phones", v)}
            error={problems.for("data.phones")}
          />
          <TextField
            label="Case references (optional)"
            hint="One per line."
            multiline
            name="data.caseRefs"
            value={draft.caseRefs}
            onChange={(v) => set("caseRefs", v)}
            error={problems.for("data.caseRefs")}
          />
        </>
      ) : (
        <div className={styles.results}>
          <TextField
            label="Addresses to link"
            hint="One per line."
            multiline
            name="data.emails"
            value={draft.emails}
            onChange={(v) => set("emails", v)}
            error={problems.for("data.emails")}
          />
          <TextField
            label="Find the person by name, address or number"
            type="text"
            value={draft.query}
            onChange={(v) => set("query", v)}
          />
          {matches.length === 0 ? (
            <Text role="status">
              {draft.query.trim() ? "No one on the record matches." : "Type a name, address or number."}
            </Text>
          ) : (
            <Field
              label={`${matches.length === 1 ? "1 match" : `${matches.length} matches`}: choose the person`}
              {...(problems.for("match")
                ? { validationState: "error" as const, validationMessage: problems.for("match") }
                : {})}
            >
              <RadioGroup value={draft.match} onChange={(_, d) => set("match", d.value)}>
                {matches.map((m) => (
                  <Radio
                    key={m.personId}
                    value={m.personId}
                    label={`${m.name} (${[...m.emails, ...m.phones].join(", ") || "no addresses"}) · ${STAGE_LABELS[m.stage]}`}
                  />
                ))}
              </RadioGroup>
            </Field>
          )}
          {problems.for("match") && matches.length === 0 && <Text>{problems.for("match")}</Text>}
        </div>
      )}
    </FormShell>
  );
}
