/**
 * The shared record's status for staff: "N changes waiting", working offline, sign-in needed, and
 * the changes the shared record refused (kept until staff have read why). Props come from
 * useM365Status (M365Session) and the outbox.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { M365Status } from "../../app/m365-session";

export interface AttentionItem {
  readonly id: string;
  /** What the change was ("Breach of a contact strategy for P-1"), without personal data. */
  readonly summary: string;
  readonly reasons: readonly string[];
  /** What staff can do about it (a refusal by the server). */
  readonly whatToDo?: string;
  /** Sending it again may work once the cause is fixed. */
  readonly canRetry?: boolean;
}

export interface SyncStatusProps {
  readonly status: M365Status;
  readonly attention: readonly AttentionItem[];
  readonly onDismiss: (id: string) => void;
  /** Why each item of the shared list is not part of the record (sync conflicts), one line each. */
  readonly conflictReasons?: readonly string[];
  /** Sends a refused change again; without it there is no Try again button. */
  readonly onRetry?: (id: string) => void;
  readonly onSignIn: (scopes: readonly string[]) => void;
  readonly onSyncNow: () => void;
  /** Whether the user is signed in; null (the default) where the page has no interactive sign-in. */
  readonly signedIn?: boolean | null;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  line: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function waitingText(n: number): string {
  if (n === 0) return "All changes are saved to the shared record.";
  return `${n} ${n === 1 ? "change" : "changes"} waiting to be saved to the shared record.`;
}

const kept = (n: number): string =>
  n === 0 ? "" : ` ${n} ${n === 1 ? "change is" : "changes are"} kept on this device until then.`;

/**
 * One status line that says only what is true (issue 14 item 11): never "All changes are saved"
 * beside "Sign in". `signedIn` is null when this page has no interactive sign-in to ask about.
 */
export function statusLine(status: M365Status, signedIn: boolean | null): string {
  if (status.accessRevoked) return "You no longer have access to the shared record.";
  if (signedIn === false || status.signInNeeded)
    return `Not signed in to Microsoft 365: the shared record is not being updated.${kept(status.waiting)}`;
  const who = signedIn ? "Signed in. " : "";
  if (status.setup === "missing")
    return `${who}The shared record's lists are missing, so nothing can be saved to it yet.${kept(status.waiting)}`;
  if (status.setup === "checking") return `${who}Checking the shared record…`;
  // Offline: the bar below says so; the line says what is waiting, not that it is synced.
  if (status.offline)
    return `${who}${status.waiting ? waitingText(status.waiting) : "Nothing is waiting to be saved."}`;
  return `${who}${status.waiting === 0 ? "Synced: all changes are saved to the shared record." : waitingText(status.waiting)}`;
}

export function SyncStatus({
  status,
  attention,
  conflictReasons = [],
  onDismiss,
  onRetry,
  onSignIn,
  onSyncNow,
  signedIn = null,
}: SyncStatusProps) {
  const styles = useStyles();
  return (
    <section
      className={styles.root}
      aria-label="Shared record status"
      data-testid="sync-status"
      data-waiting={status.waiting}
    >
      <div className={styles.line}>
        <Text role="status">{statusLine(status, signedIn)}</Text>
        <Button size="small" onClick={onSyncNow}>
          Sync now
        </Button>
      </div>
      {status.signInNeeded && (
        <MessageBar intent="warning">
          <MessageBarBody>Sign in to Microsoft 365 to keep the shared record up to date.</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => onSignIn(status.signInNeeded ?? [])}>
              Sign in
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {status.accessRevoked && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>You no longer have access to the shared record</MessageBarTitle>
            The copy of the record on this device has been deleted. Ask your administrator if you still need access.
            {status.waiting > 0 ? " Your changes waiting to be saved stay on this device until you sign out." : ""}
          </MessageBarBody>
        </MessageBar>
      )}
      {status.offline && !status.signInNeeded && (
        <MessageBar intent="info">
          <MessageBarBody>
            Working offline: changes are kept on this device and sent when Microsoft 365 can be reached.
          </MessageBarBody>
        </MessageBar>
      )}
      {status.setup === "missing" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The shared record is not set up</MessageBarTitle>
            <ul className={styles.list}>
              {status.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {status.conflicts > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {status.conflicts === 1 ? "One item" : `${status.conflicts} items`} in the shared record could not be read
            as part of the record; an administrator should look at the list. The rest of the record is up to date.
            {conflictReasons.length > 0 && (
              <ul className={styles.list} aria-label="Items not read">
                {conflictReasons.slice(0, 10).map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {attention.map((a) => (
        <MessageBar key={a.id} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not saved: {a.summary}</MessageBarTitle>
            <ul className={styles.list}>
              {a.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {a.whatToDo && <Text block>What to do: {a.whatToDo}</Text>}
          </MessageBarBody>
          <MessageBarActions>
            {a.canRetry && onRetry && (
              <Button size="small" onClick={() => onRetry(a.id)}>
                Try again
              </Button>
            )}
            <Button size="small" onClick={() => onDismiss(a.id)}>
              I have read this
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </section>
  );
}
