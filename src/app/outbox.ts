/**
 * The durable outbox: every append of this device goes here first and stays until the shared
 * record has it (architecture.md "The record"). It survives a reload (OutboxStorage is IndexedDB in
 * production: src/adapters/local/outbox-idb.ts), is sent in the order it was written, and is
 * retried for as long as it takes: after a failure the next attempt waits for the server's
 * Retry-After when it gave one, exponential back-off otherwise.
 *
 * Nothing is ever dropped without a member of staff seeing it. An append the shared record refuses
 * (a record-format §8 check that failed against what others wrote meanwhile, or E_DUPLICATE_ID) is
 * kept as "needs attention" with the reasons, until staff dismiss it. So is an append the server
 * refuses for good: an HTTP 4xx other than 408 (timeout) and 429 (throttled), which no retry can
 * change (a 400 for an item SharePoint will not store, a 403 without the site's grant); it carries
 * the reason and what to do, and the later changes go on instead of waiting behind it for ever.
 * A 401 is not a refusal of the change: the client has already refreshed the token once, and the
 * session asks staff to sign in (InteractionRequiredError); the entry waits and is retried.
 *
 * Idempotency makes the retries safe: an event id that reached the server before the response was
 * lost (a dropped connection, a reload in the middle of an append) comes back as "duplicate".
 */
import { checkEventLimits, checkStorable, RecordRejectedError, type RecordError, type RecordEvent } from "../domain";
import type { AppendOutcome, Clock } from "./ports";

export interface OutboxEntry {
  /** The event id. */
  readonly id: string;
  readonly event: RecordEvent;
  /** Order of writing on this device. */
  readonly seq: number;
  readonly enqueuedAt: number;
  readonly attempts: number;
  /** Not before (ms since the epoch). */
  readonly nextAttemptAt: number;
  readonly state: "waiting" | "rejected";
  /** Why the shared record refused it (state "rejected"). */
  readonly errors?: readonly RecordError[];
  /** The last transient failure, in words without personal data ("Microsoft Graph answered 429"). */
  readonly lastProblem?: string;
  /** The server refused it for good (state "rejected"): why, and what staff can do. */
  readonly refusal?: Refusal;
}

/** A permanent refusal by the server, in words without personal data. */
export interface Refusal {
  readonly status: number;
  readonly reason: string;
  readonly whatToDo: string;
  /** Worth sending again once the cause is fixed (a permission, the list's setup). */
  readonly canRetry: boolean;
}

/** An HTTP 4xx that no retry changes (everything but 401, 408 and 429); null for anything else. */
export function permanentRefusal(error: unknown): Refusal | null {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== "number" || status < 400 || status > 499) return null;
  if (status === 401 || status === 408 || status === 429) return null;
  const answered = `Microsoft 365 answered ${status}`;
  switch (status) {
    case 403:
      return {
        status,
        reason: `You are not allowed to write to the shared record (${answered}).`,
        whatToDo:
          "Ask your administrator to give you access to the shared record's site, then choose Try again. Nothing else waits for this change.",
        canRetry: true,
      };
    case 404:
    case 410:
      return {
        status,
        reason: `The shared record's list could not be found (${answered}).`,
        whatToDo:
          "Ask your administrator to check the shared record under Settings, then choose Try again. Nothing else waits for this change.",
        canRetry: true,
      };
    case 413:
    case 400:
      return {
        status,
        reason: `The shared record would not store this change (${answered}): usually a text that is too long.`,
        whatToDo:
          "Record it again with shorter text, then choose I have read this. If it happens again, tell your administrator.",
        canRetry: false,
      };
    default:
      return {
        status,
        reason: `The shared record refused this change (${answered}).`,
        whatToDo: "Tell your administrator what it says here; choose Try again once they have looked at it.",
        canRetry: true,
      };
  }
}

export interface OutboxStorage {
  list(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Where the outbox sends: the shared record (SharePointEventStore). */
export interface OutboxRemote {
  append(event: RecordEvent): Promise<AppendOutcome>;
}

export type OutboxOutcome = AppendOutcome | "rejected";

export interface OutboxOptions {
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Called after an entry settles (sent, already there, or refused). */
  readonly onSettled?: (entry: OutboxEntry, outcome: OutboxOutcome) => void;
}

export interface FlushReport {
  readonly sent: number;
  readonly waiting: number;
  /** When the next attempt is due, if something is waiting. */
  readonly nextAttemptAt: number | null;
}

function retryAfterOf(error: unknown): number | null {
  const v = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null;
}

function problemOf(error: unknown): string {
  // GraphRequestError/GraphOfflineError messages carry status and code only (no personal data).
  return error instanceof Error ? error.message : "the shared record could not be reached";
}

export class Outbox {
  private entries = new Map<string, OutboxEntry>();
  private nextSeq = 1;
  private flushing: Promise<FlushReport> | null = null;
  private draining: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private closed = false;

  private constructor(
    private readonly storage: OutboxStorage,
    private readonly remote: OutboxRemote,
    private readonly options: OutboxOptions,
  ) {}

  static async open(storage: OutboxStorage, remote: OutboxRemote, options: OutboxOptions): Promise<Outbox> {
    const outbox = new Outbox(storage, remote, options);
    for (const e of await storage.list()) {
      outbox.entries.set(e.id, e);
      outbox.nextSeq = Math.max(outbox.nextSeq, e.seq + 1);
    }
    return outbox;
  }

  /** useSyncExternalStore-shaped: the UI shows "N changes waiting". */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }

  /** Entries not yet in the shared record, in writing order. */
  waiting(): OutboxEntry[] {
    return [...this.entries.values()].filter((e) => e.state === "waiting").sort((a, b) => a.seq - b.seq);
  }

  get waitingCount(): number {
    return this.waiting().length;
  }

  /** Entries the shared record refused: shown to staff until dismissed. */
  needsAttention(): OutboxEntry[] {
    return [...this.entries.values()].filter((e) => e.state === "rejected").sort((a, b) => a.seq - b.seq);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /**
   * Writes the event durably; resolves only when it will survive a reload. An event nested too deep
   * to copy, or too large for the shared record (domain limits.ts), is refused here and never stored.
   */
  async enqueue(event: RecordEvent): Promise<void> {
    if (this.closed) throw new Error("Signed out: this device no longer keeps changes for the shared record.");
    const deep = checkEventLimits(event);
    const problems = deep ? [deep] : checkStorable(event);
    if (problems.length > 0) throw new RecordRejectedError(problems.map((p) => ({ code: "E_SCHEMA", ...p })));
    const existing = this.entries.get(event.id);
    if (existing && existing.state === "waiting") return;
    const entry: OutboxEntry = {
      id: event.id,
      event,
      seq: this.nextSeq++,
      enqueuedAt: this.options.clock.now(),
      attempts: 0,
      nextAttemptAt: 0,
      state: "waiting",
    };
    await this.storage.put(entry);
    this.entries.set(entry.id, entry);
    this.changed();
  }

  /** Staff have read why the record refused it: only then does it leave the device. */
  async dismiss(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e || e.state !== "rejected") return;
    await this.storage.remove(id);
    this.entries.delete(id);
    this.changed();
  }

  /**
   * Forgets every entry in memory (after its storage was wiped at sign-out) and closes the outbox:
   * a delivery in flight writes nothing back and draining stops, so nothing reappears on the device.
   */
  forgetAll(): void {
    this.closed = true;
    this.entries.clear();
    this.changed();
  }

  /** Sends a refused change again (after an administrator fixed a permission or the list). */
  async retry(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e || e.state !== "rejected" || !e.refusal?.canRetry) return;
    const { refusal: _refusal, errors: _errors, ...rest } = e;
    const again: OutboxEntry = { ...rest, state: "waiting", nextAttemptAt: 0 };
    await this.storage.put(again);
    this.entries.set(id, again);
    this.changed();
  }

  private backoff(attempts: number): number {
    const base = this.options.backoffBaseMs ?? 2000;
    const max = this.options.backoffMaxMs ?? 5 * 60_000;
    const ceiling = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
    const r = (this.options.random ?? Math.random)();
    return Math.round(ceiling / 2 + (r * ceiling) / 2);
  }

  /** Sends what is due, in order, stopping at the first entry that cannot be sent yet. One at a time. */
  flush(): Promise<FlushReport> {
    if (!this.flushing) {
      this.flushing = this.doFlush().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async doFlush(): Promise<FlushReport> {
    let sent = 0;
    for (const entry of this.waiting()) {
      const now = this.options.clock.now();
      if (entry.nextAttemptAt > now) return { sent, waiting: this.waitingCount, nextAttemptAt: entry.nextAttemptAt };
      let outcome: AppendOutcome;
      try {
        outcome = await this.remote.append(entry.event);
      } catch (error) {
        if (this.closed) return { sent, waiting: 0, nextAttemptAt: null };
        if (error instanceof RecordRejectedError) {
          const refused: OutboxEntry = {
            ...entry,
            state: "rejected",
            errors: error.errors,
            attempts: entry.attempts + 1,
          };
          await this.storage.put(refused);
          this.entries.set(entry.id, refused);
          this.changed();
          this.options.onSettled?.(refused, "rejected");
          continue; // later entries may still be fine; each is checked on its own
        }
        const refusal = permanentRefusal(error);
        if (refusal) {
          const refused: OutboxEntry = { ...entry, state: "rejected", refusal, attempts: entry.attempts + 1 };
          await this.storage.put(refused);
          this.entries.set(entry.id, refused);
          this.changed();
          this.options.onSettled?.(refused, "rejected");
          continue; // no retry changes a 4xx: the later changes go on
        }
        const attempts = entry.attempts + 1;
        const wait = retryAfterOf(error) ?? this.backoff(attempts);
        const retry: OutboxEntry = {
          ...entry,
          attempts,
          nextAttemptAt: this.options.clock.now() + wait,
          lastProblem: problemOf(error),
        };
        await this.storage.put(retry);
        this.entries.set(entry.id, retry);
        this.changed();
        return { sent, waiting: this.waitingCount, nextAttemptAt: retry.nextAttemptAt };
      }
      if (this.closed) return { sent, waiting: 0, nextAttemptAt: null };
      await this.storage.remove(entry.id);
      this.entries.delete(entry.id);
      sent += 1;
      this.changed();
      this.options.onSettled?.(entry, outcome);
    }
    return { sent, waiting: 0, nextAttemptAt: null };
  }

  /**
   * Flushes until nothing is waiting, sleeping until each next attempt is due. `shouldStop` ends it
   * early (the page is closing; the network is known to be down and the host will say when it is back).
   */
  async drain(shouldStop: () => boolean = () => false): Promise<void> {
    for (;;) {
      if (shouldStop() || this.closed) return;
      const report = await this.flush();
      if (report.nextAttemptAt === null) {
        if (this.waitingCount === 0) return;
        continue;
      }
      const wait = report.nextAttemptAt - this.options.clock.now();
      if (wait > 0) await this.options.sleep(wait);
    }
  }

  /** Starts draining in the background if it is not already (after an append, on "online"). */
  kick(onError?: (error: unknown) => void): void {
    if (this.draining) return;
    this.draining = this.drain()
      .catch((e: unknown) => onError?.(e))
      .finally(() => {
        this.draining = null;
      });
  }
}
