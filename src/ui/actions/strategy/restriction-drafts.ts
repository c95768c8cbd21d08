/**
 * Restrictions as staff edit them (text boxes), and their conversion to the record's shape
 * (record-format §5). Conversion does not judge: blanks and odd values go to the domain, whose
 * errors come back on `data.restrictions[i]…` and are shown beside the right box.
 */
import {
  DAY_CODES,
  restrictionClashes,
  type CombinationPerson,
  type DayCode,
  type Restriction,
  type RestrictionKind,
} from "../../../domain";

export interface WindowDraft {
  readonly day: DayCode;
  readonly from: string;
  readonly to: string;
}

export interface RestrictionDraft {
  readonly key: string;
  readonly kind: RestrictionKind;
  readonly windows: readonly WindowDraft[];
  readonly maxCalls: string;
  readonly per: "week" | "month";
  readonly allowed: readonly ("email" | "post")[];
  readonly address: string;
  /** One per line. */
  readonly addresses: string;
  readonly advocateName: string;
  readonly advocateEmail: string;
  readonly advocatePhone: string;
  readonly staff: string;
  /** One per line. */
  readonly matterRefs: string;
}

let counter = 0;

/**
 * What the editor knows about the person and the strategy. Only the single point of contact is
 * pre-filled (the member of staff recording); the person's addresses and the strategy's matter
 * are shown as hints, never pre-filled: blocking every address we hold, or listing the matter the
 * strategy manages as closed, are decisions staff make on purpose, not defaults
 * (docs/record-rules.md, "Restriction combinations").
 */
export interface DraftDefaults {
  readonly staff?: string;
  readonly matterRef?: string;
  readonly personEmails?: readonly string[];
}

export function newRestrictionDraft(kind: RestrictionKind, defaults: DraftDefaults = {}): RestrictionDraft {
  counter += 1;
  return {
    key: `r${counter}`,
    kind,
    windows: [{ day: "tue", from: "10:00", to: "12:00" }],
    maxCalls: "",
    per: "week",
    allowed: ["email", "post"],
    address: "",
    addresses: "",
    advocateName: "",
    advocateEmail: "",
    advocatePhone: "",
    staff: defaults.staff ?? "",
    matterRefs: "",
  };
}

const lines = (text: string): string[] =>
  text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

export function toRestriction(d: RestrictionDraft): Restriction {
  switch (d.kind) {
    case "phone-window": {
      const max = d.maxCalls.trim();
      const n = /^\d+$/.test(max) ? Number(max) : max;
      const base = {
        kind: "phone-window" as const,
        windows: d.windows.map((w) => ({ day: w.day, from: w.from.trim(), to: w.to.trim() })),
      };
      // An odd value (text, 0) is passed on so the domain can say what is wrong with it.
      return max === "" ? base : ({ ...base, maxCalls: n, per: d.per } as Restriction);
    }
    case "written-only":
      return { kind: "written-only", allowed: [...d.allowed] };
    case "call-recording":
      return { kind: "call-recording" };
    case "dedicated-address":
      return { kind: "dedicated-address", address: d.address.trim() };
    case "blocked-addresses":
      return { kind: "blocked-addresses", addresses: lines(d.addresses) };
    case "advocate-only": {
      const email = d.advocateEmail.trim();
      const phone = d.advocatePhone.trim();
      return {
        kind: "advocate-only",
        advocate: { name: d.advocateName.trim(), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
      };
    }
    case "single-point-of-contact":
      return { kind: "single-point-of-contact", staff: d.staff.trim() };
    case "no-reopening":
      return { kind: "no-reopening", matterRefs: lines(d.matterRefs) };
  }
}

/** A recorded restriction back into a draft (to vary it). */
export function fromRestriction(r: Restriction): RestrictionDraft {
  const d = newRestrictionDraft(r.kind);
  switch (r.kind) {
    case "phone-window":
      return {
        ...d,
        windows: r.windows.map((w) => ({ ...w })),
        maxCalls: r.maxCalls === undefined ? "" : String(r.maxCalls),
        per: r.per ?? "week",
      };
    case "written-only":
      return { ...d, allowed: [...r.allowed] };
    case "call-recording":
      return d;
    case "dedicated-address":
      return { ...d, address: r.address };
    case "blocked-addresses":
      return { ...d, addresses: r.addresses.join("\n") };
    case "advocate-only":
      return {
        ...d,
        advocateName: r.advocate.name,
        advocateEmail: r.advocate.email ?? "",
        advocatePhone: r.advocate.phone ?? "",
      };
    case "single-point-of-contact":
      return { ...d, staff: r.staff };
    case "no-reopening":
      return { ...d, matterRefs: r.matterRefs.join("\n") };
  }
}

/**
 * 8.4, 9.13–9.14: which recorded need the restrictions touch, so that equality advice is asked
 * for: `phone` when written-only contact meets a need to phone (record-format §8
 * E_ADJUSTMENT_CONFLICT), `writing` when every email address held for them is blocked while they
 * need contact in writing (domain/combinations.ts E_CLASH_BLOCKED_WRITTEN_NEED); null when neither.
 */
export function adjustmentConflict(
  restrictions: readonly RestrictionDraft[],
  person: CombinationPerson,
): "phone" | "writing" | null {
  if (restrictions.some((r) => r.kind === "written-only") && person.adjustments.some((a) => a.kind === "phone-contact"))
    return "phone";
  const clashes = restrictionClashes(restrictions.map(toRestriction), person);
  return clashes.some((e) => e.code === "E_CLASH_BLOCKED_WRITTEN_NEED") ? "writing" : null;
}

export function conflictsWithAdjustments(
  restrictions: readonly RestrictionDraft[],
  person: CombinationPerson,
): boolean {
  return adjustmentConflict(restrictions, person) !== null;
}

/** The warning shown above the equality advice box for a conflict. */
export const CONFLICT_WARNINGS: Readonly<Record<"phone" | "writing", string>> = {
  phone:
    "Written-only contact conflicts with their recorded need to contact us by phone. Seek advice from a colleague with equality expertise and record it below (8.4, 9.13–9.14).",
  writing:
    "Blocking every email address we hold for them conflicts with their recorded need for contact in writing. Seek advice from a colleague with equality expertise and record it below (8.4, 9.13–9.14).",
};

export const DAY_OPTIONS = DAY_CODES;
