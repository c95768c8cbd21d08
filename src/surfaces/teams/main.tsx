/**
 * Composition root of the Teams personal tab (teams.html): the same React and Fluent components
 * as the taskpane, over the record. Inside Teams: TeamsJS app.initialize first, the user's sign-in
 * name for acknowledgements, and a breach card's deep link (subPageId "breach:<id>"). Opened
 * directly (or with ?preview): the preview on this device's record, with the sample if it is empty.
 *
 * The record: this device's local store (IndexedDB), as the preview uses it. The shared record in
 * SharePoint (src/adapters/graph, nested app authentication) replaces it here once its composition
 * helper is available: only `openRecord` changes.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { openLocalEventStore } from "../../adapters/local";
import { ALL_FEATURES, type MailHost } from "../../app/mail-host";
import { OffsetClock, randomIds } from "../../app/random-ids";
import { RecordService } from "../../app/record-service";
import { breachFromLocation } from "../../app/register";
import { ServicesProvider } from "../../ui/services";
import { TeamsTab } from "../../ui/teams/TeamsTab";
import { bootPreview, detectHost, downloadFile, sameOriginText } from "./host";

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

async function openRecord() {
  return openLocalEventStore();
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
  const local = await openRecord();
  const clock = new OffsetClock();
  let user = host.user;
  let source: string;
  let problems: readonly string[] = [];
  if (host.inTeams) {
    source = local.persistent
      ? "The record on this device."
      : "The record in this window only: this browser is not keeping data for the site.";
  } else {
    const boot = await bootPreview(local.store, clock, sameOriginText(document.baseURI), search);
    user = boot.user;
    problems = boot.problems;
    source = "Preview: the record on this device, as the preview at / shows it.";
  }
  const record = new RecordService(local.store, clock);
  const focusBreachId = breachFromLocation(search, host.subPageId);
  createRoot(rootElement).render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: randomIds(clock), mail: noMailbox(user) }}>
        <TeamsTab
          user={user}
          saveFile={downloadFile(document)}
          focusBreachId={focusBreachId}
          source={[source, ...problems].join(" ")}
        />
      </ServicesProvider>
    </FluentProvider>,
  );
  await record.load();
}

start().catch((err: unknown) => fail(`The tab could not start: ${err instanceof Error ? err.message : String(err)}`));
