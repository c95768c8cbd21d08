/**
 * The IdSource for events that have no real-world key (record-format §1 ids: 1–64 characters of
 * `[A-Za-z0-9_-]`): prefix, time, and 64 random bits from Web Crypto (in every browser and Node
 * 20). Events that must happen once per real-world thing use derived ids instead (derived-id.ts).
 */
import type { Clock, IdSource } from "./ports";

export function randomIds(clock: Clock): IdSource {
  return {
    next(prefix: string): string {
      const bytes = new Uint8Array(8);
      globalThis.crypto.getRandomValues(bytes);
      const random = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      const safe = prefix.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 24) || "e";
      return `${safe}-${Math.floor(clock.now()).toString(36)}-${random}`;
    },
  };
}

/** A clock that starts at `startIso` and runs on in real time (the preview: a sample reads the same on any day). */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly real: Clock = { now: () => Date.now() }) {}
  /** Makes now() read `iso` at this moment, then advance in real time. null: real time. */
  startAt(iso: string | null): void {
    const target = iso === null ? NaN : Date.parse(iso);
    this.offsetMs = Number.isNaN(target) ? 0 : target - this.real.now();
  }
  now(): number {
    return this.real.now() + this.offsetMs;
  }
}
