/**
 * Composition root of the taskpane inside Outlook (taskpane.html, which loads office.js from
 * Microsoft's CDN). Office.onReady first (m365-reference §2: some hosts show nothing otherwise),
 * then Outlook as the MailHost, the record, and the shared Taskpane.
 *
 * The record: when the deployment's settings (settings.json, `npm run package`) or an
 * administrator's saved settings name a client id and a SharePoint site, the organisation's shared
 * record in Microsoft 365 (./m365.ts: sign-in by nested app authentication where Outlook offers
 * NestedAppAuth 1.1, the Office dialog otherwise); without them, this device's local store.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import type { Microsoft365 } from "../../adapters/graph";
import type { SignIn } from "../../app/auth";
import { openLocalEventStore } from "../../adapters/local";
import { deviceSecretCache, domainsFromUrl, OutlookMailHost } from "../../adapters/office";
import type { EventStore } from "../../app/ports";
import { randomIds } from "../../app/random-ids";
import { afterNextPaint, settledWithin } from "../../app/startup";
import { RecordService } from "../../app/record-service";
import { followSignInRoles, parseRoleGroups } from "../../app/roles";
import { followRecordChanges, RECORD_SIGNAL_CHANNEL } from "../../app/record-signal";
import { deviceDigestSecret, keepSendCheck, resolveDigestSecret } from "../../app/digest-secret";
import { publishSendDigest } from "../../app/send-digest";
import { ServicesProvider } from "../../ui/services";
import { isConfigured, loadDeploymentSettings, openTaskpaneSettings, sameOriginText } from "./m365";
import type { TaskpaneM365 } from "./M365Panel";
import { officeItemCategories } from "./office-categories";
import { TaskpaneApp } from "./TaskpaneApp";

function fail(text: string): void {
  const el = document.getElementById("root");
  if (!el) return;
  el.textContent = text;
  el.setAttribute("role", "alert");
}

async function start(): Promise<void> {
  if (typeof Office === "undefined") {
    fail("Office could not be loaded. Check the network connection, then close and reopen the pane.");
    return;
  }
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Outlook) {
    fail("This page runs inside Outlook. For a demonstration in a browser, open the preview at / instead.");
    return;
  }
  const clock = { now: () => Date.now() };
  const [mail, config] = await Promise.all([
    OutlookMailHost.create(Office, { organisationDomains: domainsFromUrl(window.location.search) }),
    loadDeploymentSettings(sameOriginText(document.baseURI)).then(openTaskpaneSettings),
  ]);
  let store: EventStore;
  let m365: Microsoft365 | null = null;
  const secretCache = deviceSecretCache();
  let signIn: SignIn | null = null;
  // Microsoft 365 mode loads Graph and MSAL on demand; the pane on the local store never does.
  const connect = isConfigured(config.settings) ? await import("./m365-connect") : null;
  if (connect) {
    signIn = connect.outlookSignIn(config, new URL("auth-dialog.html", document.baseURI).href);
    const me = Office.context.mailbox.userProfile.emailAddress;
    m365 = await connect.connectTaskpane({
      config,
      tokens: signIn,
      clock,
      mailboxAddresses: me ? [me] : [],
      secretCache,
    });
    store = m365.store;
  } else {
    store = (await openLocalEventStore()).store;
  }
  const record = new RecordService(store, clock);
  // Microsoft 365 mode: the roles in the signed-in user's ID token, none before sign-in (app/roles.ts).
  if (signIn) followSignInRoles(signIn, record, parseRoleGroups(config.settings.roleGroups));
  // On the record on this device, the pane and the Teams tab follow each other's changes.
  if (!connect && typeof BroadcastChannel !== "undefined") {
    followRecordChanges(record, new BroadcastChannel(RECORD_SIGNAL_CHANNEL));
  }
  const m365View: TaskpaneM365 = { config, m365, signIn };
  const rootElement = document.getElementById("root");
  if (!rootElement) throw new Error("The page has no #root element.");
  // Render once the selected message's sender is read (only the people who may use that address, on
  // the local store: issue 10 item 1), or soon with "Reading the record…" (app/startup.ts). A store
  // that cannot read them alone reads the whole record here.
  const sender = mail.currentMessage()?.from.address.trim();
  const first = record.loadFirst(sender ? [sender] : []).then(
    () => undefined,
    () => undefined, // the whole read below reports a failure
  );
  await settledWithin(first);
  createRoot(rootElement).render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: randomIds(clock), mail }}>
        <TaskpaneApp m365={m365View} />
      </ServicesProvider>
    </FluentProvider>,
  );
  // The whole record once that card is on screen.
  await first;
  await afterNextPaint();
  if (record.getSnapshot().version === 0) await record.load();
  // The on-send check (launchevent.js) reads who is under a strategy from roaming settings: keep
  // that current whenever the record changes (src/app/send-digest.ts), keyed with the
  // organisation's secret (app/digest-secret.ts: from the shared record, or this device's own on the
  // local store). After load, never before.
  const shared = m365;
  const random = (b: Uint8Array): Uint8Array => globalThis.crypto.getRandomValues(b);
  keepSendCheck({
    resolve: shared
      ? () => resolveDigestSecret({ source: shared.digestSecret, cache: secretCache })
      : async () => ({ kind: "ready", secret: await deviceDigestSecret(secretCache, random), from: "device" }),
    publish: (secret) => publishSendDigest(record, clock, Office.context.roamingSettings, secret),
    ...(signIn ? { retryOn: (listener: () => void) => signIn.subscribe(listener) } : {}),
  });
  if (connect && m365) {
    connect.followSharedRecord(m365, record);
    // Categories: Office.js on the open item where Mailbox 1.8 allows, Graph (REST id) otherwise.
    const officePort = mail.features.categories;
    const graphMailbox = m365.mailbox;
    connect.followVerdictCategories({
      record,
      mail,
      port: officePort ? officeItemCategories(Office.context.mailbox) : graphMailbox,
      restId: (itemId) => {
        if (officePort) return itemId;
        try {
          return Office.context.mailbox.convertToRestId(itemId, Office.MailboxEnums.RestVersion.v2_0);
        } catch {
          return null; // not an Exchange item id: the message keeps its categories
        }
      },
    });
  }
}

start().catch((err: unknown) => fail(`The pane could not start: ${err instanceof Error ? err.message : String(err)}`));
