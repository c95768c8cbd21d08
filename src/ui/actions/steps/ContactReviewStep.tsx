/** 9.10: every contact is reviewed for genuine complaints, issues, criminal matters and safeguarding. */
import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { reviewContact } from "../../../app/actions";
import { messageLocationOf } from "../../../app/message-link";
import {
  CHANNEL_LABELS,
  CONTACT_REVIEW_LABELS,
  CONTACT_REVIEW_OUTCOMES,
  type ContactReviewOutcome,
  type PersonState,
} from "../../../domain";
import { formatDateTime } from "../../format";
import { useServices } from "../../services";
import { useActionContext, usePerson } from "../context";
import { draftKey } from "../drafts";
import { RadioField, SelectField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { Recorded } from "../Recorded";

function awaiting(person: PersonState) {
  return [...person.contacts.values()].filter((c) => !c.reviewed).sort((a, b) => a.atMs - b.atMs);
}

export function ContactReviewStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const person = usePerson(personId);
  const list = awaiting(person);
  const form = useActionForm(
    draftKey(personId, "review-contact"),
    () => ({ contactId: list[0]?.contactId ?? "", outcome: "" as ContactReviewOutcome | "", note: "" }),
    "9.10",
  );
  const [done, setDone] = useState<ContactReviewOutcome | null>(null);
  const { mail } = useServices();
  const [openProblem, setOpenProblem] = useState("");
  if (done) {
    const serious = done === "criminal-matter" || done === "safeguarding";
    return (
      <Recorded
        title="Contact reviewed."
        intent={serious ? "warning" : "success"}
        onAgain={() => setDone(null)}
        againLabel="Review another"
      >
        {serious
          ? "Act on it now under the relevant procedure, whatever the contact strategy says (9.10)."
          : done === "new-issue"
            ? "Handle the new issue normally: a strategy covers only its own matter (9.8)."
            : ""}
      </Recorded>
    );
  }
  if (list.length === 0) return <Text>No logged contact is waiting for review.</Text>;
  const { draft, set, problems } = form;
  return (
    <FormShell
      form={form}
      label="Review a contact"
      fields={["data.contactId", "data.outcome", "data.note"]}
      submitLabel="Record the review"
      onSubmit={async () => {
        const r = await form.run(() =>
          reviewContact(ctx, {
            personId,
            contactId: draft.contactId,
            outcome: draft.outcome as ContactReviewOutcome,
            note: draft.note,
          }),
        );
        if (r) setDone(r.data.outcome);
      }}
    >
      <SelectField
        label="Contact"
        name="data.contactId"
        value={draft.contactId}
        options={list.map(
          (c) =>
            [
              c.contactId,
              `${formatDateTime(c.atMs)}, ${CHANNEL_LABELS[c.contact.channel]}${c.contact.matterRef ? `, ${c.contact.matterRef}` : ""}`,
            ] as const,
        )}
        onChange={(v) => set("contactId", v)}
        error={problems.for("data.contactId")}
      />
      <OpenMessage
        itemId={messageLocationOf(list.find((c) => c.contactId === draft.contactId)?.event.data)?.itemId ?? null}
        open={mail.displayMessage?.bind(mail)}
        problem={openProblem}
        setProblem={setOpenProblem}
      />
      <RadioField
        label="What did it contain?"
        name="data.outcome"
        value={draft.outcome}
        options={CONTACT_REVIEW_OUTCOMES.map((o) => [o, CONTACT_REVIEW_LABELS[o]] as const)}
        onChange={(v) => set("outcome", v)}
        error={problems.for("data.outcome")}
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

/** "Open the message" for a contact logged from mail, where the host can open it (9.10: review the message itself). */
function OpenMessage(props: {
  readonly itemId: string | null;
  readonly open: ((itemId: string) => Promise<void>) | undefined;
  readonly problem: string;
  readonly setProblem: (text: string) => void;
}) {
  const { itemId, open, problem, setProblem } = props;
  if (!itemId || !open) return null;
  return (
    <div>
      <Button
        data-testid="open-message"
        onClick={() => {
          setProblem("");
          open(itemId).catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
        }}
      >
        Open the message
      </Button>
      {problem ? <Text role="alert">{problem}</Text> : null}
    </div>
  );
}
