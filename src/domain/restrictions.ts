/**
 * When a contact breaches one restriction (record-format §5, policy 9.9), as one plain sentence a
 * member of staff can act on (9.11: deal with a breach swiftly and remind the person), or null.
 * Scope (9.8) and "as at the contact" are decided by the caller (evaluate.ts).
 */
import { CHANNEL_LABELS } from "./catalogue";
import { describeWindows, DAY_NAMES, listInWords } from "./describe";
import type { Contact, Restriction, RestrictionOf } from "./events";
import type { PersonState, StrategyState } from "./fold";
import { isEmailIdentifier, normaliseEmail, sameEmail, samePhone } from "./identity";
import { formatTimeOfDay, londonMonthKey, londonTime, londonWeekKey, parseTimeOfDay } from "./time";

/** Local time inside a window: `from` inclusive, `to` exclusive (`24:00` is the end of the day). */
export function inSomeWindow(r: RestrictionOf<"phone-window">, atMs: number): boolean {
  const t = londonTime(atMs);
  return r.windows.some((w) => {
    if (w.day !== t.weekday) return false;
    const from = parseTimeOfDay(w.from) ?? 0;
    const to = parseTimeOfDay(w.to, true) ?? 0;
    return t.minutes >= from && t.minutes < to;
  });
}

/**
 * The call number of this contact in its London week (Monday–Sunday) or calendar month: one more
 * than the person's logged phone contacts in that period before it and since the restriction
 * took effect (retracted ones are not in the fold at all).
 */
function callNumber(per: "week" | "month", s: StrategyState, atMs: number, state: PersonState): number {
  const key = per === "week" ? londonWeekKey : londonMonthKey;
  const period = key(atMs);
  let earlier = 0;
  for (const c of state.contacts.values()) {
    if (c.contact.channel === "phone" && c.atMs < atMs && c.atMs >= s.restrictionsSinceMs && key(c.atMs) === period)
      earlier += 1;
  }
  return earlier + 1;
}

function phoneWindowReason(
  r: RestrictionOf<"phone-window">,
  s: StrategyState,
  contact: Contact,
  atMs: number,
  state: PersonState,
): string | null {
  if (contact.channel !== "phone") return null;
  const problems: string[] = [];
  if (!inSomeWindow(r, atMs)) {
    const t = londonTime(atMs);
    problems.push(
      `this call on ${DAY_NAMES[t.weekday]} at ${formatTimeOfDay(t.minutes)} UK time is outside the agreed call times (${describeWindows(r)})`,
    );
  }
  if (r.maxCalls !== undefined) {
    const per = r.per ?? "week";
    const n = callNumber(per, s, atMs, state);
    if (n > r.maxCalls) problems.push(`it is call ${n} this ${per}, more than the ${r.maxCalls} allowed`);
  }
  if (problems.length === 0) return null;
  const text = problems.join(", and ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}; remind them of the agreed calls and record the breach.`;
}

function cameBy(contact: Contact): string {
  return contact.channel === "in-person" ? "in person" : `by ${CHANNEL_LABELS[contact.channel]}`;
}

/** The reason a contact breaches one restriction of strategy `s`, or null when it does not. */
export function breachReason(
  r: Restriction,
  s: StrategyState,
  contact: Contact,
  atMs: number,
  state: PersonState,
): string | null {
  switch (r.kind) {
    case "phone-window":
      return phoneWindowReason(r, s, contact, atMs, state);
    case "written-only":
      if ((r.allowed as readonly string[]).includes(contact.channel)) return null;
      return `Contact is agreed in writing only (by ${listInWords(r.allowed, "or")}) but this came ${cameBy(contact)}; ask them to write instead and record the breach.`;
    case "call-recording":
      return null; // informational: never breached
    case "dedicated-address": {
      if (contact.channel !== "email") return null;
      const others = contact.to.filter((a) => !sameEmail(a, r.address));
      if (others.length === 0) return null;
      return `This email was sent to ${listInWords(others.map((a) => a.trim()))} instead of only the dedicated address ${r.address.trim()}; redirect it there and record the breach.`;
    }
    case "blocked-addresses": {
      if (contact.channel !== "email" || !isEmailIdentifier(contact.from)) return null;
      if (!r.addresses.some((a) => sameEmail(a, contact.from))) return null;
      return `This email comes from ${contact.from.trim()}, an address the contact strategy blocks; review it for anything new (9.10) and record the breach.`;
    }
    case "advocate-only": {
      if (contact.viaAdvocate === true) return null;
      const adv = r.advocate;
      if (
        adv.email !== undefined &&
        adv.email.trim() !== "" &&
        isEmailIdentifier(contact.from) &&
        sameEmail(adv.email, contact.from)
      )
        return null;
      if (adv.phone !== undefined && !isEmailIdentifier(contact.from) && samePhone(adv.phone, contact.from))
        return null;
      return `Contact is agreed only through their advocate ${adv.name} but this came directly; reply through the advocate and record the breach.`;
    }
    case "single-point-of-contact": {
      if (contact.channel !== "email" && contact.channel !== "phone" && contact.channel !== "in-person") return null;
      // A dedicated address of the same strategy also counts as allowed.
      const allowed = new Set([normaliseEmail(r.staff)]);
      for (const other of s.restrictions)
        if (other.kind === "dedicated-address") allowed.add(normaliseEmail(other.address));
      const others = contact.to.filter((a) => !allowed.has(normaliseEmail(a)));
      if (others.length === 0) return null;
      const what =
        contact.channel === "email"
          ? "This email was sent to"
          : contact.channel === "phone"
            ? "This call was taken by"
            : "This visit was seen by";
      return `${what} ${listInWords(others.map((a) => a.trim()))} rather than the single point of contact ${r.staff.trim()}; pass it to them and record the breach.`;
    }
    case "no-reopening":
      if (
        contact.reopenRequest !== true ||
        contact.matterRef === undefined ||
        !r.matterRefs.includes(contact.matterRef)
      )
        return null;
      return `This asks to reopen ${contact.matterRef}, a closed matter the contact strategy says will not be reopened; do not reopen it, review it for anything new (9.10) and record the breach.`;
  }
}
