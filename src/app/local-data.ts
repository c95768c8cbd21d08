/**
 * The record's copy on this device, after sign-out or when access is taken away (issue 16,
 * Deliver 5). Each browser profile keeps the replica of the shared record and the outbox in
 * IndexedDB (docs/local-data.md); on a shared PC the next person to open the pane would otherwise
 * find the whole record there, readable in the browser's developer tools, unencrypted.
 *
 * - Sign-out wipes the replica, the outbox and the sync state. When changes are still waiting to be
 *   saved (or refused ones await staff), it does not go ahead unless told to: the pane first says
 *   how many would be lost, and offers to stay signed in until they are saved.
 * - Access taken away (the shared record answers 403 to a pull: the site's grant or the user's
 *   permission was removed; a 401 means sign in again, not this) wipes the replica at once: the pane stops showing the old copy as "offline". The outbox stays,
 *   with the warning, until sign-out, so that changes are not lost if access comes back.
 */
import type { Outbox } from "./outbox";
import type { SyncEngine } from "./sync";

/** Storage that can forget everything it holds for this profile (IndexedDB in production). */
export interface WipeableStorage {
  wipe(): Promise<void>;
}

export type SignOutResult =
  | { readonly kind: "signed-out" }
  /** Nothing was done: these changes are not in the shared record yet. */
  | { readonly kind: "changes-waiting"; readonly waiting: number; readonly needsAttention: number };

export interface SignOutDeps {
  readonly outbox: Outbox;
  readonly sync: SyncEngine;
  readonly storage: WipeableStorage;
  readonly signOut: () => Promise<void>;
  /** Stops polling and delivery (M365Session.stop). */
  readonly stop?: () => void;
  /** Anything else this device keeps for the signed-in organisation (the send-check secret). */
  readonly alsoForget?: () => Promise<void>;
}

/** Signs out and wipes this device's copy; with changes waiting, only when `discardWaiting`. */
export async function signOutAndWipe(deps: SignOutDeps, discardWaiting = false): Promise<SignOutResult> {
  const waiting = deps.outbox.waitingCount;
  const needsAttention = deps.outbox.needsAttention().length;
  if ((waiting > 0 || needsAttention > 0) && !discardWaiting)
    return { kind: "changes-waiting", waiting, needsAttention };
  deps.stop?.();
  await deps.storage.wipe();
  await deps.alsoForget?.();
  deps.outbox.forgetAll();
  deps.sync.forgetAll();
  await deps.signOut();
  return { kind: "signed-out" };
}

/** A pull refused with 403: this user may no longer read the shared record. */
export function isAccessRevoked(error: unknown): boolean {
  return (error as { status?: unknown } | null)?.status === 403;
}
