/**
 * The taskpane's Microsoft 365 chrome (src/ui/admin/README.md steps 2–4): the shared record's
 * status line ("N changes waiting"), the sign-in panel (a clear signed-out state) and the
 * administrator's Settings view (Microsoft 365 settings and the shared record's setup). In local
 * mode only the Settings entry point shows, so an administrator can name a client id and a site.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import { useId, useState, useSyncExternalStore, type ReactNode } from "react";
import type { Microsoft365 } from "../../adapters/graph";
import type { SignIn } from "../../app/auth";
import { signOutAndWipe } from "../../app/local-data";
import {
  conflictLines,
  M365SettingsForm,
  SharedRecordSetup,
  AppendOnlySetup,
  SignInPanel,
  SignOutConfirm,
  SyncStatus,
  useAttention,
  useM365Status,
  useSignInState,
} from "../../ui/admin";
import { useRecord, useServices } from "../../ui/services";
import type { TaskpaneSettings } from "./m365";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  toolbar: { display: "flex", justifyContent: "flex-end" },
  settings: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export interface TaskpaneM365 {
  readonly config: TaskpaneSettings;
  /** Null in local mode (no client id or site). */
  readonly m365: Microsoft365 | null;
  /** Null when sign-in is not interactive (the browser test's token provider). */
  readonly signIn: SignIn | null;
}

/** Whether the user is signed in, for a truthful status line; null where sign-in is not interactive. */
function useSignedIn(signIn: SignIn | null): boolean | null {
  const read = () => (signIn ? signIn.state().status === "signed-in" : null);
  return useSyncExternalStore((l) => (signIn ? signIn.subscribe(l) : () => undefined), read, read);
}

function Status({ m365, signIn }: { m365: Microsoft365; signIn: SignIn | null }) {
  const status = useM365Status(m365.session);
  const signedIn = useSignedIn(signIn);
  const attention = useAttention(m365.outbox);
  return (
    <SyncStatus
      status={status}
      attention={attention}
      conflictReasons={status.conflicts > 0 ? conflictLines(m365.sync.conflicts()) : []}
      onDismiss={(id) => void m365.outbox.dismiss(id)}
      onRetry={(id) => void m365.outbox.retry(id).then(() => m365.outbox.kick())}
      onSignIn={(scopes) => {
        if (signIn) void signIn.signIn(scopes).then(() => m365.session.pullNow());
      }}
      onSyncNow={() => void m365.session.pullNow()}
      signedIn={signedIn}
    />
  );
}

function SignInLine({ signIn, m365 }: { signIn: SignIn; m365: Microsoft365 }) {
  const state = useSignInState(signIn);
  const [pending, setPending] = useState<{ waiting: number; needsAttention: number } | null>(null);
  // Sign-out wipes this device's copy of the record and its outbox (app/local-data.ts); with
  // changes not yet saved it asks first.
  const signOut = async (discardWaiting: boolean): Promise<void> => {
    const result = await signOutAndWipe(
      {
        outbox: m365.outbox,
        sync: m365.sync,
        storage: m365.storage,
        signOut: () => signIn.signOut(),
        stop: () => m365.session.stop(),
        alsoForget: () => m365.forgetDeviceSecret(),
      },
      discardWaiting,
    );
    setPending(
      result.kind === "changes-waiting" ? { waiting: result.waiting, needsAttention: result.needsAttention } : null,
    );
  };
  return (
    <>
      <SignInPanel
        state={state}
        onSignIn={() => void signIn.signIn().then(() => m365.session.start())}
        onSignOut={() => void signOut(false)}
      />
      <SignOutConfirm pending={pending} onConfirm={() => void signOut(true)} onCancel={() => setPending(null)} />
    </>
  );
}

function SettingsView({ config, m365 }: { config: TaskpaneSettings; m365: Microsoft365 | null }) {
  const styles = useStyles();
  const [saved, setSaved] = useState(false);
  return (
    <div className={styles.settings}>
      <M365SettingsForm
        initial={config.settings}
        onSave={async (s) => {
          const problems = await config.store.save(s, config.buildTime);
          setSaved(problems.length === 0);
          return problems;
        }}
      />
      {saved && (
        <MessageBar intent="info">
          <MessageBarBody>The settings take effect when the pane is next opened.</MessageBarBody>
        </MessageBar>
      )}
      {m365 && (
        <SharedRecordSetup
          check={async () => {
            await m365.session.start({ poll: false });
            const status = m365.session.getStatus();
            return { ok: status.setup === "ok", missing: status.missing };
          }}
          setUp={async () => {
            const result = await m365.setUp();
            if (result.ok) void m365.session.start();
            return result;
          }}
        />
      )}
      {m365 && (
        <AppendOnlySetup
          defaultGroup={`${config.settings.site.split("/").pop() ?? ""} Members`}
          check={m365.appendOnly.check}
          make={m365.appendOnly.make}
        />
      )}
    </div>
  );
}

/** The status line and sign-in above the taskpane, and a Settings button that swaps the pane for the settings. */
export function M365Frame({ value, children }: { value: TaskpaneM365; children: ReactNode }) {
  const styles = useStyles();
  const [chosen, setOpen] = useState(false);
  const settingsId = useId();
  // Settings are for administrators only (issue 14 item 11), by the role table in app/roles.ts: the
  // signed-in user's admin role in Microsoft 365 mode (none before sign-in); on the record on this
  // device, where nobody signs in, every role, so whoever installs the pane can name a client id and a site.
  useRecord(); // re-renders when the access changes (RecordService.setAccess)
  const admin = useServices().record.access.isAdmin;
  const open = chosen && admin;
  return (
    <>
      <div className={styles.bar} data-testid="m365-bar" data-mode={value.m365 ? "m365" : "local"}>
        {admin && (
          <div className={styles.toolbar}>
            <Button
              size="small"
              aria-expanded={open}
              aria-controls={settingsId}
              onClick={() => setOpen((o) => !o)}
              data-testid="settings-toggle"
            >
              {open ? "Close settings" : "Settings"}
            </Button>
          </div>
        )}
        {value.m365 && value.signIn && <SignInLine signIn={value.signIn} m365={value.m365} />}
        {value.m365 && <Status m365={value.m365} signIn={value.signIn} />}
      </div>
      <section id={settingsId} aria-label="Settings for administrators" hidden={!open} data-testid="m365-settings">
        {open && <SettingsView config={value.config} m365={value.m365} />}
      </section>
      <div hidden={open}>{children}</div>
    </>
  );
}
