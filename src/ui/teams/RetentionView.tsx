/**
 * "Retention" (issue 13 Deliver 4), for the records officer only (roles.ts MAY_PURGE): the people
 * whose record is due for deletion under the retention period, each with why (last contact, lift of
 * the last strategy, the date it ran from and the date it became due), to confirm one by one; then
 * "Delete permanently" behind a confirmation whose Cancel has the focus. What stays is the count:
 * "N people's records erased under the retention policy" (the erasure log holds no personal data).
 */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  describeRetention,
  dueForDeletion,
  tombstoneText,
  type ErasureEntry,
  type RetentionPolicy,
} from "../../app/retention";
import { formatCalendarDate as formatDate } from "../format";
import { useRecord, useServices } from "../services";
import { useTeamsStyles } from "./styles";

export interface RetentionViewProps {
  readonly policy: RetentionPolicy;
  readonly nowMs: number;
}

export function RetentionView({ policy, nowMs }: RetentionViewProps) {
  const s = useTeamsStyles();
  const { record } = useServices();
  const snapshot = useRecord();
  const day = Math.floor(nowMs / 86_400_000);
  const due = useMemo(() => dueForDeletion(snapshot.index, policy, nowMs), [snapshot, policy, day]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: "done" | "error"; text: string } | null>(null);
  const [erasures, setErasures] = useState<readonly ErasureEntry[] | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe button has the focus when the confirmation opens: Enter or Escape deletes nothing.
  useEffect(() => {
    if (!confirming) return;
    const t = setTimeout(() => cancelRef.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [confirming]);

  const [unfinished, setUnfinished] = useState(0);
  const readErasures = useCallback(() => {
    record.erasures().then(setErasures, () => setErasures(null));
    record.unfinishedErasures().then(setUnfinished, () => setUnfinished(0));
  }, [record]);

  const finish = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const n = await record.finishErasures();
      setOutcome({
        kind: "done",
        text: `The earlier erasure is finished: ${n === 1 ? "1 more entry" : `${n} more entries`} deleted.`,
      });
    } catch (e) {
      setOutcome({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
      readErasures();
    }
  };
  useEffect(readErasures, [readErasures]);

  // Someone no longer due (erased, or a new contact) cannot stay chosen.
  const dueIds = new Set(due.map((d) => d.personId));
  const selected = [...chosen].filter((id) => dueIds.has(id));

  const toggle = (personId: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(personId);
      else next.delete(personId);
      return next;
    });

  const erase = async () => {
    setConfirming(false);
    setBusy(true);
    setOutcome(null);
    try {
      const entries = await record.purge(selected, { policy, confirmed: true });
      const events = entries.reduce((n, e) => n + e.events, 0);
      setChosen(new Set());
      setOutcome({
        kind: "done",
        text: `Deleted permanently: ${entries.length === 1 ? "1 person's record" : `${entries.length} people's records`} (${events} entries).`,
      });
    } catch (e) {
      setOutcome({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
      readErasures();
    }
  };

  const n = selected.length;
  return (
    <section className={s.view} aria-labelledby="retention-heading" data-testid="retention">
      <h2 id="retention-heading" className={s.heading}>
        Retention: records due for deletion
      </h2>
      <p className={s.muted}>
        A person&apos;s record is kept for {describeRetention(policy)} after their last contact or the lift of their
        last strategy, whichever is later, and is never due while a strategy is in force. Check each one before you
        delete it: deletion removes every entry about the person, on every device, and cannot be undone.
      </p>
      <p data-testid="tombstones">
        {erasures === null ? "The erasure log could not be read." : tombstoneText(erasures)}
      </p>
      {unfinished > 0 ? (
        <div role="alert" data-testid="retention-unfinished">
          <p>
            An earlier erasure was not finished: {unfinished === 1 ? "1 entry is" : `${unfinished} entries are`} still
            in the shared record. Finish it now; it deletes only what that erasure named.
          </p>
          <Button disabled={busy} onClick={() => void finish()}>
            Finish the erasure
          </Button>
        </div>
      ) : null}
      {due.length === 0 ? (
        <p>No records are due for deletion.</p>
      ) : (
        <>
          <div className={s.tableScroll}>
            <Table aria-labelledby="retention-heading" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Delete</TableHeaderCell>
                  <TableHeaderCell>Person</TableHeaderCell>
                  <TableHeaderCell>Last contact</TableHeaderCell>
                  <TableHeaderCell>Last strategy lifted</TableHeaderCell>
                  <TableHeaderCell>Kept from</TableHeaderCell>
                  <TableHeaderCell>Due for deletion since</TableHeaderCell>
                  <TableHeaderCell>Entries</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {due.map((d) => {
                  const who = d.name || d.personId;
                  return (
                    <TableRow key={d.personId} data-testid="retention-row" data-person={d.personId}>
                      <TableCell>
                        <Checkbox
                          checked={chosen.has(d.personId)}
                          onChange={(_e, data) => toggle(d.personId, data.checked === true)}
                          aria-label={`Delete the record of ${who}`}
                        />
                      </TableCell>
                      <TableCell>
                        {who}
                        <br />
                        <span className={s.muted}>{d.personId}</span>
                      </TableCell>
                      <TableCell>{formatDate(d.lastContact)}</TableCell>
                      <TableCell>{d.lastLift ? formatDate(d.lastLift) : "No strategy"}</TableCell>
                      <TableCell>{formatDate(d.basis)}</TableCell>
                      <TableCell>{formatDate(d.dueOn)}</TableCell>
                      <TableCell>{d.events}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          <div className={s.toolbar}>
            <Button appearance="primary" disabled={n === 0 || busy} onClick={() => setConfirming(true)}>
              {n === 0 ? "Delete permanently" : `Delete permanently (${n})`}
            </Button>
          </div>
        </>
      )}
      {outcome ? (
        <p role={outcome.kind === "error" ? "alert" : "status"} data-testid="retention-outcome">
          {outcome.text}
        </p>
      ) : null}
      <Dialog
        open={confirming}
        modalType="alert"
        onOpenChange={(_e, d) => {
          if (!d.open) setConfirming(false);
        }}
      >
        <DialogSurface data-testid="retention-confirm">
          <DialogBody>
            <DialogTitle>{n === 1 ? "Delete 1 record permanently?" : `Delete ${n} records permanently?`}</DialogTitle>
            <DialogContent>
              Every entry about {n === 1 ? "this person" : "these people"} is removed from the shared record and from
              every device. Only the count of erasures is kept, with no name. This cannot be undone.
            </DialogContent>
            <DialogActions>
              {/* First, and focused on opening: the safe choice. */}
              <Button appearance="primary" ref={cancelRef} onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button onClick={() => void erase()}>Delete permanently</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
