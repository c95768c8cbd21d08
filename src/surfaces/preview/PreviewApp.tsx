/**
 * The preview host page: it plays the part of Outlook. A sample mailbox on the left, the real
 * taskpane (the same components Outlook shows) on the right, drafted letters below or beside it.
 */
import {
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from "react";
import { Taskpane } from "../../ui/Taskpane";
import { ServicesProvider, type Services } from "../../ui/services";
import { usePainted } from "../../ui/use-painted";
import { formatDateTime } from "../../ui/format";
import type { RegisterSample } from "../../ui/register-import";
import { sameOriginBytes, SAMPLE_REGISTER_URLS, type BootResult, type PreviewController } from "./controller";
import { MailList } from "./MailList";
import type { MailboxHost } from "./mailbox-host";
import { describeLineError } from "./line-errors";

// The preview's own tools (import, export, reset; the drafts) are not part of the first paint: their
// code loads after it, and they are drawn after it (issue 10 item 2), so the taskpane's card is
// drawn first.
const RecordToolbar = lazy(() => import("./RecordToolbar").then((m) => ({ default: m.RecordToolbar })));
const ComposePanel = lazy(() => import("./ComposePanel").then((m) => ({ default: m.ComposePanel })));
// "Acting as" (a Select) and the sample's message list are drawn just after the first paint, so the
// first commit holds the taskpane's card and verdict and little else (issue 10 item 2).
const ActingAs = lazy(() => import("./ActingAs").then((m) => ({ default: m.ActingAs })));

const useStyles = makeStyles({
  page: {
    minHeight: "100vh",
    display: "flex",
    flexDirection: "column",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  main: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    gridTemplateColumns: "minmax(0, 1fr)",
    // Ranges do not overlap, so the order Griffel writes them in does not matter.
    "@media (min-width: 760px) and (max-width: 1199.98px)": {
      gridTemplateColumns: "minmax(220px, 320px) minmax(0, 1fr)",
    },
    "@media (min-width: 1200px)": { gridTemplateColumns: "minmax(240px, 320px) minmax(320px, 480px) minmax(0, 1fr)" },
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    alignSelf: "start",
  },
  compose: { "@media (min-width: 760px) and (max-width: 1199.98px)": { gridColumn: "1 / -1" } },
  panelHeading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  problems: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `0 ${tokens.spacingHorizontalM}`,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  // Off screen until focused (WCAG 2.4.1): on a narrow screen the taskpane is below the inbox.
  skip: {
    position: "absolute",
    left: tokens.spacingHorizontalS,
    top: "-100px",
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForeground1,
    zIndex: 1,
    ":focus": { top: tokens.spacingVerticalS, outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

export interface PreviewAppProps {
  readonly services: Services;
  readonly host: MailboxHost;
  readonly controller: PreviewController;
  readonly boot: Promise<BootResult>;
  /** The boot's result when it was already in before the first render (then no spinner is shown first). */
  readonly booted?: BootResult | null;
  /** Set when the browser keeps nothing (no IndexedDB): staff are told. */
  readonly storageProblem?: string;
}

/** Who imports a register in the preview when the sample mailbox names no user. */
const PREVIEW_ADMIN = "preview.admin@opcc.example";

/** The sample register shipped with the preview (sample/register.xlsx and .csv), offered in the import dialog. */
const SAMPLE_REGISTERS: readonly RegisterSample[] = [
  {
    label: "Use the sample register (Excel)",
    fileName: "register.xlsx",
    load: () => sameOriginBytes(document.baseURI, SAMPLE_REGISTER_URLS.xlsx),
  },
  {
    label: "Use the sample register (CSV)",
    fileName: "register.csv",
    load: () => sameOriginBytes(document.baseURI, SAMPLE_REGISTER_URLS.csv),
  },
];

export function PreviewApp({
  services,
  host,
  controller,
  boot,
  booted: bootedAlready,
  storageProblem,
}: PreviewAppProps) {
  const styles = useStyles();
  const painted = usePainted();
  const [booted, setBooted] = useState<BootResult | null>(bootedAlready ?? null);
  useEffect(() => {
    let live = true;
    void boot.then((r) => live && setBooted(r));
    return () => {
      live = false;
    };
  }, [boot]);
  // The first card may be drawn from the record's first read, before the boot is over (the
  // mailbox is in by then): issue 10 item 1.
  const firstRead = useSyncExternalStore(
    services.record.subscribe,
    () => services.record.getSnapshot().first !== null,
    () => false,
  );
  // Re-render the list when the mailbox or selection changes.
  useSyncExternalStore(
    (l) => host.onMessageChanged(l),
    () => `${host.selected ?? ""}|${host.messages.length}`,
  );

  return (
    <ServicesProvider services={services}>
      <div className={styles.page}>
        <a className={styles.skip} href="#csm-taskpane">
          Skip to the taskpane
        </a>
        <header className={styles.header}>
          <h1 className={styles.title}>Contact Strategy Manager: preview</h1>
          <Suspense fallback={null}>{painted ? <ActingAs record={services.record} /> : null}</Suspense>
          <Suspense fallback={null}>
            {painted ? (
              <RecordToolbar
                onImport={(text) => controller.importFile(text)}
                onExport={() => controller.exportJsonl()}
                onReset={async () => {
                  await controller.resetSample();
                }}
                registerImport={{
                  record: services.record,
                  by: services.mail.user?.address ?? PREVIEW_ADMIN,
                  now: () => services.clock.now(),
                  samples: SAMPLE_REGISTERS,
                }}
              />
            ) : null}
          </Suspense>
        </header>
        {(storageProblem || (booted && booted.problems.length > 0)) && (
          <div className={styles.problems} role="alert">
            {storageProblem && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{storageProblem}</MessageBarBody>
              </MessageBar>
            )}
            {booted?.problems.map((p) => (
              <MessageBar key={p} intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{p}</MessageBarTitle>
                  {booted.importErrors && !booted.importErrors.ok && (
                    <ul className={styles.list}>
                      {booted.importErrors.errors.slice(0, 20).map((e, i) => (
                        <li key={i}>{describeLineError(e)}</li>
                      ))}
                    </ul>
                  )}
                </MessageBarBody>
              </MessageBar>
            ))}
          </div>
        )}
        <main className={styles.main}>
          <section className={styles.panel} aria-labelledby="preview-mailbox-heading">
            <h2 id="preview-mailbox-heading" className={styles.panelHeading}>
              Inbox
            </h2>
            <Text size={200}>Sample messages. Today in this sample is {formatDateTime(services.clock.now())}.</Text>
            {painted ? (
              <MailList messages={host.messages} selectedId={host.selected} onSelect={(id) => host.select(id)} />
            ) : null}
          </section>
          <section
            id="csm-taskpane"
            tabIndex={-1}
            className={styles.panel}
            aria-label="Contact Strategy Manager taskpane"
            data-testid="taskpane-frame"
          >
            {/* The taskpane appears once the preview has loaded its mailbox and the record (or the first read of it), so it never shows a half-loaded state. */}
            {booted || firstRead ? <Taskpane /> : <Spinner label="Loading the sample…" />}
          </section>
          <section className={mergeClasses(styles.panel, styles.compose)} aria-labelledby="preview-compose-heading">
            <h2 id="preview-compose-heading" className={styles.panelHeading}>
              Drafts
            </h2>
            {painted ? (
              <Suspense fallback={<Spinner size="tiny" label="Loading drafts…" />}>
                <ComposePanel host={host} />
              </Suspense>
            ) : null}
          </section>
        </main>
      </div>
    </ServicesProvider>
  );
}
