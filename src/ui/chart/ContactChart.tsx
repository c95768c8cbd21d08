/**
 * Contact over time (issue 3 item 4): logged contacts per week over the last 26 weeks as SVG
 * bars, with the weeks of incidents (triangles) and breaches (circles) marked. The SVG is hidden
 * from assistive technology; a summary sentence and a table carry the same figures for screen
 * readers, and "Show the figures" reveals the table on screen.
 */
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { formatCalendarDate, formatShortDate, plural } from "../format";
import { useSectionStyles, useVisuallyHiddenStyles } from "../styles";
import type { WeekVolume } from "./contact-volume";

const useStyles = makeStyles({
  svg: { width: "100%", maxWidth: "480px", height: "auto", display: "block" },
  bar: { fill: tokens.colorBrandBackground },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  label: { fill: tokens.colorNeutralForeground2, fontSize: "9px" },
  incident: { fill: tokens.colorPaletteDarkOrangeForeground1 },
  breach: { fill: tokens.colorPaletteRedForeground1 },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
  key: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  tableBox: { overflowX: "auto", maxWidth: "100%" },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    "& th, & td": {
      textAlign: "left",
      padding: `2px ${tokens.spacingHorizontalS}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
  },
});

export interface ContactChartProps {
  readonly weeks: readonly WeekVolume[];
}

const W = 312;
const H = 120;
const TOP = 14;
const BOTTOM = 16;

export function summariseWeeks(weeks: readonly WeekVolume[]): string {
  const total = weeks.reduce((n, w) => n + w.contacts, 0);
  const incidents = weeks.reduce((n, w) => n + w.incidents, 0);
  const breaches = weeks.reduce((n, w) => n + w.breaches, 0);
  const busiest = weeks.reduce<WeekVolume | null>((best, w) => (w.contacts > (best?.contacts ?? 0) ? w : best), null);
  const parts = [`${plural(total, "contact")} logged in the last ${plural(weeks.length, "week")}`];
  if (busiest)
    parts.push(
      `the busiest week began ${formatCalendarDate(busiest.weekStart)} with ${plural(busiest.contacts, "contact")}`,
    );
  parts.push(`${plural(incidents, "incident")} and ${plural(breaches, "breach", "breaches")} recorded`);
  return `${parts.join("; ")}.`;
}

export function ContactChart({ weeks }: ContactChartProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const hidden = useVisuallyHiddenStyles();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const max = Math.max(1, ...weeks.map((w) => w.contacts));
  const slot = W / Math.max(1, weeks.length);
  const plotH = H - TOP - BOTTOM;
  return (
    <section aria-labelledby="csm-chart-heading" className={section.section} data-testid="contact-chart">
      <h2 id="csm-chart-heading" className={section.heading}>
        Contact over time
      </h2>
      <Text>{summariseWeeks(weeks)}</Text>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false" role="presentation">
        <line className={styles.axis} x1={0} x2={W} y1={H - BOTTOM + 0.5} y2={H - BOTTOM + 0.5} />
        {weeks.map((w, i) => {
          const h = (w.contacts / max) * plotH;
          const x = i * slot;
          const cx = x + slot / 2;
          return (
            <g key={w.weekStart}>
              {w.contacts > 0 && (
                <rect
                  className={styles.bar}
                  x={x + 1.5}
                  width={Math.max(1, slot - 3)}
                  y={H - BOTTOM - h}
                  height={h}
                  rx={1}
                />
              )}
              {w.incidents > 0 && (
                <path
                  className={styles.incident}
                  d={`M ${cx - 4} ${TOP - 2} L ${cx + 4} ${TOP - 2} L ${cx} ${TOP - 9} Z`}
                />
              )}
              {w.breaches > 0 && (
                <circle className={styles.breach} cx={cx} cy={w.incidents > 0 ? TOP + 5 : TOP - 5} r={3.5} />
              )}
              {(weeks.length - 1 - i) % 5 === 0 && (
                // Every fifth week back from this one; the last label ends at the edge so it is never cut off.
                <text
                  className={styles.label}
                  x={i === weeks.length - 1 ? W : Math.max(cx, 14)}
                  y={H - 4}
                  textAnchor={i === weeks.length - 1 ? "end" : "middle"}
                >
                  {formatShortDate(w.weekStart)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div className={styles.legend} aria-hidden="true">
        <span className={styles.key}>
          <svg width="10" height="10" focusable="false">
            <rect className={styles.bar} width="10" height="10" />
          </svg>
          Contacts per week
        </span>
        <span className={styles.key}>
          <svg width="10" height="10" focusable="false">
            <path className={styles.incident} d="M 1 9 L 9 9 L 5 1 Z" />
          </svg>
          Incident
        </span>
        <span className={styles.key}>
          <svg width="10" height="10" focusable="false">
            <circle className={styles.breach} cx="5" cy="5" r="4" />
          </svg>
          Breach
        </span>
      </div>
      <div>
        <Button
          appearance="secondary"
          size="small"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((v) => !v)}
        >
          {showTable ? "Hide the figures" : "Show the figures"}
        </Button>
      </div>
      {/* The wrapper is what is hidden: a table ignores the 1 px width of the visually-hidden pattern. */}
      <div id={tableId} className={showTable ? styles.tableBox : hidden.hidden}>
        <table className={styles.table} data-testid="contact-table">
          <caption className={hidden.hidden}>Contacts, incidents and breaches per week (weeks begin on Monday)</caption>
          <thead>
            <tr>
              <th scope="col">Week beginning</th>
              <th scope="col">Contacts</th>
              <th scope="col">Incidents</th>
              <th scope="col">Breaches</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{formatCalendarDate(w.weekStart)}</th>
                <td>{w.contacts}</td>
                <td>{w.incidents}</td>
                <td>{w.breaches}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
