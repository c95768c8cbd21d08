/**
 * The tab with the shared record's sign-in above it: signed in silently through Teams (nested app
 * authentication) in the usual case; when Teams needs the user (consent, MFA), the sign-in panel
 * of src/ui/admin asks.
 */
import type { MsalSignIn } from "../../adapters/graph";
import { SignInPanel, useSignInState } from "../../ui/admin";
import { TeamsTab, type TeamsTabProps } from "../../ui/teams/TeamsTab";

export interface TeamsRootProps extends TeamsTabProps {
  readonly signIn: MsalSignIn | null;
}

function SignIn({ signIn }: { readonly signIn: MsalSignIn }) {
  const state = useSignInState(signIn);
  if (state.status === "signed-in") return null;
  return (
    <SignInPanel
      state={state}
      onSignIn={() => void signIn.signIn().catch(() => undefined)}
      onSignOut={() => void signIn.signOut()}
    />
  );
}

export function TeamsRoot({ signIn, ...tab }: TeamsRootProps) {
  return (
    <>
      {signIn ? <SignIn signIn={signIn} /> : null}
      <TeamsTab {...tab} />
    </>
  );
}
