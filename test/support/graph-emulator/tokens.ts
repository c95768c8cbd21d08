/**
 * Emulator tokens: opaque to the product, readable by the emulator. A token names the signed-in
 * user and, optionally, the delegated scopes it was granted, so the emulator can refuse a call the
 * token has no scope for (403), as Graph does.
 */

export interface EmulatorTokenClaims {
  readonly upn: string;
  /** Delegated scopes (short names, e.g. "Sites.Selected"); absent = every scope. */
  readonly scopes?: readonly string[];
  /** An app-only token (client credentials): `scopes` are then the application roles, no user. */
  readonly app?: boolean;
}

const PREFIX = "emu.";

// Portable base64url (no Buffer), so the test token provider also runs in a browser build.
function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function makeEmulatorToken(upn: string, scopes?: readonly string[]): string {
  const claims: EmulatorTokenClaims = scopes ? { upn, scopes: [...scopes] } : { upn };
  return PREFIX + toBase64Url(JSON.stringify(claims));
}

/** An app-only token (client credentials with a certificate, in production) holding application roles. */
export function makeAppToken(appName: string, roles?: readonly string[]): string {
  const claims: EmulatorTokenClaims = roles
    ? { upn: appName, scopes: [...roles], app: true }
    : { upn: appName, app: true };
  return PREFIX + toBase64Url(JSON.stringify(claims));
}

const readCache = new Map<string, EmulatorTokenClaims | null>();

export function readEmulatorToken(token: string): EmulatorTokenClaims | null {
  const cached = readCache.get(token);
  if (cached !== undefined) return cached;
  const claims = decode(token);
  if (readCache.size > 1000) readCache.clear();
  readCache.set(token, claims);
  return claims;
}

function decode(token: string): EmulatorTokenClaims | null {
  if (!token.startsWith(PREFIX)) return null;
  try {
    const parsed = JSON.parse(fromBase64Url(token.slice(PREFIX.length))) as Partial<EmulatorTokenClaims>;
    if (typeof parsed.upn !== "string") return null;
    const base = parsed.scopes ? { upn: parsed.upn, scopes: parsed.scopes } : { upn: parsed.upn };
    return parsed.app === true ? { ...base, app: true } : base;
  } catch {
    return null;
  }
}

/** Strips a resource prefix: "https://graph.microsoft.com/Sites.Selected" → "Sites.Selected". */
export function shortScope(scope: string): string {
  const slash = scope.lastIndexOf("/");
  return slash >= 0 ? scope.slice(slash + 1) : scope;
}
