/** Who sent this: name, stage, addresses, reasonable adjustments (policy 8). */
import { Badge, Card, makeStyles, mergeClasses, Text, tokens, type BadgeProps } from "@fluentui/react-components";
import { ADJUSTMENT_LABELS, STAGE_LABELS, type PersonState, type Stage } from "../domain";
import { useSectionStyles } from "./styles";

const STAGE_COLOURS: Record<Stage, BadgeProps["color"]> = {
  none: "informative",
  concern: "warning",
  warned: "severe",
  restricted: "danger",
  "further-action": "danger",
};

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM },
  top: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  name: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  badge: { maxWidth: "100%", whiteSpace: "normal", height: "auto", minHeight: "20px" },
});

export interface SenderCardProps {
  readonly person: PersonState;
  readonly stage: Stage;
}

export function SenderCard({ person, stage }: SenderCardProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const identifiers = [...person.emails, ...person.phones];
  return (
    <Card className={styles.card} data-testid="sender-card" aria-labelledby="csm-sender-name" role="region">
      <div className={styles.top}>
        <h2 id="csm-sender-name" className={mergeClasses(styles.name, section.wrap)}>
          {person.name}
        </h2>
        <Badge className={styles.badge} appearance="filled" color={STAGE_COLOURS[stage]} data-testid="stage-badge">
          {STAGE_LABELS[stage]}
        </Badge>
      </div>
      {/* The person's id stays out of what staff read (issue 14 item 7); automation finds it in data-person. */}
      <Text size={200} className={mergeClasses(section.muted, section.wrap)} data-person={person.personId}>
        {[...identifiers, ...(person.caseRefs.length ? [`matters ${person.caseRefs.join(", ")}`] : [])].join(" · ")}
      </Text>
      <div>
        <h3 className={section.subheading}>Reasonable adjustments</h3>
        {person.adjustments.length === 0 ? (
          <Text size={200} className={section.muted}>
            None recorded.{person.assistanceOffered === null ? " Assistance has not been offered yet (8.1)." : ""}
          </Text>
        ) : (
          <ul className={section.list} data-testid="adjustments">
            {person.adjustments.map((a) => (
              <li key={a.kind + (a.detail ?? "")}>
                <Text size={300}>
                  {ADJUSTMENT_LABELS[a.kind]}
                  {a.detail ? `: ${a.detail}` : ""}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
