/**
 * Composition root of the taskpane inside Outlook (taskpane.html, which loads office.js from
 * Microsoft's CDN). Office.onReady first (m365-reference §2: some hosts show nothing otherwise),
 * then Outlook as the MailHost, the record from the local store, and the shared Taskpane.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { openLocalEventStore } from "../../adapters/local";
import { domainsFromUrl, OutlookMailHost } from "../../adapters/office";
import { randomIds } from "../../app/random-ids";
import { RecordService } from "../../app/record-service";
import { publishSendDigest } from "../../app/send-digest";
import { ServicesProvider } from "../../ui/services";
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
  const [mail, local] = await Promise.all([
    OutlookMailHost.create(Office, { organisationDomains: domainsFromUrl(window.location.search) }),
    openLocalEventStore(),
  ]);
  const record = new RecordService(local.store, clock);
  const rootElement = document.getElementById("root");
  if (!rootElement) throw new Error("The page has no #root element.");
  createRoot(rootElement).render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: randomIds(clock), mail }}>
        <TaskpaneApp />
      </ServicesProvider>
    </FluentProvider>,
  );
  await record.load();
  // The on-send check (launchevent.js) reads who is under a strategy from roaming settings: keep
  // that current whenever the record changes (src/app/send-digest.ts). After load, never before.
  publishSendDigest(record, clock, Office.context.roamingSettings);
}

start().catch((err: unknown) => fail(`The pane could not start: ${err instanceof Error ? err.message : String(err)}`));
