/**
 * Impose a contact strategy (9.4–9.9) as a wizard: matter and reason, restrictions,
 * proportionality and adjustments, approval and notice, then a check page. The first page says
 * which earlier steps of the ladder are missing (strategy-checks.ts). Each page is checked as
 * staff leave it with Next, by the same rules that judge the whole at the end (record-format §8,
 * restriction combinations): its problems are listed in an error summary at the top of the page,
 * which takes focus, and beside each field. A refusal at the end takes staff to the page with the
 * field, with everything they entered still there.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { imposeStrategy, latestReviewDate, type ImposeInput } from "../../../app/actions";
import { imposeProblems, missingBeforeStrategy } from "../../../app/strategy-checks";
import { londonDate, type EventOf } from "../../../domain";
import { strategyNoticeFacts, strategyNoticeLetter } from "../../../domain/letters";
import { formatCalendarDate, strategyName } from "../../format";
import { useServices } from "../../services";
import { useActionContext, usePanel, usePerson } from "../context";
import { draftKey } from "../drafts";
import { FormShell } from "../form/FormShell";
import { explain, fieldMatches } from "../form/problems";
import { useActionForm } from "../form/useActionForm";
import { LetterButtons } from "../LetterButtons";
import { Recorded } from "../Recorded";
import {
  CheckPage,
  MatterPage,
  NoticePage,
  PAGES,
  ProportionalityPage,
  RestrictionsPage,
  type ImposeDraft,
} from "./ImposePages";
import { toRestriction } from "./restriction-drafts";

const useStyles = makeStyles({
  pageHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  body: { whiteSpace: "normal", overflowWrap: "anywhere" },
});

/** Focuses the control for a field path (its first input, or the restriction's box). */
function focusField(form: HTMLFormElement | null, field: string | undefined): void {
  if (!form || field === undefined) return;
  const esc = field.replace(/["\\]/g, "\\$&");
  const el =
    form.querySelector<HTMLElement>(`[name="${esc}"]`) ??
    form.querySelector<HTMLElement>(`[name^="${esc}."], [name^="${esc}["]`) ??
    form.querySelector<HTMLElement>(`[data-field="${esc}"]`);
  el?.focus();
}

export function ImposeWizard({ personId }: { personId: string }) {
  const styles = useStyles();
  const ctx = useActionContext();
  const { clock } = useServices();
  const { message, staff } = usePanel();
  const person = usePerson(personId);
  const latestReview = latestReviewDate(undefined, clock);
  const todayDate = londonDate(clock.now());
  const lastIncident = person.incidents[person.incidents.length - 1];
  const matter =
    lastIncident?.data.matterRef ??
    person.warnings[person.warnings.length - 1]?.data.matterRef ??
    message?.matterRef ??
    "";
  const form = useActionForm<ImposeDraft>(
    draftKey(personId, "strategy"),
    () => ({
      matterRef: matter,
      reason: "",
      restrictions: [],
      proportionality: "",
      equalityAdvice: "",
      approvedBy: "",
      notifiedOn: todayDate,
      notifiedBy: "email",
      reviewDue: latestReview,
      warningWaived: "",
    }),
    "9.4–9.9",
  );
  const [page, setPage] = useState(0);
  const [done, setDone] = useState<EventOf<"StrategyImposed"> | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  // Back and Next put focus on the new page's heading; a refusal puts it on the field instead (useActionForm).
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = false;
  }, [page]);

  if (done) {
    return (
      <Recorded
        title={`${strategyName({ matterRef: done.data.matterRef, imposedAtMs: Date.parse(done.at) })} is in force.`}
        actions={
          <LetterButtons
            personId={personId}
            what="strategy notice"
            make={(c) => {
              const facts = strategyNoticeFacts(ctx.record.index.person(personId), done.data.strategyId);
              return facts ? strategyNoticeLetter(facts, c) : null;
            }}
          />
        }
      >
        Tell the person in writing, with the reason, the restrictions, that it relates only to {done.data.matterRef},
        and the review date {formatCalendarDate(done.data.reviewDue)} (9.6–9.8).
      </Recorded>
    );
  }

  const { draft, set, problems } = form;
  const go = (p: number) => {
    moved.current = true;
    setPage(p);
  };
  const last = PAGES.length - 1;
  const pageProps = { draft, set, problems, person };
  const pageFields: readonly string[] = PAGES[page]?.fields ?? [];
  const onThisPage = problems.all.filter((p) => pageFields.some((f) => fieldMatches(p.field, f)));
  const missing = missingBeforeStrategy(person);

  const input = (): ImposeInput => ({
    personId,
    matterRef: draft.matterRef,
    reason: draft.reason,
    restrictions: draft.restrictions.map(toRestriction),
    proportionality: draft.proportionality,
    approvedBy: draft.approvedBy,
    notifiedOn: draft.notifiedOn,
    notifiedBy: draft.notifiedBy as "email" | "post",
    reviewDue: draft.reviewDue,
    warningWaived: person.sinceLift.warned ? "" : draft.warningWaived,
    equalityAdvice: draft.equalityAdvice,
  });

  /**
   * What the check of page `upTo` sends: what staff entered so far, and valid stand-ins for the
   * fields of later pages (an event with a blank field is not checked any further, record-format §8).
   */
  const checkedUpTo = (upTo: number): ImposeInput => {
    const real = input();
    const later = (field: string) => PAGES.findIndex((p) => (p.fields as readonly string[]).includes(field)) > upTo;
    const standIn = "(checked later)";
    return {
      ...real,
      ...(later("data.matterRef") ? { matterRef: standIn, reason: standIn } : {}),
      ...(later("data.restrictions") ? { restrictions: [{ kind: "call-recording" }] } : {}),
      ...(later("data.proportionality") ? { proportionality: standIn, equalityAdvice: standIn } : {}),
      ...(later("data.approvedBy")
        ? {
            approvedBy: "checked.later@example.org",
            notifiedOn: todayDate,
            notifiedBy: "email",
            reviewDue: latestReview,
            warningWaived: person.sinceLift.warned ? "" : standIn,
          }
        : {}),
    };
  };

  /** Next: the page is checked by the rules that judge the whole; its problems keep staff on it. */
  const next = () => {
    const found = imposeProblems(ctx, checkedUpTo(page)).filter((p) =>
      pageFields.some((f) => fieldMatches(p.field, f)),
    );
    if (found.length > 0) form.refuse(found, "summary");
    else go(page + 1);
  };

  const submit = async () => {
    const r = await form.run(
      () => imposeStrategy(ctx, input()),
      (ps) => {
        // Turn to the first page with a field in error; problems without a field stay on the check page.
        const errorPage = PAGES.findIndex((p) => ps.some((x) => p.fields.some((f) => fieldMatches(x.field, f))));
        if (errorPage >= 0) setPage(errorPage);
      },
    );
    if (r) setDone(r);
  };

  return (
    <FormShell
      form={form}
      label="Impose a contact strategy"
      fields={PAGES.flatMap((p) => p.fields)}
      submitLabel={page === last ? "Impose the strategy" : "Next"}
      onSubmit={() => (page === last ? void submit() : next())}
      extraButtons={
        page > 0 ? (
          <Button appearance="secondary" onClick={() => go(page - 1)}>
            Back
          </Button>
        ) : undefined
      }
    >
      <h4 ref={heading} tabIndex={-1} className={styles.pageHeading}>
        Step {page + 1} of {PAGES.length}: {PAGES[page]?.title}
      </h4>
      {onThisPage.length > 0 && (
        <MessageBar intent="error" layout="multiline" data-error-summary tabIndex={-1} data-testid="page-errors">
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>
              {onThisPage.length === 1 ? "There is a problem on this page" : "There are problems on this page"}
            </MessageBarTitle>
            <ul className={styles.list}>
              {onThisPage.map((p, i) => (
                <li key={`${p.field ?? ""}-${i}`}>
                  <a
                    href={`#${p.field ?? ""}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(form.formRef.current, p.field);
                    }}
                  >
                    {explain(p, "9.4–9.9")}
                  </a>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {page === 0 && missing.length > 0 && (
        <MessageBar
          intent={missing.some((m) => m.required) ? "error" : "warning"}
          layout="multiline"
          data-testid="missing-steps"
        >
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>Before a strategy</MessageBarTitle>
            <ul className={styles.list}>
              {missing.map((m) => (
                <li key={m.step}>{m.text}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {page === 0 && <MatterPage {...pageProps} />}
      {page === 1 && (
        <RestrictionsPage
          {...pageProps}
          defaults={{ staff, matterRef: draft.matterRef, personEmails: person.emails }}
        />
      )}
      {page === 2 && <ProportionalityPage {...pageProps} />}
      {page === 3 && <NoticePage {...pageProps} latestReview={latestReview} />}
      {page === last && (
        <>
          <CheckPage {...pageProps} />
          <Text>Recording it puts the strategy in force from now. You will then draft the written notice (9.6).</Text>
        </>
      )}
    </FormShell>
  );
}
