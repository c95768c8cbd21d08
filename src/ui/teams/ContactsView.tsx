/**
 * Contacts awaiting review, and reviewing them in bulk (9.10: "Regardless of any contact strategy
 * put in place, all contact must be reviewed to identify genuine complaints, issues, criminal
 * matters and safeguarding issues"). Each contact has a checkbox and its own outcome (the outcomes
 * of a single review in the pane); "Record reviews" records one review per chosen contact in one
 * batch (app/bulk-review.ts). What is recorded leaves the list; what could not be stays, chosen,
 * with the reason beside it.
 */
import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useState } from "react";
import { reviewContacts, type BulkReviewResult } from "../../app/bulk-review";
import type { MessageLinker } from "../../app/message-link";
import type { AwaitingContact } from "../../app/register";
import { CONTACT_REVIEW_LABELS, CONTACT_REVIEW_OUTCOMES, type ContactReviewOutcome } from "../../domain";
import { formatDateTime } from "../format";
import { useServices } from "../services";
import { MessageLink } from "./MessageLink";
import { useTeamsStyles } from "./styles";

export interface ContactsViewProps {
  readonly contacts: readonly AwaitingContact[];
  /** The reviewer's sign-in name; null when unknown (reviewing is then unavailable). */
  readonly user: string | null;
  /** Turns where a message is into a link to it; none, no links. */
  readonly messageLink?: MessageLinker | null;
}

const keyOf = (c: { readonly personId: string; readonly contactId: string }) => `${c.personId}/${c.contactId}`;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(result: BulkReviewResult): string {
  const parts: string[] = [];
  if (result.recorded.length > 0) parts.push(`${plural(result.recorded.length, "review", "reviews")} recorded.`);
  if (result.alreadyReviewed.length > 0)
    parts.push(
      `${plural(result.alreadyReviewed.length, "contact was", "contacts were")} already reviewed by someone else.`,
    );
  if (result.failed.length > 0)
    parts.push(
      `${plural(result.failed.length, "review was", "reviews were")} not recorded: the reason is beside each one.`,
    );
  return parts.join(" ") || "Nothing was recorded.";
}

export function ContactsView({ contacts, user, messageLink }: ContactsViewProps) {
  const s = useTeamsStyles();
  const { record, clock, ids } = useServices();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, ContactReviewOutcome>>(new Map());
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const [result, setResult] = useState<{ text: string; serious: boolean; failed: boolean } | null>(null);
  const [problem, setProblem] = useState<string>("");
  const [busy, setBusy] = useState(false);

  const listed = new Set(contacts.map(keyOf));
  const chosen = contacts.filter((c) => selected.has(keyOf(c)));
  const all = contacts.length > 0 && chosen.length === contacts.length;
  const outcomeOf = (c: AwaitingContact): ContactReviewOutcome => outcomes.get(keyOf(c)) ?? "no-new-information";

  const toggle = (key: string, on: boolean) => {
    const next = new Set([...selected].filter((k) => listed.has(k)));
    if (on) next.add(key);
    else next.delete(key);
    setSelected(next);
    setProblem("");
  };

  const submit = async () => {
    if (user === null) return;
    if (chosen.length === 0) {
      setProblem("Choose at least one contact to review.");
      return;
    }
    setBusy(true);
    setProblem("");
    try {
      const items = chosen.map((c) => ({ personId: c.personId, contactId: c.contactId, outcome: outcomeOf(c) }));
      const r = await reviewContacts({ record, clock, ids, by: user }, items);
      const failedKeys = new Map(r.failed.map((f) => [keyOf(f.item), f.reason]));
      setFailures(failedKeys);
      setSelected(new Set(failedKeys.keys()));
      setResult({
        text: summary(r),
        serious: r.recorded.some((i) => i.outcome === "criminal-matter" || i.outcome === "safeguarding"),
        failed: r.failed.length > 0,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={s.view} aria-labelledby="contacts-heading" data-testid="contacts">
      <h2 id="contacts-heading" className={s.heading}>
        Contacts awaiting review
      </h2>
      <p className={s.muted}>
        All contact must be reviewed for genuine complaints, new issues, criminal matters and safeguarding, whatever the
        strategy says (9.10). Choose the contacts you have read, give each its outcome, then record the reviews.
      </p>
      <div role="status" aria-live="polite" data-testid="review-status">
        {result ? (
          <MessageBar intent={result.failed ? "warning" : "success"} layout="multiline">
            <MessageBarBody>
              {result.text}
              {result.serious
                ? " Act now on each criminal matter or safeguarding issue under the relevant procedure, whatever the contact strategy says (9.10)."
                : ""}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {user === null ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            Your sign-in name is not known here, so reviews cannot be recorded. Open the tab in Teams.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {contacts.length === 0 ? (
        <p>Every logged contact has been reviewed.</p>
      ) : (
        <>
          <div className={s.toolbar}>
            <Checkbox
              label={`Select all (${contacts.length})`}
              checked={all ? true : chosen.length > 0 ? "mixed" : false}
              onChange={(_e, d) => {
                setSelected(d.checked === true ? new Set(listed) : new Set());
                setProblem("");
              }}
              data-testid="select-all"
            />
            <Button
              appearance="primary"
              disabled={user === null || busy}
              onClick={() => void submit()}
              data-testid="record-reviews"
            >
              {busy ? "Recording…" : `Record reviews (${chosen.length})`}
            </Button>
          </div>
          {problem ? (
            <p role="alert" className={s.wrap} data-testid="review-problem">
              {problem}
            </p>
          ) : null}
          <div className={s.tableScroll}>
            <Table aria-labelledby="contacts-heading" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Review</TableHeaderCell>
                  <TableHeaderCell>Person</TableHeaderCell>
                  <TableHeaderCell>How</TableHeaderCell>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>Matter</TableHeaderCell>
                  <TableHeaderCell>Outcome</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {contacts.map((c) => {
                  const key = keyOf(c);
                  const when = formatDateTime(c.at);
                  const failure = failures.get(key);
                  const reasonId = `review-reason-${c.contactId}`;
                  return (
                    <TableRow
                      key={key}
                      data-testid="contact-row"
                      data-contact={c.contactId}
                      data-selected={selected.has(key)}
                    >
                      <TableCell>
                        <Checkbox
                          aria-label={`Review the contact from ${c.name}, ${c.channelLabel}, ${when}`}
                          checked={selected.has(key)}
                          onChange={(_e, d) => toggle(key, d.checked === true)}
                        />
                      </TableCell>
                      <TableCell className={s.wrap}>{c.name}</TableCell>
                      <TableCell>
                        {c.channelLabel} <MessageLink contact={c} linker={messageLink} />
                      </TableCell>
                      <TableCell>{when}</TableCell>
                      <TableCell>{c.matterRef ?? "Not given"}</TableCell>
                      <TableCell>
                        <Select
                          aria-label={`Outcome for the contact from ${c.name}, ${when}`}
                          aria-describedby={failure ? reasonId : undefined}
                          value={outcomeOf(c)}
                          onChange={(_e, d) => {
                            setOutcomes(new Map(outcomes).set(key, d.value as ContactReviewOutcome));
                            if (!selected.has(key)) toggle(key, true);
                          }}
                        >
                          {CONTACT_REVIEW_OUTCOMES.map((o) => (
                            <option key={o} value={o}>
                              {CONTACT_REVIEW_LABELS[o]}
                            </option>
                          ))}
                        </Select>
                        {failure ? (
                          <p id={reasonId} className={s.wrap} data-testid="review-failed">
                            Not recorded: {failure}
                          </p>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}
