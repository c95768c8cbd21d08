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
import { lazy, Suspense, useDeferredValue, useEffect, type ReactNode } from "react";
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
});

/**
 * The chart and the history: their code is a chunk of its own, fetched once the pane is on screen
 * (issue 10 item 2), and they render just after the rest (React's deferred value), so the sender
 * card, the verdict and the strategies reach the screen first (issue 3 item 8).
 */
const loadDetails = () => import("./history/PersonDetails");
const PersonDetails = lazy(() => loadDetails().then((m) => ({ default: m.PersonDetails })));
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
  const rest = (content: ReactNode) => (ready ? content : <Spinner size="tiny" label="Reading the record…" />);

  let body;
  if (!ready && !early) {
    body = <Spinner label="Reading the record…" />;
  } else if (!message) {
    body = <Text>Select a message to see what the record says about its sender.</Text>;
  } else if (a) {
    body = (
      <div key={message.id} className={styles.content}>
        <MessageHeader message={message} />
        {a.person && frontLine ? (
          <FrontLineCard view={frontLineView(a.person, a.verdict)} />
        ) : a.person ? (
          <>
            <SenderCard person={a.person} stage={a.stage} />
            <VerdictBar
              verdict={a.verdict}
              restricted={a.stage === "restricted" || a.stage === "further-action"}
              strategies={a.person.strategies}
            />
            <StrategyList person={a.person} nowMs={nowMs} />
            {rest(
              <>
                <ActionsSlot personId={a.personId} message={message} />
                <Details person={a.person} nowMs={nowMs} />
              </>,
            )}
          </>
        ) : (
          <>
            <NotOnRecord message={message} ambiguous={a.ambiguous} nameOf={(id) => personName(source?.person(id))} />
            {frontLine ? null : rest(<ActionsSlot personId={null} message={message} />)}
          </>
        )}
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
      className={styles.root}
      data-testid="taskpane"
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
