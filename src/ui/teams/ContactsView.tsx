/**
 * Contacts awaiting review (9.10: regardless of any contact strategy, all contact must be reviewed
 * to identify genuine complaints, issues, criminal matters and safeguarding issues). Reviewing is
 * done in the Outlook pane, where the message is; this list shows what is waiting.
 */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { AwaitingContact } from "../../app/register";
import { formatDateTime } from "../format";
import { useTeamsStyles } from "./styles";

export interface ContactsViewProps {
  readonly contacts: readonly AwaitingContact[];
}

export function ContactsView({ contacts }: ContactsViewProps) {
  const s = useTeamsStyles();
  return (
    <section className={s.view} aria-labelledby="contacts-heading" data-testid="contacts">
      <h2 id="contacts-heading" className={s.heading}>
        Contacts awaiting review
      </h2>
      <p className={s.muted}>
        All contact must be reviewed for genuine complaints, new issues, criminal matters and safeguarding, whatever the
        strategy says (9.10). Review each one from the message in Outlook.
      </p>
      {contacts.length === 0 ? (
        <p>Every logged contact has been reviewed.</p>
      ) : (
        <div className={s.tableScroll}>
          <Table aria-labelledby="contacts-heading" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Person</TableHeaderCell>
                <TableHeaderCell>How</TableHeaderCell>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>Matter</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {contacts.map((c) => (
                <TableRow key={c.contactId} data-testid="contact-row">
                  <TableCell>
                    {c.name} <span className={s.muted}>({c.personId})</span>
                  </TableCell>
                  <TableCell>{c.channelLabel}</TableCell>
                  <TableCell>{formatDateTime(c.at)}</TableCell>
                  <TableCell>{c.matterRef ?? "Not given"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
