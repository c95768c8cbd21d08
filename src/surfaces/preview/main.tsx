/**
 * Composition root of the preview host (http://localhost:3000/): the local IndexedDB store, the
 * record service, a clock that starts at the sample's "today", and a MailHost over the sample
 * mailbox. The only file here that picks concrete adapters.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { openLocalEventStore, type LocalEventStore } from "../../adapters/local";
import { OffsetClock, randomIds } from "../../app/random-ids";
import { RecordService } from "../../app/record-service";
import { deferredStore } from "./deferred-store";
import { MailboxHost } from "./mailbox-host";
import { prefetching, PreviewController, readParams, SAMPLE_MAILBOX_URL, sameOriginFetcher } from "./controller";
import { PreviewApp } from "./PreviewApp";

async function start(): Promise<void> {
  const rootElement = document.getElementById("root");
  if (!rootElement) throw new Error("The page has no #root element.");
  const root = createRoot(rootElement);
  performance.mark("csm:start");
  const params = readParams(window.location.search);
  const fetcher = prefetching(sameOriginFetcher(document.baseURI));
  fetcher.prefetch(params.mailbox ?? SAMPLE_MAILBOX_URL); // while the store opens
  // The store opens while the page renders: IndexedDB reads the log mostly off the main thread,
  // so the page shell (header, mailbox, Fluent's styles) costs nothing on the way to the sender card.
  const opening = openLocalEventStore().then((local) => {
    performance.mark("csm:store-open");
    return local;
  });
  const store = deferredStore(opening.then((local) => local.store));
  const clock = new OffsetClock();
  const record = new RecordService(store, clock);
  const host = new MailboxHost({ organisationDomains: [], messages: [] });
  const controller = new PreviewController(store, record, host, clock, fetcher);
  const boot = controller.boot(params);
  const render = (storageProblem?: string) =>
    root.render(
      <FluentProvider theme={webLightTheme}>
        <PreviewApp
          services={{ record, clock, ids: randomIds(clock), mail: host }}
          host={host}
          controller={controller}
          boot={boot}
          {...(storageProblem ? { storageProblem } : {})}
        />
      </FluentProvider>,
    );
  render();
  let local: LocalEventStore;
  try {
    local = await opening;
  } catch (err) {
    root.unmount();
    throw err;
  }
  if (!local.persistent)
    render(
      "This browser is not keeping data for this site, so anything recorded here is lost when the page is closed.",
    );
}

start().catch((err: unknown) => {
  const rootElement = document.getElementById("root");
  if (rootElement) {
    rootElement.textContent = `The preview could not start: ${err instanceof Error ? err.message : String(err)}`;
    rootElement.setAttribute("role", "alert");
  }
});
