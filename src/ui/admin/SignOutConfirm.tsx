/**
 * Before signing out with changes not yet in the shared record (app/local-data.ts): signing out
 * deletes this device's copy of the record and its outbox, so the changes would be lost. The safe
 * choice ("Stay signed in") comes first and takes the focus.
 */
import { ConfirmDialog } from "../actions/form/ConfirmDialog";

export interface SignOutConfirmProps {
  /** Null: closed. */
  readonly pending: { readonly waiting: number; readonly needsAttention: number } | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

const changes = (n: number): string => `${n} ${n === 1 ? "change" : "changes"}`;

export function SignOutConfirm({ pending, onConfirm, onCancel }: SignOutConfirmProps) {
  const waiting = pending?.waiting ?? 0;
  const refused = pending?.needsAttention ?? 0;
  return (
    <ConfirmDialog
      open={pending !== null}
      title="Sign out and delete unsaved changes?"
      confirmLabel="Sign out and delete them"
      cancelLabel="Stay signed in"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {waiting > 0
        ? `${changes(waiting)} on this device ${waiting === 1 ? "is" : "are"} not yet saved to the shared record. `
        : ""}
      {refused > 0
        ? `${changes(refused)} the shared record refused still ${refused === 1 ? "needs" : "need"} your attention. `
        : ""}
      Signing out deletes the record and these changes from this device. Stay signed in until they are saved, unless you
      are sure they are not needed.
    </ConfirmDialog>
  );
}
