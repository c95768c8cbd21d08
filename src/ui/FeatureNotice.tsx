/** Tells staff plainly which features this Outlook cannot offer (requirement-set detection). */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import type { MailFeatures } from "../app/mail-host";

export interface FeatureNoticeProps {
  readonly features: MailFeatures;
}

const useStyles = makeStyles({ list: { margin: 0, paddingLeft: tokens.spacingHorizontalL } });

export function FeatureNotice({ features }: FeatureNoticeProps) {
  const styles = useStyles();
  if (features.missing.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="feature-notice">
      <MessageBarBody>
        <MessageBarTitle>This version of Outlook cannot do everything</MessageBarTitle>
        <ul className={styles.list}>
          {features.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
