/**
 * Hooks over the Microsoft 365 session and the outbox, for the status line and the admin screens.
 * Stores are app objects (useSyncExternalStore); components get them as props or from the surface.
 */
import { useSyncExternalStore } from "react";
import type { SignIn, SignInState } from "../../app/auth";
import type { M365Session, M365Status } from "../../app/m365-session";
import type { Outbox } from "../../app/outbox";
import type { Conflict } from "../../app/sync";
import { oneLine, RESTRICTION_LABELS, type RecordEvent } from "../../domain";
import type { AttentionItem } from "./SyncStatus";

export function useM365Status(session: M365Session): M365Status {
  return useSyncExternalStore(session.subscribe, session.getStatus, session.getStatus);
}

export function useSignInState(signIn: SignIn): SignInState {
  return useSyncExternalStore(
    (l) => signIn.subscribe(l),
    () => signIn.state(),
    () => signIn.state(),
  );
}

/** A change in words without personal data: the event's kind and the person's reference. */
export function describeChange(event: RecordEvent): string {
  switch (event.type) {
    case "BreachRecorded":
      return `breach of "${RESTRICTION_LABELS[event.data.restriction]}" for ${event.personId}`;
    case "ContactLogged":
      return `contact logged for ${event.personId}`;
    case "IncidentRecorded":
      return `incident for ${event.personId}`;
    default:
      return `${event.type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()} for ${event.personId}`;
  }
}

/**
 * Why items of the shared list are not part of the record (a hostile or refused item is
 * quarantined on its own, and sync goes on: issue 16), one short line each: the list item's id and
 * the first reason.
 */
export function conflictLines(conflicts: readonly Conflict[]): string[] {
  return conflicts.map(
    (c) => `List item ${c.itemId}: ${oneLine(c.errors[0]?.message ?? "not an event of the record", 160)}`,
  );
}

/** The outbox's refused changes, re-rendered when the outbox changes. */
export function useAttention(outbox: Outbox): AttentionItem[] {
  useSyncExternalStore(outbox.subscribe, outbox.getVersion, outbox.getVersion);
  return outbox.needsAttention().map((e) => ({
    id: e.id,
    summary: describeChange(e.event),
    reasons: [...(e.errors ?? []).map((x) => x.message), ...(e.refusal ? [e.refusal.reason] : [])],
    ...(e.refusal ? { whatToDo: e.refusal.whatToDo, canRetry: e.refusal.canRetry } : {}),
  }));
}
