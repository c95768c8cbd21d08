/**
 * A mail message as a contact (record-format §6): channel email, at = when it was received,
 * from = the sender's address, to = the To and Cc recipients on the organisation's domains (staff
 * and organisation mailboxes only; the person's own copies to other bodies do not count).
 */
import type { Contact } from "../domain";
import type { MailAddress, MailMessage } from "./mail-host";

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0
    ? ""
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** True when the address is on one of the domains (case-insensitive; exact domain, not subdomains). */
export function isOrganisationAddress(address: string, organisationDomains: readonly string[]): boolean {
  const domain = domainOf(address);
  return domain !== "" && organisationDomains.some((d) => d.trim().toLowerCase() === domain);
}

/** The organisation recipients of a message (To then Cc), trimmed, without duplicates (addresses compare case-insensitively). */
export function organisationRecipients(
  recipients: readonly MailAddress[],
  organisationDomains: readonly string[],
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of recipients) {
    const address = r.address.trim();
    const key = address.toLowerCase();
    if (!isOrganisationAddress(address, organisationDomains) || seen.has(key)) continue;
    seen.add(key);
    out.push(address);
  }
  return out;
}

export function messageToContact(message: MailMessage, organisationDomains: readonly string[]): Contact {
  const to = organisationRecipients([...message.to, ...message.cc], organisationDomains);
  const contact: Contact = { channel: "email", at: message.receivedAt, from: message.from.address.trim(), to };
  return message.matterRef ? { ...contact, matterRef: message.matterRef } : contact;
}

/**
 * Where a message is, for a link to it from the review queue (9.10): its item id in this mailbox
 * (Outlook's or Graph's id; the preview's message id) and the mailbox's address, when known.
 */
export function messageLocation(
  message: Pick<MailMessage, "id">,
  mailbox: string | null | undefined,
): { itemId: string; mailbox?: string } {
  const address = mailbox?.trim();
  return address ? { itemId: message.id, mailbox: address } : { itemId: message.id };
}
