/**
 * The person's history, newest first: incidents, warnings, strategies, breaches, reviews,
 * adjustments, contacts. Retracted entries are absent (the fold leaves them out, record-format §7).
 * Routine contacts (ContactLogged) are left out until asked for, so the decisions stand out; the
 * chart shows their volume.
 */
import { Button, Caption1, makeStyles, mergeClasses, Switch, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { PersonState, RecordEvent, RecordIndex } from "../../domain";
import { formatDateTime } from "../format";
import { useSectionStyles } from "../styles";
import { describeEvent, type HistoryKind } from "./describe-event";

const PAGE = 15;

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    padding: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderLeft: `3px solid ${tokens.colorNeutralStroke2}`,
  },
  incident: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  breach: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  strategy: { borderLeftColor: tokens.colorBrandStroke1 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  title: { fontWeight: tokens.fontWeightSemibold },
  controls: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
});

export interface HistoryTimelineProps {
  readonly person: PersonState;
  /** Finds an entry by id, so a withdrawal can name what it withdrew (see `eventLookup`); without it, worded generally. */
  readonly lookup?: (eventId: string) => RecordEvent | undefined;
}

/** A lookup over the person's events as logged, withdrawn ones included (the history leaves those out). */
export function eventLookup(index: RecordIndex, personId: string): (eventId: string) => RecordEvent | undefined {
  const byId = new Map(index.eventsOf(personId).map((l) => [l.event.id, l.event] as const));
  return (id) => byId.get(id);
}

export function HistoryTimeline({ person, lookup }: HistoryTimelineProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const [showContacts, setShowContacts] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const lines = useMemo(
    () =>
      [...person.history].reverse().map((logged) => ({
        id: logged.event.id,
        at: logged.event.at,
        by: logged.event.by,
        ...describeEvent(logged.event, lookup),
        // A contact with a call note (what was said) is not routine: it is shown without the switch.
        noted:
          logged.event.type === "ContactLogged" &&
          typeof logged.event.data.note === "string" &&
          logged.event.data.note.trim() !== "",
      })),
    [person, lookup],
  );
  const shown = showContacts ? lines : lines.filter((l) => l.kind !== "contact" || l.noted);
  const accent = (kind: HistoryKind): string =>
    kind === "incident"
      ? styles.incident
      : kind === "breach"
        ? styles.breach
        : kind === "warning"
          ? styles.warning
          : kind === "strategy" || kind === "review"
            ? styles.strategy
            : "";
  return (
    <section aria-labelledby="csm-history-heading" className={section.section} data-testid="history">
      <h2 id="csm-history-heading" className={section.heading}>
        History
      </h2>
      <div className={styles.controls}>
        <Switch
          checked={showContacts}
          onChange={(_, d) => setShowContacts(d.checked)}
          label="Include routine contacts"
        />
        <Caption1>
          {shown.length} {shown.length === 1 ? "entry" : "entries"}, newest first
        </Caption1>
      </div>
      <ol className={styles.list}>
        {shown.slice(0, limit).map((l) => (
          <li
            key={l.id}
            className={mergeClasses(styles.item, accent(l.kind))}
            data-kind={l.kind}
            data-policy={l.policyRef}
          >
            <Caption1>
              <time dateTime={l.at}>{formatDateTime(l.at)}</time> · {l.by}
            </Caption1>
            {/* Policy paragraphs are in the steps' headings and help, not on every line (issue 14 item 7). */}
            <Text className={mergeClasses(styles.title, section.wrap)}>{l.title}</Text>
            {l.detail ? <Text className={section.wrap}>{l.detail}</Text> : null}
          </li>
        ))}
      </ol>
      {shown.length > PAGE && (
        <div>
          {/* One button that toggles, so keyboard focus stays on it. */}
          <Button appearance="secondary" onClick={() => setLimit(limit > PAGE ? PAGE : shown.length)}>
            {limit > PAGE ? `Show the latest ${PAGE} only` : `Show all ${shown.length} entries`}
          </Button>
        </div>
      )}
    </section>
  );
}
