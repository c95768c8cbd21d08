/**
 * Small durable values of the Microsoft 365 features (never tokens; never an address in clear):
 * when Graph asked this mailbox to wait (Retry-After), when the mail rules were last reconciled
 * and for which desired set. IndexedDB in production (src/adapters/local/outbox-idb.ts).
 */

export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
}

/**
 * A throttle gate that survives a reload: a 429's Retry-After still holds after the page is
 * reloaded. Synchronous reads (from memory), write-through to storage.
 */
export class DurableThrottle {
  private value = 0;
  private constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {}

  static async open(storage: KeyValueStorage, key = "graph.throttledUntil"): Promise<DurableThrottle> {
    const gate = new DurableThrottle(storage, key);
    gate.value = (await storage.get<number>(key)) ?? 0;
    return gate;
  }

  until(): number {
    return this.value;
  }

  hold(untilMs: number): void {
    if (untilMs <= this.value) return;
    this.value = untilMs;
    void this.storage.set(this.key, untilMs).catch(() => undefined);
  }
}

/** A short, non-reversible key for a value that must not be stored in clear (a mailbox address). */
export function opaqueKey(value: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = value.trim().toLowerCase();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
