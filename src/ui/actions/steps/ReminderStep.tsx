/**
 * 9.11: a breach is dealt with swiftly: a clear reminder of the consequences of breaching the
 * strategy and of the reasons it was introduced. Draft the letter, send it, then record it.
 */
import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { recordContactReminder } from "../../../app/actions";
import { RESTRICTION_LABELS, WARNING_METHODS, type WarningMethod } from "../../../domain";
import { breachReminderFacts, breachReminderLetter, reminderGroups } from "../../../domain/letters";
import { formatDateTime } from "../../format";
import { useActionContext, usePerson } from "../context";
import { draftKey } from "../drafts";
import { SelectField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { LetterButtons } from "../LetterButtons";
import { Recorded } from "../Recorded";
import { METHOD_LABELS } from "./WarningStep";

export function ReminderStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const person = usePerson(personId);
  // One reminder per contact however many restrictions it breached (9.11): one option per contact.
  const groups = reminderGroups(person);
  const form = useActionForm(
    draftKey(personId, "reminder"),
    () => ({
      breachId: groups.find((g) => !g.reminderSent)?.breachId ?? groups[0]?.breachId ?? "",
      method: "email" as WarningMethod | "",
    }),
    "9.11",
  );
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <Recorded title="Reminder recorded." onAgain={() => setDone(false)} againLabel="Record another reminder">
        If breaches continue despite adjusting the strategy, further action may be considered (10.1).
      </Recorded>
    );
  }
  if (groups.length === 0) return <Text>No breach is recorded for this person.</Text>;
  const { draft, set, problems } = form;
  return (
    <FormShell
      form={form}
      label="Send a breach reminder"
      fields={["data.breachId", "data.method"]}
      submitLabel="Record that the reminder was sent"
      onSubmit={async () => {
        const r = await form.run(() =>
          recordContactReminder(ctx, { personId, breachId: draft.breachId, method: draft.method as WarningMethod }),
        );
        if (r) setDone(true);
      }}
    >
      <SelectField
        label="Breach"
        name="data.breachId"
        value={draft.breachId}
        options={groups.map(
          (g) =>
            [
              g.breachId,
              `${formatDateTime(g.atMs)}: ${g.restrictions.map((r) => RESTRICTION_LABELS[r]).join("; ")}${g.reminderSent ? " (reminder already sent)" : ""}`,
            ] as const,
        )}
        onChange={(v) => set("breachId", v)}
        error={problems.for("data.breachId")}
      />
      <LetterButtons
        personId={personId}
        what="reminder letter"
        make={(c) => {
          const facts = breachReminderFacts(ctx.record.index.person(personId), draft.breachId);
          return facts ? breachReminderLetter(facts, c) : null;
        }}
      />
      <SelectField
        label="How was the reminder sent?"
        name="data.method"
        value={draft.method}
        options={WARNING_METHODS.map((m) => [m, METHOD_LABELS[m]] as const)}
        onChange={(v) => set("method", v)}
        error={problems.for("data.method")}
      />
    </FormShell>
  );
}
