/**
 * The board report (issue 13 item 6) in the Teams tab: a chosen quarter's figures as a chart and
 * tables (the tables are the chart's text alternative), and "Download CSV". Counts only: no names
 * or references leave the record this way.
 */
import { Button, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import {
  boardReport,
  boardReportCsv,
  boardReportFileName,
  boardRows,
  parseQuarter,
  previousQuarter,
  quarterKey,
  quarterLabel,
  quarterOf,
  type Quarter,
} from "../../app/reports";
import { BoardChart } from "../chart/BoardChart";
import { formatCalendarDate } from "../format";
import { useRecord } from "../services";
import { useTeamsStyles } from "./styles";

const useStyles = makeStyles({
  tables: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    "& caption": { textAlign: "left", fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
    "& th, & td": {
      textAlign: "left",
      padding: `2px ${tokens.spacingHorizontalS}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: "top",
    },
    "& td": { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  },
});

export interface ReportsViewProps {
  readonly nowMs: number;
  readonly saveFile: (fileName: string, text: string, mimeType: string) => void;
}

/** This quarter and the seven before it, newest first. */
export function quarterChoices(nowMs: number, count = 8): Quarter[] {
  const out: Quarter[] = [quarterOf(nowMs)];
  while (out.length < count) out.push(previousQuarter(out[out.length - 1] as Quarter));
  return out;
}

export function ReportsView({ nowMs, saveFile }: ReportsViewProps) {
  const s = useTeamsStyles();
  const styles = useStyles();
  const snapshot = useRecord();
  const choices = useMemo(() => quarterChoices(nowMs), [nowMs]);
  const [key, setKey] = useState(quarterKey(choices[0] as Quarter));
  const quarter = parseQuarter(key) ?? (choices[0] as Quarter);
  const report = useMemo(() => boardReport(snapshot.index, quarter, nowMs), [snapshot, key, nowMs]);
  const asAt = formatCalendarDate(report.asAt);
  const sections = useMemo(() => {
    const map = new Map<string, { figure: string; count: number }[]>();
    for (const r of boardRows(report)) {
      const list = map.get(r.section) ?? [];
      list.push({ figure: r.figure, count: r.count });
      map.set(r.section, list);
    }
    return [...map.entries()];
  }, [report]);

  return (
    <section className={s.view} aria-labelledby="board-heading" data-testid="board-report" data-quarter={key}>
      <h2 id="board-heading" className={s.heading}>
        Board report
      </h2>
      <div className={s.toolbar}>
        <Field label="Quarter">
          <Select value={key} onChange={(_e, d) => setKey(d.value)} data-testid="board-quarter">
            {choices.map((q) => (
              <option key={quarterKey(q)} value={quarterKey(q)}>
                {quarterLabel(q)}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          appearance="primary"
          onClick={() => saveFile(boardReportFileName(quarter), boardReportCsv(report), "text/csv;charset=utf-8")}
        >
          Download CSV
        </Button>
      </div>
      <p role="status" aria-live="polite" data-testid="board-status">
        {report.label}:{" "}
        {report.complete
          ? `figures for the whole quarter, as at ${asAt}`
          : `the quarter is still running; figures as at ${asAt}`}
        . Counts only: the CSV names no one.
      </p>
      <h3 className={s.heading}>Contact strategies by restriction (9.9)</h3>
      <BoardChart byKind={report.byKind} asAt={asAt} />
      <div className={styles.tables}>
        {sections.map(([section, rows]) => (
          <table key={section} className={styles.table} data-testid="board-table">
            <caption>{section}</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.figure} data-testid="board-figure" data-figure={`${section}|${r.figure}`}>
                  <th scope="row">{r.figure}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
