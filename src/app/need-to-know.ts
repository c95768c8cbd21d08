/**
 * The front-line view (issue 12 Deliver 5): what a member of staff without a case role (roles.ts
 * CASE_ROLES: reception, any colleague who opens a restricted person's email, or an administrator)
 * needs to know to deal with this person, and nothing more. Details of a contact strategy are
 * shared only where there is a legitimate reason (9.15); staff are not health professionals (8.2)
 * but must honour the adjustments in place (8.4, 9.13).
 *
 * It holds: the person's name; each active strategy's matter and its restrictions as plain
 * instructions (9.8, 9.9); what to do with this message (the verdict and whom to pass it to); and
 * the adjustments to honour, by kind, as the least they must do. It never holds free text that
 * staff typed: no incident summary, warning, breach detail, strategy reason or proportionality,
 * review rationale, sharing record, call note, causes, needs' source or an adjustment's detail
 * (which may describe someone's health). Its sentences are built from the record's structured
 * fields (restriction kinds, windows, addresses, names of the advocate and the single point of
 * contact) only. Pure: no I/O, no clock.
 */
import {
  ADJUSTMENT_LABELS,
  describeRestriction,
  describeWindows,
  listInWords,
  RESTRICTION_LABELS,
  type AdjustmentKind,
  type PersonState,
  type Restriction,
  type RestrictionKind,
  type Verdict,
} from "../domain";
import type { Access } from "./roles";

/** Whether this user sees the front-line view rather than the full record (no case role). */
export function seesFrontLineView(access: Access): boolean {
  return !access.hasCaseRole;
}

export interface FrontLineInstruction {
  readonly kind: RestrictionKind;
  /** The restriction's name (RESTRICTION_LABELS). */
  readonly label: string;
  /** What it means for the member of staff, in a sentence ("Calls: Tuesday 10:00–12:00 only."). */
  readonly instruction: string;
}

export interface FrontLineStrategy {
  /** The matter the strategy covers (9.8): other matters are handled normally. */
  readonly matterRef: string;
  readonly restrictions: readonly FrontLineInstruction[];
}

export interface FrontLineAdjustment {
  readonly kind: AdjustmentKind;
  readonly label: string;
  /** The least the member of staff must do to honour it; never the adjustment's recorded detail. */
  readonly instruction: string;
}

export interface FrontLineMessage {
  /** True when this message goes against a restriction in force. */
  readonly breaches: boolean;
  /** What the message goes against, by restriction (labels only). */
  readonly breached: readonly string[];
  /** What to do with it, in order. */
  readonly steps: readonly string[];
}

export interface FrontLineView {
  readonly name: string;
  /** At least one strategy is in force. */
  readonly restricted: boolean;
  readonly strategies: readonly FrontLineStrategy[];
  /** What to do with the message open now; null where there is none (the Teams tab). */
  readonly message: FrontLineMessage | null;
  readonly adjustments: readonly FrontLineAdjustment[];
  /** Whom to pass things to: the single point of contact where there is one, otherwise a caseworker. */
  readonly passTo: string;
}

const sentence = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** One restriction as an instruction for front-line staff (9.9). */
function instructionFor(r: Restriction): string {
  switch (r.kind) {
    case "phone-window": {
      const limit =
        r.maxCalls !== undefined
          ? `, at most ${r.maxCalls} call${r.maxCalls === 1 ? "" : "s"} a ${r.per ?? "week"}`
          : "";
      return `Calls: ${describeWindows(r)} only${limit}. At other times, politely ask them to call back then.`;
    }
    case "written-only":
      return `Contact in writing only, by ${listInWords(r.allowed, "or")}. If they call or visit, ask them to write instead.`;
    case "call-recording":
      return "Telephone calls with them are recorded or monitored.";
    case "dedicated-address":
      return `Only email ${r.address.trim()}. Anything they send elsewhere goes there.`;
    case "blocked-addresses":
      return `${sentence(describeRestriction(r))}. Do not reply to those addresses.`;
    case "advocate-only":
      return `Contact only through their advocate, ${r.advocate.name.trim()}. Do not reply to them directly.`;
    case "single-point-of-contact":
      return `Only ${r.staff.trim()} deals with them (the single point of contact). Pass anything from them to ${r.staff.trim()}.`;
    case "no-reopening":
      return `Closed matter${r.matterRefs.length === 1 ? "" : "s"} ${listInWords(r.matterRefs)} ${r.matterRefs.length === 1 ? "is" : "are"} not reopened. Do not promise to look at ${r.matterRefs.length === 1 ? "it" : "them"} again.`;
  }
}

/** What to do with a message that goes against a restriction, in a front-line member of staff's hands. */
function breachStep(kind: RestrictionKind, r: Restriction | undefined, passTo: string): string {
  switch (kind) {
    case "dedicated-address":
      return r?.kind === "dedicated-address"
        ? `Forward it to ${r.address.trim()}, the dedicated address.`
        : `Pass it to ${passTo}.`;
    case "advocate-only":
      return `Do not reply to them directly: pass it to ${passTo}, who replies through their advocate.`;
    case "single-point-of-contact":
      return `Do not reply yourself: pass it to ${passTo}.`;
    default:
      return `Do not act on it yourself: pass it to ${passTo}.`;
  }
}

/** The least staff must do to honour each kind of adjustment (8.1–8.6, 9.13). Never the recorded detail. */
const ADJUSTMENT_INSTRUCTIONS: Readonly<Record<AdjustmentKind, string>> = {
  "phone-contact": "They need to be able to phone: take their calls, even where contact is otherwise in writing.",
  "written-contact": "They need contact in writing: confirm in writing anything you tell them.",
  "large-print": "Send anything written in large print.",
  "easy-read": "Use easy-read versions of letters and information.",
  interpreter: "They need an interpreter: ask a caseworker to arrange one before a call or meeting.",
  advocate: "They have support from an advocate: include the advocate when they ask you to.",
  "extra-time": "Give them extra time to respond.",
  other: "Another adjustment is in place: ask a caseworker what you need to do.",
};

/**
 * The front-line view of a person, and of the message open now when `verdict` is its verdict
 * (null for none). Built only from structured fields; see the module comment for what it leaves out.
 */
export function frontLineView(person: PersonState, verdict: Verdict | null): FrontLineView {
  const active = [...person.strategies.values()].filter((s) => s.active);
  const restrictions = active.flatMap((s) => s.restrictions);
  const spoc = restrictions.find((r) => r.kind === "single-point-of-contact");
  const passTo = spoc?.kind === "single-point-of-contact" ? spoc.staff.trim() : "a caseworker";

  const strategies: FrontLineStrategy[] = active.map((s) => ({
    matterRef: s.matterRef,
    restrictions: s.restrictions.map((r) => ({
      kind: r.kind,
      label: RESTRICTION_LABELS[r.kind],
      instruction: instructionFor(r),
    })),
  }));

  const seen = new Set<AdjustmentKind>();
  const adjustments: FrontLineAdjustment[] = [];
  for (const a of person.adjustments) {
    if (seen.has(a.kind)) continue;
    seen.add(a.kind);
    adjustments.push({ kind: a.kind, label: ADJUSTMENT_LABELS[a.kind], instruction: ADJUSTMENT_INSTRUCTIONS[a.kind] });
  }

  let message: FrontLineMessage | null = null;
  if (verdict) {
    const kinds = [...new Set(verdict.breaches.map((b) => b.restriction))];
    const steps: string[] = [];
    if (kinds.length > 0) {
      for (const kind of kinds) {
        const breach = verdict.breaches.find((b) => b.restriction === kind);
        const r = active.find((s) => s.strategyId === breach?.strategyId)?.restrictions.find((x) => x.kind === kind);
        const step = breachStep(kind, r, passTo);
        if (!steps.includes(step)) steps.push(step);
      }
      steps.push("A caseworker records the breach and any reminder (9.11); you do not need to.");
    } else if (active.length > 0) {
      const other = verdict.notes.find((n) => n.code === "other-matter");
      steps.push(
        other
          ? "It is about another matter, which no contact strategy covers: handle it as usual (9.8)."
          : "It does not go against the contact strategy: deal with it as the restrictions above say.",
      );
      steps.push(`Every contact is still reviewed (9.10): pass it to ${passTo} so it is logged.`);
    } else {
      steps.push("No contact strategy applies: handle the message as usual.");
    }
    message = {
      breaches: kinds.length > 0,
      breached: kinds.map((k) => RESTRICTION_LABELS[k]),
      steps,
    };
  }

  return { name: person.name, restricted: active.length > 0, strategies, message, adjustments, passTo };
}
