/**
 * The organisation's send-check secret (issue 16): the on-send check's digest in each member of
 * staff's mailbox keys every address with HMAC under this secret (send-check.ts keyedDigestKey), so
 * someone who can read the mailbox's roaming settings cannot test candidate addresses against it,
 * as they could with the unkeyed hashes before.
 *
 * Where it lives:
 * - the shared record's settings list in SharePoint (adapters/graph/settings-list.ts), created by
 *   an administrator's setup, readable with the same site grant as the record itself: whoever can
 *   read the secret can read the record anyway;
 * - a copy on each device for the on-send handler (DigestSecretCache: OfficeRuntime.storage in
 *   Outlook's event runtime, the add-in's own origin storage elsewhere), removed at sign-out;
 * - on the local store (no tenant), a secret made on this device and kept only there.
 * Never in roaming settings, never logged.
 */
import { secretBytes, type DigestSecret } from "./send-check";

/** The shared copy (SharePoint in production). */
export interface DigestSecretSource {
  /** The secret, or null when setup has not made one. Rejects when the record cannot be reached. */
  read(): Promise<DigestSecret | null>;
  /** Stores `secret` unless one exists; resolves with the one that is stored (the first writer's). */
  create(secret: DigestSecret): Promise<DigestSecret>;
}

/** This device's copy, for the on-send handler. */
export interface DigestSecretCache {
  get(): Promise<DigestSecret | null>;
  set(secret: DigestSecret): Promise<void>;
  clear(): Promise<void>;
}

/** 32 bytes from `random` (crypto.getRandomValues in production) as 64 lower-case hex digits. */
export function newDigestSecret(random: (bytes: Uint8Array) => Uint8Array): DigestSecret {
  const bytes = random(new Uint8Array(32));
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  if (secretBytes(out) === null) throw new Error("The random source did not give 32 bytes.");
  return out;
}

const valid = (s: DigestSecret | null): DigestSecret | null => (s !== null && secretBytes(s) !== null ? s : null);

export type SecretOutcome =
  | { readonly kind: "ready"; readonly secret: DigestSecret; readonly from: "shared" | "device" | "created" }
  | { readonly kind: "not-set-up"; readonly message: string }
  | { readonly kind: "unavailable"; readonly message: string };

/**
 * The secret for this device, from the shared record when it can be reached (the device copy is
 * refreshed from it), else the device copy. An administrator's setup creates it (`create`); other
 * staff never do, so two first users cannot make two secrets. A malformed shared value counts as
 * not set up: it is never used to key a digest.
 */
export async function resolveDigestSecret(deps: {
  readonly source: DigestSecretSource;
  readonly cache: DigestSecretCache;
}): Promise<SecretOutcome> {
  let shared: DigestSecret | null;
  try {
    shared = valid(await deps.source.read());
  } catch {
    const cached = valid(await deps.cache.get().catch(() => null));
    if (cached !== null) return { kind: "ready", secret: cached, from: "device" };
    return {
      kind: "unavailable",
      message: "The on-send check is off until the shared record can be reached: it needs the organisation's key.",
    };
  }
  if (shared === null) {
    return {
      kind: "not-set-up",
      message:
        "The on-send check is off: an administrator turns it on with Settings → Create or repair the lists, which makes the organisation's key.",
    };
  }
  await deps.cache.set(shared);
  return { kind: "ready", secret: shared, from: "shared" };
}

/** Setup (administrators): makes the secret unless one exists, and keeps this device's copy. */
export async function ensureDigestSecret(deps: {
  readonly source: DigestSecretSource;
  readonly cache: DigestSecretCache;
  readonly random: (bytes: Uint8Array) => Uint8Array;
}): Promise<DigestSecret> {
  const existing = valid(await deps.source.read());
  const secret = existing ?? valid(await deps.source.create(newDigestSecret(deps.random)));
  if (secret === null)
    throw new Error("The shared record holds a send-check key that is not valid: delete it and run setup again.");
  await deps.cache.set(secret);
  return secret;
}

/** On the local store: this device's secret, made on first use. */
export async function deviceDigestSecret(
  cache: DigestSecretCache,
  random: (bytes: Uint8Array) => Uint8Array,
): Promise<DigestSecret> {
  const cached = valid(await cache.get());
  if (cached !== null) return cached;
  const secret = newDigestSecret(random);
  await cache.set(secret);
  return secret;
}

/**
 * Keeps the on-send digest published with the current secret: resolves it now and again whenever
 * `retryOn` fires (sign-in, setup) until it is ready; a different secret (setup made a new one)
 * restarts publishing with it. Reports each outcome (the pane says when the check is off and why).
 * Returns the function that stops it.
 */
export function keepSendCheck(o: {
  readonly resolve: () => Promise<SecretOutcome>;
  readonly publish: (secret: DigestSecret) => () => void;
  readonly retryOn?: (listener: () => void) => () => void;
  readonly onOutcome?: (outcome: SecretOutcome) => void;
}): () => void {
  let current: DigestSecret | null = null;
  let stopPublishing: (() => void) | null = null;
  let stopped = false;
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const outcome = await o.resolve().catch((e: unknown): SecretOutcome => ({
        kind: "unavailable",
        message: `The on-send check is off: ${e instanceof Error ? e.message : String(e)}`,
      }));
      if (stopped) return;
      o.onOutcome?.(outcome);
      if (outcome.kind === "ready" && outcome.secret !== current) {
        stopPublishing?.();
        current = outcome.secret;
        stopPublishing = o.publish(outcome.secret);
      }
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  };
  const unsubscribe = o.retryOn?.(() => void run()) ?? (() => undefined);
  void run();
  return () => {
    stopped = true;
    unsubscribe();
    stopPublishing?.();
  };
}
