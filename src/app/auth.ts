/**
 * Sign-in as the use cases see it: a TokenProvider port (a bearer token for a Graph URL and the
 * scopes a feature needs) and an observable sign-in state for the "signed out" screen.
 *
 * Production: src/adapters/graph/auth-msal.ts (nested app authentication, Office dialog fallback).
 * Tests: test/support/graph-emulator/test-token-provider.ts, which refuses any URL that is not
 * loopback and lives outside src/ so it can never reach the production bundle.
 *
 * Scopes are asked for when a feature first needs them (incremental consent), never all at once:
 * FEATURE_SCOPES names, per feature, the least-privileged delegated permissions (docs/permissions.md).
 */

export interface TokenRequest {
  /** Short delegated scope names ("Sites.Selected"); the provider adds the resource for its cloud. */
  readonly scopes: readonly string[];
  /** The absolute URL the token will be sent to (providers may refuse URLs they do not serve). */
  readonly url: string;
  /** The cached token was refused (401): get a new one. */
  readonly forceRefresh?: boolean;
}

export interface TokenProvider {
  getToken(request: TokenRequest): Promise<string>;
}

/** Thrown when a token needs the user (sign-in, consent): background work stops and the UI asks. */
export class InteractionRequiredError extends Error {
  constructor(readonly scopes: readonly string[]) {
    super("Sign-in is needed to continue.");
    this.name = "InteractionRequiredError";
  }
}

/** The claims of an ID token that say what the user may do: `roles` (app roles) and `groups` (object ids). */
export interface IdTokenRoleClaims {
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
}

/** The role claims of a decoded ID token (unknown shapes give none). */
export function roleClaimsOf(claims: unknown): IdTokenRoleClaims | undefined {
  if (typeof claims !== "object" || claims === null) return undefined;
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
  const c = claims as { roles?: unknown; groups?: unknown };
  const roles = strings(c.roles);
  const groups = strings(c.groups);
  return { ...(roles ? { roles } : {}), ...(groups ? { groups } : {}) };
}

export type SignInState =
  | { readonly status: "signed-out" }
  | { readonly status: "signing-in" }
  | {
      readonly status: "signed-in";
      readonly username: string;
      /** The ID token's role claims (app roles, groups) when the sign-in gave them (app/roles.ts). */
      readonly claims?: IdTokenRoleClaims;
    }
  | { readonly status: "error"; readonly message: string };

/** A token provider with a visible state and an interactive sign-in, for the taskpane. */
export interface SignIn extends TokenProvider {
  state(): SignInState;
  /** useSyncExternalStore-shaped. */
  subscribe(listener: () => void): () => void;
  /** Interactive: call from a click handler (popups and dialogs need a user gesture). */
  signIn(scopes?: readonly string[]): Promise<void>;
  /** Forgets tokens held by this page (NAA has no logout; the host keeps the account). */
  signOut(): Promise<void>;
}

/** Which SharePoint permission the tenant granted (docs/permissions.md §1). */
export type SiteScope = "Sites.Selected" | "Sites.ReadWrite.All";

/** Least-privileged delegated scopes per feature (docs/permissions.md). */
export function featureScopes(siteScope: SiteScope = "Sites.Selected") {
  return {
    /** Who is signed in (the `by` of what they record; the chat member for notifications). */
    profile: ["User.Read"],
    /** Read and append the shared record; read/write the notification ledger. */
    record: [siteScope],
    /** Admin setup: create the lists (Sites.Selected needs the "manage" role on the site). */
    setup: [siteScope === "Sites.Selected" ? "Sites.Selected" : "Sites.Manage.All"],
    /** Inbox rules and the master category list. */
    mailboxSettings: ["MailboxSettings.ReadWrite"],
    /** Create the review folder; set categories on a message through Graph (Office.js is used where it can). */
    mail: ["Mail.ReadWrite"],
    /** The signed-in member of staff's line manager (admin consent). */
    manager: ["User.Read.All"],
    /** Open the one-to-one chat and post the card. */
    teams: ["Chat.Create", "ChatMessage.Send"],
    /** Only after an interrupted send: was the card already posted? */
    teamsRecovery: ["Chat.Read"],
  } as const;
}

export type FeatureScopes = ReturnType<typeof featureScopes>;
