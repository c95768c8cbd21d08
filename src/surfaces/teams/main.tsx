/**
 * Composition root of the Teams personal tab (teams.html): the same React and Fluent components
 * as the taskpane, over the record. Inside Teams: TeamsJS app.initialize first, the user's sign-in
 * name for acknowledgements, and a breach card's deep link (subPageId "breach:<id>"). Opened
 * directly (or with ?preview): the preview on this device's record, with the sample if it is empty.
 *
 * The record: inside Teams, the organisation's shared record (SharePoint, nested app
 * authentication: shared-record.ts) when the deployment names a client id and a site; otherwise
 * this device's local store (IndexedDB), as the preview uses it.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { openLocalEventStore } from "../../adapters/local";
import { KeyValueAppealStore, MemoryAppealStore } from "../../adapters/local/appeal-store";
import { IdbSyncStorage } from "../../adapters/local/outbox-idb";
import { AppealService, type AppealStore } from "../../app/appeals";
import { loadComplaintRoute } from "../../app/appeal-letter";
import { ALL_FEATURES, type MailHost } from "../../app/mail-host";
import { OffsetClock, randomIds } from "../../app/random-ids";
import { settledWithin } from "../../app/startup";
import { RecordService } from "../../app/record-service";
import { followSignInRoles, parseRoleGroups } from "../../app/roles";
import { followRecordChanges, RECORD_SIGNAL_CHANNEL } from "../../app/record-signal";
import { outlookWebMessageLinker, previewMessageLinker } from "../../app/message-link";
import { breachFromLocation, personFromLocation } from "../../app/register";
import { ServicesProvider } from "../../ui/services";
import { bootPreview, detectHost, downloadFile, openHtmlDocument, sameOriginText } from "./host";
import { loadDeploymentSettings, retentionPolicy } from "../../app/m365-settings";
import type { SharedRecord } from "./shared-record";
import { TeamsRoot } from "./TeamsRoot";

/** The tab has no mail item: the services' mail host is an empty one. */
function noMailbox(user: string | null): MailHost {
  return {
    kind: "preview",
    currentMessage: () => null,
    onMessageChanged: () => () => undefined,
    displayReplyForm: () => Promise.reject(new Error("There is no message in the Teams tab.")),
    displayNewMessageForm: () => Promise.reject(new Error("There is no message in the Teams tab.")),
    organisationDomains: [],
    user: user ? { name: user, address: user } : null,
    features: { ...ALL_FEATURES, replyForm: false, newMessageForm: false, categories: false, followsSelection: false },
  };
}

function fail(text: string): void {
  const el = document.getElementById("root");
  if (!el) return;
  el.textContent = text;
  el.setAttribute("role", "alert");
}

async function start(): Promise<void> {
  const rootElement = document.getElementById("root");
  if (!rootElement) throw new Error("The page has no #root element.");
  const search = window.location.search;
  const host = await detectHost({
    framed: window.parent !== window,
    forcePreview: new URLSearchParams(search).has("preview"),
  });
  const clock = new OffsetClock();
  let user = host.user;
  let source: string;
  let problems: string[] = [];
  let shared: SharedRecord | null = null;
  if (host.inTeams && host.nestedAppAuth) {
    try {
      const fileSettings = await loadDeploymentSettings(sameOriginText(document.baseURI));
      // MSAL and the Graph client load only here, in Teams with nested app authentication: the
      // preview and the record on this device never fetch them.
      const { openSharedRecord } = await import("./shared-record");
      shared = await openSharedRecord({
        fileSettings,
        nestedAppAuth: host.nestedAppAuth,
        clock,
        origin: window.location.origin,
      });
    } catch (err) {
      problems.push(
        `The shared record could not be opened (${err instanceof Error ? err.message : String(err)}), so this is the record on this device.`,
      );
    }
  }
  let store;
  if (shared) {
    store = shared.m365.store;
    source = "The organisation's shared record.";
  } else {
    const local = await openLocalEventStore();
    store = local.store;
    if (host.inTeams) {
      source = local.persistent
        ? "The record on this device."
        : "The record in this window only: this browser is not keeping data for the site.";
    } else {
      const boot = await bootPreview(local.store, clock, sameOriginText(document.baseURI), search);
      user = boot.user;
      problems = [...problems, ...boot.problems];
      source = "Preview: the record on this device, as the preview at / shows it.";
    }
  }
  const record = new RecordService(store, clock);
  // The appeals log beside the record (app/appeals.ts): the SharePoint list with the shared record,
  // otherwise this device's IndexedDB (never localStorage), or this window only if that fails.
  const appealStore: AppealStore = shared
    ? shared.m365.appeals
    : await IdbSyncStorage.open().then(
        (s) => new KeyValueAppealStore(s),
        () => new MemoryAppealStore(),
      );
  const appeals = new AppealService(appealStore, record, clock, randomIds(clock));
  const complaintRoute = await loadComplaintRoute(sameOriginText(document.baseURI));
  // The shared record: the roles in the signed-in user's ID token, none before sign-in (app/roles.ts).
  if (shared) followSignInRoles(shared.signIn, record, parseRoleGroups(shared.settings.roleGroups));
  // On the record on this device, the preview's pane and this tab follow each other's changes.
  if (!shared && typeof BroadcastChannel !== "undefined") {
    followRecordChanges(record, new BroadcastChannel(RECORD_SIGNAL_CHANNEL));
  }
  // Rows of the review queue link to the message (9.10): in Outlook on the web inside Teams; in the
  // preview (opened directly) to the preview page on that message.
  const linker = host.inTeams ? outlookWebMessageLinker : previewMessageLinker("./");
  const focusBreachId = breachFromLocation(search, host.subPageId);
  const focusPersonId = personFromLocation(search, host.subPageId);
  // Render once the record is in, or soon with the tab's spinner (app/startup.ts).
  const loaded = record.load();
  await settledWithin(loaded); // a failure is reported below
  createRoot(rootElement).render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider
        services={{ record, clock, ids: randomIds(clock), mail: noMailbox(user), appeals, complaintRoute }}
      >
        <TeamsRoot
          signIn={shared ? shared.signIn : null}
          user={user}
          saveFile={downloadFile(document)}
          openDocument={openHtmlDocument(window)}
          focusBreachId={focusBreachId}
          focusPersonId={focusPersonId}
          source={[source, ...problems].join(" ")}
          messageLink={linker}
          quarantine={shared ? shared.m365.sync : null}
          retention={retentionPolicy(shared ? shared.settings : { retentionPeriod: "" })}
        />
      </ServicesProvider>
    </FluentProvider>,
  );
  await loaded;
  if (shared) {
    // The replica follows the shared list; acknowledgements go through the outbox.
    shared.m365.sync.subscribe(() => void record.load());
    shared.m365.outbox.subscribe(() => void record.load());
    void shared.m365.session.start();
  }
}

start().catch((err: unknown) => fail(`The tab could not start: ${err instanceof Error ? err.message : String(err)}`));
