/** The signed-out state, and signing in (a click: popups and Office dialogs need a user gesture). */
import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from "@fluentui/react-components";
import type { SignInState } from "../../app/auth";

export interface SignInPanelProps {
  readonly state: SignInState;
  readonly onSignIn: () => void;
  readonly onSignOut: () => void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
});

export function SignInPanel({ state, onSignIn, onSignOut }: SignInPanelProps) {
  const styles = useStyles();
  return (
    <section
      className={styles.root}
      aria-label="Microsoft 365 sign-in"
      data-testid="sign-in"
      data-status={state.status}
    >
      {state.status === "signed-in" && (
        <>
          <Text>Signed in{state.username ? ` as ${state.username}` : ""}.</Text>
          <Button size="small" onClick={onSignOut}>
            Sign out of the add-in
          </Button>
        </>
      )}
      {state.status === "signing-in" && <Spinner size="tiny" label="Signing in…" />}
      {(state.status === "signed-out" || state.status === "error") && (
        <>
          <Text>Sign in with your work account to use the shared record, mail rules and Teams notifications.</Text>
          {state.status === "error" && (
            <MessageBar intent="error">
              <MessageBarBody>{state.message}</MessageBarBody>
            </MessageBar>
          )}
          <Button appearance="primary" onClick={onSignIn}>
            Sign in
          </Button>
        </>
      )}
    </section>
  );
}
