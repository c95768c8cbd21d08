/**
 * The domain's refusals (and the policy steps' own checks) as text beside the field they are
 * about: in plain English, with the policy paragraph. The domain's messages are written for every
 * surface (the CLI included) and end with where the rule comes from: "(StrategyImposed, policy
 * 9.4–9.9)", "(9.12)", "(record-format §2)". Here the field-level phrasing is turned into words
 * for a form, and the trailer into a policy paragraph (or the step's own, when it names none).
 */
import type { Problem } from "../../../app/action-errors";
import { datesInWords } from "../../format";

/** Form-level wording for the domain's field checks (the part before the trailer). */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/(it must be filled in|expected non-blank text|must not be blank)/, "Please fill this in"],
  [/expected true or false$/, "Please answer yes or no"],
  [/expected one of /, "Please choose one"],
  [/expected a (real calendar )?date/, "Please give a real date"],
  [/(it must have at least one entry|expected a list)$/, "Choose or add at least one"],
  [/expected an email address$/, "Please give an email address, like name@example.org"],
  [/expected a phone number$/, "Please give a phone number"],
  [/expected a time HH:MM from 00:00/, "Please give a time on the 24-hour clock, like 09:30"],
  [
    /expected a time HH:MM from 00:01 to 24:00/,
    "Please give a time on the 24-hour clock, like 17:00 (24:00 for midnight)",
  ],
  [/^must be later than from/, "The end must be later than the start, on the same day"],
  [/expected a whole number of at least 1/, "Please give a whole number, 1 or more"],
  [/expected an ISO-8601 date-time|must be a date and time/, "Please give a date and time"],
];

/** Record-format words that mean nothing to staff, in plain terms. */
const WORDS: readonly (readonly [RegExp, string])[] = [
  [/ \(CausesConsidered\)/g, ""],
  [/record in warningWaived why/g, "record why"],
  [/record it in equalityAdvice/g, "record it here"],
  [/^is false; /, ""],
  [/record PersonRegistered for them/g, "register them first"],
];

const TRAILER = /\s*\(([^()]*)\)\s*\.?\s*$/;

/** The policy paragraphs named in a trailer: "9.1–9.3", "StrategyImposed, policy 9.4–9.9" → "9.4–9.9"; none for "record-format §2". */
function policyIn(source: string): string | undefined {
  if (/^\d+(\.\d+)?([–\-,\s]+\d+(\.\d+)?)*$/.test(source.trim())) return source.trim();
  const m = /policy ([\d.]+(?:[–\-,\s]+[\d.]+)*)/.exec(source);
  return m?.[1]?.trim();
}

function sentence(text: string): string {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** One problem as a sentence, ending with the policy paragraph (the domain's, else the step's). */
export function explain(problem: Problem, policyRef?: string): string {
  let body = problem.message.trim();
  let ref: string | undefined;
  const trailer = TRAILER.exec(body);
  if (trailer) {
    ref = policyIn(trailer[1] ?? "");
    body = body.slice(0, trailer.index);
  }
  const plain = PHRASES.find(([re]) => re.test(body));
  if (plain) body = plain[1];
  for (const [re, to] of WORDS) body = body.replace(re, to);
  // Dates as staff read them everywhere else (issue 14 item 7); the domain's message keeps ISO for the CLI.
  body = datesInWords(body);
  const paragraph = ref ?? policyRef;
  return sentence(paragraph ? `${body} (${paragraph})` : body);
}

/** True when `field` is the problem's field or contains it (`data.restrictions[0]` contains `data.restrictions[0].address`). */
export function fieldMatches(problemField: string | undefined, field: string): boolean {
  if (problemField === undefined) return false;
  return problemField === field || problemField.startsWith(`${field}.`) || problemField.startsWith(`${field}[`);
}

export class FieldProblems {
  constructor(
    readonly all: readonly Problem[],
    private readonly policyRef?: string,
  ) {}

  /** The message for a field (every problem whose field is it or lies inside it), or undefined. */
  for(field: string, exact = false): string | undefined {
    const hits = this.all.filter((p) => (exact ? p.field === field : fieldMatches(p.field, field)));
    return hits.length ? hits.map((p) => explain(p, this.policyRef)).join(" ") : undefined;
  }

  /** Problems that no visible field shows (no field, or a field the form does not have). */
  unclaimed(shown: readonly string[]): string[] {
    return this.all.filter((p) => !shown.some((f) => fieldMatches(p.field, f))).map((p) => explain(p, this.policyRef));
  }

  get any(): boolean {
    return this.all.length > 0;
  }
}
