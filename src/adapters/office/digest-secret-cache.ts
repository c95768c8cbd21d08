/**
 * This device's copy of the organisation's send-check secret (app/digest-secret.ts), where the
 * on-send handler (src/surfaces/onsend/handler.ts) reads it: OfficeRuntime.storage where Outlook
 * offers it (its event runtime on Windows; Mailbox 1.10) and the add-in origin's own storage (the
 * browser runtimes of Outlook on the web and new Outlook, where the handler runs in a page of the
 * same origin). The taskpane writes both, the handler reads whichever it has. The secret is
 * neither a token nor personal data; it is removed at sign-out with the rest of the local data.
 * Not verified against Outlook without a tenant: which of the two stores classic Outlook's event
 * runtime shares with the taskpane (docs/local-data.md).
 */
import type { DigestSecretCache } from "../../app/digest-secret";
import { DIGEST_SECRET_STORAGE_KEY, type DigestSecret } from "../../app/send-check";

interface AsyncKeyValue {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

interface SyncKeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function officeRuntimeStorage(): AsyncKeyValue | null {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: Partial<AsyncKeyValue> } }).OfficeRuntime;
  const storage = runtime?.storage;
  return storage && typeof storage.getItem === "function" ? (storage as AsyncKeyValue) : null;
}

function originStorage(): SyncKeyValue | null {
  try {
    const storage = (globalThis as { localStorage?: SyncKeyValue }).localStorage;
    return storage ?? null;
  } catch {
    return null; // storage blocked (a privacy setting): the handler then finds no secret and lets mail go
  }
}

export function deviceSecretCache(
  stores: { readonly runtime?: AsyncKeyValue | null; readonly origin?: SyncKeyValue | null } = {},
): DigestSecretCache {
  const runtime = stores.runtime === undefined ? officeRuntimeStorage() : stores.runtime;
  const origin = stores.origin === undefined ? originStorage() : stores.origin;
  return {
    async get(): Promise<DigestSecret | null> {
      const fromRuntime = runtime ? await runtime.getItem(DIGEST_SECRET_STORAGE_KEY).catch(() => null) : null;
      return fromRuntime ?? origin?.getItem(DIGEST_SECRET_STORAGE_KEY) ?? null;
    },
    async set(secret: DigestSecret): Promise<void> {
      if (runtime) await runtime.setItem(DIGEST_SECRET_STORAGE_KEY, secret);
      origin?.setItem(DIGEST_SECRET_STORAGE_KEY, secret);
    },
    async clear(): Promise<void> {
      if (runtime) await runtime.removeItem(DIGEST_SECRET_STORAGE_KEY);
      origin?.removeItem(DIGEST_SECRET_STORAGE_KEY);
    },
  };
}
