/**
 * Drafted letters, as Outlook would open them (displayReplyForm / displayNewMessageForm). The
 * body is shown in a sandboxed frame: drafts are HTML, and nothing in them can run.
 */
import { Button, Caption1, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useRef, useSyncExternalStore } from "react";
import type { MailboxHost } from "./mailbox-host";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  draft: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  frame: {
    width: "100%",
    minHeight: "240px",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: "white",
  },
  wrap: { overflowWrap: "anywhere" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

export interface ComposePanelProps {
  readonly host: MailboxHost;
}

export function ComposePanel({ host }: ComposePanelProps) {
  const styles = useStyles();
  const drafts = useSyncExternalStore(host.onDraftsChanged, host.drafts, host.drafts);
  const box = useRef<HTMLDivElement>(null);
  // Focus stays in the panel when a draft (and the button pressed) goes away.
  const discard = (id: number) => {
    host.discardDraft(id);
    box.current?.focus();
  };
  return (
    <div ref={box} tabIndex={-1} aria-label="Drafts">
      {drafts.length === 0 ? (
        <Text>Letters you draft from the taskpane open here, as they would in an Outlook reply or new message.</Text>
      ) : (
        <ul className={styles.list} data-testid="drafts">
          {drafts.map((d) => (
            <li key={d.id} className={styles.draft} data-draft-kind={d.kind}>
              <h3 className={mergeClasses(styles.heading, styles.wrap)}>{d.subject || "(no subject)"}</h3>
              <Caption1 className={styles.wrap}>
                {d.kind === "reply" ? "Reply" : "New message"} to {d.to.join(", ") || "(no recipients)"}
              </Caption1>
              <iframe
                className={styles.frame}
                title={`Draft: ${d.subject || "no subject"}`}
                sandbox=""
                srcDoc={d.htmlBody}
              />
              <div>
                <Button appearance="secondary" onClick={() => discard(d.id)}>
                  Discard draft
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
