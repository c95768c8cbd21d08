/**
 * Outlook categories that name the policy's terms. The master list is reconciled (missing ones
 * created; existing ones, and their colours, left as the mailbox owner has them), and a message
 * gets the categories of its verdict. The product only ever adds or removes its own categories on
 * a message; the owner's other categories stay.
 *
 * Colours (Outlook's preset constants; the actual shade varies by client, m365-reference §4.2):
 *   Contact strategy breach         preset0  Red      the message breaches a strategy (9.9, 9.11)
 *   Contact strategy in place       preset1  Orange   from a person with an active strategy
 *   Warning issued                  preset3  Yellow   from a person who has been warned (9.1–9.3)
 *   Unacceptable behaviour concern  preset7  Blue     from a person with an incident recorded
 *   Contact strategy review         preset8  Purple   diverted by a rule: must be reviewed (9.10)
 */
import type { Verdict } from "../domain";

export interface CategorySpec {
  readonly displayName: string;
  readonly color: string;
  readonly meaning: string;
}

export const CATEGORIES = {
  breach: {
    displayName: "Contact strategy breach",
    color: "preset0",
    meaning: "the message breaches an active contact strategy (9.9, 9.11)",
  },
  inPlace: {
    displayName: "Contact strategy in place",
    color: "preset1",
    meaning: "the sender has an active contact strategy",
  },
  warned: {
    displayName: "Warning issued",
    color: "preset3",
    meaning: "the sender has been warned about their behaviour (9.1–9.3)",
  },
  concern: {
    displayName: "Unacceptable behaviour concern",
    color: "preset7",
    meaning: "an incident has been recorded about the sender",
  },
  review: {
    displayName: "Contact strategy review",
    color: "preset8",
    meaning: "diverted by a rule; every contact must still be reviewed (9.10)",
  },
} as const satisfies Record<string, CategorySpec>;

export const PRODUCT_CATEGORY_NAMES: readonly string[] = Object.values(CATEGORIES).map((c) => c.displayName);

/** The product's categories for a message from its verdict (none for an unknown sender). */
export function categoriesForVerdict(verdict: Verdict): string[] {
  if (!verdict.person) return [];
  const out: string[] = [];
  if (verdict.breaches.length > 0) out.push(CATEGORIES.breach.displayName);
  switch (verdict.stage) {
    case "restricted":
    case "further-action":
      out.push(CATEGORIES.inPlace.displayName);
      break;
    case "warned":
      out.push(CATEGORIES.warned.displayName);
      break;
    case "concern":
      out.push(CATEGORIES.concern.displayName);
      break;
    case "none":
      break;
  }
  return out;
}

/** The mailbox's master category list (Graph /me/outlook/masterCategories, or Office.js). */
export interface MasterCategories {
  list(): Promise<{ displayName: string; color: string }[]>;
  create(displayName: string, color: string): Promise<void>;
}

/** Categories on one message (Office.js item.categories where the host allows, Graph otherwise). */
export interface MessageCategories {
  get(messageId: string): Promise<string[]>;
  set(messageId: string, categories: readonly string[]): Promise<void>;
}

/** Creates the product's categories that are missing (names compare case-insensitively). Returns what it created. */
export async function reconcileMasterCategories(master: MasterCategories): Promise<string[]> {
  const have = new Set((await master.list()).map((c) => c.displayName.toLowerCase()));
  const created: string[] = [];
  for (const c of Object.values(CATEGORIES)) {
    if (have.has(c.displayName.toLowerCase())) continue;
    await master.create(c.displayName, c.color);
    created.push(c.displayName);
  }
  return created;
}

/** Sets the product's categories on a message from its verdict, keeping the owner's own. */
export async function applyVerdictCategories(
  port: MessageCategories,
  messageId: string,
  verdict: Verdict,
): Promise<{ changed: boolean; categories: string[] }> {
  const current = await port.get(messageId);
  const ours = new Set(PRODUCT_CATEGORY_NAMES.map((n) => n.toLowerCase()));
  // "Contact strategy review" is put there by a rule (9.10) and is taken off by the review, not by a verdict.
  const keepReview = current.some((c) => c.toLowerCase() === CATEGORIES.review.displayName.toLowerCase());
  const theirs = current.filter((c) => !ours.has(c.toLowerCase()));
  const next = [...theirs, ...(keepReview ? [CATEGORIES.review.displayName] : []), ...categoriesForVerdict(verdict)];
  const same = next.length === current.length && next.every((c) => current.includes(c));
  if (!same) await port.set(messageId, next);
  return { changed: !same, categories: next };
}
