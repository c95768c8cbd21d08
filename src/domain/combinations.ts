/**
 * Restriction combinations (policy 9.6, 9.9, 8.4, 9.13–9.14): checks on writing that the product
 * applies to the restrictions staff set through it (an imposition, a variation or a `vary`
 * review). They are not record-format §8 checks: `csm validate` does not run them, and a record
 * written before them stays valid. Each refusal has a code, names both restrictions (or the
 * restriction and the reasonable adjustment) and ends with the policy paragraph.
 *
 * Why: the person is told the strategy in writing (9.6), one sentence per restriction. Two
 * restrictions that contradict each other ("You may telephone us only on Tuesday…" and "We will
 * not take telephone calls") give them a notice they cannot follow, and a strategy staff cannot
 * keep to (9.11). A restriction that shuts the only channel a recorded reasonable adjustment
 * needs breaks the promise the same notice makes to keep to it (8.4, 9.13); as with §8's
 * E_ADJUSTMENT_CONFLICT, equality advice recorded with the decision lets it stand (9.14).
 *
 * The full table, with the combinations that are allowed and why, is in docs/record-rules.md.
 */
import { RESTRICTION_LABELS, type RestrictionKind } from "./catalogue";
import { deepEqual, type Adjustment, type RecordEvent, type Restriction, type RestrictionOf } from "./events";
import { sameEmail } from "./identity";
import type { RecordIndex } from "./record";

export const COMBINATION_CODES = [
  "E_CLASH_SAME_KIND",
  "E_CLASH_CALLS_WRITTEN_ONLY",
  "E_CLASH_RECORDING_WRITTEN_ONLY",
  "E_CLASH_DEDICATED_NOT_EMAIL",
  "E_CLASH_BLOCKED_DEDICATED",
  "E_CLASH_BLOCKED_SPOC",
  "E_CLASH_BLOCKED_ADVOCATE",
  "E_CLASH_BLOCKED_EMAIL_ONLY",
  "E_CLASH_BLOCKED_ALL_DEDICATED",
  "E_CLASH_BLOCKED_WRITTEN_NEED",
] as const;
export type CombinationCode = (typeof COMBINATION_CODES)[number];

export interface CombinationError {
  readonly code: CombinationCode;
  readonly message: string;
  /** `data.restrictions[j]` (the later of the two), or `data.equalityAdvice` where advice would let it stand. */
  readonly field: string;
  /** The two things that clash: two restriction kinds, or a restriction kind and an adjustment kind. */
  readonly between: readonly [RestrictionKind, RestrictionKind | Adjustment["kind"]];
  /** The policy paragraphs the rule comes from ("9.6, 9.9"). */
  readonly policyRef: string;
}

/** Thrown by the app layer when restrictions staff set clash with each other or with a needed adjustment. */
export class CombinationRefusedError extends Error {
  readonly errors: readonly CombinationError[];
  constructor(errors: readonly CombinationError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join("; "));
    this.name = "CombinationRefusedError";
    this.errors = errors;
  }
  get codes(): CombinationCode[] {
    return this.errors.map((e) => e.code);
  }
}

/** What the checks need to know about the person: the email addresses held for them and their adjustments. */
export interface CombinationPerson {
  readonly emails: readonly string[];
  readonly adjustments: readonly Adjustment[];
}

const label = (k: RestrictionKind): string => `“${RESTRICTION_LABELS[k]}”`;

/** Kinds the notice states as the one arrangement ("only on …", "only to …", "only through …"): two different ones contradict. */
const EXCLUSIVE: readonly RestrictionKind[] = [
  "phone-window",
  "written-only",
  "dedicated-address",
  "advocate-only",
  "single-point-of-contact",
];

const PAIR_REF = "9.6, 9.9";
const NEED_REF = "8.4, 9.13–9.14";

function first<K extends RestrictionKind>(rs: readonly Restriction[], kind: K): [RestrictionOf<K>, number] | null {
  const i = rs.findIndex((r) => r.kind === kind);
  return i < 0 ? null : [rs[i] as RestrictionOf<K>, i];
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === "";
const listed = (addresses: readonly string[], address: string | undefined): boolean =>
  !blank(address) && addresses.some((a) => sameEmail(a, address ?? ""));

/**
 * The clashes in one full set of restrictions for this person; empty when none. `equalityAdvice`
 * is the advice recorded with the decision (it lets an adjustment clash stand, 9.14; it never
 * reconciles two restrictions that contradict each other).
 */
export function restrictionClashes(
  restrictions: readonly Restriction[],
  person: CombinationPerson,
  equalityAdvice?: string,
): CombinationError[] {
  const out: CombinationError[] = [];
  const rs = restrictions.filter((r): r is Restriction => typeof r === "object" && r !== null);
  const pair = (
    code: CombinationCode,
    a: RestrictionKind,
    b: RestrictionKind,
    at: number,
    why: string,
    fix: string,
  ): void => {
    out.push({
      code,
      field: `data.restrictions[${at}]`,
      between: [a, b],
      policyRef: PAIR_REF,
      message: `${label(a)} cannot go with ${label(b)}: ${why}. ${fix} (${PAIR_REF})`,
    });
  };

  // Two of the same exclusive kind that differ: the notice would give two arrangements for one thing.
  for (const kind of EXCLUSIVE) {
    const idx = rs.flatMap((r, i) => (r.kind === kind ? [i] : []));
    const [i0, ...rest] = idx;
    if (i0 === undefined) continue;
    const j = rest.find((i) => !deepEqual(rs[i], rs[i0]));
    if (j !== undefined)
      pair(
        "E_CLASH_SAME_KIND",
        kind,
        kind,
        j,
        "the notice would set out two different arrangements of the same kind",
        "Keep one of them, with everything it needs in it.",
      );
  }

  const written = first(rs, "written-only");
  const calls = first(rs, "phone-window");
  const recording = first(rs, "call-recording");
  const dedicated = first(rs, "dedicated-address");
  const blocked = first(rs, "blocked-addresses");
  const spoc = first(rs, "single-point-of-contact");
  const advocate = first(rs, "advocate-only");
  const later = (a: number, b: number): number => Math.max(a, b);

  if (written && calls)
    pair(
      "E_CLASH_CALLS_WRITTEN_ONLY",
      "phone-window",
      "written-only",
      later(written[1], calls[1]),
      "the notice would offer agreed call times and also say that no telephone calls are taken",
      "Keep agreed call times if they may phone, or written contact only if they may not.",
    );
  if (written && recording)
    pair(
      "E_CLASH_RECORDING_WRITTEN_ONLY",
      "call-recording",
      "written-only",
      later(written[1], recording[1]),
      "the notice would say calls are recorded and also that no telephone calls are taken",
      "Remove call recording, or allow calls.",
    );
  const allowed = written?.[0].allowed ?? [];
  if (written && dedicated && !allowed.includes("email"))
    pair(
      "E_CLASH_DEDICATED_NOT_EMAIL",
      "dedicated-address",
      "written-only",
      later(written[1], dedicated[1]),
      "the notice would give them an email address to write to and also say they may write only by post",
      "Allow email in written contact, or remove the dedicated address.",
    );

  if (blocked) {
    const addresses = blocked[0].addresses ?? [];
    if (dedicated && listed(addresses, dedicated[0].address))
      pair(
        "E_CLASH_BLOCKED_DEDICATED",
        "dedicated-address",
        "blocked-addresses",
        later(blocked[1], dedicated[1]),
        `${dedicated[0].address.trim()} is both the address they must write to and an address that is blocked`,
        "Block only the person's own addresses.",
      );
    if (spoc && listed(addresses, spoc[0].staff))
      pair(
        "E_CLASH_BLOCKED_SPOC",
        "single-point-of-contact",
        "blocked-addresses",
        later(blocked[1], spoc[1]),
        `${spoc[0].staff.trim()} is both their single point of contact and an address that is blocked`,
        "Block only the person's own addresses.",
      );
    if (advocate && listed(addresses, advocate[0].advocate?.email))
      pair(
        "E_CLASH_BLOCKED_ADVOCATE",
        "advocate-only",
        "blocked-addresses",
        later(blocked[1], advocate[1]),
        `the advocate's address ${advocate[0].advocate.email?.trim() ?? ""} is blocked, so the only way they may contact us is shut`,
        "Take the advocate's address off the blocked list.",
      );

    // Every email address held for the person is blocked: email from them is shut (unless an advocate writes for them).
    const own = person.emails.filter((e) => !blank(e));
    const allOwnBlocked = own.length > 0 && own.every((e) => listed(addresses, e));
    if (allOwnBlocked && !advocate) {
      const which =
        own.length === 1
          ? `their only email address (${own[0]?.trim() ?? ""})`
          : "every email address we hold for them";
      if (written && allowed.length > 0 && allowed.every((a) => a === "email"))
        pair(
          "E_CLASH_BLOCKED_EMAIL_ONLY",
          "written-only",
          "blocked-addresses",
          later(blocked[1], written[1]),
          `they may write only by email, but ${which} is blocked, which leaves them no way to contact us`,
          "Allow post too, or block fewer addresses.",
        );
      if (dedicated)
        pair(
          "E_CLASH_BLOCKED_ALL_DEDICATED",
          "dedicated-address",
          "blocked-addresses",
          later(blocked[1], dedicated[1]),
          `they are asked to email ${dedicated[0].address.trim()}, but ${which} is blocked`,
          "Block only the addresses they must stop using.",
        );
      if (person.adjustments.some((a) => a.kind === "written-contact") && blank(equalityAdvice))
        out.push({
          code: "E_CLASH_BLOCKED_WRITTEN_NEED",
          field: "data.equalityAdvice",
          between: ["blocked-addresses", "written-contact"],
          policyRef: NEED_REF,
          message: `${label("blocked-addresses")} blocks ${which}, but their recorded reasonable adjustment “Needs contact in writing” says they need to write to us, and the notice promises to keep to it. Block fewer addresses, or seek equality advice and record it here (${NEED_REF})`,
        });
    }
  }
  return out;
}

/** The full set of restrictions an event sets, with the strategy it belongs to; null for other events. */
function setBy(event: RecordEvent): { restrictions: readonly Restriction[]; advice?: string } | null {
  switch (event.type) {
    case "StrategyImposed":
    case "StrategyVaried":
      return { restrictions: event.data.restrictions ?? [], advice: event.data.equalityAdvice };
    case "StrategyReviewed":
      return event.data.outcome === "vary"
        ? { restrictions: event.data.restrictions ?? [], advice: event.data.equalityAdvice }
        : null;
    default:
      return null;
  }
}

/** The combination refusals for one event about to be written over `index`; empty when none. */
export function checkCombinations(event: RecordEvent, index: RecordIndex): CombinationError[] {
  const set = setBy(event);
  if (!set || !Array.isArray(set.restrictions)) return [];
  return restrictionClashes(set.restrictions, index.person(event.personId), set.advice);
}
