/**
 * The send digest: what the on-send check (src/surfaces/onsend) needs to know, computed from the
 * record and kept in the user's Office roaming settings by the taskpane.
 *
 * Why roaming settings: in classic Outlook on Windows the on-send handler runs in a JavaScript-only
 * runtime with no localStorage and no IndexedDB, and it must decide in well under a second without
 * a network round trip or a sign-in (event handlers get no interactive sign-in). Roaming settings
 * are stored in the user's own mailbox, are readable synchronously in every Outlook client's event
 * runtime, and hold up to 32 KB, which is ample for the people with an active strategy that
 * restricts who writes to them. Only those people are in it (data minimisation), their addresses
 * as keys made with the organisation's secret (HMAC, send-check.ts keyedDigestKey; the secret is
 * kept in the shared record and on the device, never in the mailbox), their reply adjustments as
 * bits and no other personal detail: no names, no advocate's name.
 */
import { activeStrategies, type AdjustmentKind, type RecordIndex, type Restriction } from "../domain";
import type { Clock } from "./ports";
import {
  ADJUSTMENT_WORDS,
  encodeDigest,
  keyedDigestKey,
  secretId,
  parseDigest,
  SEND_DIGEST_SETTING,
  type DigestPerson,
  type DigestSecret,
  type DigestStrategy,
  type SendDigest,
} from "./send-check";

/**
 * Size budget for the digest's JSON. Roaming settings hold 32 KB per add-in and user in total
 * (m365-reference §2); the add-in keeps nothing else there, and 4 KB stay free.
 */
export const SEND_DIGEST_MAX_CHARS = 28_000;

/** Adjustments a written reply can honour (8, 9.13), in the order of ADJUSTMENT_WORDS. */
const REPLY_ADJUSTMENTS: readonly AdjustmentKind[] = ["large-print", "easy-read", "interpreter", "extra-time"];

function replyAdjustments(kinds: readonly { kind: AdjustmentKind }[]): string[] {
  const out: string[] = [];
  REPLY_ADJUSTMENTS.forEach((kind, i) => {
    // Details stay out: they may describe health or disability (8.2) and the alert does not need them.
    if (kinds.some((a) => a.kind === kind)) out.push(ADJUSTMENT_WORDS[i] as string);
  });
  return out;
}

type KeyOf = (address: string) => string;

function digestStrategy(matterRef: string, restrictions: readonly Restriction[], keyOf: KeyOf): DigestStrategy | null {
  let spoc: string | undefined;
  let dedicated: string | undefined;
  let advocate: DigestStrategy["advocate"];
  for (const r of restrictions) {
    if (r.kind === "single-point-of-contact") spoc = r.staff.trim();
    if (r.kind === "dedicated-address") dedicated = r.address.trim();
    if (r.kind === "advocate-only") {
      // No name (issue 16): the digest sits in every staff mailbox that opens the pane, and an
      // advocate's name says who helps a member of the public. The alert says "their advocate".
      advocate = r.advocate.email ? { name: "", key: keyOf(r.advocate.email) } : { name: "" };
    }
  }
  if (spoc === undefined && advocate === undefined) return null;
  return {
    matter: matterRef,
    ...(spoc !== undefined ? { spoc } : {}),
    ...(spoc !== undefined && dedicated !== undefined ? { dedicated } : {}),
    ...(advocate !== undefined ? { advocate } : {}),
  };
}

const restricts = (rs: readonly Restriction[] | undefined): boolean =>
  (rs ?? []).some((r) => r.kind === "single-point-of-contact" || r.kind === "advocate-only");

/**
 * People who ever had a strategy with a single point of contact or an advocate: only they can be
 * in the digest, so only they are folded (on a large record most people are not).
 */
function candidates(index: RecordIndex): string[] {
  const ids = new Set<string>();
  for (const { event } of index.events) {
    if (ids.has(event.personId)) continue;
    if (
      (event.type === "StrategyImposed" && restricts(event.data.restrictions)) ||
      (event.type === "StrategyVaried" && restricts(event.data.restrictions)) ||
      (event.type === "StrategyReviewed" && restricts(event.data.restrictions))
    ) {
      ids.add(event.personId);
    }
  }
  return [...ids].filter((id) => index.isRegistered(id)).sort();
}

/**
 * The digest as at `nowMs`: every registered person with an active strategy that has a single
 * point of contact or an advocate-only restriction, ordered by reference. People who would take
 * it over `maxChars` are left out and `partial` says how many are covered.
 */
export function buildSendDigest(
  index: RecordIndex,
  nowMs: number,
  secret: DigestSecret,
  maxChars: number = SEND_DIGEST_MAX_CHARS,
): SendDigest {
  const kid = secretId(secret);
  if (kid === null) throw new Error("The send-check secret is not 64 hexadecimal digits: set it up again in Settings.");
  const keyOf: KeyOf = (address) => keyedDigestKey(secret, address) as string;
  const people: DigestPerson[] = [];
  // As at now. When nothing in the log is later than now (the usual case), that is the whole
  // fold, which the index caches (the taskpane has usually folded everyone already).
  const last = index.events[index.events.length - 1];
  const asAt = last !== undefined && last.atMs > nowMs ? nowMs : undefined;
  for (const personId of candidates(index)) {
    const state = index.person(personId, asAt);
    const strategies: DigestStrategy[] = [];
    for (const s of activeStrategies(state)) {
      const d = digestStrategy(s.matterRef, s.restrictions, keyOf);
      if (d) strategies.push(d);
    }
    if (strategies.length === 0 || state.emails.length === 0) continue;
    const adjustments = replyAdjustments(state.adjustments);
    people.push({
      ref: personId,
      keys: state.emails.map(keyOf),
      strategies,
      ...(adjustments.length > 0 ? { adjustments } : {}),
    });
  }
  const at = new Date(nowMs).toISOString();
  const whole: SendDigest = { at, kid, people };
  if (encodeDigest(whole).length <= maxChars) return whole;

  // Over budget: keep as many as fit (the check then covers fewer people; the taskpane can say so).
  // Halving search on the encoded size (staff addresses are shared, so sizes do not simply add up).
  let low = 0;
  let high = people.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const trial: SendDigest = {
      at,
      kid,
      people: people.slice(0, mid),
      partial: { included: mid, total: people.length },
    };
    if (encodeDigest(trial).length <= maxChars) low = mid;
    else high = mid - 1;
  }
  return { at, kid, people: people.slice(0, low), partial: { included: low, total: people.length } };
}

/** The digest's content without its timestamp, to tell whether it changed. */
export function digestSignature(digest: SendDigest): string {
  return encodeDigest({ ...digest, at: "" });
}

function signatureOf(stored: unknown): string | null {
  const digest = parseDigest(stored);
  return digest === null ? null : digestSignature(digest);
}

/**
 * Office's roaming settings as far as the publisher uses them. `Office.context.roamingSettings`
 * satisfies it as it is, so the taskpane passes it straight in and no adapter is needed.
 */
export interface RoamingSettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(
    callback?: (result: { readonly status: unknown; readonly error?: { readonly message?: string } | null }) => void,
  ): void;
}

/** What the publisher reports (for the taskpane's status line and tests); never personal data. */
export type DigestPublished =
  | { readonly kind: "saved"; readonly people: number; readonly partial: SendDigest["partial"] | null }
  | { readonly kind: "unchanged"; readonly people: number }
  | { readonly kind: "failed"; readonly message: string };

export interface PublishOptions {
  readonly onPublished?: (outcome: DigestPublished) => void;
  readonly maxChars?: number;
  /**
   * When to build the digest after a change (default whenIdle). Building it folds every restricted
   * person (about 100 ms for a 100,000-event record), so it waits until the pane is idle: a change
   * never holds up the taskpane's own update, and the first paint is not held up at start.
   */
  readonly schedule?: (work: () => void) => void;
}

/** Runs `work` when the page is idle (requestIdleCallback, at most 2 s away), else shortly (setTimeout). */
export function whenIdle(work: () => void): void {
  const g = globalThis as {
    requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  };
  if (typeof g.requestIdleCallback === "function") g.requestIdleCallback(() => work(), { timeout: 2000 });
  else setTimeout(work, 50);
}

/**
 * Keeps the digest in roaming settings current: computes it at start and after changes of the
 * record (several changes before it runs make one build; see PublishOptions.schedule), and saves
 * it only when its content changed. Saves are serialised (web and new Outlook
 * allow at most 3 simultaneous async calls of this kind). Returns the function that stops it.
 *
 * Wire it in the taskpane's composition root, in Outlook only, once the secret is known
 * (src/app/digest-secret.ts):
 *   publishSendDigest(recordService, clock, Office.context.roamingSettings, secret);
 */
export function publishSendDigest(
  record: { subscribe(listener: () => void): () => void; readonly index: RecordIndex },
  clock: Clock,
  settings: RoamingSettingsLike,
  secret: DigestSecret,
  options: PublishOptions = {},
): () => void {
  let saving = false;
  let again = false;
  let stopped = false;
  // The signature of what is persisted. The settings object reads back what was `set` even when the
  // save failed, so this, not the in-memory copy, decides whether to save again.
  let persisted = signatureOf(settings.get(SEND_DIGEST_SETTING));

  const report = (o: DigestPublished) => options.onPublished?.(o);

  const run = (): void => {
    if (stopped) return;
    if (saving) {
      again = true;
      return;
    }
    let digest: SendDigest;
    try {
      digest = buildSendDigest(record.index, clock.now(), secret, options.maxChars);
    } catch (e) {
      report({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const signature = digestSignature(digest);
    if (signature === persisted) {
      report({ kind: "unchanged", people: digest.people.length });
      return;
    }
    // Stored as JSON text: one string value, read the same way in every client.
    settings.set(SEND_DIGEST_SETTING, encodeDigest(digest));
    saving = true;
    settings.saveAsync((result) => {
      saving = false;
      if (result.status === "succeeded") {
        persisted = signature;
        report({ kind: "saved", people: digest.people.length, partial: digest.partial ?? null });
      } else {
        report({ kind: "failed", message: result.error?.message ?? "The roaming settings could not be saved." });
      }
      if (again) {
        again = false;
        run();
      }
    });
  };

  const schedule = options.schedule ?? whenIdle;
  let queued = false;
  const request = (): void => {
    if (queued || stopped) return;
    queued = true;
    schedule(() => {
      queued = false;
      run();
    });
  };
  const unsubscribe = record.subscribe(request);
  request();
  return () => {
    stopped = true;
    unsubscribe();
  };
}
