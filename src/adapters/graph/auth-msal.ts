/**
 * Sign-in with @azure/msal-browser v5 (m365-reference §3.1).
 *
 * - Nested app authentication (createNestablePublicClientApplication) where the host supports
 *   NestedAppAuth 1.1 (checked at run time; it cannot be declared in the manifest). The host brokers
 *   the token; the SPA redirect URI is brk-multihub://<origin>.
 * - Elsewhere, the Office dialog fallback: a page of the add-in's own origin (auth-dialog.ts) signs
 *   in with a standard MSAL client (redirect flow) and hands the token back with messageParent; the
 *   taskpane keeps it in memory only.
 * - Tokens live in memory or sessionStorage only (MSAL cacheLocation "sessionStorage"; the dialog's
 *   token in a Map), never localStorage (the project standard: no tokens or personal data in localStorage).
 * - Scopes are asked for when a feature first needs them: background calls are silent and throw
 *   InteractionRequiredError; the UI's "Sign in" button calls signIn() with the scopes needed.
 * - A token is only ever given for a URL under the configured Graph base URL.
 */
import {
  BrowserAuthError,
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import {
  InteractionRequiredError,
  roleClaimsOf,
  type IdTokenRoleClaims,
  type SignIn,
  type SignInState,
  type TokenRequest,
} from "../../app/auth";

export interface MsalAuthConfig {
  readonly clientId: string;
  /** Tenant id or "organizations". */
  readonly tenant: string;
  /** e.g. https://login.microsoftonline.com (login.microsoftonline.us for US Government clouds). */
  readonly authorityHost: string;
  /** e.g. https://graph.microsoft.com/v1.0; its origin is the resource of every scope. */
  readonly graphBaseUrl: string;
  /** The add-in's own page for the Office dialog fallback, e.g. https://addin.example/auth-dialog.html. */
  readonly dialogUrl: string;
}

/** What the Office host offers (auth-office.ts implements it over Office.js; tests fake it). */
export interface OfficeAuthHost {
  /** Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"). */
  naaSupported(): boolean;
  /** Opens the dialog and resolves with the message the dialog page sends (messageParent). */
  openDialog(url: string): Promise<string>;
}

/** What the dialog page sends back (auth-dialog.ts). */
export interface DialogTokenMessage {
  readonly status: "ok" | "error";
  readonly accessToken?: string;
  readonly expiresOn?: number;
  readonly scopes?: readonly string[];
  readonly username?: string;
  /** The ID token's `roles` and `groups` claims (what the user may do: app/roles.ts). */
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
  readonly error?: string;
}

interface HeldToken {
  readonly token: string;
  readonly expiresOn: number;
  readonly scopes: ReadonlySet<string>;
}

const EXPIRY_MARGIN_MS = 5 * 60_000;

function sameClaims(a: IdTokenRoleClaims | undefined, b: IdTokenRoleClaims | undefined): boolean {
  const key = (c: IdTokenRoleClaims | undefined) =>
    c ? `${[...(c.roles ?? [])].sort().join(",")}|${[...(c.groups ?? [])].sort().join(",")}` : "";
  return key(a) === key(b);
}

export class MsalSignIn implements SignIn {
  private current: SignInState = { status: "signed-out" };
  private readonly listeners = new Set<() => void>();
  private pca: Promise<IPublicClientApplication> | null = null;
  /** Dialog fallback tokens: memory only, gone with the page. */
  private held: HeldToken[] = [];
  private readonly resource: string;
  private readonly graphBase: string;

  constructor(
    private readonly config: MsalAuthConfig,
    private readonly host: OfficeAuthHost,
    private readonly now: () => number = () => Date.now(),
    private readonly createPca: (
      c: Parameters<typeof createNestablePublicClientApplication>[0],
    ) => Promise<IPublicClientApplication> = createNestablePublicClientApplication,
  ) {
    this.graphBase = config.graphBaseUrl.replace(/\/+$/, "");
    this.resource = new URL(this.graphBase).origin;
  }

  state(): SignInState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SignInState): void {
    this.current = state;
    for (const l of this.listeners) l();
  }

  private get naa(): boolean {
    return this.host.naaSupported();
  }

  private app(): Promise<IPublicClientApplication> {
    this.pca ??= this.createPca({
      auth: {
        clientId: this.config.clientId,
        authority: `${this.config.authorityHost.replace(/\/+$/, "")}/${this.config.tenant}`,
      },
      cache: { cacheLocation: "sessionStorage" },
    });
    return this.pca;
  }

  /** "Sites.Selected" → "https://graph.microsoft.com/Sites.Selected" (the resource of this cloud). */
  fullScopes(scopes: readonly string[]): string[] {
    return scopes.map((s) => (s.includes("://") ? s : `${this.resource}/${s}`));
  }

  private account(app: IPublicClientApplication): AccountInfo | undefined {
    return app.getActiveAccount() ?? app.getAllAccounts()[0] ?? undefined;
  }

  /**
   * Signed in as the result's account, with the role claims of its ID token (`roles`: the app
   * roles assigned in Entra; `groups`: security groups, when the app registration emits them).
   * A result without ID token claims keeps the claims already known for the same account.
   */
  private signedIn(
    result:
      AuthenticationResult | { account?: { username?: string; idTokenClaims?: object } | null; idTokenClaims?: object },
  ): void {
    const username = result.account?.username ?? "";
    const previous = this.current.status === "signed-in" && this.current.username === username ? this.current : null;
    const claims = roleClaimsOf(result.idTokenClaims ?? result.account?.idTokenClaims) ?? previous?.claims;
    if (previous && sameClaims(previous.claims, claims)) return;
    this.set({ status: "signed-in", username, ...(claims ? { claims } : {}) });
  }

  async getToken(request: TokenRequest): Promise<string> {
    const target = request.url;
    const scopes = this.fullScopes(request.scopes);
    // A token for another resource (SharePoint REST at setup: https://host/AllSites.FullControl) is
    // only given for that resource's own origin, over https.
    const origin = (u: string): string | null => {
      try {
        return new URL(u).origin;
      } catch {
        return null;
      }
    };
    const ownResource =
      target.startsWith("https://") && scopes.every((s) => origin(s) === origin(target) && origin(s) !== this.resource);
    if (
      !ownResource &&
      !(target === this.graphBase || target.startsWith(`${this.graphBase}/`) || target.startsWith(`${this.graphBase}?`))
    ) {
      throw new Error("A Microsoft Graph token is only given for the configured Graph base URL.");
    }
    if (this.naa) {
      const app = await this.app();
      const account = this.account(app);
      try {
        const result = account
          ? await app.acquireTokenSilent({ scopes, account, ...(request.forceRefresh ? { forceRefresh: true } : {}) })
          : await app.ssoSilent({ scopes });
        this.signedIn(result);
        return result.accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError || !account) throw new InteractionRequiredError(request.scopes);
        throw e;
      }
    }
    const held = this.held.find(
      (h) => scopes.every((s) => h.scopes.has(s.toLowerCase())) && h.expiresOn - EXPIRY_MARGIN_MS > this.now(),
    );
    if (held && !request.forceRefresh) return held.token;
    throw new InteractionRequiredError(request.scopes);
  }

  /** Interactive sign-in with the scopes a feature needs (call from a click handler). */
  async signIn(scopes: readonly string[] = ["User.Read"]): Promise<void> {
    this.set({ status: "signing-in" });
    const full = this.fullScopes(scopes);
    try {
      if (this.naa) {
        const app = await this.app();
        try {
          const result = await app.acquireTokenPopup({ scopes: full });
          this.signedIn(result);
          return;
        } catch (e) {
          // A blocked popup: the Office dialog is the fallback (Microsoft's NAA sample does the same).
          if (!(e instanceof BrowserAuthError && e.errorCode === "popup_window_error")) throw e;
        }
      }
      await this.signInWithDialog(full);
    } catch (e) {
      this.set({
        status: "error",
        message:
          e instanceof Error && e.message
            ? "Sign-in did not complete. Try again, or ask your administrator."
            : "Sign-in did not complete.",
      });
      throw e;
    }
  }

  private async signInWithDialog(scopes: readonly string[]): Promise<void> {
    const url = new URL(this.config.dialogUrl);
    url.searchParams.set("scopes", scopes.join(" "));
    const raw = await this.host.openDialog(url.toString());
    const message = JSON.parse(raw) as DialogTokenMessage;
    if (message.status !== "ok" || !message.accessToken) throw new Error("The sign-in dialog did not return a token.");
    this.held = [
      ...this.held,
      {
        token: message.accessToken,
        expiresOn: message.expiresOn ?? this.now() + 50 * 60_000,
        scopes: new Set(
          (message.scopes ?? scopes).map((s) => (s.includes("://") ? s : `${this.resource}/${s}`).toLowerCase()),
        ),
      },
    ];
    const claims = roleClaimsOf({ roles: message.roles, groups: message.groups });
    const known = claims && (claims.roles || claims.groups) ? { claims } : {};
    this.set({ status: "signed-in", username: message.username ?? "", ...known });
  }

  async signOut(): Promise<void> {
    this.held = [];
    this.set({ status: "signed-out" });
  }
}
