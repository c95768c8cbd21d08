/**
 * A register's "restrictions" cell read as the restrictions of record-format §5 (policy 9.9):
 * one or more kinds, separated by `;`, `,` or new lines, each optionally with its detail in
 * brackets ("written only (email)", "single point of contact (j.officer@opcc.example)"). A detail
 * not in brackets comes from its own column (Phone times, Single point of contact, …).
 */
import {
  DAY_CODES,
  parseTimeOfDay,
  RESTRICTION_LABELS,
  RESTRICTION_KINDS,
  type DayCode,
  type PhoneWindow,
  type Restriction,
  type RestrictionKind,
} from "../../domain";

export interface RestrictionDetails {
  readonly phoneTimes: string;
  readonly spoc: string;
  readonly dedicatedAddress: string;
  readonly blockedAddresses: readonly string[];
  readonly advocateName: string;
  readonly advocateEmail: string;
  readonly advocatePhone: string;
  readonly closedMatters: string;
  /** The strategy's own matter: what "no reopening" covers when the register names no other. */
  readonly matterRef: string;
}

const words = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

type Written = readonly ("email" | "post")[];
const PHRASES = new Map<string, { kind: RestrictionKind; allowed?: Written }>();
const add = (kind: RestrictionKind, phrases: readonly string[], allowed?: Written): void => {
  for (const p of phrases) PHRASES.set(words(p), allowed ? { kind, allowed } : { kind });
};
for (const kind of RESTRICTION_KINDS) add(kind, [kind, RESTRICTION_LABELS[kind]]);
add("phone-window", ["phone window", "phone windows", "phone times", "calls at agreed times", "limited phone calls"]);
add(
  "written-only",
  [
    "written only",
    "written contact only",
    "email or post only",
    "written only email or post",
    "written only email post",
  ],
  ["email", "post"],
);
add("written-only", ["email only", "written only email", "written contact only email"], ["email"]);
add("written-only", ["post only", "letter only", "letters only", "written only post"], ["post"]);
add("call-recording", ["call recording", "calls recorded", "recorded calls", "call monitoring", "calls monitored"]);
add("dedicated-address", ["dedicated address", "dedicated email", "dedicated email address", "dedicated mailbox"]);
add("blocked-addresses", ["blocked", "blocked addresses", "blocked emails", "blocked email addresses", "block email"]);
add("advocate-only", ["advocate", "advocate only", "through an advocate", "via advocate", "via an advocate"]);
add("single-point-of-contact", ["spoc", "single point of contact"]);
add("no-reopening", [
  "no reopening",
  "no re opening",
  "no reopening of closed matters",
  "no re opening of closed matters",
]);

export const RESTRICTION_WORDS_HINT =
  "phone window, written only, email only, post only, call recording, dedicated address, blocked addresses, advocate only, single point of contact, no reopening";

/** Splits on `;`, `,` and new lines outside brackets. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth += 1;
    if (ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ";" || ch === "," || ch === "\n")) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== "");
}

const isEmail = (s: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.trim());

/** "Tue 10:00-12:00; Thu 14:00 to 15:30" → windows; null when nothing in it reads as a window. */
export function parsePhoneTimes(text: string): PhoneWindow[] | null {
  const re =
    /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|to)\s*(\d{1,2})(?:[:.](\d{2}))?/gi;
  const out: PhoneWindow[] = [];
  for (const m of text.matchAll(re)) {
    const day = (m[1] as string).toLowerCase().slice(0, 3) as DayCode;
    const from = `${(m[2] as string).padStart(2, "0")}:${m[3] ?? "00"}`;
    const to = `${(m[4] as string).padStart(2, "0")}:${m[5] ?? "00"}`;
    const f = parseTimeOfDay(from);
    const t = parseTimeOfDay(to, true);
    if (!DAY_CODES.includes(day) || f === null || t === null || t <= f) return null;
    out.push({ day, from, to });
  }
  return out.length > 0 ? out : null;
}

/** The restrictions in a cell, or the reasons it cannot be read (each a sentence saying what to do). */
export function parseRestrictions(
  cell: string,
  details: RestrictionDetails,
): { readonly restrictions: Restriction[]; readonly problems: string[] } {
  const restrictions: Restriction[] = [];
  const problems: string[] = [];
  for (const item of splitList(cell)) {
    const m = /^([^(]*)(?:\((.*)\))?\s*$/s.exec(item);
    const base = words(m?.[1] ?? item);
    const detail = (m?.[2] ?? "").trim();
    const found = PHRASES.get(base);
    if (!found) {
      problems.push(`“${item}” is not a restriction the policy lists (9.9). Use one of: ${RESTRICTION_WORDS_HINT}.`);
      continue;
    }
    const label = RESTRICTION_LABELS[found.kind];
    switch (found.kind) {
      case "phone-window": {
        const text = detail || details.phoneTimes;
        const windows = text ? parsePhoneTimes(text) : null;
        if (!windows)
          problems.push(
            text
              ? `The phone times “${text}” cannot be read: write them like “Tue 10:00-12:00; Thu 14:00-15:00”.`
              : `${label} needs the agreed times: add them in brackets (for example “phone window (Tue 10:00-12:00)”) or in the column for phone times.`,
          );
        else restrictions.push({ kind: "phone-window", windows });
        break;
      }
      case "written-only": {
        let allowed = found.allowed ?? ["email", "post"];
        if (detail) {
          const d = words(detail);
          const email = /\bemail\b/.test(d);
          const post = /\b(post|letter|letters)\b/.test(d);
          if (email || post) allowed = [...(email ? ["email" as const] : []), ...(post ? ["post" as const] : [])];
        }
        restrictions.push({ kind: "written-only", allowed });
        break;
      }
      case "call-recording":
        restrictions.push({ kind: "call-recording" });
        break;
      case "dedicated-address": {
        const address = detail || details.dedicatedAddress;
        if (!isEmail(address))
          problems.push(
            address
              ? `The dedicated address “${address}” is not an email address.`
              : `${label} needs the address: add it in brackets or in the column for the dedicated email address.`,
          );
        else restrictions.push({ kind: "dedicated-address", address: address.trim() });
        break;
      }
      case "blocked-addresses": {
        const addresses = detail ? detail.split(/[;,\s]+/).filter(Boolean) : [...details.blockedAddresses];
        const bad = addresses.filter((a) => !isEmail(a));
        if (addresses.length === 0)
          problems.push(`${label} needs the addresses: add them in brackets or in the column for blocked addresses.`);
        else if (bad.length > 0)
          problems.push(`“${bad.join("”, “")}” in the blocked addresses is not an email address.`);
        else restrictions.push({ kind: "blocked-addresses", addresses });
        break;
      }
      case "advocate-only": {
        const name = detail || details.advocateName;
        if (!name) {
          problems.push(`${label} needs the advocate's name: add it in brackets or in the column for the advocate.`);
          break;
        }
        if (details.advocateEmail && !isEmail(details.advocateEmail)) {
          problems.push(`The advocate's email “${details.advocateEmail}” is not an email address.`);
          break;
        }
        restrictions.push({
          kind: "advocate-only",
          advocate: {
            name,
            ...(details.advocateEmail ? { email: details.advocateEmail } : {}),
            ...(details.advocatePhone ? { phone: details.advocatePhone } : {}),
          },
        });
        break;
      }
      case "single-point-of-contact": {
        const staff = detail || details.spoc;
        if (!isEmail(staff))
          problems.push(
            staff
              ? `The single point of contact “${staff}” is not an email address: give the member of staff's work email.`
              : `${label} needs the member of staff's work email: add it in brackets or in the column for the single point of contact.`,
          );
        else restrictions.push({ kind: "single-point-of-contact", staff: staff.trim() });
        break;
      }
      case "no-reopening": {
        const source = detail || details.closedMatters;
        const matterRefs = source ? splitList(source) : details.matterRef ? [details.matterRef] : [];
        if (matterRefs.length === 0)
          problems.push(
            `${label} needs the matter references: add them in brackets or in the column for closed matters.`,
          );
        else restrictions.push({ kind: "no-reopening", matterRefs });
        break;
      }
    }
  }
  if (problems.length === 0 && restrictions.length === 0)
    problems.push(`The restrictions cell is empty: a strategy has at least one restriction (9.9).`);
  return { restrictions, problems };
}
