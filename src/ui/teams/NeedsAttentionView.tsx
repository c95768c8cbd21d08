/**
 * "Needs attention" (issue 12 Deliver 4): the shared list's items sync kept out of the record
 * (a forged `by`, an untrusted application, edited or deleted after recording), each with what
 * changed, who and when, and what to do. Only for roles that may review them (roles.ts).
 */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { AttentionRow } from "../../app/needs-attention";
import { formatDateTime } from "../format";
import { useTeamsStyles } from "./styles";

export interface NeedsAttentionViewProps {
  readonly rows: readonly AttentionRow[];
}

export function NeedsAttentionView({ rows }: NeedsAttentionViewProps) {
  const s = useTeamsStyles();
  return (
    <section className={s.view} aria-labelledby="attention-heading" data-testid="needs-attention">
      <h2 id="attention-heading" className={s.heading}>
        Needs attention: items of the shared record that were not written as they say, or were changed
      </h2>
      {rows.length === 0 ? (
        <p>Nothing needs attention: every item of the shared list is as it was recorded, by who it says.</p>
      ) : (
        <>
          <p className={s.muted}>
            These items are not part of the record anyone sees: a decision must rest on the record as it was written
            (9.12). Nothing here has been changed back; look into each one.
          </p>
          <div className={s.tableScroll}>
            <Table aria-labelledby="attention-heading" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>What</TableHeaderCell>
                  <TableHeaderCell>Event</TableHeaderCell>
                  <TableHeaderCell>What changed</TableHeaderCell>
                  <TableHeaderCell>Who</TableHeaderCell>
                  <TableHeaderCell>When</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.key} data-testid="attention-row" data-reason={r.reason} data-event={r.eventId}>
                    <TableCell>
                      <strong>{r.reasonLabel}</strong>
                      <p className={s.muted}>{r.summary}</p>
                      <p className={s.muted}>What to do: {r.whatToDo}</p>
                    </TableCell>
                    <TableCell>
                      {r.type} {r.eventId}
                      <br />
                      <span className={s.muted}>
                        person {r.personId}; recorded by {r.claimedBy}; list item {r.itemId}
                      </span>
                    </TableCell>
                    <TableCell>
                      {r.changes.length === 0 ? (
                        <span className={s.muted}>
                          {r.reason === "edited" ? "Not known on this device (see the version history)" : "—"}
                        </span>
                      ) : (
                        <ul aria-label={`Changes to ${r.eventId}`}>
                          {r.changes.map((c) => (
                            <li key={c.field}>
                              {c.field}: {c.before} → {c.after}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    <TableCell>{r.who}</TableCell>
                    <TableCell>
                      {r.when ? <time dateTime={r.when}>{formatDateTime(r.when)}</time> : "SharePoint does not say"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}
