/** A link to the message a contact is (9.10: the reviewer reads the message itself), when the surface can make one. */
import { Link } from "@fluentui/react-components";
import type { MessageLinker } from "../../app/message-link";
import type { AwaitingContact } from "../../app/register";
import { formatDateTime } from "../format";

export interface MessageLinkProps {
  readonly contact: AwaitingContact;
  readonly linker?: MessageLinker | null;
}

export function MessageLink({ contact, linker }: MessageLinkProps) {
  const href = contact.message && linker ? linker(contact.message) : null;
  if (!href) return null;
  return (
    <Link
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`Open the message from ${contact.name}, ${formatDateTime(contact.at)} (opens a new window)`}
      data-testid="message-link"
    >
      Open the message
    </Link>
  );
}
