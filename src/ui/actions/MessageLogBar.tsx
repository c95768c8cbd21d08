/**
 * For any message from a person on the record: "Log this email" (9.10: the contact goes on the
 * record) and "Reviewed: nothing new" (9.10: every contact is reviewed for genuine complaints,
 * criminal matters and safeguarding issues; this logs it first if need be). The contact id is
 * derived from the message (derived-id.ts), so both are idempotent across staff and retries; once
 * done, the bar says so instead of offering the button again.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useState } from "react";
import { logMessage, reviewMessageNothingNew } from "../../app/actions";
import { problemsOf } from "../../app/action-errors";
import { messageContactId, messageKey } from "../../app/derived-id";
import type { MailMessage } from "../../app/mail-host";
import { messageLocation, messageToContact } from "../../app/message-contact";
import { useRecord, useServices } from "../services";
import { useActionContext } from "./context";
import { explain } from "./form/problems";

export interface MessageLogBarProps {
  readonly personId: string;
  readonly message: MailMessage;
}

export function MessageLogBar({ personId, message }: MessageLogBarProps) {
  const ctx = useActionContext();
  const { mail } = useServices();
  const { index } = useRecord();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  let contact;
  try {
    contact = messageToContact(message, mail.organisationDomains);
    index.evaluate({ ...contact, personId });
  } catch {
    return null; // no usable received time: nothing can be logged from it
  }
  const input = {
    messageId: messageKey(message),
    contact,
    personId,
    message: messageLocation(message, mail.user?.address),
  };
  const logged = index.person(personId).contacts.get(messageContactId(messageKey(message)));
  const state = logged?.reviewed ? "reviewed" : logged ? "logged" : "not-logged";

  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      const ps = problemsOf(e);
      setError(
        ps
          ? ps.map((p) => explain(p, "9.10")).join(" ")
          : `Not recorded: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  if (state === "reviewed") {
    return (
      <MessageBar intent="success" layout="multiline" data-testid="message-log" data-state={state}>
        <MessageBarBody>
          <MessageBarTitle>Email logged and reviewed</MessageBarTitle> Nothing more to do for this email.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="info" layout="multiline" data-testid="message-log" data-state={state}>
      <MessageBarBody>
        <MessageBarTitle>{state === "logged" ? "Email logged" : "This email is not logged yet"}</MessageBarTitle>{" "}
        {state === "logged"
          ? "Review it when you have read it."
          : "Log it as a contact, or mark it reviewed if it raises nothing new."}
        {error ? ` ${error}` : ""}
      </MessageBarBody>
      <MessageBarActions>
        {state === "not-logged" && (
          <Button disabledFocusable={busy} onClick={() => run(() => logMessage(ctx, input))}>
            Log this email
          </Button>
        )}
        <Button
          appearance="primary"
          disabledFocusable={busy}
          title="Logs the email if need be and records that it raises no genuine complaint, criminal matter or safeguarding issue (policy 9.10)."
          onClick={() => run(() => reviewMessageNothingNew(ctx, input))}
        >
          Reviewed: nothing new
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
