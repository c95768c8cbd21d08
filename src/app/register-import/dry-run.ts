/**
 * The dry run of a register import (issue 13 item 1): every row of the sheet, through the column
 * mapping, becomes the record events it stands for (record-format §2), or is refused with the
 * reasons in plain English. Nothing is written here: RecordService.importEvents appends the
 * planned events, all or nothing.
 *
 * Every planned event would be accepted by the §8 checks: each row's events are checked with the
 * domain's decideAppendMany against the record and the rows planned before it, and a row the
 * record would refuse is itself refused with the record's reason. The register's own rules come
 * first, in the policy's words: a strategy relates to one matter (9.8); it comes after a warning
 * unless one was not possible (9.3) and after the causes were considered (7.2); it is reviewed at
 * most every three months (9.12).
 *
 * Every imported event says it was imported and from which row: its `data.importedFrom`
 * ("register.xlsx row 7"; an extra field, which record-format §1 lets a record carry and every
 * reader ignores) and, where the event has text of its own (reason, proportionality, the
 * warning's expected change and consequences, the causes' actions), that text. Ids are derived
 * from the file's content and the row, so importing the same file twice adds nothing twice.
 */
import {
  addCalendarMonths,
  BEHAVIOURS,
  BEHAVIOUR_CODES,
  decideAppendMany,
  identifierKey,
  isCalendarDate,
  londonDate,
  londonMidnight,
  normaliseEmail,
  type BehaviourCode,
  type LoggedEvent,
  type NotifyMethod,
  type RecordEvent,
  type Restriction,
  type WarningMethod,
} from "../../domain";
import { derivedId } from "../derived-id";
import { FIELD_LABELS, type ColumnMapping, type ImportField } from "./mapping";
import type { Sheet, SheetRow } from "./parse";
import { parseRestrictions, splitList } from "./restrictions";

/** What to record where the register does not say (chosen by the administrator on the mapping screen). */
export interface ImportDefaults {
  readonly warningMethod?: WarningMethod;
  readonly notifiedBy?: NotifyMethod;
}

export interface DryRunInput {
  readonly sheet: Sheet;
  readonly mapping: ColumnMapping;
  /** The record as it stands (valid events). */
  readonly existing: readonly LoggedEvent[];
  /** The administrator importing (the events' `by`). */
  readonly by: string;
  readonly nowMs: number;
  readonly defaults?: ImportDefaults;
}

export interface PlannedRow {
  readonly row: number;
  readonly personId: string;
  readonly name: string;
  /** False when the row adds to a person registered by an earlier row of the file. */
  readonly newPerson: boolean;
  readonly events: readonly RecordEvent[];
  /** One line: what the row creates. */
  readonly summary: string;
}

export interface RefusedRow {
  readonly row: number;
  /** The name on the row, or "" when it has none. */
  readonly name: string;
  readonly reasons: readonly string[];
}

export interface DryRun {
  readonly fileName: string;
  readonly planned: readonly PlannedRow[];
  readonly refused: readonly RefusedRow[];
  /** Every planned event, in row order. */
  readonly events: readonly RecordEvent[];
  readonly counts: {
    readonly people: number;
    readonly warnings: number;
    readonly strategies: number;
    readonly reviews: number;
  };
}

const HOUR = 3_600_000;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const pad = (n: number): string => String(n).padStart(2, "0");

/** A register's date (YYYY-MM-DD, DD/MM/YYYY as UK registers write it, or "7 March 2026") as YYYY-MM-DD; null if not a date. */
export function parseRegisterDate(text: string): string | null {
  const t = text.trim();
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 100) y += 2000;
  } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(t))) {
    const name = (m[2] as string).toLowerCase();
    mo = MONTHS.indexOf(name.slice(0, 3)) + 1;
    if (mo === 0 || name.length < 3) return null;
    [d, y] = [Number(m[1]), Number(m[3])];
  } else return null;
  const iso = `${y}-${pad(mo)}-${pad(d)}`;
  return isCalendarDate(iso) ? iso : null;
}

/** YYYY-MM-DD as a UK reader writes it. */
export const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const YES = new Set(["yes", "y", "true", "done", "✓", "x"]);

function warningMethodOf(text: string): WarningMethod | null {
  const t = text
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
  if (/^e ?mail/.test(t)) return "email";
  if (/^(post|letter|by post|by letter)/.test(t)) return "post";
  if (/^(phone|telephone|call|by phone)/.test(t)) return "phone";
  if (/^(in person|face to face|meeting|visit)/.test(t)) return "in-person";
  return null;
}

function notifyMethodOf(text: string): NotifyMethod | null {
  const m = warningMethodOf(text);
  return m === "email" || m === "post" ? m : null;
}

function behaviourOf(text: string): BehaviourCode | null {
  const t = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (const code of BEHAVIOUR_CODES) {
    if (t === code.replace(/-/g, " ")) return code;
    if (
      t ===
      BEHAVIOURS[code].label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, " ")
        .trim()
    )
      return code;
  }
  return null;
}

const isEmail = (s: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s);
const isPhone = (s: string): boolean =>
  !s.includes("@") && /^[+()\d\s.-]+$/.test(s) && s.replace(/\D/g, "").length >= 7;

interface FilePerson {
  readonly row: number;
  readonly personId: string;
  readonly name: string;
  readonly matters: Set<string>;
  readonly keys: Set<string>;
}

const sameName = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/\s+/g, " ").trim() === b.toLowerCase().replace(/\s+/g, " ").trim();

/** The dry run: what the import would create, and every row it cannot take with the reasons. */
export function dryRunImport(input: DryRunInput): DryRun {
  const { sheet, mapping, by, nowMs } = input;
  const defaults = input.defaults ?? {};
  const today = londonDate(nowMs);
  const fileKey = derivedId("f", sheet.fileName, JSON.stringify(sheet.rows));
  const idFor = (row: number, part: string): string => derivedId("imp", fileKey, String(row), part);
  const filePersonIds = new Set(sheet.rows.map((r) => idFor(r.row, "person")));

  // Who the record already knows, by identifier (registrations and links; unlinks are ignored: a
  // number once used by someone on the record is not taken for a new person without staff looking).
  const owners = new Map<string, { personId: string; name: string }>();
  const names = new Map<string, string>();
  for (const { event } of input.existing)
    if (event.type === "PersonRegistered") names.set(event.personId, event.data.name);
  for (const { event } of input.existing) {
    if (event.type !== "PersonRegistered" && event.type !== "IdentifiersLinked") continue;
    const ids = [...(event.data.emails ?? []), ...(event.data.phones ?? [])];
    for (const id of ids)
      owners.set(identifierKey(id), { personId: event.personId, name: names.get(event.personId) ?? event.personId });
  }
  // Context for the record's own checks of a row: the person's events and every strategy id in use.
  const byPerson = new Map<string, LoggedEvent[]>();
  const strategies: LoggedEvent[] = [];
  for (const l of input.existing) {
    const list = byPerson.get(l.event.personId);
    if (list) list.push(l);
    else byPerson.set(l.event.personId, [l]);
    if (l.event.type === "StrategyImposed") strategies.push(l);
  }

  const filePeople = new Map<string, FilePerson>(); // by identifier key
  const planned: PlannedRow[] = [];
  const refused: RefusedRow[] = [];

  for (const sheetRow of sheet.rows) {
    const result = planRow(sheetRow);
    if ("reasons" in result) refused.push(result);
    else planned.push(result);
  }

  const events = planned.flatMap((p) => p.events);
  const count = (type: RecordEvent["type"]): number => events.filter((e) => e.type === type).length;
  return {
    fileName: sheet.fileName,
    planned,
    refused,
    events,
    counts: {
      people: count("PersonRegistered"),
      warnings: count("WarningIssued"),
      strategies: count("StrategyImposed"),
      reviews: count("StrategyReviewed"),
    },
  };

  function planRow(sheetRow: SheetRow): PlannedRow | RefusedRow {
    const { row } = sheetRow;
    const one = (field: ImportField): string => {
      const i = mapping.indexOf(field);
      return i < 0 ? "" : (sheetRow.cells[i] ?? "").trim();
    };
    const all = (field: ImportField): string[] =>
      mapping.flatMap((m, i) => (m === field ? [(sheetRow.cells[i] ?? "").trim()] : [])).filter((c) => c !== "");
    const reasons: string[] = [];
    const source = `${sheet.fileName} row ${row}`;
    const imported = `Imported from ${source}.`;

    const name = one("name");
    if (!name) reasons.push("There is no name. Add the person's name, or delete the row if it is not a person.");

    const emails = all("email")
      .flatMap((c) => c.split(/[;,\s]+/))
      .filter(Boolean);
    const phones = all("phone")
      .flatMap((c) => c.split(/[;,/\n]+/))
      .map((p) => p.trim())
      .filter(Boolean);
    for (const e of emails) if (!isEmail(e)) reasons.push(`“${e}” is not an email address.`);
    for (const p of phones) if (!isPhone(p)) reasons.push(`“${p}” is not a phone number (it needs at least 7 digits).`);
    if (emails.length === 0 && phones.length === 0)
      reasons.push(
        "There is no email address or phone number: the add-in recognises a person by them. Add at least one.",
      );
    const uniqueEmails = [...new Map(emails.map((e) => [normaliseEmail(e), e])).values()];
    const uniquePhones = [...new Map(phones.map((p) => [identifierKey(p), p])).values()];

    const matterRef = one("matterRef");
    const dateOf = (field: ImportField, mustBePast: boolean): string | null => {
      const text = one(field);
      if (!text) return null;
      const date = parseRegisterDate(text);
      if (!date) {
        reasons.push(
          `The ${FIELD_LABELS[field].toLowerCase()} “${text}” is not a date. Write it as DD/MM/YYYY (for example 07/03/2026).`,
        );
        return null;
      }
      if (mustBePast && date > today) {
        reasons.push(`The ${FIELD_LABELS[field].toLowerCase()} ${ukDate(date)} is in the future.`);
        return null;
      }
      return date;
    };
    const warningDate = dateOf("warningDate", true);
    const start = dateOf("strategyStart", true);
    const lastReviewed = dateOf("lastReviewed", true);
    const reviewDate = dateOf("reviewDate", false);
    const notifiedOnDate = dateOf("notifiedOn", true);
    const causesText = one("causesConsidered");
    const causesYes = YES.has(causesText.toLowerCase());
    const causesDate = causesYes ? null : dateOf("causesConsidered", true);

    // The warning (9.1–9.3).
    let behaviours: BehaviourCode[] = [];
    let warningMethod: WarningMethod | null = null;
    if (warningDate) {
      const items = splitList(one("behaviours"));
      for (const item of items) {
        const code = behaviourOf(item);
        if (code) behaviours.push(code);
        else
          reasons.push(
            `“${item}” is not a behaviour the policy names. Use a code such as verbal-abuse, demanding-updates or wrong-channels (record-format §3).`,
          );
      }
      behaviours = [...new Set(behaviours)];
      if (items.length === 0)
        reasons.push("The warning names no behaviour: add what the person was warned about (policy 9.2).");
      const methodText = one("warningMethod");
      warningMethod = methodText ? warningMethodOf(methodText) : (defaults.warningMethod ?? null);
      if (methodText && !warningMethod)
        reasons.push(`“${methodText}” is not how a warning is given: use email, post, phone or in person.`);
      else if (!warningMethod)
        reasons.push(
          "The register does not say how the warning was given: add it, or choose a default on the mapping screen.",
        );
    }

    // The strategy (9.4–9.12).
    const restrictionsText = one("restrictions");
    const hasStrategy = start !== null || restrictionsText !== "" || one("strategyStart") !== "";
    let restrictions: Restriction[] = [];
    let notifiedBy: NotifyMethod | null = null;
    let reviewDue: string | null = null;
    if (hasStrategy) {
      if (!one("strategyStart"))
        reasons.push("There are restrictions but no strategy start date: add the date it started.");
      if (!restrictionsText) reasons.push("There is a strategy start date but no restrictions: add them (policy 9.9).");
      else {
        const parsed = parseRestrictions(restrictionsText, {
          phoneTimes: one("phoneTimes"),
          spoc: one("spoc"),
          dedicatedAddress: one("dedicatedAddress"),
          blockedAddresses: all("blockedAddresses")
            .flatMap((c) => c.split(/[;,\s]+/))
            .filter(Boolean),
          advocateName: one("advocateName"),
          advocateEmail: one("advocateEmail"),
          advocatePhone: one("advocatePhone"),
          closedMatters: one("closedMatters"),
          matterRef,
        });
        restrictions = parsed.restrictions;
        reasons.push(...parsed.problems);
      }
      if (!matterRef) reasons.push("A strategy relates to one matter (policy 9.8): add the matter reference.");
      const waived = one("warningWaived");
      if (start) {
        if (warningDate && warningDate > start)
          reasons.push(
            `The warning (${ukDate(warningDate)}) is after the strategy started (${ukDate(start)}): a warning comes first (policy 9.3). Check both dates.`,
          );
        if (!one("warningDate") && !waived)
          reasons.push(
            "There is a strategy but no warning date. Add the date the person was warned, or why no warning was possible, in the column for that (policy 9.3).",
          );
        if (!causesText)
          reasons.push(
            "The register does not say the causes of the behaviour were considered before the strategy (policy 7.2): add the date they were (or “yes”).",
          );
        else if (causesDate && causesDate > start)
          reasons.push(
            `The causes were considered (${ukDate(causesDate)}) after the strategy started (${ukDate(start)}): they are considered first (policy 7.2).`,
          );
        if (!one("reviewDate"))
          reasons.push("There is no review date: add when the strategy is next reviewed (policy 9.12).");
        else if (reviewDate) {
          const from = lastReviewed ?? start;
          if (lastReviewed && lastReviewed < start)
            reasons.push(
              `The last review (${ukDate(lastReviewed)}) is before the strategy started (${ukDate(start)}).`,
            );
          else if (reviewDate < from)
            reasons.push(
              `The review date ${ukDate(reviewDate)} is before the strategy ${lastReviewed ? "was last reviewed" : "started"} (${ukDate(from)}).`,
            );
          else if (reviewDate > addCalendarMonths(from, 3))
            reasons.push(
              lastReviewed
                ? `The next review (${ukDate(reviewDate)}) is more than three months after the last review (${ukDate(lastReviewed)}): reviews are at most three months apart (policy 9.12).`
                : `The next review (${ukDate(reviewDate)}) is more than three months after the strategy started (${ukDate(start)}) (policy 9.12). If it has been reviewed since, add the date of the last review in a column for that.`,
            );
          // The first review due: the register holds only the next one. With a later review, the
          // imposition's is the last review's date (it was reviewed when due) within three months.
          reviewDue = lastReviewed ? minDate(lastReviewed, addCalendarMonths(start, 3)) : reviewDate;
        }
      }
      const notifiedText = one("notifiedBy");
      notifiedBy = notifiedText ? notifyMethodOf(notifiedText) : (defaults.notifiedBy ?? null);
      if (notifiedText && !notifiedBy)
        reasons.push(`“${notifiedText}” is not how a person is told about a strategy: use email or post (policy 9.6).`);
      else if (!notifiedBy)
        reasons.push(
          "The register does not say how the person was told about the strategy (email or post): add it, or choose a default on the mapping screen.",
        );
    }

    // Who this is: the record, then the rows before it.
    const keys = new Set([...uniqueEmails, ...uniquePhones].map((v) => identifierKey(v)));
    let personId = idFor(row, "person");
    let newPerson = true;
    let joined: FilePerson | null = null;
    const onRecord = [...keys].map((k) => owners.get(k)).find((o) => o !== undefined);
    if (onRecord) {
      if (filePersonIds.has(onRecord.personId))
        return { row, name, reasons: ["This row was imported from this file before: it is already on the record."] };
      reasons.push(
        `${describeKey([...keys].find((k) => owners.get(k) === onRecord) ?? "")} is already on the record for ${onRecord.name}. Record changes to someone already on the record in the add-in, not by import.`,
      );
    }
    const earlier = [
      ...new Set([...keys].map((k) => filePeople.get(k)).filter((p): p is FilePerson => p !== undefined)),
    ];
    if (earlier.length > 1)
      reasons.push(
        `Its addresses and numbers belong to different people on rows ${earlier.map((p) => p.row).join(" and ")}. Correct the rows so that each address or number is one person's.`,
      );
    else if (earlier.length === 1) {
      const p = earlier[0] as FilePerson;
      const shared = [...keys].find((k) => p.keys.has(k)) ?? "";
      if (name && !sameName(name, p.name))
        reasons.push(
          `${describeKey(shared)} is also on row ${p.row}, for ${p.name}. One address or number belongs to one person: correct one of the rows.`,
        );
      else if (p.matters.has(matterRef.toLowerCase()))
        reasons.push(
          `This is the same person as row ${p.row}${matterRef ? ` and the same matter (${matterRef})` : ""}: a duplicate. Delete one of the rows or merge them.`,
        );
      else {
        joined = p;
        personId = p.personId;
        newPerson = false;
      }
    }

    if (reasons.length > 0) return { row, name, reasons };

    // The events, in the order they happened (London local times on the register's dates).
    const at = (date: string, hour: number): string => new Date(londonMidnight(date) + hour * HOUR).toISOString();
    const out: RecordEvent[] = [];
    const importedFrom = source;
    const dates = [warningDate, causesDate, start].filter((d): d is string => d !== null).sort();
    if (newPerson) {
      const data = {
        name,
        emails: uniqueEmails,
        phones: uniquePhones,
        ...(matterRef ? { caseRefs: [matterRef] } : {}),
        importedFrom,
      };
      out.push({
        id: idFor(row, "person"),
        type: "PersonRegistered",
        personId,
        at: dates[0] ? at(dates[0], 0) : new Date(nowMs).toISOString(),
        by,
        data,
      });
    } else if (joined) {
      const more = [...uniqueEmails, ...uniquePhones].filter((v) => !joined.keys.has(identifierKey(v)));
      if (more.length > 0) {
        const data = {
          emails: more.filter((v) => v.includes("@")),
          phones: more.filter((v) => !v.includes("@")),
          importedFrom,
        };
        out.push({
          id: idFor(row, "link"),
          type: "IdentifiersLinked",
          personId,
          at: dates[0] ? at(dates[0], 0) : new Date(nowMs).toISOString(),
          by,
          data,
        });
      }
    }
    if (warningDate && warningMethod) {
      const data = {
        behaviours,
        expectedChange: `Not in the register. ${imported}`,
        consequences: `Not in the register. ${imported}`,
        method: warningMethod,
        ...(matterRef ? { matterRef } : {}),
        importedFrom,
      };
      out.push({ id: idFor(row, "warning"), type: "WarningIssued", personId, at: at(warningDate, 9), by, data });
    }
    if (start && reviewDue && notifiedBy) {
      const causesOn = causesDate ?? start;
      const causes = {
        processExplained: true,
        handledProportionately: true,
        communicatedRegularly: true,
        supportOffered: true,
        rationaleGiven: true,
        actions: `${imported} The register records that the causes were considered${causesDate ? ` on ${ukDate(causesDate)}` : ""} (policy 7.2); it does not hold the answers to each question.`,
        importedFrom,
      };
      out.push({
        id: idFor(row, "causes"),
        type: "CausesConsidered",
        personId,
        at: at(causesOn, 9.5),
        by,
        data: causes,
      });
      const strategyId = idFor(row, "strategy");
      const reason = one("reason");
      const notes = [
        imported,
        ...(notifiedOnDate ? [] : ["The register gives no date the person was told; the start date is used."]),
        ...(lastReviewed ? [`The first review is taken as due on ${ukDate(reviewDue)}.`] : []),
      ].join(" ");
      const waived = one("warningWaived");
      const data = {
        strategyId,
        matterRef,
        reason: reason ? `${reason} (${notes})` : `Not in the register. ${notes}`,
        restrictions,
        proportionality: `Not in the register. ${imported}`,
        approvedBy: one("approvedBy") || "Not in the register",
        notifiedOn: notifiedOnDate ?? start,
        notifiedBy,
        reviewDue,
        ...(warningDate ? {} : { warningWaived: `${waived} (${imported})` }),
        importedFrom,
      };
      out.push({ id: strategyId, type: "StrategyImposed", personId, at: at(start, 10), by, data });
      if (lastReviewed && reviewDate) {
        const review = {
          strategyId,
          outcome: "continue" as const,
          rationale: `The register records a review on ${ukDate(lastReviewed)} that kept the strategy. ${imported}`,
          nextReviewDue: reviewDate,
          importedFrom,
        };
        out.push({
          id: idFor(row, "review"),
          type: "StrategyReviewed",
          personId,
          at: at(lastReviewed, 11),
          by,
          data: review,
        });
      }
    }

    // The record's own checks (record-format §8), against the record and the rows planned before.
    const context = [...(byPerson.get(personId) ?? []), ...strategies];
    const decision = decideAppendMany(context, out);
    if (decision.kind === "rejected")
      return {
        row,
        name,
        reasons: [`The record would refuse it: ${decision.errors.map((e) => e.message).join("; ")}.`],
      };
    const list = byPerson.get(personId) ?? [];
    for (const l of decision.logged) {
      list.push(l);
      if (l.event.type === "StrategyImposed") strategies.push(l);
    }
    byPerson.set(personId, list);

    const person = joined ?? { row, personId, name, matters: new Set<string>(), keys: new Set<string>() };
    person.matters.add(matterRef.toLowerCase());
    for (const k of keys) {
      person.keys.add(k);
      filePeople.set(k, person);
    }
    return { row, personId, name, newPerson, events: out, summary: summarise(name, newPerson, out) };
  }
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function describeKey(key: string): string {
  return key.startsWith("e:") ? `The email address ${key.slice(2)}` : `The phone number ${key.slice(2)}`;
}

function summarise(name: string, newPerson: boolean, events: readonly RecordEvent[]): string {
  const parts: string[] = [newPerson ? `${name}: registered` : `${name} (as on an earlier row)`];
  for (const e of events) {
    if (e.type === "WarningIssued") parts.push(`warned on ${ukDate(londonDate(Date.parse(e.at)))}`);
    if (e.type === "StrategyImposed")
      parts.push(
        `strategy on ${e.data.matterRef} from ${ukDate(londonDate(Date.parse(e.at)))} (${e.data.restrictions.length} restriction${e.data.restrictions.length === 1 ? "" : "s"})`,
      );
    if (e.type === "StrategyReviewed" && e.data.nextReviewDue)
      parts.push(`reviewed, next review ${ukDate(e.data.nextReviewDue)}`);
    else if (e.type === "StrategyImposed" && !events.some((x) => x.type === "StrategyReviewed"))
      parts.push(`review due ${ukDate(e.data.reviewDue)}`);
  }
  return parts.join(", ");
}
