/**
 * The person page's appeals (issue 13 Deliver 2): every request to reconsider a decision, oldest
 * first, with its outcome and the outcome letter; "Record an appeal" for casework staff and
 * "Decide appeal" for managers (app/appeals.ts MAY_RECORD_APPEAL, MAY_DECIDE_APPEAL). What an
 * outcome changed also shows in the history below, as the record events it wrote.
 */
import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useEffect, useState, useSyncExternalStore } from "react";
import {
  APPEAL_OUTCOME_LABELS,
  MAY_DECIDE_APPEAL,
  MAY_RECORD_APPEAL,
  describeDecision,
  type AppealService,
  type AppealView,
} from "../../../app/appeals";
import { appealOutcomeFacts, appealOutcomeLetter, appealOutcomeTemplate } from "../../../app/appeal-letter";
import { longDate, presentationFor, type Block, type LetterContext } from "../../../domain/letters";
import { useRecord, useServices } from "../../services";
import { useTeamsStyles } from "../styles";
import { DecideAppealForm } from "./DecideAppealForm";
import { RecordAppealForm } from "./RecordAppealForm";

export interface AppealsSectionProps {
  readonly personId: string;
  readonly user: string | null;
  readonly openDocument?: (html: string) => boolean;
}

const noSubscribe = () => () => undefined;
const zero = () => 0;

export function AppealsSection({ personId, user, openDocument }: AppealsSectionProps) {
  const { appeals } = useServices();
  const version = useSyncExternalStore(appeals?.subscribe ?? noSubscribe, appeals?.getVersion ?? zero);
  if (!appeals) return null;
  return (
    <AppealsList appeals={appeals} version={version} personId={personId} user={user} openDocument={openDocument} />
  );
}

type Mode = { readonly kind: "record" } | { readonly kind: "decide"; readonly appealId: string } | null;

function AppealsList({
  appeals,
  version,
  personId,
  user,
  openDocument,
}: AppealsSectionProps & { readonly appeals: AppealService; readonly version: number }) {
  const s = useTeamsStyles();
  const { record } = useServices();
  const snapshot = useRecord();
  const [views, setViews] = useState<AppealView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [letterFor, setLetterFor] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    appeals.list(personId).then(
      (v) => {
        if (live) {
          setViews(v);
          setLoadError(null);
        }
      },
      (e: unknown) => {
        if (live)
          setLoadError(
            `The appeals could not be read (${e instanceof Error ? e.message : String(e)}). Try again later.`,
          );
      },
    );
    return () => {
      live = false;
    };
  }, [appeals, personId, version, snapshot.version]);

  const roles = record.access.roles;
  const mayRecord = user !== null && roles.some((r) => MAY_RECORD_APPEAL.includes(r));
  const mayDecide = user !== null && roles.some((r) => MAY_DECIDE_APPEAL.includes(r));
  const done = (message: string, appealId?: string) => {
    setMode(null);
    setNotice(message);
    if (appealId) setLetterFor(appealId);
  };

  return (
    <section aria-labelledby="appeals-heading" className={s.view} data-testid="appeals">
      <h3 id="appeals-heading" className={s.heading}>
        Appeals and reconsideration
      </h3>
      {notice ? (
        <MessageBar intent="success" layout="multiline" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {loadError ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{loadError}</MessageBarBody>
        </MessageBar>
      ) : null}
      {views === null && !loadError ? <p>Reading the appeals…</p> : null}
      {views !== null && views.length === 0 ? <p className={s.muted}>No appeals recorded.</p> : null}
      {views !== null && views.length > 0 ? (
        <ol data-testid="appeal-list">
          {views.map((v) => (
            <li key={v.received.id} data-testid="appeal">
              <p className={s.wrap}>
                <strong>{v.decision ? describeDecision(v.decision) : "A decision no longer on the record"}</strong>:
                asked by {v.received.askedBy} on {longDate(v.received.receivedOn)}. Grounds: {v.received.grounds}
              </p>
              {v.decided ? (
                <p className={s.wrap}>
                  {APPEAL_OUTCOME_LABELS[v.decided.outcome]}, decided by {v.decided.decidedBy} on{" "}
                  {longDate(v.decided.decidedOn)}. Reasons: {v.decided.rationale}
                </p>
              ) : (
                <p>Waiting for a decision by someone not involved in it.</p>
              )}
              <div className={s.actions}>
                {!v.decided && mayDecide && mode === null ? (
                  <Button onClick={() => setMode({ kind: "decide", appealId: v.received.id })}>Decide appeal</Button>
                ) : null}
                {v.decided ? (
                  <Button
                    aria-expanded={letterFor === v.received.id}
                    onClick={() => setLetterFor(letterFor === v.received.id ? null : v.received.id)}
                  >
                    {letterFor === v.received.id ? "Hide the outcome letter" : "Show the outcome letter"}
                  </Button>
                ) : null}
              </div>
              {mode?.kind === "decide" && mode.appealId === v.received.id && user ? (
                <DecideAppealForm
                  view={v}
                  user={user}
                  onDone={(m) => done(m, v.received.id)}
                  onCancel={() => setMode(null)}
                />
              ) : null}
              {letterFor === v.received.id && v.decided ? (
                <OutcomeLetter view={v} personId={personId} openDocument={openDocument} />
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {mode?.kind === "record" && user ? (
        <RecordAppealForm personId={personId} user={user} onDone={(m) => done(m)} onCancel={() => setMode(null)} />
      ) : null}
      {mode === null && mayRecord ? (
        <div className={s.actions}>
          <Button onClick={() => setMode({ kind: "record" })}>Record an appeal</Button>
        </div>
      ) : null}
      {user === null ? <p className={s.muted}>Sign in to record or decide an appeal.</p> : null}
    </section>
  );
}

function OutcomeLetter({
  view,
  personId,
  openDocument,
}: {
  readonly view: AppealView;
  readonly personId: string;
  readonly openDocument?: ((html: string) => boolean) | undefined;
}) {
  const s = useTeamsStyles();
  const { complaintRoute } = useServices();
  const snapshot = useRecord();
  const [opened, setOpened] = useState<string | null>(null);
  const person = snapshot.index.person(personId);
  const facts = appealOutcomeFacts(view, snapshot.index, complaintRoute);
  if (!facts || !view.decided) return null;
  const ctx: LetterContext = {
    recipientName: person.name,
    adjustments: person.adjustments,
    sender: { name: view.decided.decidedBy },
  };
  const wording = presentationFor(person.adjustments).wording;
  const letter = appealOutcomeLetter(facts, ctx);
  return (
    <section aria-label="Outcome letter" data-testid="appeal-letter" className={s.view}>
      <p>
        <strong>Subject: </strong>
        {letter.subject}
      </p>
      <div className={s.wrap}>
        {appealOutcomeTemplate.body(facts, ctx, wording).map((b, i) => (
          <LetterBlock key={i} block={b} />
        ))}
      </div>
      {openDocument ? (
        <div className={s.actions}>
          <Button
            onClick={() =>
              setOpened(
                openDocument(letter.html)
                  ? "The letter is open in a new window, to print or save."
                  : "The letter could not be opened: allow pop-ups for this site and try again.",
              )
            }
          >
            Open the letter to print
          </Button>
          {opened ? <span role="status">{opened}</span> : null}
        </div>
      ) : null}
    </section>
  );
}

function LetterBlock({ block }: { readonly block: Block }) {
  switch (block.kind) {
    case "heading":
      return <h4>{block.text}</h4>;
    case "list":
      return (
        <ul>
          {block.items.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
      );
    default:
      return <p style={{ whiteSpace: "pre-line" }}>{block.text}</p>;
  }
}
