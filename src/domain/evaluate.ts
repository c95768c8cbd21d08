/**
 * Does this contact breach a contact strategy in force when it arrived? (record-format §5–§7,
 * policy 9.8–9.11). The answer is data: each breach names the strategy, the restriction, the
 * policy paragraph and one plain sentence a member of staff can act on.
 */
import type { Stage } from "./catalogue";
import type { Contact, Restriction } from "./events";
import { activeStrategies, stageOf, type PersonState } from "./fold";
import { breachReason } from "./restrictions";

export interface Breach {
  readonly strategyId: string;
  readonly restriction: Restriction["kind"];
  readonly policyRef: "9.9";
  readonly reason: string;
}

export type NoteCode = "ambiguous-sender" | "other-matter";
export interface Note {
  readonly code: NoteCode;
  readonly message: string;
}

export interface Verdict {
  readonly person: { readonly id: string; readonly name: string } | null;
  readonly stage: Stage;
  readonly breaches: readonly Breach[];
  readonly notes: readonly Note[];
}

/** The contact's matter, if it names one (a blank `matterRef` names none). */
function matterOf(contact: Contact): string | undefined {
  return contact.matterRef !== undefined && contact.matterRef.trim() !== "" ? contact.matterRef : undefined;
}

/**
 * Judges a contact for a known person. `state` must be the person's fold as at the contact's
 * instant (§7 "as at the contact"): strategies imposed later, or lifted at or before it, do not apply.
 */
export function evaluateForPerson(state: PersonState, contact: Contact, atMs: number): Verdict {
  const breaches: Breach[] = [];
  const inForce = activeStrategies(state);
  const matter = matterOf(contact);
  for (const s of inForce) {
    // Scope (9.8): a strategy covers its own matter, and a contact naming no matter is in scope.
    // A contact about another matter breaches nothing in it, except that one about a matter in
    // its no-reopening list is judged against that restriction alone.
    const inScope = matter === undefined || matter === s.matterRef;
    for (const r of s.restrictions) {
      if (!inScope && !(r.kind === "no-reopening" && r.matterRefs.includes(matter ?? ""))) continue;
      const reason = breachReason(r, s, contact, atMs, state);
      if (reason !== null) breaches.push({ strategyId: s.strategyId, restriction: r.kind, policyRef: "9.9", reason });
    }
  }
  const notes: Note[] = [];
  if (matter !== undefined && breaches.length === 0 && !inForce.some((s) => s.matterRef === matter)) {
    notes.push({
      code: "other-matter",
      message: `This is about ${matter}, which no contact strategy in force covers: handle it normally and review it (9.8, 9.10).`,
    });
  }
  return { person: { id: state.personId, name: state.name }, stage: stageOf(state), breaches, notes };
}

export function ambiguousSenderNote(personIds: readonly string[]): Note {
  return {
    code: "ambiguous-sender",
    message: `This address or number belongs to more than one person (${personIds.join(" and ")}); check who sent it before acting on it.`,
  };
}
