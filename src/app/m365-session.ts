/**
 * The Microsoft 365 features running together for one taskpane (or Teams tab) page: on start,
 * check the shared record's lists and say what is missing; keep the replica in step (delta pull
 * now and every few minutes); deliver the outbox; after each change to the shared record, send the
 * breach notifications this user owes and reconcile the mailbox's rules (which itself runs only when
 * the desired rules changed or 10 minutes have passed). Everything is observable for the status line:
 * "N changes waiting", conflicts, setup problems, sign-in needed.
 */
import type { EventOf, RecordEvent, RecordIndex } from "../domain";
import { RecordIndex as Index } from "../domain";
import { InteractionRequiredError } from "./auth";
import { isAccessRevoked } from "./local-data";
import type { MailboxReconciler } from "./mailbox-reconcile";
import type { BreachNotifier } from "./notify";
import type { Outbox } from "./outbox";
import type { Clock } from "./ports";
import type { SyncEngine } from "./sync";

export interface SetupCheck {
  readonly ok: boolean;
  readonly missing: readonly string[];
}

export interface M365Status {
  readonly setup: "checking" | "ok" | "missing";
  /** One sentence per problem with the shared record's lists. */
  readonly missing: readonly string[];
  /** Changes on this device not yet in the shared record. */
  readonly waiting: number;
  /** Changes the shared record refused: staff must look at them. */
  readonly needsAttention: number;
  /** Items of the shared list that are not part of the log (record-format §8 in log order). */
  readonly conflicts: number;
  readonly lastSyncAt: number | null;
  /** The last pull or delivery failed for a reason that will pass (offline, throttled). */
  readonly offline: boolean;
  /** Some feature needs the user to sign in or consent; the scopes it asked for. */
  readonly signInNeeded: readonly string[] | null;
  /** The shared record refused this user (403): the copy on this device was deleted (app/local-data.ts). */
  readonly accessRevoked: boolean;
}

export interface M365SessionDeps {
  readonly sync: SyncEngine;
  readonly outbox: Outbox;
  readonly notifier: BreachNotifier | null;
  readonly reconciler: MailboxReconciler | null;
  readonly checkSetup: () => Promise<SetupCheck>;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Pull period while the page is open (default 2 minutes). */
  readonly pollMs?: number;
  /** Failures, without personal data (the status line shows the state; this is for diagnostics). */
  readonly onError?: (error: unknown) => void;
}

function retractedIn(events: readonly RecordEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) if (e.type === "EventRetracted") out.add((e as EventOf<"EventRetracted">).data.eventId);
  return out;
}

export class M365Session {
  private status: M365Status = {
    setup: "checking",
    missing: [],
    waiting: 0,
    needsAttention: 0,
    conflicts: 0,
    lastSyncAt: null,
    offline: false,
    signInNeeded: null,
    accessRevoked: false,
  };
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private polling = false;
  private unsubscribers: (() => void)[] = [];

  constructor(private readonly deps: M365SessionDeps) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): M365Status => this.status;

  private update(patch: Partial<M365Status>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }

  private refreshCounts(): void {
    this.update({
      waiting: this.deps.outbox.waitingCount,
      needsAttention: this.deps.outbox.needsAttention().length,
      conflicts: this.deps.sync.conflicts().length,
    });
  }

  private failed(error: unknown): void {
    if (error instanceof InteractionRequiredError) this.update({ signInNeeded: [...error.scopes] });
    else this.update({ offline: true });
    this.deps.onError?.(error);
  }

  /** Checks setup, opens the replica, pulls, delivers; then keeps pulling every pollMs unless `poll` is false. */
  async start(options: { poll?: boolean } = {}): Promise<void> {
    await this.deps.sync.open();
    if (this.unsubscribers.length === 0) {
      this.unsubscribers.push(this.deps.outbox.subscribe(() => this.refreshCounts()));
      this.unsubscribers.push(this.deps.sync.subscribe(() => this.refreshCounts()));
    }
    this.refreshCounts();
    try {
      const check = await this.deps.checkSetup();
      this.update({ setup: check.ok ? "ok" : "missing", missing: check.missing });
    } catch (e) {
      this.failed(e);
    }
    if (this.status.setup !== "ok") return;
    await this.pullNow();
    this.deps.outbox.kick((e) => this.failed(e));
    if (options.poll !== false && !this.polling) {
      this.polling = true;
      void this.poll();
    }
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribers.splice(0)) u();
  }

  private async poll(): Promise<void> {
    const every = this.deps.pollMs ?? 2 * 60_000;
    while (!this.stopped) {
      await this.deps.sleep(every);
      if (this.stopped) return;
      await this.pullNow();
      if (this.deps.outbox.waitingCount > 0) this.deps.outbox.kick((e) => this.failed(e));
    }
  }

  /** Pulls the shared record now, then does what a change calls for (notifications, rules). */
  async pullNow(): Promise<void> {
    try {
      await this.deps.sync.pull();
      this.update({ lastSyncAt: this.deps.clock.now(), offline: false, signInNeeded: null, accessRevoked: false });
    } catch (e) {
      if (isAccessRevoked(e)) {
        // No longer allowed to read it: keep no copy here, and do not show the old one as "offline".
        await this.deps.sync.dropReplica();
        this.update({ accessRevoked: true, offline: false });
        this.deps.onError?.(e);
        return;
      }
      this.failed(e);
      return;
    }
    await this.afterChange();
  }

  /** The taskpane opened (or the pane follows a new message): reconcile the rules, at most every 10 minutes. */
  async taskpaneOpened(): Promise<void> {
    await this.reconcile();
  }

  private index(): RecordIndex {
    return new Index(this.deps.sync.logged());
  }

  private async reconcile(): Promise<void> {
    if (!this.deps.reconciler) return;
    try {
      await this.deps.reconciler.run(this.index());
    } catch (e) {
      this.failed(e);
    }
  }

  /** The outbox delivered something: notifications may be owed. */
  delivered(): void {
    void this.afterChange();
  }

  private changing: Promise<void> | null = null;
  private again = false;

  /** One at a time; a change during a run runs it once more after. */
  private afterChange(): Promise<void> {
    if (this.changing) {
      this.again = true;
      return this.changing;
    }
    this.changing = (async () => {
      do {
        this.again = false;
        await this.handleChange();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.changing = null;
    });
    return this.changing;
  }

  private async handleChange(): Promise<void> {
    const events = this.deps.sync.events();
    if (this.deps.notifier) {
      const retracted = retractedIn(events);
      try {
        await this.deps.notifier.notifyAll(events, (id) => retracted.has(id));
      } catch (e) {
        this.failed(e);
      }
    }
    await this.reconcile();
    this.refreshCounts();
  }
}
