/**
 * The test token provider: sign-in replaced for tests and the emulator-backed browser run.
 *
 * It refuses any URL that is not loopback (127.0.0.1, localhost, ::1), so a test can never send a
 * request (with or without a token) to real Microsoft Graph, and it lives under test/ so that no
 * production entry point can import it (test/adapters/graph/production-bundle.test.ts proves it).
 *
 * Tokens are emulator tokens naming the user and the scopes "consented" in this fake tenant; a
 * scope asked for that is not consented throws InteractionRequiredError, as MSAL would ask the user.
 */
import { InteractionRequiredError, type TokenProvider, type TokenRequest } from "../../../src/app/auth";
import { makeEmulatorToken, shortScope } from "./tokens";

export const TEST_TOKEN_PROVIDER_MARKER = "csm-test-token-provider-not-for-production";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "http:" || u.protocol === "https:") && LOOPBACK.has(u.hostname);
  } catch {
    return false;
  }
}

export class TestTokenProvider implements TokenProvider {
  readonly marker = TEST_TOKEN_PROVIDER_MARKER;
  readonly requests: { scopes: string[]; url: string }[] = [];

  constructor(
    private readonly upn: string,
    /** The scopes an administrator "consented"; undefined = whatever is asked for. */
    private readonly consented?: readonly string[],
  ) {}

  async getToken(request: TokenRequest): Promise<string> {
    if (!isLoopbackUrl(request.url)) {
      throw new Error(`TestTokenProvider refuses a non-loopback URL: ${new URL(request.url).host}`);
    }
    const asked = request.scopes.map(shortScope);
    this.requests.push({ scopes: asked, url: request.url });
    if (this.consented) {
      const granted = new Set(this.consented.map(shortScope));
      const missing = asked.filter((s) => !granted.has(s));
      if (missing.length > 0) throw new InteractionRequiredError(missing);
      return this.token([...granted]);
    }
    return this.token(asked);
  }

  private readonly cache = new Map<string, string>();

  /** Tokens are deterministic: made once per scope set. */
  private token(scopes: readonly string[]): string {
    const key = scopes.join(" ");
    let t = this.cache.get(key);
    if (!t) {
      t = makeEmulatorToken(this.upn, scopes);
      this.cache.set(key, t);
    }
    return t;
  }
}
