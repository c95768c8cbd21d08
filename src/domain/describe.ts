/** Plain-English descriptions of restrictions and strategies, for staff screens, letters and reasons. */
import type { Restriction } from "./events";
import type { DayCode } from "./time";

export const DAY_NAMES: Readonly<Record<DayCode, string>> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function listInWords(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1] ?? ""}`;
}

export function describeWindows(r: Extract<Restriction, { kind: "phone-window" }>): string {
  return listInWords(r.windows.map((w) => `${DAY_NAMES[w.day]} ${w.from}–${w.to}`));
}

/** One restriction as a sentence fragment a member of staff or the person can read ("phone calls only …"). */
export function describeRestriction(r: Restriction): string {
  switch (r.kind) {
    case "phone-window": {
      const limit =
        r.maxCalls !== undefined
          ? `, at most ${r.maxCalls} call${r.maxCalls === 1 ? "" : "s"} a ${r.per ?? "week"}`
          : "";
      return `phone calls only on ${describeWindows(r)}${limit}`;
    }
    case "written-only":
      return `contact in writing only, by ${listInWords(r.allowed, "or")}`;
    case "call-recording":
      return "telephone calls are recorded or monitored";
    case "dedicated-address":
      return `emails only to ${r.address}`;
    case "blocked-addresses":
      return `emails from ${listInWords(r.addresses, "and")} are blocked`;
    case "advocate-only":
      return `contact only through their advocate, ${r.advocate.name}`;
    case "single-point-of-contact":
      return `contact only with the single point of contact, ${r.staff}`;
    case "no-reopening":
      return `no reopening of closed matter${r.matterRefs.length === 1 ? "" : "s"} ${listInWords(r.matterRefs)}`;
  }
}

export function describeRestrictions(rs: readonly Restriction[]): string {
  return listInWords(rs.map(describeRestriction), "and");
}
