/**
 * Breaches awaiting acknowledgement (9.11: any breach must be dealt with swiftly). Each shows what
 * was breached, whose strategy, when, who recorded it and the detail, with Acknowledge. A breach
 * card's link opens the tab on one breach (`focusBreachId`): it is marked and focused.
 */
import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { mergeClasses } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { AwaitingBreach } from "../../app/register";
import { formatDateTime, personName, strategyName } from "../format";
import { AcknowledgeForm } from "./AcknowledgeForm";
import { useTeamsStyles } from "./styles";

export interface BreachesViewProps {
  readonly breaches: readonly AwaitingBreach[];
  readonly user: string | null;
  readonly focusBreachId?: string | null;
}

export function BreachesView({ breaches, user, focusBreachId }: BreachesViewProps) {
  const s = useTeamsStyles();
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const focusRef = useRef<HTMLHeadingElement | null>(null);
  const focusMissing = focusBreachId ? !breaches.some((b) => b.breachId === focusBreachId) : false;

  useEffect(() => {
    focusRef.current?.focus();
  }, [focusBreachId]);

  return (
    <section className={s.view} aria-labelledby="breaches-heading" data-testid="breaches">
      <h2 id="breaches-heading" className={s.heading}>
        Breaches awaiting acknowledgement
      </h2>
      <p role="status" aria-live="polite" className={s.muted} data-testid="breaches-status">
        {status}
      </p>
      {focusMissing ? (
        <MessageBar intent="info" layout="multiline" data-testid="focus-missing">
          <MessageBarBody>
            The breach this link points to is not waiting: it has been acknowledged, or it is not in the record yet.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {user === null ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            Your sign-in name is not known here, so acknowledgements cannot be recorded. Open the tab in Teams.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {breaches.length === 0 ? (
        <p>No breach is waiting for acknowledgement.</p>
      ) : (
        <ul className={s.list}>
          {breaches.map((b) => {
            const focused = b.breachId === focusBreachId;
            const titleId = `breach-${b.breachId}`;
            return (
              <li
                key={b.breachId}
                className={mergeClasses(s.card, focused && s.focused)}
                aria-labelledby={titleId}
                data-testid="breach"
                data-breach={b.breachId}
                data-focused={focused}
              >
                <h3
                  id={titleId}
                  className={s.cardTitle}
                  ref={focused ? focusRef : undefined}
                  tabIndex={focused ? -1 : undefined}
                >
                  {b.restrictionLabel}: {personName(b)}
                </h3>
                <dl className={s.facts}>
                  <dt className={s.factName}>Strategy</dt>
                  <dd className={s.factValue} data-strategy={b.strategyId}>
                    {strategyName(b)}
                  </dd>
                  <dt className={s.factName}>When</dt>
                  <dd className={s.factValue}>{formatDateTime(b.at)}</dd>
                  <dt className={s.factName}>Recorded by</dt>
                  <dd className={s.factValue}>{b.recordedBy}</dd>
                  <dt className={s.factName}>What happened</dt>
                  <dd className={s.factValue}>{b.detail}</dd>
                  <dt className={s.factName}>Reminder to the person</dt>
                  <dd className={s.factValue}>{b.reminderSent ? "Sent" : "Not yet sent"}</dd>
                </dl>
                {open === b.breachId && user !== null ? (
                  <AcknowledgeForm
                    breach={b}
                    user={user}
                    onCancel={() => setOpen(null)}
                    onDone={(outcome) => {
                      setOpen(null);
                      setStatus(
                        outcome === "already"
                          ? `The breach for ${b.name} had already been acknowledged.`
                          : `Acknowledged the breach for ${b.name}. It is recorded.`,
                      );
                    }}
                  />
                ) : (
                  <div className={s.actions}>
                    <Button
                      appearance={focused ? "primary" : "secondary"}
                      disabled={user === null}
                      onClick={() => setOpen(b.breachId)}
                    >
                      Acknowledge
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
