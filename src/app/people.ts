/**
 * Finding a person to link a new address to: by name or by address/number, over the read model.
 * Names match on every word given (case-insensitive, any order); an address or number matches
 * as the record compares them (record-format §5: addresses case-insensitively, numbers on digits).
 */
import { isEmailIdentifier, normaliseEmail, normalisePhone, stageOf, type RecordIndex, type Stage } from "../domain";

export interface PersonMatch {
  readonly personId: string;
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly stage: Stage;
}

export function searchPeople(index: RecordIndex, query: string, limit = 20): PersonMatch[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const words = q.split(/\s+/);
  const digits = normalisePhone(q);
  const byAddress = isEmailIdentifier(q);
  const out: PersonMatch[] = [];
  for (const personId of index.personIds()) {
    const s = index.person(personId);
    const name = s.name.toLowerCase();
    const hit =
      words.every((w) => name.includes(w)) ||
      s.emails.some((e) => normaliseEmail(e).includes(byAddress ? normaliseEmail(q) : q)) ||
      (!byAddress && digits.length >= 4 && s.phones.some((p) => normalisePhone(p).includes(digits))) ||
      personId.toLowerCase() === q;
    if (hit) out.push({ personId, name: s.name, emails: s.emails, phones: s.phones, stage: stageOf(s) });
  }
  return out
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB") || a.personId.localeCompare(b.personId))
    .slice(0, limit);
}
