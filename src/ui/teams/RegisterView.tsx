/**
 * The register of active contact strategies (9.4–9.9): person, matter, restrictions in one line,
 * single point of contact, review due (9.12). Sortable by column, filterable by words, overdue
 * reviews and restriction kind; exported as CSV for board reports (references, no names).
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import {
  filterRegister,
  registerCsv,
  registerCsvFileName,
  sortRegister,
  type RegisterRow,
  type RegisterSortKey,
  type SortDirection,
} from "../../app/register";
import { RESTRICTION_KINDS, RESTRICTION_LABELS, type RestrictionKind } from "../../domain";
import { formatCalendarDate, personName, plural } from "../format";
import { ReviewBadge } from "./ReviewBadge";
import { useHiddenStyles, useTeamsStyles } from "./styles";

export interface RegisterViewProps {
  readonly rows: readonly RegisterRow[];
  readonly nowMs: number;
  readonly saveFile: (fileName: string, text: string, mimeType: string) => void;
  /** Show only this person at first (a link to one person's record). */
  readonly initialPersonId?: string | null;
  /** Opens the person's page (history, reports, appeals); absent: names are plain text. */
  readonly onOpenPerson?: (personId: string) => void;
}

const COLUMNS: readonly { key: RegisterSortKey | null; label: string }[] = [
  { key: "person", label: "Person" },
  { key: "matter", label: "Matter" },
  { key: null, label: "Restrictions" },
  { key: "spoc", label: "Single point of contact" },
  { key: "reviewDue", label: "Review due" },
];

export function RegisterView({ rows, nowMs, saveFile, initialPersonId = null, onOpenPerson }: RegisterViewProps) {
  const s = useTeamsStyles();
  const hidden = useHiddenStyles();
  const [text, setText] = useState("");
  const [personId, setPersonId] = useState<string | null>(initialPersonId);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [restriction, setRestriction] = useState<RestrictionKind | "">("");
  const [sort, setSort] = useState<{ key: RegisterSortKey; direction: SortDirection }>({
    key: "reviewDue",
    direction: "ascending",
  });

  const shown = useMemo(
    () =>
      sortRegister(
        filterRegister(rows, { text, overdueOnly, restriction: restriction || null, personId }),
        sort.key,
        sort.direction,
      ),
    [rows, text, overdueOnly, restriction, personId, sort],
  );

  const sortBy = (key: RegisterSortKey) =>
    setSort((now) => ({
      key,
      direction: now.key === key && now.direction === "ascending" ? "descending" : "ascending",
    }));

  const exportCsv = () =>
    saveFile(
      registerCsvFileName(nowMs),
      registerCsv(sortRegister(rows, sort.key, sort.direction)),
      "text/csv;charset=utf-8",
    );

  return (
    <section className={s.view} aria-labelledby="register-heading" data-testid="register">
      <h2 id="register-heading" className={s.heading}>
        Active contact strategies
      </h2>
      <div className={s.toolbar}>
        <Field label="Filter the register" className={s.grow}>
          <Input
            type="search"
            value={text}
            onChange={(_e, d) => setText(d.value)}
            placeholder="Name, reference, matter, restriction or officer"
          />
        </Field>
        <Field label="Restriction">
          <Select value={restriction} onChange={(_e, d) => setRestriction(d.value as RestrictionKind | "")}>
            <option value="">Any restriction</option>
            {RESTRICTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {RESTRICTION_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          label="Overdue reviews only"
          checked={overdueOnly}
          onChange={(_e, d) => setOverdueOnly(d.checked === true)}
        />
        <Button appearance="primary" onClick={exportCsv} disabled={rows.length === 0}>
          Export the register as CSV
        </Button>
      </div>
      {personId ? (
        <p data-testid="person-filter">
          Showing the strategies of {personName(rows.find((r) => r.personId === personId))} only.{" "}
          <Button appearance="secondary" size="small" onClick={() => setPersonId(null)}>
            Show every strategy
          </Button>
        </p>
      ) : null}
      <p className={s.muted} role="status" aria-live="polite" data-testid="register-count">
        {shown.length === rows.length
          ? `${plural(rows.length, "active strategy", "active strategies")}.`
          : `Showing ${shown.length} of ${plural(rows.length, "active strategy", "active strategies")}.`}{" "}
        The export names people by reference only, without their names, addresses or their advocates' names (staff
        contacts stay): it is for board reports.
      </p>
      {shown.length === 0 ? (
        <p>{rows.length === 0 ? "No contact strategy is in force." : "No strategy matches the filter."}</p>
      ) : (
        <div className={s.tableScroll}>
          <Table sortable aria-labelledby="register-heading" size="small">
            <TableHeader>
              <TableRow>
                {COLUMNS.map((c) =>
                  c.key === null ? (
                    <TableHeaderCell key={c.label}>{c.label}</TableHeaderCell>
                  ) : (
                    <TableHeaderCell
                      key={c.label}
                      sortDirection={sort.key === c.key ? sort.direction : undefined}
                      onClick={() => sortBy(c.key as RegisterSortKey)}
                      data-testid={`sort-${c.key}`}
                    >
                      {c.label}
                    </TableHeaderCell>
                  ),
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((r) => (
                <TableRow
                  key={`${r.personId}/${r.strategyId}`}
                  data-testid="register-row"
                  data-person={r.personId}
                  data-overdue={r.overdue}
                >
                  <TableCell>
                    {onOpenPerson ? (
                      <Link
                        className={s.wrap}
                        onClick={() => onOpenPerson(r.personId)}
                        data-testid="register-person-link"
                      >
                        {personName(r)}
                      </Link>
                    ) : (
                      <span className={s.wrap}>{personName(r)}</span>
                    )}
                    {r.caseRefs.length > 0 ? (
                      <>
                        <br />
                        <span className={s.muted}>
                          <span className={hidden.hidden}>Matters </span>
                          {r.caseRefs.join(", ")}
                        </span>
                      </>
                    ) : null}
                  </TableCell>
                  <TableCell>{r.matterRef}</TableCell>
                  <TableCell>
                    <span className={s.wrap}>{r.restrictions}</span>
                  </TableCell>
                  <TableCell>
                    <span className={s.wrap}>{r.spoc ?? "None"}</span>
                  </TableCell>
                  <TableCell>
                    {formatCalendarDate(r.reviewDue)}
                    <br />
                    <ReviewBadge overdue={r.overdue} daysToReview={r.daysToReview} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
