/**
 * The admin setup screen for the shared record: checks the SharePoint lists and says exactly what
 * is missing; "Create or repair the lists" makes them (the site grant needs the manage role for
 * this, docs/permissions.md §1).
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { SetupCheck } from "../../app/m365-session";

export interface SharedRecordSetupProps {
  readonly check: () => Promise<SetupCheck>;
  readonly setUp: () => Promise<SetupCheck>;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "36rem" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

type State =
  | { readonly kind: "working"; readonly what: string }
  | { readonly kind: "done"; readonly result: SetupCheck }
  | { readonly kind: "failed" };

export function SharedRecordSetup({ check, setUp }: SharedRecordSetupProps) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: "working", what: "Checking the shared record…" });

  const run = useCallback(async (what: string, work: () => Promise<SetupCheck>) => {
    setState({ kind: "working", what });
    try {
      setState({ kind: "done", result: await work() });
    } catch {
      setState({ kind: "failed" });
    }
  }, []);

  useEffect(() => {
    void run("Checking the shared record…", check);
  }, [check, run]);

  return (
    <section className={styles.root} aria-labelledby="shared-record-heading">
      <h2 id="shared-record-heading" className={styles.heading}>
        Shared record (SharePoint)
      </h2>
      {state.kind === "working" && <Spinner size="tiny" label={state.what} />}
      {state.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>
            Microsoft 365 could not be reached, or this account may not change the site. Try again in a moment.
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === "done" && state.result.ok && (
        <MessageBar intent="success">
          <MessageBarBody>
            The shared record is set up: both lists exist with every column the add-in needs.
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === "done" && !state.result.ok && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The shared record is not ready</MessageBarTitle>
            <ul className={styles.list}>
              {state.result.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={state.kind === "working"}
          onClick={() => void run("Creating the lists…", setUp)}
        >
          Create or repair the lists
        </Button>
        <Button disabled={state.kind === "working"} onClick={() => void run("Checking the shared record…", check)}>
          Check again
        </Button>
      </div>
    </section>
  );
}
