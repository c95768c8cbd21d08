/**
 * The line manager's view of the record (the Teams tab): pure computations over the read model.
 *
 *   registerRows           the register of active contact strategies (9.4–9.9), with review dates (9.12)
 *   breachesAwaitingAcknowledgement   breaches nobody has acknowledged yet (9.11: dealt with swiftly)
 *   reviewsDue             reviews due within 14 days, and overdue ones (9.12: at most every three months)
 *   contactsAwaitingReview contacts not yet reviewed (9.10: all contact must be reviewed)
 *   registerCsv            the register for board reports: references, not names
 *   acknowledgementEvent   the BreachAcknowledged event (record-format §2), one per breach
 *   teamsBreachLink / breachFromLocation   the deep link a breach card opens, and reading it back
 */
import {
  CHANNEL_LABELS,
  RESTRICTION_LABELS,
  activeStrategies,
  describeRestriction,
  describeRestrictions,
  isOverdue,
  listInWords,
  londonDate,
  RecordRejectedError,
  type Channel,
  type EventOf,
  type RecordEvent,
  type RecordIndex,
  type Restriction,
  type RestrictionKind,
} from "../domain";
import { derivedId } from "./derived-id";
import { messageLocationOf, type MessageLocation } from "./message-link";
import type { AppendOutcome } from "./ports";

export interface RegisterRow {
  readonly personId: string;
  readonly name: string;
  readonly caseRefs: readonly string[];
  readonly strategyId: string;
  readonly matterRef: string;
  /** The restrictions in one line, in the words of the policy (9.9). */
  readonly restrictions: string;
  /** The same without the public's addresses or advocates' names (the CSV export). */
  readonly restrictionsForExport: string;
  readonly restrictionKinds: readonly RestrictionKind[];
  /** The single point of contact, when the strategy has one. */
  readonly spoc: string | null;
  /** London date the strategy was imposed. */
  readonly imposedOn: string;
  readonly reviewDue: string;
  readonly overdue: boolean;
  /** Days from today (London) to the review date; negative when overdue. */
  readonly daysToReview: number;
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** A London calendar date plus whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days),
  );
  return d.toISOString().slice(0, 10);
}

/** Every active strategy of every registered person, as at now. */
export function registerRows(index: RecordIndex, nowMs: number): RegisterRow[] {
  const today = londonDate(nowMs);
  const rows: RegisterRow[] = [];
  for (const personId of index.personIds()) {
    const person = index.person(personId, nowMs);
    for (const s of activeStrategies(person)) {
      const spoc = s.restrictions.find((r) => r.kind === "single-point-of-contact");
      rows.push({
        personId,
        name: person.name,
        caseRefs: person.caseRefs,
        strategyId: s.strategyId,
        matterRef: s.matterRef,
        restrictions: describeRestrictions(s.restrictions),
        restrictionsForExport: listInWords(s.restrictions.map(restrictionForExport), "and"),
        restrictionKinds: s.restrictions.map((r) => r.kind),
        spoc: spoc?.kind === "single-point-of-contact" ? spoc.staff : null,
        imposedOn: londonDate(s.imposedAtMs),
        reviewDue: s.reviewDue,
        overdue: isOverdue(s, nowMs),
        daysToReview: daysBetween(today, s.reviewDue),
      });
    }
  }
  return sortRegister(rows, "reviewDue", "ascending");
}

export type RegisterSortKey = "person" | "matter" | "spoc" | "reviewDue";
export type SortDirection = "ascending" | "descending";

const sortValue: Record<RegisterSortKey, (r: RegisterRow) => string> = {
  person: (r) => `${r.name.toLowerCase()}\u0000${r.personId}`,
  matter: (r) => r.matterRef.toLowerCase(),
  // Strategies without a SPOC sort last whichever the direction (they have no one to name).
  spoc: (r) => r.spoc?.toLowerCase() ?? "",
  reviewDue: (r) => r.reviewDue,
};

/** Sorted copy; ties are broken by review date, then person and strategy, so the order is stable. */
export function sortRegister(
  rows: readonly RegisterRow[],
  key: RegisterSortKey,
  direction: SortDirection,
): RegisterRow[] {
  const sign = direction === "ascending" ? 1 : -1;
  const value = sortValue[key];
  const tie = (a: RegisterRow, b: RegisterRow) =>
    a.reviewDue.localeCompare(b.reviewDue) ||
    a.personId.localeCompare(b.personId) ||
    a.strategyId.localeCompare(b.strategyId);
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (key === "spoc" && (x === "") !== (y === "")) return x === "" ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sign || tie(a, b);
  });
}

export interface RegisterFilter {
  /** Words that must each appear in the person, case references, matter, restrictions or SPOC. */
  readonly text?: string;
  readonly overdueOnly?: boolean;
  readonly restriction?: RestrictionKind | null;
  /** Only this person (exactly: a link to one person's record). */
  readonly personId?: string | null;
}

export function filterRegister(rows: readonly RegisterRow[], filter: RegisterFilter): RegisterRow[] {
  const words = (filter.text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (filter.personId && r.personId !== filter.personId) return false;
    if (filter.overdueOnly && !r.overdue) return false;
    if (filter.restriction && !r.restrictionKinds.includes(filter.restriction)) return false;
    if (words.length === 0) return true;
    const haystack = [r.name, r.personId, ...r.caseRefs, r.matterRef, r.strategyId, r.restrictions, r.spoc ?? ""]
      .join(" ")
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export interface AwaitingBreach {
  readonly breachId: string;
  readonly personId: string;
  readonly name: string;
  readonly strategyId: string;
  readonly matterRef: string;
  /** The London date the strategy was imposed, `YYYY-MM-DD` (staff read the strategy by matter and start). */
  readonly imposedOn: string;
  readonly restriction: RestrictionKind;
  readonly restrictionLabel: string;
  readonly at: string;
  readonly recordedBy: string;
  readonly detail: string;
  readonly reminderSent: boolean;
}

/** Breaches not yet acknowledged (4.5, 9.11), oldest first. */
export function breachesAwaitingAcknowledgement(index: RecordIndex): AwaitingBreach[] {
  const out: AwaitingBreach[] = [];
  for (const personId of index.personIds()) {
    const person = index.person(personId);
    for (const b of person.breaches.values()) {
      if (b.acknowledged) continue;
      out.push({
        breachId: b.breachId,
        personId,
        name: person.name,
        strategyId: b.strategyId,
        matterRef: person.strategies.get(b.strategyId)?.matterRef ?? "",
        imposedOn: londonDate(person.strategies.get(b.strategyId)?.imposedAtMs ?? b.atMs),
        restriction: b.restriction,
        restrictionLabel: RESTRICTION_LABELS[b.restriction],
        at: b.event.at,
        recordedBy: b.event.by,
        detail: b.event.data.detail,
        reminderSent: b.reminderSent,
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.breachId.localeCompare(b.breachId));
}

export interface ReviewDue {
  readonly personId: string;
  readonly name: string;
  readonly strategyId: string;
  readonly matterRef: string;
  /** The London date the strategy was imposed, `YYYY-MM-DD`. */
  readonly imposedOn: string;
  readonly reviewDue: string;
  readonly overdue: boolean;
  readonly daysToReview: number;
}

/** Active strategies whose review is overdue or due within `withinDays` days (9.12), soonest first. */
export function reviewsDue(index: RecordIndex, nowMs: number, withinDays = 14): ReviewDue[] {
  const horizon = addDays(londonDate(nowMs), withinDays);
  return registerRows(index, nowMs)
    .filter((r) => r.reviewDue <= horizon)
    .map(({ personId, name, strategyId, matterRef, imposedOn, reviewDue, overdue, daysToReview }) => ({
      personId,
      name,
      strategyId,
      matterRef,
      imposedOn,
      reviewDue,
      overdue,
      daysToReview,
    }));
}

export interface AwaitingContact {
  readonly contactId: string;
  readonly personId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly channelLabel: string;
  readonly at: string;
  readonly matterRef: string | null;
  /** Where the message is, for a contact logged from mail (the taskpane or the enforcement service). */
  readonly message: MessageLocation | null;
}

/** Contacts logged and not yet reviewed (9.10), oldest first. */
export function contactsAwaitingReview(index: RecordIndex): AwaitingContact[] {
  const out: AwaitingContact[] = [];
  for (const personId of index.personIds()) {
    const person = index.person(personId);
    for (const c of person.contacts.values()) {
      if (c.reviewed) continue;
      out.push({
        contactId: c.contactId,
        personId,
        name: person.name,
        channel: c.contact.channel,
        channelLabel: CHANNEL_LABELS[c.contact.channel],
        at: c.contact.at,
        matterRef: c.contact.matterRef ?? null,
        message: c.contact.channel === "email" ? messageLocationOf(c.event.data) : null,
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.contactId.localeCompare(b.contactId));
}

/**
 * One CSV cell (RFC 4180): quoted when needed. A value that a spreadsheet would read as a formula
 * (=, +, -, @, tab, carriage return or line feed first, or a formula after leading white space or
 * a line break) is prefixed with an apostrophe (OWASP CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[\t\r\n]|^\s*[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const REGISTER_CSV_COLUMNS = [
  "Person reference",
  "Case references",
  "Matter",
  "Strategy",
  "Restrictions",
  "Single point of contact",
  "Imposed on",
  "Review due",
  "Review overdue",
] as const;

/**
 * A restriction for a report that leaves the record: no member of the public's address and no
 * advocate's name (data minimisation); staff and organisation addresses, days and matters stay.
 */
export function restrictionForExport(r: Restriction): string {
  switch (r.kind) {
    case "blocked-addresses":
      return `emails from ${r.addresses.length} blocked address${r.addresses.length === 1 ? "" : "es"} are blocked`;
    case "advocate-only":
      return "contact only through their advocate";
    default:
      return describeRestriction(r);
  }
}

/**
 * The register as CSV for board reports. People appear by reference only: names, the public's
 * addresses and advocates' names stay in the record (data minimisation). UTF-8 with a byte order mark so spreadsheets read "–" correctly;
 * CRLF line ends (RFC 4180).
 */
export function registerCsv(rows: readonly RegisterRow[]): string {
  const lines = [REGISTER_CSV_COLUMNS.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.personId,
        r.caseRefs.join("; "),
        r.matterRef,
        r.strategyId,
        r.restrictionsForExport,
        r.spoc ?? "",
        r.imposedOn,
        r.reviewDue,
        r.overdue ? "yes" : "no",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The file name for an export on a given London date. */
export function registerCsvFileName(nowMs: number): string {
  return `contact-strategy-register-${londonDate(nowMs)}.csv`;
}

/**
 * The acknowledgement of a breach by a line manager (4.5, 9.11). Its id is derived from the breach,
 * so a second acknowledgement of the same breach (a retry, or a colleague at the same moment)
 * cannot add a second event: the store answers "duplicate" or E_DUPLICATE_ID.
 */
export function acknowledgementEvent(input: {
  readonly breachId: string;
  readonly personId: string;
  readonly note: string;
  readonly by: string;
  readonly at: string;
}): EventOf<"BreachAcknowledged"> {
  const note = input.note.trim();
  return {
    id: acknowledgementId(input.breachId),
    type: "BreachAcknowledged",
    personId: input.personId,
    at: input.at,
    by: input.by,
    data: note === "" ? { breachId: input.breachId } : { breachId: input.breachId, note },
  };
}

export function acknowledgementId(breachId: string): string {
  return derivedId("ack", breachId);
}

/** What recordAcknowledgement needs of the record (RecordService). */
export interface AcknowledgementRecord {
  record(events: readonly RecordEvent[]): Promise<readonly AppendOutcome[]>;
  load(): Promise<unknown>;
  readonly index: RecordIndex;
}

/**
 * Records an acknowledgement (4.5, 9.11) so that nobody can block it by holding its id. The id is
 * derived from the breach (one acknowledgement however many retries); when the store refuses it
 * with E_DUPLICATE_ID, the record is checked: if the breach is acknowledged, that one stands
 * ("already"). If not, the id is held by something that is not an acknowledgement of this breach
 * (a junk list item written to squat it), so the next id is tried: one derived from the breach and
 * its author, then one derived from the breach, the author and the time (unique to this attempt).
 */
export async function recordAcknowledgement(
  record: AcknowledgementRecord,
  event: EventOf<"BreachAcknowledged">,
): Promise<"acknowledged" | "already"> {
  const breachId = event.data.breachId;
  const ids = [
    event.id,
    derivedId("ack", breachId, event.by.toLowerCase()),
    derivedId("ack", breachId, event.by, event.at),
  ];
  let last: unknown = null;
  for (const id of ids) {
    try {
      const [outcome] = await record.record([{ ...event, id }]);
      return outcome === "duplicate" ? "already" : "acknowledged";
    } catch (err) {
      if (!(err instanceof RecordRejectedError) || !err.codes.includes("E_DUPLICATE_ID")) throw err;
      last = err;
      await record.load();
      if (record.index.person(event.personId).breaches.get(breachId)?.acknowledged) return "already";
    }
  }
  throw last;
}

/** The Teams tab's entity id in assets/teams/manifest.json. */
export const TEAMS_TAB_ENTITY_ID = "register";
const BREACH_PREFIX = "breach:";
const PERSON_PREFIX = "person:";

/**
 * A Teams deep link that opens the register tab on one breach (for the breach card's button):
 * https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&context={"subEntityId":"breach:<id>"}.
 * `webUrl` is where a client that cannot show the tab goes instead (teams.html?breach=<id>).
 */
export function teamsBreachLink(options: {
  readonly teamsAppId: string;
  readonly breachId: string;
  readonly tabUrl: string;
}): string {
  const context = JSON.stringify({ subEntityId: `${BREACH_PREFIX}${options.breachId}` });
  const webUrl = `${options.tabUrl}?breach=${encodeURIComponent(options.breachId)}`;
  return (
    `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.teamsAppId)}/${TEAMS_TAB_ENTITY_ID}` +
    `?webUrl=${encodeURIComponent(webUrl)}&label=${encodeURIComponent("Contact strategy breach")}&context=${encodeURIComponent(context)}`
  );
}

/** The breach a page was opened for: Teams' subPageId ("breach:<id>") first, then `?breach=<id>`. */
export function breachFromLocation(search: string, subPageId?: string | null): string | null {
  if (subPageId?.startsWith(BREACH_PREFIX)) return subPageId.slice(BREACH_PREFIX.length) || null;
  const id = new URLSearchParams(search).get("breach");
  return id && id.trim() !== "" ? id.trim() : null;
}

/**
 * The template of a Teams deep link to one person's strategies in the register, with a literal
 * "{personId}" for the breach notification to fill in (M365Settings.recordLink).
 */
export function teamsPersonLinkTemplate(options: { readonly teamsAppId: string; readonly tabUrl: string }): string {
  const enc = encodeURIComponent;
  return (
    `https://teams.microsoft.com/l/entity/${enc(options.teamsAppId)}/${TEAMS_TAB_ENTITY_ID}` +
    `?webUrl=${enc(`${options.tabUrl}?person=`)}{personId}&label=${enc("Contact strategy record")}` +
    `&context=${enc(`{"subEntityId":"${PERSON_PREFIX}`)}{personId}${enc('"}')}`
  );
}

/** The person a page was opened for: Teams' subPageId ("person:<id>") first, then `?person=<id>`. */
export function personFromLocation(search: string, subPageId?: string | null): string | null {
  if (subPageId?.startsWith(PERSON_PREFIX)) return subPageId.slice(PERSON_PREFIX.length) || null;
  const id = new URLSearchParams(search).get("person");
  return id && id.trim() !== "" ? id.trim() : null;
}
