/**
 * Wording helpers shared by the templates: dates as people write them, behaviours and
 * restrictions in the second person ("you may …"), in standard and easy-read forms.
 */
import { BEHAVIOURS, type BehaviourCode } from "../catalogue";
import { DAY_NAMES, listInWords, MONTH_NAMES as MONTHS } from "../describe";
import type { Restriction } from "../events";
import { DAY_CODES, isCalendarDate } from "../time";
import type { Wording } from "./types";

/** `2027-02-03` → `Wednesday 3 February 2027` (the calendar day in the UK; no clock involved). */
export function longDate(date: string): string {
  if (!isCalendarDate(date)) return date;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const weekday = DAY_CODES[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
  return `${weekday ? DAY_NAMES[weekday] : ""} ${d} ${MONTHS[m - 1] ?? ""} ${y}`.trim();
}

function clock(time: string): string {
  return time === "24:00" ? "midnight" : time;
}

/** What the person did, in the policy's words, lower-cased for use inside a sentence. */
export function behaviourPhrase(code: BehaviourCode): string {
  const label: string = BEHAVIOURS[code].label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A restriction told to the person, as one or more sentences. */
export function restrictionForPerson(r: Restriction, wording: Wording): string[] {
  const easy = wording === "easy-read";
  switch (r.kind) {
    case "phone-window": {
      const times = r.windows.map(
        (w) =>
          `${DAY_NAMES[w.day]} ${easy ? "from" : "between"} ${clock(w.from)} ${easy ? "to" : "and"} ${clock(w.to)}`,
      );
      const out = easy
        ? [`You can phone us on ${listInWords(times, "or")}.`]
        : [`You may telephone us only on ${listInWords(times, "or")}.`];
      if (r.maxCalls !== undefined) {
        const calls = `${r.maxCalls} call${r.maxCalls === 1 ? "" : "s"}`;
        out.push(
          easy
            ? `You can make up to ${calls} each ${r.per ?? "week"}.`
            : `Please make no more than ${calls} in any ${r.per ?? "week"}.`,
        );
      }
      return out;
    }
    case "written-only": {
      const ways = listInWords(
        r.allowed.map((a) => (a === "email" ? "email" : "post")),
        "or",
      );
      return easy
        ? [`Please contact us in writing.`, `You can use ${ways}.`, `Please do not phone or visit us about this.`]
        : [
            `Please contact us in writing only, by ${ways}. We will not take telephone calls or visits about this matter.`,
          ];
    }
    case "call-recording":
      return easy
        ? [`We will record our phone calls with you.`]
        : [`Telephone calls with you will be recorded or monitored.`];
    case "dedicated-address":
      return easy
        ? [`Please send your emails to ${r.address}.`, `Do not send them to anyone else here.`]
        : [
            `Please send all your emails to ${r.address}. Emails you send to other addresses here will be passed to that address.`,
          ];
    case "blocked-addresses": {
      const list = listInWords(r.addresses, "and");
      return easy
        ? [
            `Please do not email us from ${list}.`,
            `We have blocked ${r.addresses.length === 1 ? "this address" : "these addresses"}.`,
          ]
        : [
            `Emails from ${list} are blocked. Please do not use ${r.addresses.length === 1 ? "this address" : "these addresses"} to contact us.`,
          ];
    }
    case "advocate-only": {
      const how = [r.advocate.email, r.advocate.phone].filter((x): x is string => x !== undefined && x.trim() !== "");
      const reach = how.length > 0 ? ` (${listInWords(how, "or")})` : "";
      return easy
        ? [`Please contact us through your advocate, ${r.advocate.name}${reach}.`, `Please do not contact us yourself.`]
        : [`Please contact us only through your advocate, ${r.advocate.name}${reach}.`];
    }
    case "single-point-of-contact":
      return easy
        ? [`Please contact only one person here: ${r.staff}.`]
        : [
            `Please contact only your single point of contact, ${r.staff}. Please do not contact other members of staff about this matter.`,
          ];
    case "no-reopening": {
      const one = r.matterRefs.length === 1;
      const refs = listInWords(r.matterRefs);
      return easy
        ? [`${refs} ${one ? "is" : "are"} closed.`, `We will not open ${one ? "it" : "them"} again.`]
        : [
            `${refs} ${one ? "is" : "are"} closed and will not be reopened. We will not respond to requests to reopen ${one ? "it" : "them"}.`,
          ];
    }
  }
}

/** Each restriction as one list item (its sentences joined). */
export function restrictionItems(rs: readonly Restriction[], wording: Wording): string[] {
  return rs.map((r) => restrictionForPerson(r, wording).join(" "));
}
