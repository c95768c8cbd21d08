/**
 * Corrections: any entry can be withdrawn with a reason (record-format §1: nothing is edited or
 * deleted; an EventRetracted names the event and why). The entry stays in the audit trail and
 * counts for nothing from then on. An address or number that is not theirs is unlinked (UnlinkForm).
 */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { retractEvent } from "../../../app/actions";
import { formatDateTime } from "../../format";
import { describeEvent } from "../../history/describe-event";
import { useActionContext, usePerson } from "../context";
import { draftKey } from "../drafts";
import { ConfirmDialog } from "../form/ConfirmDialog";
import { SelectField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";
import { UnlinkForm } from "./UnlinkForm";

export function HistoryStep({ personId }: { personId: string }) {
  return (
    <>
      <Text as="h4" weight="semibold">
        Withdraw an entry
      </Text>
      <WithdrawForm personId={personId} />
      <Text as="h4" weight="semibold">
        Unlink an address or number
      </Text>
      <UnlinkForm personId={personId} />
    </>
  );
}

function WithdrawForm({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const person = usePerson(personId);
  const entries = [...person.history].reverse().filter((l) => l.event.type !== "EventRetracted");
  const form = useActionForm(draftKey(personId, "history"), () => ({ eventId: "", reason: "" }));
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (done) {
    return (
      <Recorded title="Entry withdrawn." onAgain={() => setDone(null)} againLabel="Withdraw another">
        “{done}” no longer counts. It stays in the audit trail with your reason.
      </Recorded>
    );
  }
  if (entries.length === 0) return <Text>Nothing on the record can be withdrawn.</Text>;
  const { draft, set, problems } = form;
  const withdraw = async () => {
    const chosen = draft.eventId;
    const r = await form.run(() => retractEvent(ctx, { personId, eventId: chosen, reason: draft.reason }));
    if (r) setDone(label(chosen));
  };
  const label = (id: string) => {
    const l = entries.find((x) => x.event.id === id);
    return l ? `${formatDateTime(l.event.at)}: ${describeEvent(l.event).title}` : id;
  };
  return (
    <FormShell
      form={form}
      label="Withdraw an entry"
      fields={["data.eventId", "data.reason"]}
      submitLabel="Withdraw the entry"
      onSubmit={() => {
        // Asked first when the form is complete; otherwise the record's refusal names what is missing.
        if (draft.eventId && draft.reason.trim()) setConfirming(true);
        else void withdraw();
      }}
    >
      <ConfirmDialog
        open={confirming}
        title="Withdraw this entry?"
        confirmLabel="Withdraw the entry"
        onCancel={() => {
          setConfirming(false);
          form.formRef.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
        }}
        onConfirm={() => {
          setConfirming(false);
          void withdraw();
        }}
      >
        “{label(draft.eventId)}” will no longer count. It stays in the audit trail with your reason.
      </ConfirmDialog>
      <Text>
        The record is never edited: a mistake is withdrawn with a reason, and the withdrawal is itself recorded.
      </Text>
      <SelectField
        label="Entry to withdraw"
        name="data.eventId"
        placeholder="Choose an entry…"
        value={draft.eventId}
        options={entries.map((l) => [l.event.id, label(l.event.id)] as const)}
        onChange={(v) => set("eventId", v)}
        error={problems.for("data.eventId")}
      />
      <TextField
        label="Why is it being withdrawn?"
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
