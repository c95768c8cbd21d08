/**
 * A small Microsoft Graph HTTP client over an injected `fetch`.
 *
 * Why not @microsoft/microsoft-graph-client and its RetryHandler (m365-reference §5): the product
 * needs (1) sleep and clock injected, so that Retry-After waits are simulated and asserted in the
 * no-loss proof rather than slept; (2) one throttle gate shared by every request of the mailbox
 * (Outlook throttles per app and mailbox, §4.9), so that a 429 on one call also holds back the
 * others; (3) retries that know whether a request is idempotent (a chat message POST must not be
 * replayed after a 503, only after a 429, which Graph sends before processing); (4) no token ever
 * sent to a URL outside the configured base URL (national clouds: the base URL is configuration);
 * (5) logs that never carry a token, an address or a name. The SDK's RetryHandler gives (none of)
 * these without wrapping its middleware chain, and its RedirectHandler and global-fetch default
 * would be dead weight in the bundle.
 *
 * Behaviour: 429, 503 and 504 are retried up to `maxRetries` times, waiting for Retry-After
 * (seconds or an HTTP date) when given and exponential back-off with jitter otherwise; a 401 is
 * retried once with a refreshed token; anything else throws GraphRequestError (status, Graph error
 * code, retryAfterMs). A network failure throws GraphOfflineError (callers such as the outbox decide
 * when to try again).
 */
import type { Clock } from "../../app/ports";
import type { TokenProvider } from "../../app/auth";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What the client logs: no token, no query string, no address or name (path segments are redacted). */
export interface GraphLogEntry {
  readonly method: string;
  /** The path with every segment that is not a fixed Graph word replaced by "{…}". */
  readonly route: string;
  readonly status: number | "offline" | "deadline";
  readonly attempt: number;
  /** How long the client waits before the next attempt (ms), when it retries. */
  readonly waitMs?: number;
}

/** The mailbox-wide throttle: no request before `until()` (ms since the epoch). */
export interface ThrottleGate {
  until(): number;
  hold(untilMs: number): void;
}

export class MemoryThrottleGate implements ThrottleGate {
  private value = 0;
  until(): number {
    return this.value;
  }
  hold(untilMs: number): void {
    if (untilMs > this.value) this.value = untilMs;
  }
}

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0, https://graph.microsoft.us/v1.0, or the emulator. */
  readonly baseUrl: string;
  readonly tokens: TokenProvider;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Retries of 429/503/504 per request (default 4). */
  readonly maxRetries?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly throttle?: ThrottleGate;
  readonly log?: (entry: GraphLogEntry) => void;
}

export interface GraphRequestOptions {
  readonly scopes: readonly string[];
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Safe to replay after a 503/504 (default: every method but POST). 429 is always replayable. */
  readonly idempotent?: boolean;
  /** Overrides the client's maxRetries for this request (0: the caller handles every failure). */
  readonly maxRetries?: number;
  /**
   * Never sent after this instant (epoch ms): a caller holding a lease (the notification ledger's
   * claim) passes its end, so a request held back by a Retry-After gate is not sent after another
   * instance may have taken the lease over. Rejects with GraphDeadlineError (`notSent`) instead.
   */
  readonly notAfterMs?: number;
}

export interface GraphResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A Graph error response. `message` carries status and code only; Graph's own text is in `graphMessage` (never logged). */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly graphMessage: string,
    readonly retryAfterMs: number | null,
    readonly location: string | null,
  ) {
    super(`Microsoft Graph answered ${status} (${code || "no code"})`);
    this.name = "GraphRequestError";
  }
}

/** The request was not sent: its `notAfterMs` passed while it waited (a Retry-After gate, a token). */
export class GraphDeadlineError extends Error {
  readonly retryAfterMs = null;
  /** Nothing reached Graph: safe to decide again (the notifier re-checks its lease). */
  readonly notSent = true;
  constructor() {
    super("The request was not sent: it would have gone after its deadline");
    this.name = "GraphDeadlineError";
  }
}

export class GraphOfflineError extends Error {
  readonly retryAfterMs = null;
  constructor() {
    super("Microsoft Graph could not be reached (offline or the connection dropped)");
    this.name = "GraphOfflineError";
  }
}

const GRAPH_WORDS = new Set([
  "v1.0",
  "beta",
  "me",
  "users",
  "manager",
  "sites",
  "lists",
  "items",
  "fields",
  "columns",
  "delta",
  "mailFolders",
  "inbox",
  "childFolders",
  "messageRules",
  "outlook",
  "masterCategories",
  "messages",
  "chats",
  "$batch",
]);

/** "/v1.0/sites/contoso.sharepoint.com,…/lists/abc/items" → "/v1.0/sites/{…}/lists/{…}/items" */
export function redactPath(path: string): string {
  return path
    .split("?")[0]!
    .split("/")
    .map((s) => (s === "" || GRAPH_WORDS.has(s) ? s : "{…}"))
    .join("/");
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === "") return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

const RETRYABLE = new Set([429, 503, 504]);

export class GraphClient {
  readonly baseUrl: string;
  private readonly throttle: ThrottleGate;
  private readonly random: () => number;

  constructor(private readonly options: GraphClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.throttle = options.throttle ?? new MemoryThrottleGate();
    this.random = options.random ?? Math.random;
  }

  /** The absolute URL for a path ("/me/manager") or a link Graph returned (nextLink, deltaLink). */
  resolve(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      // Links Graph returns must stay under the base URL: a token is never sent anywhere else.
      const base = new URL(this.baseUrl);
      const target = new URL(pathOrUrl);
      if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) {
        throw new Error("Refusing to call a URL outside the configured Microsoft Graph base URL.");
      }
      return pathOrUrl;
    }
    return `${this.baseUrl}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;
  }

  /** Exponential back-off with jitter, for a retry without Retry-After: base·2^attempt, capped, ±50%. */
  backoff(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 1000;
    const max = this.options.backoffMaxMs ?? 32_000;
    const ceiling = Math.min(max, base * 2 ** attempt);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private gateWait(): number {
    return this.throttle.until() - this.options.clock.now();
  }

  private async waitForGate(): Promise<void> {
    for (let wait = this.gateWait(); wait > 0; wait = this.gateWait()) await this.options.sleep(wait);
  }

  async request<T = unknown>(
    method: string,
    pathOrUrl: string,
    options: GraphRequestOptions,
  ): Promise<GraphResponse<T>> {
    const url = this.resolve(pathOrUrl);
    const route = this.options.log ? redactPath(url.replace(/^https?:\/\/[^/]+/, "")) : "";
    const idempotent = options.idempotent ?? method.toUpperCase() !== "POST";
    const maxRetries = options.maxRetries ?? this.options.maxRetries ?? 4;
    const log = this.options.log ?? (() => {});
    let refreshed = false;
    let forceRefresh = false;
    for (let attempt = 0; ; attempt++) {
      await this.waitForGate();
      const token = await this.options.tokens.getToken({
        scopes: options.scopes,
        url,
        ...(forceRefresh ? { forceRefresh: true } : {}),
      });
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...options.headers,
      };
      if (options.body !== undefined) headers["content-type"] = "application/json";
      // Again, just before sending, with no await between the check and the send: a concurrent
      // request's 429 may have closed the gate while this one waited for its token (the service
      // has several requests in flight).
      for (let wait = this.gateWait(); wait > 0; wait = this.gateWait()) await this.options.sleep(wait);
      if (options.notAfterMs !== undefined && this.options.clock.now() > options.notAfterMs) {
        log({ method, route, status: "deadline", attempt });
        throw new GraphDeadlineError();
      }
      let res: Response;
      try {
        res = await this.options.fetch(url, {
          method,
          headers,
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        });
      } catch {
        log({ method, route, status: "offline", attempt });
        throw new GraphOfflineError();
      }
      // Every 429 (and a 503 that says when) holds back the whole mailbox until Retry-After, at
      // once: before this request reads its body, so no concurrent request slips out meanwhile.
      const retryAfterMs = res.ok ? null : parseRetryAfter(res.headers.get("retry-after"), this.options.clock.now());
      const gated = retryAfterMs !== null && (res.status === 429 || res.status === 503);
      if (gated) this.throttle.hold(this.options.clock.now() + retryAfterMs);
      if (res.ok) {
        log({ method, route, status: res.status, attempt });
        const text = res.status === 204 ? "" : await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
      }
      const text = await res.text().catch(() => "");
      let code = "";
      let graphMessage = "";
      try {
        const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
        code = typeof parsed.error?.code === "string" ? parsed.error.code : "";
        graphMessage = typeof parsed.error?.message === "string" ? parsed.error.message : "";
      } catch {
        // not JSON: keep the status only
      }
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        forceRefresh = true;
        log({ method, route, status: 401, attempt });
        continue;
      }
      const replayable = res.status === 429 || idempotent;
      if (RETRYABLE.has(res.status) && replayable && attempt < maxRetries) {
        const waitMs = retryAfterMs ?? this.backoff(attempt);
        log({ method, route, status: res.status, attempt, waitMs });
        // A gated wait happens at the top of the loop (the gate holds every request of the mailbox).
        if (!gated) await this.options.sleep(waitMs);
        continue;
      }
      log({ method, route, status: res.status, attempt });
      throw new GraphRequestError(res.status, code, graphMessage, retryAfterMs, res.headers.get("location"));
    }
  }

  get<T = unknown>(path: string, scopes: readonly string[], headers?: Record<string, string>): Promise<T> {
    return this.request<T>("GET", path, { scopes, ...(headers ? { headers } : {}) }).then((r) => r.body);
  }

  post<T = unknown>(
    path: string,
    scopes: readonly string[],
    body: unknown,
    extra: Partial<GraphRequestOptions> = {},
  ): Promise<T> {
    return this.request<T>("POST", path, { ...extra, scopes, body }).then((r) => r.body);
  }

  patch<T = unknown>(
    path: string,
    scopes: readonly string[],
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    return this.request<T>("PATCH", path, { scopes, body, ...(headers ? { headers } : {}) }).then((r) => r.body);
  }

  async delete(path: string, scopes: readonly string[]): Promise<void> {
    await this.request("DELETE", path, { scopes });
  }

  /** Every item of a collection, following @odata.nextLink. */
  async getAll<T>(path: string, scopes: readonly string[], headers?: Record<string, string>): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value?: T[]; "@odata.nextLink"?: string } = await this.get(next, scopes, headers);
      out.push(...(page.value ?? []));
      next = page["@odata.nextLink"];
    }
    return out;
  }
}

/** True for failures worth trying again later (throttled, unavailable, offline); false for refusals. */
export function isTransient(error: unknown): boolean {
  if (error instanceof GraphOfflineError) return true;
  if (error instanceof GraphRequestError) return error.status === 429 || error.status >= 500 || error.status === 408;
  return false;
}
