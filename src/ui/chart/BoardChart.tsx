/**
 * The board report's chart: contact strategies by restriction (9.9), imposed in the quarter and in
 * force at its end, as horizontal SVG bars. As in ContactChart, the SVG is hidden from assistive
 * technology: a summary sentence says what it shows, and the report's tables beside it carry every
 * figure as text (the chart's text alternative). Pairs of bars differ by pattern as well as colour.
 */
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { KindCount } from "../../app/reports";
import { plural } from "../format";

const useStyles = makeStyles({
  svg: { width: "100%", maxWidth: "560px", height: "auto", display: "block" },
  imposed: { fill: tokens.colorBrandBackground },
  inForce: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorNeutralForeground1, strokeWidth: 1 },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "10px" },
  count: { fill: tokens.colorNeutralForeground2, fontSize: "9px" },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
  key: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

export interface BoardChartProps {
  readonly byKind: readonly KindCount[];
  /** "31 December 2026": when "in force" is counted. */
  readonly asAt: string;
}

const W = 520;
const LABEL_W = 210;
const ROW = 26;
const BAR = 9;

export function summariseKinds(byKind: readonly KindCount[], asAt: string): string {
  const used = byKind.filter((k) => k.imposed > 0 || k.inForce > 0);
  if (used.length === 0) return "No contact strategy was imposed or in force in this quarter.";
  const top = [...used].sort((a, b) => b.inForce - a.inForce || b.imposed - a.imposed)[0] as KindCount;
  return `${plural(used.length, "kind")} of restriction in use; the most common in force on ${asAt} was “${top.label}” (${plural(top.inForce, "strategy", "strategies")}). Every figure is in the tables below.`;
}

export function BoardChart({ byKind, asAt }: BoardChartProps) {
  const styles = useStyles();
  const max = Math.max(1, ...byKind.map((k) => Math.max(k.imposed, k.inForce)));
  const H = byKind.length * ROW + 4;
  const scale = (n: number) => (n / max) * (W - LABEL_W - 30);
  return (
    <div data-testid="board-chart">
      <Text as="p">{summariseKinds(byKind, asAt)}</Text>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false" role="presentation">
        {byKind.map((k, i) => {
          const y = i * ROW + 4;
          return (
            <g key={k.kind}>
              <text className={styles.label} x={0} y={y + BAR + 3}>
                {k.label}
              </text>
              <rect className={styles.imposed} x={LABEL_W} y={y} width={Math.max(1, scale(k.imposed))} height={BAR} />
              <text className={styles.count} x={LABEL_W + scale(k.imposed) + 4} y={y + BAR - 1}>
                {k.imposed}
              </text>
              <rect
                className={styles.inForce}
                x={LABEL_W}
                y={y + BAR + 2}
                width={Math.max(1, scale(k.inForce))}
                height={BAR}
              />
              <text className={styles.count} x={LABEL_W + scale(k.inForce) + 4} y={y + 2 * BAR + 1}>
                {k.inForce}
              </text>
            </g>
          );
        })}
      </svg>
      <div className={styles.legend} aria-hidden="true">
        <span className={styles.key}>
          <svg width="12" height="10" focusable="false">
            <rect className={styles.imposed} width="12" height="10" />
          </svg>
          Imposed in the quarter
        </span>
        <span className={styles.key}>
          <svg width="12" height="10" focusable="false">
            <rect className={styles.inForce} x="0.5" y="0.5" width="11" height="9" />
          </svg>
          In force on {asAt}
        </span>
      </div>
    </div>
  );
}
