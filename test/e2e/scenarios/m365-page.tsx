/**
 * Test-only page for the m365 browser scenario (test/e2e/scenarios/m365.js): the taskpane's
 * Microsoft 365 wiring (src/surfaces/taskpane/m365.ts, TaskpaneApp with the status line and
 * Settings) exactly as Outlook's composition root uses it, with two stand-ins: the mailbox is the
 * preview's MailboxHost (mailbox.json next to the page) and sign-in is the TestTokenProvider
 * (which refuses any Graph URL that is not loopback) behind a sign-in button. Graph's base URL is the emulator's (?graph=).
 * Categories go through Graph (m365.mailbox), as on hosts without Mailbox 1.8.
 *
 * Never a production entry: m365.js bundles it into a temporary folder (the production bundle
 * test checks that no src/surfaces/<surface>/main.ts[x] reaches test/).
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { InteractionRequiredError, type SignIn, type SignInState, type TokenRequest } from "../../../src/app/auth";
import { randomIds } from "../../../src/app/random-ids";
import { RecordService } from "../../../src/app/record-service";
import type { RecordEvent } from "../../../src/domain";
import { parseMailbox } from "../../../src/surfaces/preview/mailbox";
import { MailboxHost } from "../../../src/surfaces/preview/mailbox-host";
import { isConfigured, openTaskpaneSettings } from "../../../src/surfaces/taskpane/m365";
import {
  connectTaskpane,
  followSharedRecord,
  followVerdictCategories,
} from "../../../src/surfaces/taskpane/m365-connect";
import { TaskpaneApp } from "../../../src/surfaces/taskpane/TaskpaneApp";
import { ServicesProvider } from "../../../src/ui/services";
import { TestTokenProvider } from "../../support/graph-emulator/test-token-provider";

declare global {
  interface Window {
    csmTest?: {
      seed(events: RecordEvent[]): Promise<number>;
      select(id: string): void;
      waiting(): number;
      settle(): Promise<void>;
      categoryErrors: string[];
    };
  }
}

const SCOPES = [
  "User.Read",
  "Sites.Selected",
  "MailboxSettings.ReadWrite",
  "Mail.ReadWrite",
  "User.Read.All",
  "Chat.Create",
  "ChatMessage.Send",
  "Chat.Read",
];

/**
 * Sign-in for the test: the TestTokenProvider behind the SignIn interface the taskpane shows.
 * It starts signed out (every token request needs the user, as MSAL does before sign-in), so the
 * test sees the signed-out state and signs in with the button.
 */
class TestSignIn implements SignIn {
  private current: SignInState = { status: "signed-out" };
  private readonly listeners = new Set<() => void>();
  constructor(
    private readonly tokens: TestTokenProvider,
    private readonly upn: string,
  ) {}
  getToken(request: TokenRequest): Promise<string> {
    if (this.current.status !== "signed-in") return Promise.reject(new InteractionRequiredError(request.scopes));
    return this.tokens.getToken(request);
  }
  state = (): SignInState => this.current;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private set(next: SignInState): void {
    this.current = next;
    for (const l of this.listeners) l();
  }
  signIn(): Promise<void> {
    this.set({ status: "signed-in", username: this.upn });
    return Promise.resolve();
  }
  signOut(): Promise<void> {
    this.set({ status: "signed-out" });
    return Promise.resolve();
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const upn = params.get("upn") ?? "officer.one@opcc.example";
  const clock = { now: () => Date.now() };
  const res = await fetch("mailbox.json", { cache: "no-store" });
  const host = new MailboxHost(parseMailbox(await res.json()));
  const config = await openTaskpaneSettings({
    clientId: "00000000-0000-0000-0000-000000000001",
    tenant: "organizations",
    graphBaseUrl: params.get("graph") ?? "",
    site: params.get("site") ?? "contoso.sharepoint.com:/sites/casework",
    notifySince: "2026-01-01",
    recordLink: "https://contoso.example/register?person={personId}",
  });
  if (!isConfigured(config.settings)) throw new Error("the test settings name no client id or site");
  const signIn = new TestSignIn(new TestTokenProvider(upn, SCOPES), upn);
  const m365 = await connectTaskpane({ config, tokens: signIn, clock, mailboxAddresses: [upn] });
  const record = new RecordService(m365.store, clock);
  const categoryErrors: string[] = [];
  const rootElement = document.getElementById("root");
  if (!rootElement) throw new Error("no #root");
  createRoot(rootElement).render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: randomIds(clock), mail: host }}>
        <TaskpaneApp m365={{ config, m365, signIn }} />
      </ServicesProvider>
    </FluentProvider>,
  );
  await record.load();
  followSharedRecord(m365, record);
  followVerdictCategories({
    record,
    mail: host,
    port: m365.mailbox,
    restId: (id) => id,
    onError: (e) => categoryErrors.push(e instanceof Error ? e.message : String(e)),
  });
  window.csmTest = {
    async seed(events) {
      await record.record(events);
      return m365.outbox.waitingCount;
    },
    select: (id) => host.select(id),
    waiting: () => m365.outbox.waitingCount,
    async settle() {
      await m365.outbox.drain();
      await m365.session.pullNow();
      await m365.session.taskpaneOpened();
    },
    categoryErrors,
  };
  document.body.dataset["ready"] = "true";
}

start().catch((err: unknown) => {
  document.body.dataset["error"] = err instanceof Error ? err.message : String(err);
});
