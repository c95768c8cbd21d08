/**
 * This message's verdict (record-format §5–§7, policy 9.9–9.11): each breach as an error
 * MessageBar naming the restriction and the policy paragraph, notes as information, otherwise a
 * plain "no breach". The domain supplies the words; this only lays them out.
 */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import { RESTRICTION_LABELS, type Verdict } from "../domain";
import { strategyName } from "./format";
import { useSectionStyles } from "./styles";

const useStyles = makeStyles({
  bars: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  bar: { alignItems: "flex-start" },
  body: { whiteSpace: "normal", overflowWrap: "anywhere" },
});

export interface VerdictBarProps {
  readonly verdict: Verdict;
  /** True when the sender has at least one active strategy (so "no breach" is worth saying). */
  readonly restricted: boolean;
  /** The sender's strategies, so a breach names its strategy rather than its id (issue 14 item 7). */
  readonly strategies?: ReadonlyMap<string, { readonly matterRef: string; readonly imposedAtMs: number }>;
}

export function VerdictBar({ verdict, restricted, strategies }: VerdictBarProps) {
  const named = (id: string): string => {
    const s = strategies?.get(id);
    return s ? strategyName(s) : "the contact strategy";
  };
  const styles = useStyles();
  const section = useSectionStyles();
  return (
    <section aria-labelledby="csm-verdict-heading" className={section.section} data-testid="verdict">
      <h2 id="csm-verdict-heading" className={section.heading}>
        This message
      </h2>
      <div className={styles.bars}>
        {verdict.breaches.map((b) => (
          <MessageBar
            key={`${b.strategyId}:${b.restriction}`}
            intent="error"
            layout="multiline"
            className={styles.bar}
            data-restriction={b.restriction}
          >
            <MessageBarBody className={styles.body}>
              <MessageBarTitle>Breach: {RESTRICTION_LABELS[b.restriction].toLowerCase()}</MessageBarTitle> {b.reason} (
              {named(b.strategyId)}; policy {b.policyRef}.)
            </MessageBarBody>
          </MessageBar>
        ))}
        {/* "Another matter" only matters when a strategy is in force (9.8); otherwise everything is handled normally anyway. */}
        {verdict.notes
          .filter((n) => restricted || n.code !== "other-matter")
          .map((n) => (
            <MessageBar
              key={n.code}
              intent={n.code === "ambiguous-sender" ? "warning" : "info"}
              layout="multiline"
              className={styles.bar}
            >
              <MessageBarBody className={styles.body}>
                <MessageBarTitle>
                  {n.code === "ambiguous-sender" ? "More than one person uses this address" : "Another matter"}
                </MessageBarTitle>{" "}
                {n.message}
              </MessageBarBody>
            </MessageBar>
          ))}
        {verdict.breaches.length === 0 && (
          <MessageBar intent={restricted ? "success" : "info"} layout="multiline" className={styles.bar}>
            <MessageBarBody className={styles.body}>
              {restricted
                ? "This message does not breach the contact strategy. Log it or mark it reviewed under Actions."
                : "No contact strategy applies to this sender. Handle the message as usual."}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
