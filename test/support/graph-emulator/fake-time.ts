/**
 * Simulated time: `sleep` advances the clock instead of waiting, so Retry-After and back-off
 * waits cost nothing and can be asserted (every sleep is recorded).
 */
export class FakeClock {
  readonly sleeps: number[] = [];
  constructor(private t: number = Date.parse("2026-03-02T09:00:00Z")) {}

  now = (): number => this.t;

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    if (ms > 0) this.t += ms;
    // Let other tasks run, as a real timer would.
    await Promise.resolve();
  };

  advance(ms: number): void {
    this.t += ms;
  }
}
