/**
 * Fault injection for the Graph emulator. A fault is chosen per request, before the request is
 * handled (or after, with `afterHandler`: the change is made and the response is lost, which is
 * what a dropped connection or a reload in the middle of a request looks like to the client).
 */

export interface FaultRule {
  /** Upper-case HTTP method to match; any when absent. */
  readonly method?: string;
  /** Substring of the path (without query) to match, or a regular expression source between slashes ("/items$/"). */
  readonly path?: string;
  /** The status to answer with (429, 503, 410, 409, 412, 500, …). Absent: latency only. */
  readonly status?: number;
  /** Retry-After in seconds, sent with the fault's response. */
  readonly retryAfter?: number;
  /** Graph error code in the body; a sensible default per status. */
  readonly code?: string;
  readonly message?: string;
  /** Added delay before answering (milliseconds; slept with the emulator's sleep). */
  readonly latencyMs?: number;
  /** How many matching requests it applies to (default 1; Infinity until removed). */
  readonly times?: number;
  /** Applies to a matching request with this probability (seeded random; default 1). */
  readonly probability?: number;
  /** Handle the request first (the change happens), then answer with the fault. */
  readonly afterHandler?: boolean;
}

/** What the emulator does with one request, from a rule or from a programmed policy. */
export interface FaultDecision {
  readonly status?: number;
  readonly retryAfter?: number;
  readonly code?: string;
  readonly message?: string;
  readonly latencyMs?: number;
  readonly afterHandler?: boolean;
}

export interface FaultRequestInfo {
  readonly method: string;
  readonly path: string;
  readonly user: string | null;
}

/** A programmed policy (e.g. a seeded schedule in the no-loss proof) decides per request. */
export type FaultPolicy = (req: FaultRequestInfo) => FaultDecision | null;

interface ActiveRule {
  readonly id: number;
  readonly rule: FaultRule;
  remaining: number;
  readonly pattern: RegExp | null;
}

export const DEFAULT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: "invalidRequest",
  401: "InvalidAuthenticationToken",
  403: "accessDenied",
  404: "itemNotFound",
  409: "nameAlreadyExists",
  410: "resyncRequired",
  412: "preconditionFailed",
  423: "resourceLocked",
  429: "TooManyRequests",
  500: "generalException",
  503: "serviceNotAvailable",
  504: "gatewayTimeout",
};

/** Mulberry32: a small seeded generator, so a run with faults can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private policy: FaultPolicy | null = null;

  constructor(private random: () => number = seededRandom(1)) {}

  add(rule: FaultRule): number {
    const id = this.nextId++;
    let pattern: RegExp | null = null;
    if (rule.path && rule.path.length > 2 && rule.path.startsWith("/") && rule.path.endsWith("/")) {
      pattern = new RegExp(rule.path.slice(1, -1));
    }
    this.rules.push({ id, rule, remaining: rule.times ?? 1, pattern });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
    this.policy = null;
  }

  setPolicy(policy: FaultPolicy | null): void {
    this.policy = policy;
  }

  setRandom(random: () => number): void {
    this.random = random;
  }

  /** The fault for this request, consuming one use of the rule that matched. */
  pick(req: FaultRequestInfo): FaultDecision | null {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== req.method) continue;
      if (rule.path) {
        const hit = active.pattern ? active.pattern.test(req.path) : req.path.includes(rule.path);
        if (!hit) continue;
      }
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      active.remaining -= 1;
      return {
        ...(rule.status !== undefined ? { status: rule.status } : {}),
        ...(rule.retryAfter !== undefined ? { retryAfter: rule.retryAfter } : {}),
        ...(rule.code !== undefined ? { code: rule.code } : {}),
        ...(rule.message !== undefined ? { message: rule.message } : {}),
        ...(rule.latencyMs !== undefined ? { latencyMs: rule.latencyMs } : {}),
        ...(rule.afterHandler ? { afterHandler: true } : {}),
      };
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return this.policy ? this.policy(req) : null;
  }
}
