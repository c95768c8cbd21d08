/** An unknown sender: a clear "not on the record" state. Registering them is an action (ActionsSlot). */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { MailMessage } from "../app/mail-host";
import { isOrganisationAddress } from "../app/message-contact";
import { listInWords } from "../domain";
import { useServices } from "./services";
import { useSectionStyles } from "./styles";

export interface NotOnRecordProps {
  readonly message: MailMessage;
  /** Person ids that share the address (record-format §6 ambiguous-sender); empty when nobody has it. */
  readonly ambiguous: readonly string[];
  /** Each person's name by id, so staff read names, not ids (issue 14 item 7). */
  readonly nameOf?: (personId: string) => string;
}

export function NotOnRecord({ message, ambiguous, nameOf }: NotOnRecordProps) {
  const section = useSectionStyles();
  const { mail } = useServices();
  const colleague = isOrganisationAddress(message.from.address, mail.organisationDomains);
  return (
    <section aria-labelledby="csm-sender-heading" className={section.section} data-testid="not-on-record">
      <h2 id="csm-sender-heading" className={section.heading}>
        Sender
      </h2>
      {ambiguous.length > 1 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody className={section.wrap}>
            <MessageBarTitle>More than one person uses {message.from.address}</MessageBarTitle> It is recorded for{" "}
            {listInWords(ambiguous.map((id) => nameOf?.(id) ?? "another person"))}. Check who sent this before you act;
            the record cannot judge it until the address belongs to one person.
          </MessageBarBody>
        </MessageBar>
      ) : colleague ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody className={section.wrap}>
            <MessageBarTitle>A colleague</MessageBarTitle> {message.from.name || message.from.address} (
            {message.from.address}) writes from the organisation&apos;s own address: not a member of the public.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody className={section.wrap}>
            <MessageBarTitle>Not on the record</MessageBarTitle> {message.from.name || message.from.address} (
            {message.from.address}) has no recorded history. Nothing restricts how you reply.
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
