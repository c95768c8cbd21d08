/**
 * The taskpane: for the selected message, who sent it, their stage and adjustments, the
 * strategies in force, this message's verdict, the actions, contact over time and the history.
 * Everything on screen is computed in one render from the current message and the record, and
 * keyed by the message id, so nothing can belong to a previous message.
 *
 * The root carries data-stage (the sender's stage now), data-breaches (restriction kinds this
 * message breaches, comma-separated), data-message-id and data-ready for automation (issue 3, 5).
 */
import { makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { useDeferredValue } from "react";
import type { PersonState } from "../domain";
import { assess } from "./assess";
import { ActionsSlot } from "./ActionsSlot";
import { ContactChart } from "./chart/ContactChart";
import { weeklyVolume } from "./chart/contact-volume";
import { FeatureNotice } from "./FeatureNotice";
import { HistoryTimeline } from "./history/HistoryTimeline";
import { MessageHeader } from "./MessageHeader";
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
 * The chart and the history render just after the rest (React's deferred value), so the sender
 * card, the verdict and the strategies reach the screen first (issue 3 item 8).
 */
function Details({ person, nowMs }: { person: PersonState; nowMs: number }) {
  const shown = useDeferredValue(person, null);
  if (shown !== person) return <Spinner size="tiny" label="Loading history…" />;
  return (
    <>
      <ContactChart weeks={weeklyVolume(person, nowMs)} />
      <HistoryTimeline person={person} />
    </>
  );
}

export function Taskpane() {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const { mail, clock } = useServices();
  const { index, version } = useRecord();
  const message = useCurrentMessage();
  const ready = version > 0;
  const nowMs = clock.now();
  const a = ready && message ? assess(index, message, mail.organisationDomains, nowMs) : null;

  let body;
  if (!ready) {
    body = <Spinner label="Reading the record…" />;
  } else if (!message) {
    body = <Text>Select a message to see what the record says about its sender.</Text>;
  } else if (a) {
    body = (
      <div key={message.id} className={styles.content}>
        <MessageHeader message={message} />
        {a.person ? (
          <>
            <SenderCard person={a.person} stage={a.stage} />
            <VerdictBar verdict={a.verdict} restricted={a.stage === "restricted" || a.stage === "further-action"} />
            <StrategyList person={a.person} nowMs={nowMs} />
            <ActionsSlot personId={a.personId} message={message} />
            <Details person={a.person} nowMs={nowMs} />
          </>
        ) : (
          <>
            <NotOnRecord message={message} ambiguous={a.ambiguous} />
            <ActionsSlot personId={null} message={message} />
          </>
        )}
      </div>
    );
  }

  const status = !ready
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
