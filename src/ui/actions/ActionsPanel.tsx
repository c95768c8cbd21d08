/**
 * The policy's steps as a guided list, in the policy's order, with what is next for the person
 * at their stage (ask about needs at the outset, consider causes, warn before restricting, remind
 * after a breach, review within three months …). Each step opens its form in place. Loaded lazily
 * by the taskpane (src/ui/ActionsSlot.tsx), so its wizards and letters stay out of the eager bundle.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { guide, senderContext, type StepId, type StepInfo } from "../../app/guidance";
import { mayTakeStep, ROLE_LABELS } from "../../app/roles";
import type { MailMessage } from "../../app/mail-host";
import { datesInWords } from "../format";
import { useRecord, useServices } from "../services";
import { useSectionStyles } from "../styles";
import { PanelContext, type PanelInfo } from "./context";
import { TextField } from "./form/fields";
import { MessageBreachBar } from "./MessageBreachBar";
import { MessageLogBar } from "./MessageLogBar";
import { StepBody } from "./StepBody";

export interface ActionsPanelProps {
  readonly personId: string | null;
  readonly message: MailMessage | null;
}

const useStyles = makeStyles({
  header: { minWidth: 0 },
  headerText: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    textAlign: "start",
    whiteSpace: "normal",
  },
  ref: { color: tokens.colorNeutralForeground3 },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalL,
    minWidth: 0,
  },
  hint: { color: tokens.colorNeutralForeground2 },
});

const BADGES: Record<
  StepInfo["status"],
  { text: string; color: "brand" | "warning" | "success" | "informative" } | null
> = {
  next: { text: "Next", color: "brand" },
  due: { text: "Due", color: "warning" },
  done: { text: "Done", color: "success" },
  available: null,
  unavailable: { text: "Not yet", color: "informative" },
};

/** What staff typed as their address when the host does not know it; memory only, for this session. */
let typedStaff = "";

const headerId = (id: StepId) => `csm-step-${id}`;

export function ActionsPanel({ personId, message }: ActionsPanelProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const { mail, clock } = useServices();
  const { index } = useRecord();
  const [staffInput, setStaffInput] = useState(typedStaff);
  const [open, setOpen] = useState<StepId[]>([]);
  const focusStep = useRef<StepId | null>(null);
  /** Steps opened while available: they stay shown (with their outcome and letter) when what they did makes them unavailable, as lifting does. */
  const engaged = useRef(new Set<StepId>());

  const staff = mail.user?.address.trim() || staffInput.trim();
  const info: PanelInfo = useMemo(
    () => ({ staff, staffName: mail.user?.name ?? staff, message }),
    [staff, mail.user, message],
  );
  const person = personId && index.isRegistered(personId) ? index.person(personId) : null;
  // Only the steps the member of staff's roles allow (app/roles.ts); history is always shown.
  const { access } = useServices().record;
  const sender = useMemo(
    () =>
      person === null && message ? senderContext(index, message.from.address, mail.organisationDomains) : undefined,
    [person, message, index, mail.organisationDomains],
  );
  const steps = guide(person, clock.now(), sender).filter((s) => mayTakeStep(access, s.id));
  const next = steps.find((s) => s.status === "next");

  useEffect(() => {
    const id = focusStep.current;
    if (id === null) return;
    focusStep.current = null;
    document.getElementById(headerId(id))?.focus();
  }, [open]);

  const openStep = (id: StepId) => {
    focusStep.current = id;
    setOpen((o) => (o.includes(id) ? [...o] : [...o, id]));
  };

  return (
    <PanelContext.Provider value={info}>
      <section
        aria-labelledby="csm-actions-heading"
        className={section.section}
        data-testid="actions"
        data-next-step={next?.id ?? ""}
      >
        <h2 id="csm-actions-heading" className={section.heading}>
          {person ? `Actions for ${person.name}` : "Actions"}
        </h2>
        {!mail.user && (
          <TextField
            label="Your email address"
            hint="Recorded as who did each action."
            type="email"
            autoComplete="email"
            value={staffInput}
            onChange={(v) => {
              typedStaff = v;
              setStaffInput(v);
            }}
          />
        )}
        {staff === "" ? (
          <Text>Enter your email address to record actions.</Text>
        ) : (
          <>
            {!access.mayRecordAnything && (
              <MessageBar intent="info" layout="multiline" data-testid="read-only">
                <MessageBarBody>
                  {access.hasNoRole ? (
                    <>
                      <MessageBarTitle>You can read the record, not add to it</MessageBarTitle> Your account has no
                      Contact Strategy Manager role. If something needs recording (an incident, a contact, a breach),
                      tell a caseworker or your manager; if you need to record it yourself, ask your administrator for
                      the caseworker role.
                    </>
                  ) : (
                    <>
                      <MessageBarTitle>Your role does not record casework</MessageBarTitle> You are signed in as{" "}
                      {access.roles.map((r) => `a ${ROLE_LABELS[r]}`).join(" and ")}. Caseworkers and managers record
                      what happens; you can read the record here.
                    </>
                  )}
                </MessageBarBody>
              </MessageBar>
            )}
            {person && personId && message && access.mayRecord("BreachRecorded") && (
              <MessageBreachBar personId={personId} message={message} onRemind={() => openStep("reminder")} />
            )}
            {person && personId && message && access.mayRecord("ContactLogged") && (
              <MessageLogBar personId={personId} message={message} />
            )}
            {next && (
              <MessageBar intent="info" layout="multiline" data-testid="next-step">
                <MessageBarBody>
                  <MessageBarTitle>Next: {next.title}</MessageBarTitle> {datesInWords(next.hint)}
                </MessageBarBody>
                <MessageBarActions>
                  <Button onClick={() => openStep(next.id)}>Open this step</Button>
                </MessageBarActions>
              </MessageBar>
            )}
            <Accordion multiple collapsible openItems={open} onToggle={(_, d) => setOpen(d.openItems as StepId[])}>
              {steps.map((s) => {
                const badge = BADGES[s.status];
                const isOpen = open.includes(s.id);
                if (!isOpen) engaged.current.delete(s.id);
                else if (s.status !== "unavailable") engaged.current.add(s.id);
                const showBody = isOpen && engaged.current.has(s.id);
                return (
                  <AccordionItem key={s.id} value={s.id} data-step={s.id} data-status={s.status}>
                    <AccordionHeader
                      as="h3"
                      className={styles.header}
                      button={{ id: headerId(s.id) }}
                      expandIconPosition="end"
                    >
                      <span className={styles.headerText}>
                        <span>{s.title}</span>
                        {s.policyRef && <span className={styles.ref}>({s.policyRef})</span>}
                        {badge && (
                          <Badge appearance="tint" color={badge.color} size="small">
                            {badge.text}
                          </Badge>
                        )}
                      </span>
                    </AccordionHeader>
                    <AccordionPanel className={styles.panel}>
                      {!showBody || s.status !== "unavailable" ? (
                        <Text className={styles.hint}>{datesInWords(s.hint)}</Text>
                      ) : null}
                      {showBody && <StepBody step={s.id} personId={person ? personId : null} />}
                    </AccordionPanel>
                  </AccordionItem>
                );
              })}
            </Accordion>
          </>
        )}
      </section>
    </PanelContext.Provider>
  );
}

export default ActionsPanel;
