/**
 * The shared record in the Teams tab: the same SharePoint record the taskpane uses, through the
 * Microsoft 365 adapters (src/adapters/graph), signed in with nested app authentication in Teams
 * (m365-reference §3.2: app.initialize first, then MSAL's nestable client; the SPA redirect
 * brk-multihub://<origin> is shared with Outlook). The tab only reads the record and appends
 * acknowledgements: it neither reconciles a mailbox nor sends notifications.
 *
 * Which tenant, app and site: settings.json next to the page (written by `npm run package` from
 * ADDIN_CLIENT_ID, ADDIN_TENANT_ID and SHAREPOINT_SITE), with an administrator's saved overrides
 * on top. Without a client id and a site, the tab shows this device's record.
 */
import type { OfficeAuthHost } from "../../adapters/graph";
import { connectMicrosoft365, MsalSignIn, msalConfig } from "../../adapters/graph";
import { IdbSyncStorage } from "../../adapters/local/outbox-idb";
import { mergeSettings, SettingsStore, type M365Settings } from "../../app/m365-settings";
import type { Clock } from "../../app/ports";

export { loadDeploymentSettings, SETTINGS_FILE } from "../../app/m365-settings";

/** Teams as the sign-in host: nested app authentication, and no Office dialog to fall back on. */
export class TeamsAuthHost implements OfficeAuthHost {
  constructor(private readonly nestedAppAuth: { isNAAChannelRecommended(): boolean }) {}

  naaSupported(): boolean {
    try {
      return this.nestedAppAuth.isNAAChannelRecommended();
    } catch {
      return false;
    }
  }

  openDialog(): Promise<string> {
    return Promise.reject(
      new Error("This Teams client does not offer nested app authentication: update Teams, or use Teams on the web."),
    );
  }
}

export interface SharedRecord {
  readonly settings: M365Settings;
  readonly signIn: MsalSignIn;
  readonly m365: Awaited<ReturnType<typeof connectMicrosoft365>>;
}

/** Connects to the shared record, or resolves null when the deployment has no client id or site. */
export async function openSharedRecord(options: {
  readonly fileSettings: Partial<M365Settings>;
  readonly nestedAppAuth: { isNAAChannelRecommended(): boolean };
  readonly clock: Clock;
  readonly origin: string;
}): Promise<SharedRecord | null> {
  const storage = await IdbSyncStorage.open();
  const settings = mergeSettings(options.fileSettings, await new SettingsStore(storage).load());
  if (settings.clientId === "" || settings.site === "") return null;
  const signIn = new MsalSignIn(
    msalConfig(settings, `${options.origin}/auth-dialog.html`),
    new TeamsAuthHost(options.nestedAppAuth),
  );
  const m365 = await connectMicrosoft365({
    settings,
    tokens: signIn,
    storage,
    clock: options.clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    mailboxAddresses: [],
    instanceToken: globalThis.crypto.randomUUID(),
    features: { notifications: false, mailRules: false },
  });
  return { settings, signIn, m365 };
}
