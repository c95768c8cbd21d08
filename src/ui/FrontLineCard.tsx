/**
 * The front-line card (issue 12 Deliver 5): for staff without a case role (app/roles.ts
 * CASE_ROLES), the restrictions as instructions, what to do with this message, the adjustments
 * to honour, and "Ask a caseworker for more". It lays out app/need-to-know.ts's projection, which
 * holds no incident, warning, breach, review or sharing detail and no adjustment's detail (9.15, 8.2).
 */
import {
  Badge,
  Card,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { FrontLineView } from "../app/need-to-know";
import { useSectionStyles } from "./styles";

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  top: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  name: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  badge: { maxWidth: "100%", whiteSpace: "normal", height: "auto", minHeight: "20px" },
  bar: { alignItems: "flex-start" },
});

export interface FrontLineCardProps {
  readonly view: FrontLineView;
  /** The level of the name's heading (2 in the taskpane, 3 inside the Teams tab's person page). */
  readonly level?: 2 | 3;
}

export function FrontLineCard({ view, level = 2 }: FrontLineCardProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const H = level === 2 ? "h2" : "h3";
  const Sub = level === 2 ? "h3" : "h4";
  const m = view.message;
  return (
    <Card className={styles.card} data-testid="front-line" role="region" aria-labelledby="csm-front-line-name">
      <div className={styles.top}>
        <H id="csm-front-line-name" className={mergeClasses(styles.name, section.wrap)}>
          {view.name}
        </H>
        {view.restricted && (
          <Badge className={styles.badge} appearance="filled" color="danger">
            Contact strategy in force
          </Badge>
        )}
      </div>

      {m && (
        <section aria-labelledby="csm-front-line-message" className={section.section} data-testid="front-line-message">
          <Sub id="csm-front-line-message" className={section.subheading}>
            What to do with this message
          </Sub>
          {m.breaches ? (
            <MessageBar intent="error" layout="multiline" className={styles.bar}>
              <MessageBarBody className={section.wrap}>
                <MessageBarTitle>It goes against the contact strategy</MessageBarTitle>{" "}
                {m.breached.map((b) => b.toLowerCase()).join("; ")}.
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <ul className={section.list}>
            {m.steps.map((step) => (
              <li key={step}>
                <Text>{step}</Text>
              </li>
            ))}
          </ul>
        </section>
      )}

      {view.strategies.length > 0 && (
        <section aria-labelledby="csm-front-line-restrictions" className={section.section}>
          <Sub id="csm-front-line-restrictions" className={section.subheading}>
            How to deal with them
          </Sub>
          {view.strategies.map((s) => (
            <div key={s.matterRef} data-matter={s.matterRef}>
              <Text className={section.muted}>For {s.matterRef} (other matters are handled as usual, 9.8):</Text>
              <ul className={section.list} data-testid="front-line-restrictions">
                {s.restrictions.map((r, i) => (
                  <li key={i} data-restriction={r.kind}>
                    <Text>{r.instruction}</Text>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}

      <section aria-labelledby="csm-front-line-adjustments" className={section.section}>
        <Sub id="csm-front-line-adjustments" className={section.subheading}>
          Adjustments to honour
        </Sub>
        {view.adjustments.length === 0 ? (
          <Text className={section.muted}>None recorded.</Text>
        ) : (
          <ul className={section.list} data-testid="front-line-adjustments">
            {view.adjustments.map((a) => (
              <li key={a.kind} data-adjustment={a.kind}>
                <Text>
                  <strong>{a.label}:</strong> {a.instruction}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Text data-testid="ask-caseworker">
        <strong>Ask a caseworker for more.</strong> You see what you need to deal with them; the rest of the record is
        for the staff who handle their case (policy 9.15).
      </Text>
    </Card>
  );
}
