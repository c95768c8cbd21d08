/**
 * Mail rules, reconciled (architecture.md "The mailbox itself"): from the active contact
 * strategies, compute the inbox rules this mailbox should have; compare with the rules the product
 * owns there (display name "[CSM] <person id> …"); apply only the difference. Re-running is
 * harmless; a rule someone deleted comes back; a lifted strategy's rules go. A rule the product
 * does not own is never read for changes, changed or deleted.
 *
 * Never delete mail (9.10: all contact must still be reviewed): no rule uses `delete` or
 * `permanentDelete`; mail is moved to the "Contact strategy review" folder instead.
 *
 * Mapping, per active strategy (the person's current addresses are the rule's senders):
 *   blocked-addresses         the blocked addresses → move to review folder + "Contact strategy review"
 *   dedicated-address         forward to the dedicated address (unless already sent to it; not in
 *                             that mailbox itself) + move + category
 *   single-point-of-contact   forward to the SPOC (unless already sent to them or the strategy's
 *                             dedicated address; not in the SPOC's own mailbox) + move + category
 *   advocate-only             move + category (the advocate's own mail is not matched)
 *   phone-window, written-only, call-recording, no-reopening
 *                             category "Contact strategy in place" only
 * A person with no email address gets no person-based rule (a rule without a sender condition
 * would match all mail).
 *
 * The organisation's own addresses (domain organisation.ts; its domains are those of the mailbox's
 * own addresses plus any the settings name) are never a rule's sender: a strategy naming `hr@` or
 * `ceo@` as a person's or a blocked address moves no staff mail. Mail is forwarded only to an
 * address on the organisation's domains; an outside dedicated address or SPOC gets no forward rule
 * (the mail is still moved to the review folder, so nothing goes unreviewed: 9.10).
 *
 * Runs when a strategy changes (the desired set differs from the one last applied) and when the
 * taskpane opens, at most once per 10 minutes per mailbox otherwise.
 */
import {
  activeStrategies,
  isOrganisationAddress,
  organisationDomains,
  type RecordIndex,
  type Restriction,
} from "../domain";
import { CATEGORIES, reconcileMasterCategories, type MasterCategories } from "./mailbox-categories";
import { opaqueKey, type KeyValueStorage } from "./m365-state";
import type { Clock } from "./ports";

export const RULE_PREFIX = "[CSM]";
export const REVIEW_FOLDER = "Contact strategy review";
export const RECONCILE_INTERVAL_MS = 10 * 60_000;

export type RulePurpose = "blocked" | "forward-dedicated" | "forward-spoc" | "divert" | "category";

export interface DesiredRule {
  readonly displayName: string;
  readonly personId: string;
  readonly strategyId: string;
  readonly purpose: RulePurpose;
  /** Senders (lower case, sorted). */
  readonly from: readonly string[];
  readonly forwardTo?: string;
  /** Not applied when the message was already sent to one of these. */
  readonly unlessSentTo?: readonly string[];
  readonly move: boolean;
  readonly categories: readonly string[];
}

interface Recipient {
  readonly emailAddress: { readonly address: string; readonly name?: string };
}

/** messageRule as the product writes it (m365-reference §4.1). */
export interface RuleSpec {
  readonly displayName: string;
  readonly sequence: number;
  readonly isEnabled: boolean;
  readonly conditions: { readonly fromAddresses: readonly Recipient[] };
  readonly exceptions?: { readonly sentToAddresses?: readonly Recipient[] };
  readonly actions: {
    readonly moveToFolder?: string;
    readonly forwardTo?: readonly Recipient[];
    readonly assignCategories: readonly string[];
    readonly stopProcessingRules: boolean;
  };
}

/** A rule as the mailbox has it (any shape: others' rules are never interpreted beyond the name). */
export interface MailRule {
  readonly id: string;
  readonly displayName: string;
  readonly sequence?: number;
  readonly isEnabled?: boolean;
  readonly isReadOnly?: boolean;
  readonly conditions?: Record<string, unknown> | null;
  readonly exceptions?: Record<string, unknown> | null;
  readonly actions?: Record<string, unknown> | null;
}

/** The mailbox's rules and review folder (Graph in production: src/adapters/graph/mailbox.ts). */
export interface MailboxRules {
  listRules(): Promise<MailRule[]>;
  createRule(rule: RuleSpec): Promise<void>;
  updateRule(id: string, rule: RuleSpec): Promise<void>;
  deleteRule(id: string): Promise<void>;
  /** The id of the review folder under the Inbox, created if missing. */
  ensureReviewFolder(displayName: string): Promise<string>;
}

const low = (s: string): string => s.trim().toLowerCase();
const uniqSorted = (xs: readonly string[]): string[] => [...new Set(xs.map(low).filter((x) => x !== ""))].sort();

/**
 * The product's own rules: every name it writes starts "[CSM] " (then the person id, which may be
 * any text: `P.1`, `P 1`). Ownership is the prefix alone, so any valid person id's rules are
 * recognised, updated and removed (a rule the product did not recognise was re-created each run).
 */
export function isOwnedRule(displayName: string): boolean {
  return displayName.startsWith(`${RULE_PREFIX} `);
}

function ruleName(personId: string, strategyId: string, purpose: RulePurpose): string {
  return `${RULE_PREFIX} ${personId} ${strategyId} ${purpose}`;
}

/**
 * The rules this mailbox should have, from the strategies active now. `domains` are the
 * organisation's email domains besides those of `mailboxAddresses` (which always count).
 */
export function desiredRules(
  index: RecordIndex,
  mailboxAddresses: readonly string[],
  domains: readonly string[] = [],
): DesiredRule[] {
  const mine = new Set(mailboxAddresses.map(low));
  const org = organisationDomains([...mailboxAddresses, ...domains]);
  const outside = (a: string): boolean => !isOrganisationAddress(a, org);
  const out: DesiredRule[] = [];
  for (const personId of [...index.personIds()].sort()) {
    const person = index.person(personId);
    const senders = uniqSorted(person.emails).filter(outside);
    for (const strategy of activeStrategies(person).sort((a, b) => (a.strategyId < b.strategyId ? -1 : 1))) {
      const rs: readonly Restriction[] = strategy.restrictions;
      const sid = strategy.strategyId;
      const dedicated = rs.flatMap((r) => (r.kind === "dedicated-address" ? [low(r.address)] : []));
      let divert = false;
      let categoryOnly = false;
      const blocked: string[] = [];
      for (const r of rs) {
        switch (r.kind) {
          case "blocked-addresses":
            blocked.push(...r.addresses.filter(outside));
            break;
          case "dedicated-address": {
            const target = low(r.address);
            if (mine.has(target)) {
              categoryOnly = true;
              break;
            }
            divert = true;
            if (senders.length > 0 && !outside(target)) {
              out.push({
                displayName: ruleName(personId, sid, "forward-dedicated"),
                personId,
                strategyId: sid,
                purpose: "forward-dedicated",
                from: senders,
                forwardTo: target,
                unlessSentTo: [target],
                move: false,
                categories: [],
              });
            }
            break;
          }
          case "single-point-of-contact": {
            const spoc = low(r.staff);
            const allowed = uniqSorted([spoc, ...dedicated]);
            if (allowed.some((a) => mine.has(a))) {
              categoryOnly = true;
              break;
            }
            divert = true;
            if (senders.length > 0 && !outside(spoc)) {
              out.push({
                displayName: ruleName(personId, sid, "forward-spoc"),
                personId,
                strategyId: sid,
                purpose: "forward-spoc",
                from: senders,
                forwardTo: spoc,
                unlessSentTo: allowed,
                move: false,
                categories: [],
              });
            }
            break;
          }
          case "advocate-only":
            divert = true;
            break;
          case "phone-window":
          case "written-only":
          case "call-recording":
          case "no-reopening":
            categoryOnly = true;
            break;
        }
      }
      if (blocked.length > 0) {
        out.push({
          displayName: ruleName(personId, sid, "blocked"),
          personId,
          strategyId: sid,
          purpose: "blocked",
          from: uniqSorted(blocked),
          move: true,
          categories: [CATEGORIES.review.displayName, CATEGORIES.inPlace.displayName],
        });
      }
      if (senders.length === 0) continue;
      if (divert) {
        out.push({
          displayName: ruleName(personId, sid, "divert"),
          personId,
          strategyId: sid,
          purpose: "divert",
          from: senders,
          move: true,
          categories: [CATEGORIES.review.displayName, CATEGORIES.inPlace.displayName],
        });
      } else if (categoryOnly) {
        out.push({
          displayName: ruleName(personId, sid, "category"),
          personId,
          strategyId: sid,
          purpose: "category",
          from: senders,
          move: false,
          categories: [CATEGORIES.inPlace.displayName],
        });
      }
    }
  }
  return out;
}

const recipients = (addresses: readonly string[]): Recipient[] =>
  addresses.map((address) => ({ emailAddress: { address } }));

/** The messageRule for a desired rule (`folderId` is the review folder's id). */
export function toRuleSpec(rule: DesiredRule, sequence: number, folderId: string | null): RuleSpec {
  if (rule.move && !folderId) throw new Error("The review folder is needed for a rule that moves mail.");
  return {
    displayName: rule.displayName,
    sequence,
    isEnabled: true,
    conditions: { fromAddresses: recipients(rule.from) },
    ...(rule.unlessSentTo && rule.unlessSentTo.length > 0
      ? { exceptions: { sentToAddresses: recipients(rule.unlessSentTo) } }
      : {}),
    actions: {
      ...(rule.move && folderId ? { moveToFolder: folderId } : {}),
      ...(rule.forwardTo ? { forwardTo: recipients([rule.forwardTo]) } : {}),
      assignCategories: [...rule.categories],
      stopProcessingRules: false,
    },
  };
}

function addressesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return uniqSorted(
    value
      .map((r) => (r as { emailAddress?: { address?: unknown } })?.emailAddress?.address)
      .filter((a): a is string => typeof a === "string"),
  );
}

/** What matters of a rule for comparison (ignores sequence: Exchange may renumber). */
function fingerprint(rule: {
  isEnabled?: boolean;
  conditions?: unknown;
  exceptions?: unknown;
  actions?: unknown;
}): string {
  const c = (rule.conditions ?? {}) as Record<string, unknown>;
  const x = (rule.exceptions ?? {}) as Record<string, unknown>;
  const a = (rule.actions ?? {}) as Record<string, unknown>;
  const otherConditions = Object.keys(c).filter(
    (k) =>
      k !== "fromAddresses" &&
      c[k] !== null &&
      c[k] !== undefined &&
      !(Array.isArray(c[k]) && (c[k] as unknown[]).length === 0),
  );
  const otherExceptions = Object.keys(x).filter(
    (k) =>
      k !== "sentToAddresses" &&
      x[k] !== null &&
      x[k] !== undefined &&
      !(Array.isArray(x[k]) && (x[k] as unknown[]).length === 0),
  );
  const otherActions = Object.keys(a).filter(
    (k) =>
      !["moveToFolder", "forwardTo", "assignCategories", "stopProcessingRules"].includes(k) &&
      a[k] !== null &&
      a[k] !== undefined &&
      a[k] !== false &&
      !(Array.isArray(a[k]) && (a[k] as unknown[]).length === 0),
  );
  return JSON.stringify({
    enabled: rule.isEnabled !== false,
    from: addressesOf(c["fromAddresses"]),
    except: addressesOf(x["sentToAddresses"]),
    move: typeof a["moveToFolder"] === "string" ? a["moveToFolder"] : null,
    forward: addressesOf(a["forwardTo"]),
    categories: Array.isArray(a["assignCategories"]) ? [...(a["assignCategories"] as string[])].sort() : [],
    stop: a["stopProcessingRules"] === true,
    // Anything else someone added (delete, redirect, mark as read …) makes the rule differ: it is put back.
    other: [
      ...otherConditions.map((k) => `c:${k}`),
      ...otherExceptions.map((k) => `x:${k}`),
      ...otherActions.map((k) => `a:${k}`),
    ].sort(),
  });
}

export interface RulePlan {
  readonly create: readonly RuleSpec[];
  readonly update: readonly { readonly id: string; readonly rule: RuleSpec }[];
  readonly remove: readonly string[];
}

/** The difference between the desired rules and the product's rules in the mailbox. */
export function planRules(
  desired: readonly DesiredRule[],
  current: readonly MailRule[],
  folderId: string | null,
): RulePlan {
  const owned = current.filter((r) => isOwnedRule(r.displayName) && r.isReadOnly !== true);
  const byName = new Map<string, MailRule[]>();
  for (const r of owned) byName.set(r.displayName, [...(byName.get(r.displayName) ?? []), r]);
  const create: RuleSpec[] = [];
  const update: { id: string; rule: RuleSpec }[] = [];
  const remove: string[] = [];
  const wanted = new Set<string>();
  desired.forEach((d, i) => {
    const spec = toRuleSpec(d, i + 1, folderId);
    wanted.add(d.displayName);
    const existing = byName.get(d.displayName) ?? [];
    const [keep, ...extra] = existing;
    remove.push(...extra.map((r) => r.id)); // duplicates (two tabs reconciled at once)
    if (!keep) create.push(spec);
    else if (fingerprint(keep) !== fingerprint(spec)) update.push({ id: keep.id, rule: spec });
  });
  for (const r of owned) if (!wanted.has(r.displayName)) remove.push(r.id);
  return { create, update, remove };
}

export interface ReconcileReport {
  readonly created: number;
  readonly updated: number;
  readonly removed: number;
  readonly categoriesCreated: readonly string[];
  /**
   * Forward rules not made because the directory does not know their target (`missing`), or could
   * not say (`unchecked`: no permission, or Graph unreachable; tried again at the next run). The mail
   * is still diverted to the review folder; nothing is forwarded to an address nobody owns.
   */
  readonly forwardsWithheld: readonly { readonly to: string; readonly reason: "missing" | "unchecked" }[];
}

/**
 * The organisation's directory (Graph /users in production): does a member of staff or a shared
 * mailbox with this address exist? null when it cannot say.
 */
export interface DirectoryLookup {
  exists(address: string): Promise<boolean | null>;
}

interface LastRun {
  readonly at: number;
  readonly digest: string;
}

export class MailboxReconciler {
  private running: Promise<ReconcileReport | "skipped"> | null = null;

  constructor(
    private readonly rules: MailboxRules,
    private readonly categories: MasterCategories,
    private readonly state: KeyValueStorage,
    private readonly clock: Clock,
    /** The mailbox's own addresses (UPN and primary SMTP): a SPOC or dedicated mailbox does not forward to itself. */
    private readonly mailboxAddresses: readonly string[],
    /** The organisation's email domains besides the mailbox's own (settings); see desiredRules. */
    private readonly domains: readonly string[] = [],
    /**
     * Forward only to addresses the directory knows (issue 16: a strategy's text must not turn into
     * a rule forwarding the public's mail to an address on the organisation's domain that nobody
     * owns). Without one, the domain check of desiredRules is the only check.
     */
    private readonly directory?: DirectoryLookup,
  ) {}

  /** The desired rules without forwards to addresses the directory does not know. */
  private async checkForwards(
    desired: readonly DesiredRule[],
  ): Promise<{ rules: DesiredRule[]; withheld: ReconcileReport["forwardsWithheld"] }> {
    if (!this.directory) return { rules: [...desired], withheld: [] };
    const known = new Map<string, boolean | null>();
    const withheld: { to: string; reason: "missing" | "unchecked" }[] = [];
    const rules: DesiredRule[] = [];
    for (const rule of desired) {
      const to = rule.forwardTo;
      if (to === undefined) {
        rules.push(rule);
        continue;
      }
      if (!known.has(to)) known.set(to, await this.directory.exists(to).catch(() => null));
      const exists = known.get(to);
      if (exists === true) rules.push(rule);
      else if (!withheld.some((w) => w.to === to))
        withheld.push({ to, reason: exists === false ? "missing" : "unchecked" });
    }
    return { rules, withheld };
  }

  private get key(): string {
    return `reconcile.${opaqueKey(this.mailboxAddresses[0] ?? "")}`;
  }

  /**
   * Reconciles when the desired set changed since the last run, or the last run is 10 minutes old
   * (a rule someone deleted comes back); otherwise "skipped". `force` runs regardless.
   */
  run(index: RecordIndex, force = false): Promise<ReconcileReport | "skipped"> {
    if (!this.running) {
      this.running = this.doRun(index, force).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async doRun(index: RecordIndex, force: boolean): Promise<ReconcileReport | "skipped"> {
    const desired = desiredRules(index, this.mailboxAddresses, this.domains);
    const digest = opaqueKey(JSON.stringify(desired));
    const last = await this.state.get<LastRun>(this.key);
    const now = this.clock.now();
    if (!force && last && last.digest === digest && now - last.at < RECONCILE_INTERVAL_MS) return "skipped";

    const { rules: allowed, withheld } = await this.checkForwards(desired);
    const categoriesCreated = await reconcileMasterCategories(this.categories);
    const folderId = allowed.some((d) => d.move) ? await this.rules.ensureReviewFolder(REVIEW_FOLDER) : null;
    const plan = planRules(allowed, await this.rules.listRules(), folderId);
    for (const id of plan.remove) await this.rules.deleteRule(id);
    for (const u of plan.update) await this.rules.updateRule(u.id, u.rule);
    for (const c of plan.create) await this.rules.createRule(c);
    // A forward the directory could not check is tried again at the next run, not in 10 minutes.
    if (!withheld.some((w) => w.reason === "unchecked"))
      await this.state.set<LastRun>(this.key, { at: this.clock.now(), digest });
    return {
      created: plan.create.length,
      updated: plan.update.length,
      removed: plan.remove.length,
      categoriesCreated,
      forwardsWithheld: withheld,
    };
  }
}
