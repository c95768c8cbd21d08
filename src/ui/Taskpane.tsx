/**
 * The taskpane: for the selected message, who sent it, their stage and adjustments, the
 * strategies in force, this message's verdict, the actions, contact over time and the history.
 * Everything on screen is computed in one render from the current message and the record, and
 * keyed by the message id, so nothing can belong to a previous message.
 *
 * On a cold start the card, the verdict and the strategies may come from the record service's
 * first read (only the people who may use the sender's address, issue 10 item 1), which answers
 * for this sender exactly as the whole record does; the actions, the chart and the history wait
 * for the whole record (data-ready stays "false" until then). A message whose sender the first
 * read does not cover waits for the whole record.
 *
 * Staff without a case role (app/roles.ts CASE_ROLES: front-line staff with no role, or an
 * administrator) see the front-line card instead (issue 12 Deliver 5, policy 9.15 need to know):
 * the restrictions, what to do with this message and the adjustments to honour, and no history,
 * steps or actions. An unknown sender shows only "not on the record" to them.
 *
 * The root carries data-view ("full" or "front-line"), data-stage (the sender's stage now), data-breaches (restriction kinds this
 * message breaches, comma-separated), data-message-id and data-ready for automation (issue 3, 5).
 */
import { makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { Fragment, lazy, Suspense, useDeferredValue, useEffect, useRef, useState, type ReactNode } from "react";
import { frontLineView, seesFrontLineView } from "../app/need-to-know";
import type { PersonState } from "../domain";
import { assess } from "./assess";
import { ActionsSlot } from "./ActionsSlot";
import { FeatureNotice } from "./FeatureNotice";
import { FrontLineCard } from "./FrontLineCard";
import { MessageHeader } from "./MessageHeader";
import { personName } from "./format";
import { NotOnRecord } from "./NotOnRecord";
import { SenderCard } from "./SenderCard";
import { useCurrentMessage, useRecord, useServices } from "./services";
import { StrategyList } from "./StrategyList";
import { useVisuallyHiddenStyles } from "./styles";
import { useNarrow } from "./use-narrow";
import { usePainted } from "./use-painted";
import { VerdictBar } from "./VerdictBar";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    boxSizing: "border-box",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  /** Where the narrow pane's verdict actions are drawn: no box of its own, so no gap when empty. */
  verdictActions: { display: "contents" },
});

/**
 * The chart and the history: their code is a chunk of its own, fetched once the pane is on screen
 * (issue 10 item 2), and they render just after the rest (React's deferred value), so the sender
 * card, the verdict and the strategies reach the screen first (issue 3 item 8).
 */
const loadDetails = () => import("./history/PersonDetails");
const PersonDetails = lazy(() => loadDetails().then((m) => ({ default: m.PersonDetails })));
const LatestHistory = lazy(() => loadDetails().then((m) => ({ default: m.LatestHistory })));
const loadingHistory = <Spinner size="tiny" label="Loading history…" />;

function Details({ person, nowMs }: { person: PersonState; nowMs: number }) {
  const shown = useDeferredValue(person, null);
  if (shown !== person) return loadingHistory;
  return (
    <Suspense fallback={loadingHistory}>
      <PersonDetails person={person} nowMs={nowMs} />
    </Suspense>
  );
}

export function Taskpane() {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const { mail, clock, record } = useServices();
  // Fetch the details' code as soon as the pane is on screen, whether or not a card needs it yet.
  useEffect(() => {
    void loadDetails();
  }, []);
  const { index, version, first } = useRecord();
  const message = useCurrentMessage();
  const ready = version > 0;
  const nowMs = clock.now();
  // Before the whole record: the first read, for a sender it covers.
  const early = !ready && first !== null && message !== null && first.covers(message.from.address.trim());
  const source = ready ? index : early ? first.index : null;
  const a = source && message ? assess(source, message, mail.organisationDomains, nowMs) : null;
  // Re-read on every snapshot: setAccess publishes a new one (record-service.ts).
  const frontLine = seesFrontLineView(record.access);
  const rest = (content: ReactNode) =>
    ready ? content : painted ? <Spinner size="tiny" label="Reading the record…" /> : null;

  // Issue 14 item 8: in a narrow pane (Outlook's is about 350 px) the verdict and its action come
  // first, then the latest history, then the card, the strategies and the steps (finished ones
  // folded away); the full history stays at the end. DOM order, so focus order follows what is seen.
  const root = useRef<HTMLDivElement>(null);
  // The first commit holds the message, the card and the verdict; the strategies and the spinner
  // for the rest follow once it is painted (issue 10 item 2).
  const painted = usePainted();
  const narrow = useNarrow(root);
  const [verdictActions, setVerdictActions] = useState<HTMLElement | null>(null);

  // Issue 14 item 11: once the sender of this message is registered (or their address linked) the
  // form that did it is gone, and the focus with it; it goes to the person's heading, not the page
  // body. Only when the focus was lost, so a change arriving from elsewhere never takes it.
  // undefined: not assessed yet (the record is still being read), so the first load never moves the focus.
  const personId = a ? a.personId : undefined;
  const seen = useRef<{ messageId: string | null; personId: string | null | undefined }>({
    messageId: null,
    personId: undefined,
  });
  useEffect(() => {
    const before = seen.current;
    const messageId = message?.id ?? null;
    seen.current = { messageId, personId };
    if (messageId === null || before.messageId !== messageId || before.personId !== null || !personId) return;
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected)
      document.getElementById("csm-sender-name")?.focus();
  }, [message?.id, personId]);

  let body;
  if (!ready && !early) {
    body = <Spinner label="Reading the record…" />;
  } else if (!message) {
    body = <Text>Select a message to see what the record says about its sender.</Text>;
  } else if (a) {
    let parts: ReactNode[];
    if (a.person && frontLine) {
      parts = [<FrontLineCard key="front-line" view={frontLineView(a.person, a.verdict)} />];
    } else if (a.person) {
      const card = <SenderCard key="card" person={a.person} stage={a.stage} />;
      const verdict = (
        <VerdictBar
          key="verdict"
          verdict={a.verdict}
          restricted={a.stage === "restricted" || a.stage === "further-action"}
          strategies={a.person.strategies}
        >
          {narrow && <div ref={setVerdictActions} className={styles.verdictActions} data-testid="verdict-actions" />}
        </VerdictBar>
      );
      // Below the card and the verdict, so drawing it just after the first paint moves neither.
      const strategies = painted ? <StrategyList key="strategies" person={a.person} nowMs={nowMs} /> : null;
      const actions = (
        <ActionsSlot
          key="actions"
          personId={a.personId}
          message={message}
          compact={narrow}
          verdictActions={narrow ? verdictActions : null}
        />
      );
      const details = <Details key="details" person={a.person} nowMs={nowMs} />;
      const later = <Fragment key="later">{rest([actions, details])}</Fragment>;
      parts = narrow
        ? [
            verdict,
            ready ? (
              <Suspense key="latest" fallback={null}>
                <LatestHistory person={a.person} />
              </Suspense>
            ) : null,
            card,
            strategies,
            later,
          ]
        : [card, verdict, strategies, later];
    } else {
      parts = [
        <NotOnRecord
          key="not-on-record"
          message={message}
          ambiguous={a.ambiguous}
          nameOf={(id) => personName(source?.person(id))}
        />,
        frontLine ? null : (
          <Fragment key="later">{rest(<ActionsSlot personId={null} message={message} compact={narrow} />)}</Fragment>
        ),
      ];
    }
    body = (
      <div key={message.id} className={styles.content}>
        <MessageHeader message={message} />
        {parts}
      </div>
    );
  }

  const status =
    !ready && !early
      ? ""
      : !message
        ? "No message selected."
        : a?.person
          ? `${a.person.name}: ${a.breachKinds.length ? "this message breaches the contact strategy" : "no breach"}.`
          : "Sender not on the record.";
  return (
    <div
      ref={root}
      className={styles.root}
      data-testid="taskpane"
      data-layout={narrow ? "narrow" : "wide"}
      data-ready={ready ? "true" : "false"}
      data-view={frontLine ? "front-line" : "full"}
      data-message-id={message?.id ?? ""}
      data-stage={a?.stage ?? "none"}
      data-breaches={a?.breachKinds.join(",") ?? ""}
      data-person-id={a?.personId ?? ""}
    >
      <FeatureNotice features={mail.features} />
      {body}
      <div role="status" aria-live="polite" className={hidden.hidden}>
        {status}
      </div>
    </div>
  );
}
