/**
 * The Office dialog fallback's page (for hosts without NestedAppAuth 1.1): a page of the add-in's
 * own origin, opened by OfficeJsAuthHost.openDialog, signs in with a standard MSAL client by
 * redirect and sends the token to the taskpane with messageParent. The taskpane keeps it in memory.
 *
 * The surface that serves the page calls `runAuthDialog(config, Office.context.ui)` after
 * Office.onReady; the page must be a registered SPA redirect URI (m365-reference §3.1), must be
 * served without a Cross-Origin-Opener-Policy header, and reads the scopes from `?scopes=`.
 */
import { createStandardPublicClientApplication } from "@azure/msal-browser";
import { roleClaimsOf } from "../../app/auth";
import type { DialogTokenMessage } from "./auth-msal";

export interface DialogConfig {
  readonly clientId: string;
  readonly tenant: string;
  readonly authorityHost: string;
}

export interface DialogParent {
  messageParent(message: string): void;
}

export async function runAuthDialog(
  config: DialogConfig,
  parent: DialogParent,
  location: { href: string; search: string } = window.location,
): Promise<void> {
  const send = (m: DialogTokenMessage): void => parent.messageParent(JSON.stringify(m));
  try {
    const redirectUri = location.href.split("?")[0]!.split("#")[0]!;
    const app = await createStandardPublicClientApplication({
      auth: {
        clientId: config.clientId,
        authority: `${config.authorityHost.replace(/\/+$/, "")}/${config.tenant}`,
        redirectUri,
      },
      cache: { cacheLocation: "sessionStorage" },
    });
    const result = await app.handleRedirectPromise();
    if (result) {
      const claims = roleClaimsOf(result.idTokenClaims);
      send({
        ...(claims?.roles ? { roles: claims.roles } : {}),
        ...(claims?.groups ? { groups: claims.groups } : {}),
        status: "ok",
        accessToken: result.accessToken,
        expiresOn: result.expiresOn ? result.expiresOn.getTime() : undefined,
        scopes: result.scopes,
        username: result.account?.username,
      });
      return;
    }
    const scopes = (new URLSearchParams(location.search).get("scopes") ?? "User.Read")
      .split(" ")
      .filter((s) => s !== "");
    await app.acquireTokenRedirect({ scopes });
  } catch {
    send({ status: "error", error: "sign-in failed" });
  }
}
