/** Which message the pane is about, always at the top (issue 3: never stale data for another message). */
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { MailMessage } from "../app/mail-host";
import { formatDateTime } from "./format";
import { useSectionStyles } from "./styles";

const useStyles = makeStyles({
  box: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  subject: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

export interface MessageHeaderProps {
  readonly message: MailMessage;
}

export function MessageHeader({ message }: MessageHeaderProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  return (
    <section aria-labelledby="csm-message-heading" className={styles.box} data-testid="message-header">
      <h2 id="csm-message-heading" className={section.subheading}>
        About this message
      </h2>
      <p className={mergeClasses(styles.subject, section.wrap)} data-testid="message-subject">
        {message.subject || "(no subject)"}
      </p>
      <Caption1 className={section.wrap}>
        From {message.from.name ? `${message.from.name} <${message.from.address}>` : message.from.address}
        {" · "}
        <time dateTime={message.receivedAt}>{formatDateTime(message.receivedAt)}</time>
        {message.matterRef ? ` · ${message.matterRef}` : ""}
      </Caption1>
    </section>
  );
}
