/** The letter context for a person, from the record and the member of staff signing. */
import type { PersonState } from "../../domain";
import type { LetterContext } from "../../domain/letters";

export function letterContext(person: PersonState, staff: { name: string; address: string }): LetterContext {
  return {
    recipientName: person.name,
    adjustments: person.adjustments,
    sender: { name: staff.name || staff.address },
    ...(staff.address ? { contactPoint: staff.address } : {}),
  };
}
