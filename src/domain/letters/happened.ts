/**
 * What a breach was, told to the person (9.11: "a clear reminder"), derived from the record's
 * data (the breach's restriction, the strategy's restrictions and the logged contact), never from
 * the breach's `detail` or the verdict's reason: those are written for staff and say what staff
 * should do ("… and record the breach"), which must not reach a letter.
 */
import type { Channel } from "../catalogue";
import type { Contact, Restriction } from "../events";
import type { BreachState, StrategyState } from "../fold";
import { isEmailIdentifier, sameEmail } from "../identity";
import { inSomeWindow } from "../restrictions";
import { londonTime, formatTimeOfDay } from "../time";
import { listInWords } from "../describe";
import type { Wording } from "./types";

/** One thing that did not follow the arrangements, as data. */
export type Finding =
  | { readonly kind: "outside-times" }
  | { readonly kind: "too-many-calls"; readonly maxCalls: number; readonly per: "week" | "month" }
  | { readonly kind: "not-in-writing"; readonly allowed: readonly ("email" | "post")[] }
  | { readonly kind: "not-dedicated-address"; readonly address: string }
  | { readonly kind: "blocked-address"; readonly address?: string }
  | { readonly kind: "not-via-advocate"; readonly advocate: string }
  | { readonly kind: "not-single-point"; readonly staff: string }
  | { readonly kind: "reopen"; readonly matterRef?: string }
  | { readonly kind: "other" };

/** The contact that breached, as the letter tells it: when (London time) and how. */
export interface BreachOccasion {
  /** London calendar date, `2026-12-03`. */
  readonly date: string;
  /** London time of day, `14:10`, when the contact is logged. */
  readonly time?: string;
  readonly channel?: Channel;
}

export function occasionOf(
  b: BreachState,
  contact: { readonly contact: Contact; readonly atMs: number } | undefined,
): BreachOccasion {
  const atMs = contact?.atMs ?? b.atMs;
  const t = londonTime(atMs);
  return contact
    ? { date: t.date, time: formatTimeOfDay(t.minutes), channel: contact.contact.channel }
    : { date: t.date };
}

/**
 * What one breach was, from the restriction the strategy holds of the breach's kind (the last
 * one in force if it was varied since) and the contact, when it is logged.
 */
export function findingOf(b: BreachState, s: StrategyState, contact: Contact | undefined, atMs: number): Finding {
  const r: Restriction | undefined =
    s.restrictions.find((x) => x.kind === b.restriction) ??
    s.imposed.data.restrictions.find((x) => x.kind === b.restriction);
  if (!r) return { kind: "other" };
  switch (r.kind) {
    case "phone-window":
      if (!inSomeWindow(r, atMs) || r.maxCalls === undefined) return { kind: "outside-times" };
      return { kind: "too-many-calls", maxCalls: r.maxCalls, per: r.per ?? "week" };
    case "written-only":
      return { kind: "not-in-writing", allowed: r.allowed };
    case "call-recording":
      return { kind: "other" };
    case "dedicated-address":
      return { kind: "not-dedicated-address", address: r.address.trim() };
    case "blocked-addresses": {
      const from = contact?.from;
      const address =
        from !== undefined && isEmailIdentifier(from) && r.addresses.some((a) => sameEmail(a, from))
          ? from.trim()
          : r.addresses.length === 1
            ? r.addresses[0]?.trim()
            : undefined;
      return address ? { kind: "blocked-address", address } : { kind: "blocked-address" };
    }
    case "advocate-only":
      return { kind: "not-via-advocate", advocate: r.advocate.name.trim() };
    case "single-point-of-contact":
      return { kind: "not-single-point", staff: r.staff.trim() };
    case "no-reopening": {
      const ref = contact?.matterRef ?? (r.matterRefs.length === 1 ? r.matterRefs[0] : undefined);
      return ref ? { kind: "reopen", matterRef: ref } : { kind: "reopen" };
    }
  }
}

const VERB: Readonly<Record<Channel, { standard: string; easy: string }>> = {
  email: { standard: "you emailed us", easy: "you emailed us" },
  phone: { standard: "you telephoned us", easy: "you phoned us" },
  post: { standard: "you wrote to us", easy: "you wrote to us" },
  "in-person": { standard: "you visited us", easy: "you came to see us" },
  online: { standard: "you contacted us online", easy: "you contacted us online" },
  other: { standard: "you contacted us", easy: "you contacted us" },
};

/** "On Thursday 3 December 2026 at 14:10 you telephoned us." */
export function occasionSentence(o: BreachOccasion, longDate: (d: string) => string, wording: Wording): string {
  const when = `On ${longDate(o.date)}${o.time ? ` at ${o.time}` : ""}`;
  const verb = o.channel ? VERB[o.channel][wording === "easy-read" ? "easy" : "standard"] : "you contacted us";
  return `${when} ${verb}.`;
}

/** One finding told to the person, as a sentence. */
export function findingForPerson(f: Finding, wording: Wording): string {
  const easy = wording === "easy-read";
  switch (f.kind) {
    case "outside-times":
      return easy
        ? `This was not at one of your agreed phone times.`
        : `This was outside the times agreed for your calls.`;
    case "too-many-calls": {
      const calls = `${f.maxCalls} call${f.maxCalls === 1 ? "" : "s"}`;
      return easy
        ? `You can make up to ${calls} each ${f.per}. This was one more.`
        : `This was more than the ${calls} a ${f.per} agreed with you.`;
    }
    case "not-in-writing": {
      const ways = listInWords(
        f.allowed.map((a) => (a === "email" ? "email" : "post")),
        "or",
      );
      return easy
        ? `You should contact us in writing, by ${ways}.`
        : `Your arrangements ask you to contact us in writing only, by ${ways}.`;
    }
    case "not-dedicated-address":
      return easy
        ? `You should send your emails only to ${f.address}.`
        : `It was sent to other addresses here, not only to ${f.address}, the address agreed for your emails.`;
    case "blocked-address":
      return f.address
        ? easy
          ? `It came from ${f.address}. You should not use this address.`
          : `It came from ${f.address}, an address we have asked you not to use to contact us.`
        : easy
          ? `It came from an address you should not use.`
          : `It came from an address we have asked you not to use to contact us.`;
    case "not-via-advocate":
      return easy
        ? `You should contact us through your advocate, ${f.advocate}.`
        : `It did not come through your advocate, ${f.advocate}, as agreed.`;
    case "not-single-point":
      return easy
        ? `You should contact only ${f.staff}.`
        : `It went to someone other than your single point of contact, ${f.staff}.`;
    case "reopen":
      return f.matterRef
        ? easy
          ? `You asked us to open ${f.matterRef} again. It is closed.`
          : `You asked us to reopen ${f.matterRef}, which is closed and will not be reopened.`
        : easy
          ? `You asked us to open a closed matter again.`
          : `You asked us to reopen a closed matter, which will not be reopened.`;
    case "other":
      return easy ? `This did not follow your contact plan.` : `This did not follow your contact arrangements.`;
  }
}
