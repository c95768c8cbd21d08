/**
 * The narrow pane's "Latest" (issue 14 item 8): the last three history entries just under the
 * verdict, with a button to the full history further down. Routine contacts are left out as in
 * the history itself, so the three are the latest decisions and incidents.
 */
import { Caption1, Link, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { PersonState } from "../../domain";
import { formatDateTime } from "../format";
import { useRecord } from "../services";
import { useSectionStyles } from "../styles";
import { eventLookup, historyLines, isNotRoutine } from "./HistoryTimeline";

const LATEST = 3;

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  item: {
    display: "flex",
    flexDirection: "column",
    padding: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `3px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { fontWeight: tokens.fontWeightSemibold },
});

export interface LatestHistoryProps {
  readonly person: PersonState;
}

export function LatestHistory({ person }: LatestHistoryProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const { index } = useRecord();
  const lookup = useMemo(() => eventLookup(index, person.personId), [index, person.personId]);
  const lines = useMemo(() => historyLines(person, lookup).filter(isNotRoutine), [person, lookup]);
  const toHistory = () => {
    const heading = document.getElementById("csm-history-heading");
    heading?.scrollIntoView({ block: "start" });
    heading?.focus();
  };
  return (
    <section aria-labelledby="csm-latest-heading" className={section.section} data-testid="latest">
      <h2 id="csm-latest-heading" className={section.heading}>
        Latest
      </h2>
      {lines.length === 0 ? (
        <Text className={section.muted}>Nothing recorded yet.</Text>
      ) : (
        <ol className={styles.list}>
          {lines.slice(0, LATEST).map((l) => (
            <li key={l.id} className={styles.item} data-kind={l.kind}>
              <Caption1>
                <time dateTime={l.at}>{formatDateTime(l.at)}</time>
              </Caption1>
              <Text className={mergeClasses(styles.title, section.wrap)}>{l.title}</Text>
            </li>
          ))}
        </ol>
      )}
      {lines.length > 0 && (
        <div>
          <Link as="button" onClick={toHistory}>
            Full history ({lines.length} {lines.length === 1 ? "entry" : "entries"})
          </Link>
        </div>
      )}
    </section>
  );
}
