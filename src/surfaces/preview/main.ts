/**
 * Composition root of the preview host (http://localhost:3000/): the local IndexedDB store, the
 * record service, a clock that starts at the sample's "today", and a MailHost over the sample
 * mailbox. The only file here that picks concrete adapters.
 *
 * Data first (issue 10 item 1): this entry holds no React. It asks for the UI's code (render.tsx:
 * React, Fluent, the taskpane) and opens the store at once, so the record is read while that code
 * is fetched and compiled; the first card is drawn when both are in.
 */
import { openLocalEventStore } from "../../adapters/local";
import { OffsetClock, randomIds } from "../../app/random-ids";
import { afterNextPaint, settledWithin } from "../../app/startup";
import { RecordService } from "../../app/record-service";
import { followRecordChanges, RECORD_SIGNAL_CHANNEL } from "../../app/record-signal";
import { MailboxHost } from "./mailbox-host";
import { prefetching, PreviewController, readParams, SAMPLE_MAILBOX_URL, sameOriginFetcher } from "./controller";

async function start(): Promise<void> {
  const rootElement = document.getElementById("root");
  if (!rootElement) throw new Error("The page has no #root element.");
  performance.mark("csm:start");
  const ui = import(/* webpackChunkName: "preview-ui" */ "./render");
  ui.then(
    () => performance.mark("csm:ui-code"),
    () => undefined, // reported where it is awaited, not as an unhandled rejection meanwhile
  );
  const params = readParams(window.location.search);
  const fetcher = prefetching(sameOriginFetcher(document.baseURI));
  fetcher.prefetch(params.mailbox ?? SAMPLE_MAILBOX_URL); // while the store opens
  const local = await openLocalEventStore();
  performance.mark("csm:store-open");
  const clock = new OffsetClock();
  const record = new RecordService(local.store, clock);
  // The Teams tab (teams.html) on the same record sees this page's changes, and this page its.
  if (typeof BroadcastChannel !== "undefined") followRecordChanges(record, new BroadcastChannel(RECORD_SIGNAL_CHANNEL));
  const host = new MailboxHost({ organisationDomains: [], messages: [] });
  const controller = new PreviewController(local.store, record, host, clock, fetcher);
  // The whole record is read once the first card is on screen (issue 10 item 1): after this
  // render has been committed and painted.
  let painted = () => {};
  const shown = new Promise<void>((resolve) => (painted = resolve));
  const boot = controller.boot(params, () => shown);
  // Render once the first card can be drawn (the first read) or the record is in, or soon with
  // the spinner (app/startup.ts).
  const firstRead = new Promise<void>((resolve) => {
    if (record.getSnapshot().first) return resolve();
    const stop = record.subscribe(() => {
      stop();
      resolve();
    });
  });
  await settledWithin(Promise.race([boot, firstRead]));
  const { renderPreview } = await ui;
  performance.mark("csm:render");
  const booted = await settledWithin(boot, 0);
  renderPreview(rootElement, {
    services: { record, clock, ids: randomIds(clock), mail: host },
    host,
    controller,
    boot,
    booted,
    ...(local.persistent
      ? {}
      : {
          storageProblem:
            "This browser is not keeping data for this site, so anything recorded here is lost when the page is closed.",
        }),
  });
  void afterNextPaint().then(painted);
}

start().catch((err: unknown) => {
  const rootElement = document.getElementById("root");
  if (rootElement) {
    rootElement.textContent = `The preview could not start: ${err instanceof Error ? err.message : String(err)}`;
    rootElement.setAttribute("role", "alert");
  }
});
