/**
 * What the taskpane shows for one message, computed in one place from the record and the
 * message (so nothing on screen can belong to another message). Pure.
 */
import { isOverdue, stageOf, type PersonState, type RecordIndex, type Stage, type Verdict } from "../domain";
import type { MailMessage } from "../app/mail-host";
import { messageToContact } from "../app/message-contact";

export interface Assessment {
  readonly messageId: string;
  /** The message as a contact (record-format §6). */
  readonly verdict: Verdict;
  /** The sender's person id, or null when they are not on the record (or ambiguous). */
  readonly personId: string | null;
  /** Persons who share the sender's address, when it is ambiguous (record-format §6). */
  readonly ambiguous: readonly string[];
  /** The person as they stand now (not as at the message). */
  readonly person: PersonState | null;
  /** Stage now (record-format §7); "none" for an unknown sender. */
  readonly stage: Stage;
  /** Restriction kinds this message breaches, in the verdict's order, without repeats. */
  readonly breachKinds: readonly string[];
  readonly overdueReviews: number;
}

export function assess(
  index: RecordIndex,
  message: MailMessage,
  organisationDomains: readonly string[],
  nowMs: number,
): Assessment {
  const contact = messageToContact(message, organisationDomains);
  let verdict: Verdict;
  try {
    verdict = index.evaluate(contact);
  } catch {
    // A host that gives no usable received time: judge the message as at now.
    verdict = index.evaluate({ ...contact, at: new Date(nowMs).toISOString() });
  }
  const { ambiguous } = index.identify(contact);
  const personId = verdict.person?.id ?? null;
  const person = personId ? index.person(personId) : null;
  const breachKinds = [...new Set(verdict.breaches.map((b) => b.restriction))];
  const overdueReviews = person ? [...person.strategies.values()].filter((s) => isOverdue(s, nowMs)).length : 0;
  return {
    messageId: message.id,
    verdict,
    personId,
    ambiguous,
    person,
    stage: person ? stageOf(person) : "none",
    breachKinds,
    overdueReviews,
  };
}
