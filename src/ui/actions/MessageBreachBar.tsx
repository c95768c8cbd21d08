/**
 * When the selected message breaches the person's strategy: record the breach now (9.11: dealt
 * with swiftly), with ids derived from the message so that two staff acting on it record it once.
 * Once it is on the record, say so and point to the reminder.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useState } from "react";
import { recordMessageBreach } from "../../app/actions";
import { problemsOf } from "../../app/action-errors";
import { messageContactId, messageKey } from "../../app/derived-id";
import type { MailMessage } from "../../app/mail-host";
import { messageLocation, messageToContact } from "../../app/message-contact";
import { useRecord, useServices } from "../services";
import { useActionContext } from "./context";
import { explain } from "./form/problems";

export interface MessageBreachBarProps {
  readonly personId: string;
  readonly message: MailMessage;
  readonly onRemind: () => void;
}

export function MessageBreachBar({ personId, message, onRemind }: MessageBreachBarProps) {
  const ctx = useActionContext();
  const { mail } = useServices();
  const { index } = useRecord();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  let contact;
  let verdict;
  try {
    contact = { ...messageToContact(message, mail.organisationDomains), personId };
    verdict = index.evaluate(contact);
  } catch {
    return null; // no usable received time: the taskpane's verdict already says what it can
  }
  const contactId = messageContactId(messageKey(message));
  const person = index.person(personId);
  const recorded = [...person.breaches.values()].filter((b) => b.event.data.contactId === contactId);
  if (recorded.length > 0) {
    const reminded = recorded.every((b) => b.reminderSent);
    return (
      <MessageBar
        intent={reminded ? "success" : "warning"}
        layout="multiline"
        data-testid="message-breach"
        data-state="recorded"
      >
        <MessageBarBody>
          <MessageBarTitle>Breach recorded</MessageBarTitle>{" "}
          {reminded
            ? "A reminder has been sent."
            : "Send a reminder of the consequences and the reasons for the strategy (9.11)."}
        </MessageBarBody>
        {!reminded && (
          <MessageBarActions>
            <Button onClick={onRemind}>Go to the reminder</Button>
          </MessageBarActions>
        )}
      </MessageBar>
    );
  }
  if (verdict.breaches.length === 0) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="message-breach" data-state="detected">
      <MessageBarBody>
        <MessageBarTitle>This message breaches the contact strategy</MessageBarTitle> Record the breach now, so it is
        dealt with swiftly (9.11).
        {error ? ` ${error}` : ""}
      </MessageBarBody>
      <MessageBarActions>
        <Button
          appearance="primary"
          disabledFocusable={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await recordMessageBreach(ctx, {
                messageId: messageKey(message),
                contact,
                personId,
                message: messageLocation(message, mail.user?.address),
              });
            } catch (e) {
              const ps = problemsOf(e);
              setError(
                ps
                  ? ps.map((p) => explain(p, "9.11")).join(" ")
                  : `Not recorded: ${e instanceof Error ? e.message : String(e)}`,
              );
            } finally {
              setBusy(false);
            }
          }}
        >
          Record the breach
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
