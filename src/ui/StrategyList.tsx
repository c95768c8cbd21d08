/**
 * Active contact strategies in plain English, with review due or overdue (9.12), and breaches
 * still awaiting a reminder or the line manager (9.11, 4.5).
 */
import { Badge, makeStyles, Text, tokens } from "@fluentui/react-components";
import { describeRestriction, isOverdue, RESTRICTION_LABELS, type PersonState } from "../domain";
import { formatCalendarDate, formatDateTime, strategyName } from "./format";
import { useSectionStyles } from "./styles";

const useStyles = makeStyles({
  strategy: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  plain: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
});

export interface StrategyListProps {
  readonly person: PersonState;
  readonly nowMs: number;
}

export function StrategyList({ person, nowMs }: StrategyListProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const active = [...person.strategies.values()].filter((s) => s.active);
  const open = [...person.breaches.values()].filter((b) => !b.reminderSent || !b.acknowledged);
  return (
    <section aria-labelledby="csm-strategies-heading" className={section.section} data-testid="strategies">
      <h2 id="csm-strategies-heading" className={section.heading}>
        Contact strategies (reviewed at least every three months, 9.12)
      </h2>
      {active.length === 0 ? (
        <Text className={section.muted}>No contact strategy is in force.</Text>
      ) : (
        <ul className={styles.plain}>
          {active.map((s) => {
            const overdue = isOverdue(s, nowMs);
            return (
              <li key={s.strategyId} className={styles.strategy} data-strategy={s.strategyId}>
                <div className={styles.row}>
                  <h3 className={section.subheading}>{strategyName(s)}</h3>
                  {overdue ? (
                    <Badge color="danger" appearance="filled">
                      Review overdue
                    </Badge>
                  ) : (
                    <Badge color="informative" appearance="tint">
                      Review due
                    </Badge>
                  )}
                </div>
                <Text>
                  {overdue ? "Review was due by " : "Review due by "}
                  <strong>{formatCalendarDate(s.reviewDue)}</strong>.
                </Text>
                <ul className={section.list}>
                  {s.restrictions.map((r, i) => (
                    <li key={i}>
                      <Text>
                        <strong>{RESTRICTION_LABELS[r.kind]}:</strong> {describeRestriction(r)}.
                      </Text>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
      {open.length > 0 && (
        <div>
          <h3 className={section.subheading}>Breaches awaiting action (9.11, 4.5)</h3>
          <ul className={section.list} data-testid="open-breaches">
            {open.map((b) => (
              <li key={b.breachId}>
                <Text>
                  {RESTRICTION_LABELS[b.restriction]}, {formatDateTime(b.event.at)}:{" "}
                  {[!b.reminderSent && "reminder not yet sent", !b.acknowledged && "not yet seen by the line manager"]
                    .filter(Boolean)
                    .join("; ")}
                  .
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
