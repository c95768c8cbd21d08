/**
 * What a step shows once it is on the record: a confirmation that takes focus (so a screen reader
 * announces it and keyboard users continue from there), what to do next, and any letter to draft.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, type ReactNode } from "react";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  body: { whiteSpace: "normal", overflowWrap: "anywhere" },
});

export interface RecordedProps {
  readonly title: string;
  readonly children?: ReactNode;
  /** Letter buttons and the like. */
  readonly actions?: ReactNode;
  readonly intent?: "success" | "warning" | "error";
  /** Offer to record another (an incident, a call …). */
  readonly onAgain?: () => void;
  readonly againLabel?: string;
}

export function Recorded({ title, children, actions, intent = "success", onAgain, againLabel }: RecordedProps) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className={styles.root} data-testid="recorded">
      <MessageBar ref={ref} tabIndex={-1} intent={intent} layout="multiline">
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>{title}</MessageBarTitle> {children}
        </MessageBarBody>
        {onAgain && (
          <MessageBarActions>
            <Button onClick={onAgain}>{againLabel ?? "Record another"}</Button>
          </MessageBarActions>
        )}
      </MessageBar>
      {actions}
    </div>
  );
}
