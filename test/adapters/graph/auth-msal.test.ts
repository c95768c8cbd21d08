/**
 * @jest-environment ./test/support/fixed-jsdom-env.js
 */
/**
 * Sign-in (MsalSignIn) with a fake MSAL client and a fake Office host: nested app authentication
 * where supported, the Office dialog elsewhere, scopes on the configured cloud, tokens only for the
 * Graph base URL and never in localStorage.
 */
import { BrowserAuthError, InteractionRequiredAuthError, type IPublicClientApplication } from "@azure/msal-browser";
import { InteractionRequiredError } from "../../../src/app/auth";
import { MsalSignIn, type OfficeAuthHost } from "../../../src/adapters/graph/auth-msal";
import { accessFromSignIn } from "../../../src/app/roles";

function fakePca(behaviour: { silent?: () => string; popup?: () => string; idTokenClaims?: object }) {
  const calls: { method: string; scopes: string[] }[] = [];
  const account = {
    username: "officer.one@opcc.example",
    homeAccountId: "h",
    environment: "e",
    tenantId: "t",
    localAccountId: "l",
  };
  const pca = {
    getActiveAccount: () => null,
    getAllAccounts: () => [account],
    acquireTokenSilent: async (r: { scopes: string[] }) => {
      calls.push({ method: "silent", scopes: r.scopes });
      return {
        accessToken: behaviour.silent ? behaviour.silent() : "naa-token",
        account,
        ...(behaviour.idTokenClaims ? { idTokenClaims: behaviour.idTokenClaims } : {}),
      };
    },
    ssoSilent: async (r: { scopes: string[] }) => {
      calls.push({ method: "sso", scopes: r.scopes });
      return { accessToken: "sso-token", account };
    },
    acquireTokenPopup: async (r: { scopes: string[] }) => {
      calls.push({ method: "popup", scopes: r.scopes });
      return { accessToken: behaviour.popup ? behaviour.popup() : "popup-token", account };
    },
  };
  return { pca: pca as unknown as IPublicClientApplication, calls };
}

function host(naa: boolean, dialogAnswer?: string): OfficeAuthHost & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    naaSupported: () => naa,
    openDialog: async (url: string) => {
      opened.push(url);
      return (
        dialogAnswer ??
        JSON.stringify({
          status: "ok",
          accessToken: "dialog-token",
          expiresOn: Date.parse("2026-03-02T10:00:00Z"),
          username: "officer.one@opcc.example",
        })
      );
    },
  };
}

const config = (graphBaseUrl = "https://graph.microsoft.com/v1.0") => ({
  clientId: "00000000-0000-0000-0000-000000000001",
  tenant: "organizations",
  authorityHost: "https://login.microsoftonline.com",
  graphBaseUrl,
  dialogUrl: "https://addin.opcc.example/auth-dialog.html",
});

const now = () => Date.parse("2026-03-02T09:00:00Z");

describe("sign-in", () => {
  it("uses nested app authentication where supported: silent, scopes on the configured cloud", async () => {
    const { pca, calls } = fakePca({});
    const signIn = new MsalSignIn(config("https://graph.microsoft.us/v1.0"), host(true), now, async () => pca);
    await expect(
      signIn.getToken({ scopes: ["Sites.Selected"], url: "https://graph.microsoft.us/v1.0/sites/x" }),
    ).resolves.toBe("naa-token");
    expect(calls).toEqual([{ method: "silent", scopes: ["https://graph.microsoft.us/Sites.Selected"] }]);
    expect(signIn.state()).toEqual({ status: "signed-in", username: "officer.one@opcc.example" });
  });

  it("turns 'interaction required' into InteractionRequiredError naming the scopes, for the UI to ask", async () => {
    const { pca } = fakePca({
      silent: () => {
        throw new InteractionRequiredAuthError("consent_required", "test-correlation");
      },
    });
    const signIn = new MsalSignIn(config(), host(true), now, async () => pca);
    const err = await signIn
      .getToken({ scopes: ["User.Read.All"], url: "https://graph.microsoft.com/v1.0/me/manager" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InteractionRequiredError);
    expect((err as InteractionRequiredError).scopes).toEqual(["User.Read.All"]);
    await signIn.signIn(["User.Read.All"]);
    expect(signIn.state().status).toBe("signed-in");
  });

  it("never gives a token for a URL outside the Graph base URL", async () => {
    const { pca, calls } = fakePca({});
    const signIn = new MsalSignIn(config(), host(true), now, async () => pca);
    await expect(
      signIn.getToken({ scopes: ["User.Read"], url: "https://graph.microsoft.com.evil.example/v1.0/me" }),
    ).rejects.toThrow(/only given for the configured Graph base URL/);
    expect(calls).toEqual([]);
  });

  it("falls back to the Office dialog without NestedAppAuth 1.1, and keeps that token in memory only", async () => {
    const h = host(false);
    const signIn = new MsalSignIn(config(), h, now, async () => {
      throw new Error("no MSAL client expected without NAA");
    });
    const setItem = jest.spyOn(Storage.prototype, "setItem");
    await expect(
      signIn.getToken({ scopes: ["User.Read"], url: "https://graph.microsoft.com/v1.0/me" }),
    ).rejects.toBeInstanceOf(InteractionRequiredError);
    await signIn.signIn(["User.Read", "Sites.Selected"]);
    expect(new URL(h.opened[0]!).searchParams.get("scopes")).toBe(
      "https://graph.microsoft.com/User.Read https://graph.microsoft.com/Sites.Selected",
    );
    await expect(
      signIn.getToken({ scopes: ["Sites.Selected"], url: "https://graph.microsoft.com/v1.0/sites/x" }),
    ).resolves.toBe("dialog-token");
    // A scope the dialog did not get still needs the user.
    await expect(
      signIn.getToken({ scopes: ["Chat.Create"], url: "https://graph.microsoft.com/v1.0/chats" }),
    ).rejects.toBeInstanceOf(InteractionRequiredError);
    expect(setItem).not.toHaveBeenCalled();
    await signIn.signOut();
    expect(signIn.state()).toEqual({ status: "signed-out" });
    await expect(
      signIn.getToken({ scopes: ["Sites.Selected"], url: "https://graph.microsoft.com/v1.0/sites/x" }),
    ).rejects.toBeInstanceOf(InteractionRequiredError);
  });

  it("uses the dialog when NAA's popup is blocked", async () => {
    const { pca } = fakePca({
      popup: () => {
        throw new BrowserAuthError("popup_window_error", "test-correlation");
      },
    });
    const h = host(true);
    const signIn = new MsalSignIn(config(), h, now, async () => pca);
    await signIn.signIn(["User.Read"]);
    expect(h.opened).toHaveLength(1);
    expect(signIn.state().status).toBe("signed-in");
  });

  it("shows a plain error state when sign-in fails", async () => {
    const signIn = new MsalSignIn(config(), host(false, JSON.stringify({ status: "error", error: "x" })), now);
    await expect(signIn.signIn()).rejects.toThrow();
    expect(signIn.state()).toEqual({
      status: "error",
      message: "Sign-in did not complete. Try again, or ask your administrator.",
    });
  });

  it("keeps the ID token's role claims: the roles the app layer allows come from sign-in (nested app authentication)", async () => {
    const { pca } = fakePca({
      idTokenClaims: { roles: ["Csm.Manager", 3], groups: ["g-1"], name: "Officer One", aud: "x" },
    });
    const signIn = new MsalSignIn(config(), host(true), now, async () => pca);
    await signIn.getToken({ scopes: ["User.Read"], url: "https://graph.microsoft.com/v1.0/me" });
    const state = signIn.state();
    expect(state).toEqual({
      status: "signed-in",
      username: "officer.one@opcc.example",
      claims: { roles: ["Csm.Manager"], groups: ["g-1"] },
    });
    expect(accessFromSignIn(state).roles).toEqual(["manager"]);
    expect(accessFromSignIn(state, { caseworker: "G-1" }).roles).toEqual(["caseworker", "manager"]);
  });

  it("a token without role claims signs in with no role (the read-only front-line state)", async () => {
    const { pca } = fakePca({ idTokenClaims: { name: "Officer One" } });
    const signIn = new MsalSignIn(config(), host(true), now, async () => pca);
    await signIn.getToken({ scopes: ["User.Read"], url: "https://graph.microsoft.com/v1.0/me" });
    expect(accessFromSignIn(signIn.state()).hasNoRole).toBe(true);
  });

  it("takes the roles from the Office dialog's message", async () => {
    const answer = JSON.stringify({
      status: "ok",
      accessToken: "dialog-token",
      expiresOn: Date.parse("2026-03-02T10:00:00Z"),
      username: "officer.one@opcc.example",
      roles: ["Csm.Caseworker"],
    });
    const signIn = new MsalSignIn(config(), host(false, answer), now, async () => fakePca({}).pca);
    await signIn.signIn(["User.Read"]);
    expect(accessFromSignIn(signIn.state()).roles).toEqual(["caseworker"]);
  });
});
