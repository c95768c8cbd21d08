/**
 * Opens a drafted letter in the mail client: as a reply to the selected message when it came
 * from the person, otherwise as a new message to their address. In Outlook these are
 * displayReplyForm / displayNewMessageForm; in the preview, the compose panel. Staff check the
 * draft and send it themselves: nothing is sent from here.
 */
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { sameEmail } from "../../domain";
import type { Letter, LetterContext } from "../../domain/letters";
import { useServices } from "../services";
import { usePanel, usePerson } from "./context";
import { letterContext } from "./letters";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

export interface LetterButtonsProps {
  readonly personId: string;
  /** What the letter is ("warning letter"), for the button text. */
  readonly what: string;
  /** Builds the letter; null when the record does not hold what it needs. */
  readonly make: (ctx: LetterContext) => Letter | null;
}

export function LetterButtons({ personId, what, make }: LetterButtonsProps) {
  const styles = useStyles();
  const { mail } = useServices();
  const { message, staff, staffName } = usePanel();
  const person = usePerson(personId);
  const [status, setStatus] = useState("");
  const fromPerson = message !== null && person.emails.some((e) => sameEmail(e, message.from.address));
  const to = person.emails.slice(0, 1);

  const open = async (mode: "reply" | "new") => {
    const letter = make(letterContext(person, { name: staffName, address: staff }));
    if (!letter) {
      setStatus("The record does not hold what this letter needs.");
      return;
    }
    try {
      if (mode === "reply") await mail.displayReplyForm(letter.html);
      else await mail.displayNewMessageForm({ to, subject: letter.subject, htmlBody: letter.html });
      setStatus(
        `The ${what} is open as ${mode === "reply" ? "a reply" : "a new message"}. Check it, then send it yourself.`,
      );
    } catch (e) {
      setStatus(`The ${what} could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const canReply = fromPerson && mail.features.replyForm;
  const canNew = mail.features.newMessageForm;
  return (
    <div className={styles.row}>
      {canReply && (
        <Button appearance="primary" onClick={() => void open("reply")}>
          Draft the {what} as a reply
        </Button>
      )}
      {canNew && (
        <Button appearance={canReply ? "secondary" : "primary"} onClick={() => void open("new")}>
          Draft the {what} as a new message
        </Button>
      )}
      {!canReply && !canNew && (
        <Text>This version of Outlook cannot open a drafted message; the {what} can be written by hand.</Text>
      )}
      <Text role="status" aria-live="polite">
        {status}
      </Text>
    </div>
  );
}
