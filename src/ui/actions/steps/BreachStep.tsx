/** 9.11: record a breach the app did not detect (for example a visit nobody logged at the time). */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { recordBreach } from "../../../app/actions";
import { CHANNEL_LABELS, RESTRICTION_LABELS, type RestrictionKind } from "../../../domain";
import { useServices } from "../../services";
import { formatDateTime } from "../../format";
import { useActionContext, usePerson } from "../context";
import { draftKey } from "../drafts";
import { SelectField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { nowLocal, whenToIso } from "../form/when";
import { Recorded } from "../Recorded";
import { firstActive, StrategySelect } from "../strategy/StrategySelect";

export function BreachStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const { clock } = useServices();
  const person = usePerson(personId);
  const form = useActionForm(
    draftKey(personId, "breach"),
    () => ({
      strategyId: firstActive(person),
      restriction: "" as RestrictionKind | "",
      contactId: "",
      when: nowLocal(clock.now()),
      detail: "",
    }),
    "9.11",
  );
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <Recorded title="Breach recorded." onAgain={() => setDone(false)} againLabel="Record another">
        Send a reminder of the consequences and of the reasons for the strategy, swiftly (9.11).
      </Recorded>
    );
  }
  const { draft, set, problems } = form;
  const strategy = person.strategies.get(draft.strategyId);
  const contacts = [...person.contacts.values()].sort((a, b) => b.atMs - a.atMs);
  return (
    <FormShell
      form={form}
      label="Record a breach by hand"
      fields={["data.strategyId", "data.restriction", "data.contactId", "at", "data.detail"]}
      submitLabel="Record the breach"
      onSubmit={async () => {
        const contact = draft.contactId ? person.contacts.get(draft.contactId) : undefined;
        const r = await form.run(() =>
          recordBreach(ctx, {
            personId,
            strategyId: draft.strategyId,
            restriction: draft.restriction as RestrictionKind,
            contactId: draft.contactId,
            detail: draft.detail,
            at: contact ? contact.event.at : whenToIso(draft.when),
          }),
        );
        if (r) setDone(true);
      }}
    >
      <Text>
        A breach found when you log a call or visit is recorded then; one found in an open message is recorded when you
        choose Record the breach on it. Use this for anything else.
      </Text>
      <StrategySelect
        person={person}
        value={draft.strategyId}
        onChange={(v) => set("strategyId", v)}
        error={problems.for("data.strategyId")}
      />
      <SelectField
        label="Which restriction?"
        name="data.restriction"
        placeholder="Choose…"
        value={draft.restriction}
        options={(strategy?.restrictions ?? []).map((r) => [r.kind, RESTRICTION_LABELS[r.kind]] as const)}
        onChange={(v) => set("restriction", v)}
        error={problems.for("data.restriction")}
      />
      <SelectField
        label="The contact that breached it (optional)"
        name="data.contactId"
        placeholder="Not a logged contact"
        value={draft.contactId}
        options={contacts.map(
          (c) => [c.contactId, `${formatDateTime(c.atMs)}, ${CHANNEL_LABELS[c.contact.channel]}`] as const,
        )}
        onChange={(v) => set("contactId", v)}
        error={problems.for("data.contactId")}
      />
      {!draft.contactId && (
        <TextField
          label="When? (UK time)"
          type="datetime-local"
          name="at"
          value={draft.when}
          onChange={(v) => set("when", v)}
          error={problems.for("at")}
        />
      )}
      <TextField
        label="What happened?"
        hint="This goes in the reminder letter."
        multiline
        required
        name="data.detail"
        value={draft.detail}
        onChange={(v) => set("detail", v)}
        error={problems.for("data.detail")}
      />
    </FormShell>
  );
}
