/**
 * Does this contact breach a contact strategy in force when it arrived? (record-format §5–§7,
 * policy 9.9–9.11). The answer is data: each breach names the strategy, the restriction, the
 * policy paragraph and one plain sentence a member of staff can act on.
 */
import type { Stage } from "./catalogue";
import { CHANNEL_LABELS } from "./catalogue";
import { describeWindows, DAY_NAMES } from "./describe";
import type { Contact, Restriction } from "./events";
import { activeStrategies, stageOf, type PersonState, type StrategyState } from "./fold";
import { isEmailIdentifier, normaliseEmail, sameEmail, samePhone } from "./identity";
import { formatTimeOfDay, londonMonthKey, londonTime, londonWeekKey, parseTimeOfDay } from "./time";

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

function inWindow(r: Extract<Restriction, { kind: "phone-window" }>, day: string, minutes: number): boolean {
  return r.windows.some((w) => {
    if (w.day !== day) return false;
    const from = parseTimeOfDay(w.from) ?? 0;
    const to = parseTimeOfDay(w.to, true) ?? 0;
    return minutes >= from && minutes < to; // from inclusive, to exclusive (§5)
  });
}

/** The reason a contact breaches one restriction, or null when it does not. */
function breachReason(
  r: Restriction,
  s: StrategyState,
  contact: Contact,
  atMs: number,
  state: PersonState,
): string | null {
  const to = contact.to.map(normaliseEmail);
  switch (r.kind) {
    case "phone-window": {
      if (contact.channel !== "phone") return null;
      const t = londonTime(atMs);
      const reasons: string[] = [];
      if (!inWindow(r, t.weekday, t.minutes)) {
        reasons.push(`this call on ${DAY_NAMES[t.weekday]} at ${formatTimeOfDay(t.minutes)} (UK time) is outside the agreed call times (${describeWindows(r)})`);
      }
      if (r.maxCalls !== undefined) {
        const per = r.per ?? "week";
        const key = per === "week" ? londonWeekKey : londonMonthKey;
        const period = key(atMs);
        let earlier = 0;
        for (const c of state.contacts.values()) {
          if (c.contact.channel === "phone" && c.atMs < atMs && c.atMs >= s.restrictionsSinceMs && key(c.atMs) === period) earlier += 1;
        }
        if (earlier >= r.maxCalls) {
          reasons.push(`this is call ${earlier + 1} this ${per}, more than the ${r.maxCalls} allowed`);
        }
      }
      return reasons.length > 0 ? `${capitalise(reasons.join(", and "))}.` : null;
    }
    case "written-only":
      if ((r.allowed as readonly string[]).includes(contact.channel)) return null;
      return `Contact is agreed in writing only (by ${r.allowed.join(" or ")}), but this came ${contact.channel === "in-person" ? "in person" : `by ${CHANNEL_LABELS[contact.channel]}`}.`;
    case "call-recording":
      return null;
    case "dedicated-address": {
      if (contact.channel !== "email") return null;
      const others = contact.to.filter((a) => !sameEmail(a, r.address));
      if (others.length === 0) return null;
      return `This email was sent to ${others.join(", ")} instead of only the dedicated address ${r.address}.`;
    }
    case "blocked-addresses": {
      if (contact.channel !== "email" || !isEmailIdentifier(contact.from)) return null;
      if (!r.addresses.some((a) => sameEmail(a, contact.from))) return null;
      return `This email comes from ${contact.from.trim()}, an address blocked by the contact strategy.`;
    }
    case "advocate-only": {
      if (contact.viaAdvocate === true) return null;
      const adv = r.advocate;
      if (adv.email && isEmailIdentifier(contact.from) && sameEmail(adv.email, contact.from)) return null;
      if (adv.phone && !isEmailIdentifier(contact.from) && samePhone(adv.phone, contact.from)) return null;
      return `Contact is agreed only through the advocate ${adv.name}, but this came directly from the person.`;
    }
    case "single-point-of-contact": {
      if (contact.channel !== "email" && contact.channel !== "phone" && contact.channel !== "in-person") return null;
      const allowed = new Set([normaliseEmail(r.staff)]);
      for (const other of s.restrictions) if (other.kind === "dedicated-address") allowed.add(normaliseEmail(other.address));
      const others = contact.to.filter((_, i) => !allowed.has(to[i] ?? ""));
      if (others.length === 0) return null;
      const verb = contact.channel === "email" ? "was sent to" : "was taken by";
      return `This ${contact.channel === "email" ? "email" : contact.channel === "phone" ? "call" : "visit"} ${verb} ${others.join(", ")}, not the single point of contact ${r.staff}.`;
    }
    case "no-reopening":
      if (contact.reopenRequest !== true || contact.matterRef === undefined || !r.matterRefs.includes(contact.matterRef)) return null;
      return `This asks to reopen ${contact.matterRef}, a closed matter the contact strategy says will not be reopened.`;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Judges a contact for a known person. `state` must be the person's fold as at the contact's
 * instant (§7 "as at the contact"): strategies imposed later, or lifted at or before it, do not apply.
 */
export function evaluateForPerson(state: PersonState, contact: Contact, atMs: number): Verdict {
  const breaches: Breach[] = [];
  const inForce = activeStrategies(state);
  for (const s of inForce) {
    // Scope (9.8): a strategy covers its own matter; a contact with no matter is in scope; a
    // contact about another matter is judged only against a no-reopening restriction.
    const inScope = contact.matterRef === undefined || contact.matterRef === s.matterRef;
    for (const r of s.restrictions) {
      if (!inScope && r.kind !== "no-reopening") continue;
      const reason = breachReason(r, s, contact, atMs, state);
      if (reason !== null) breaches.push({ strategyId: s.strategyId, restriction: r.kind, policyRef: "9.9", reason });
    }
  }
  const notes: Note[] = [];
  if (contact.matterRef !== undefined && breaches.length === 0 && !inForce.some((s) => s.matterRef === contact.matterRef)) {
    notes.push({
      code: "other-matter",
      message: `This is about ${contact.matterRef}, which no contact strategy covers: handle it normally and review it (9.8, 9.10).`,
    });
  }
  return { person: { id: state.personId, name: state.name }, stage: stageOf(state), breaches, notes };
}

export function ambiguousSenderNote(personIds: readonly string[]): Note {
  return {
    code: "ambiguous-sender",
    message: `This address or number belongs to more than one person (${personIds.join(", ")}); check who sent it before acting.`,
  };
}
