/**
 * Tokens for the service, app-only. Production: a TokenCredential (`@azure/identity`
 * ClientCertificateCredential: the app registration's certificate, never a secret) asked for
 * `https://graph.microsoft.com/.default` (the application permissions the admin granted).
 * Against the emulator (GRAPH_BASE_URL on loopback): the emulator issues an app-only token.
 */
import type { TokenProvider } from "../../app/auth";
import type { FetchLike } from "../../adapters/graph/graph-client";

/** The shape of an `@azure/identity` TokenCredential. */
export interface TokenCredentialLike {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

export function credentialTokens(credential: TokenCredentialLike, graphBaseUrl: string): TokenProvider {
  const scope = `${new URL(graphBaseUrl).origin}/.default`;
  return {
    getToken: async () => {
      const t = await credential.getToken(scope);
      if (!t) throw new Error("No app-only token: check the app registration's certificate and admin consent.");
      return t.token;
    },
  };
}

/** The emulator's app-only token (loopback only: a token is never asked of anything else this way). */
export function emulatorAppTokens(
  graphBaseUrl: string,
  roles: readonly string[],
  fetch: FetchLike,
  app = "csm-enforcement-service",
): TokenProvider {
  const origin = new URL(graphBaseUrl).origin;
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(origin).hostname))
    throw new Error("The emulator token provider serves loopback only.");
  let token: string | null = null;
  return {
    getToken: async (request) => {
      if (!token || request.forceRefresh) {
        const res = await fetch(`${origin}/_emulator/app-token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ app, roles }),
        });
        token = ((await res.json()) as { token: string }).token;
      }
      return token;
    },
  };
}

/** Loads `@azure/identity` only in production (it is not needed against the emulator). */
export async function certificateCredential(
  tenantId: string,
  clientId: string,
  certificatePath: string,
): Promise<TokenCredentialLike> {
  if (!tenantId || !clientId || !certificatePath)
    throw new Error("App-only sign-in needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH.");
  const name = "@azure/identity";
  const identity = (await import(name)) as {
    ClientCertificateCredential: new (t: string, c: string, o: { certificatePath: string }) => TokenCredentialLike;
  };
  return new identity.ClientCertificateCredential(tenantId, clientId, { certificatePath });
}
