/**
 * Setup step: make the record append-only in SharePoint (issue 12 Deliver 3). The administrator
 * names the casework staff's SharePoint group; "Make the record append-only" gives the record's
 * list its own permissions with staff on "add and read" only; "Check" reads the list's role
 * assignments and says whether staff can edit or delete (app/append-only.ts).
 */
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import type { AppendOnlyCheck } from "../../app/append-only";

export interface AppendOnlySetupProps {
  readonly defaultGroup: string;
  readonly check: (staffGroup: string) => Promise<AppendOnlyCheck>;
  readonly make: (staffGroup: string) => Promise<AppendOnlyCheck>;
}

type State =
  | { readonly kind: "idle" }
  | { readonly kind: "working"; readonly what: string }
  | { readonly kind: "done"; readonly result: AppendOnlyCheck }
  | { readonly kind: "failed"; readonly message: string };

export function AppendOnlySetup({ defaultGroup, check, make }: AppendOnlySetupProps) {
  const [group, setGroup] = useState(defaultGroup);
  const [state, setState] = useState<State>({ kind: "idle" });
  const [groupError, setGroupError] = useState<string | null>(null);

  const run = async (what: string, work: (g: string) => Promise<AppendOnlyCheck>) => {
    const g = group.trim();
    if (g === "") {
      setGroupError("Enter the SharePoint group the casework staff are in, for example “Casework Members”.");
      return;
    }
    setGroupError(null);
    setState({ kind: "working", what });
    try {
      setState({ kind: "done", result: await work(g) });
    } catch (e) {
      setState({
        kind: "failed",
        message:
          (e as { status?: number }).status === 403
            ? "SharePoint refused: only a site owner (or a SharePoint administrator) can change the list's permissions."
            : "SharePoint could not be reached, or this account may not change the site's permissions. Try again in a moment.",
      });
    }
  };

  return (
    <section aria-labelledby="append-only-heading" data-testid="append-only-setup">
      <h2 id="append-only-heading">Append-only record (SharePoint permissions)</h2>
      <p>
        Staff may add to the record and read it, never edit or delete what is there. This gives the record&apos;s list
        its own permissions, with the staff group on &ldquo;Contact strategy: add and read&rdquo;.
      </p>
      <Field
        label="SharePoint group of the casework staff"
        validationState={groupError ? "error" : "none"}
        validationMessage={groupError ?? undefined}
      >
        <Input value={group} onChange={(_e, d) => setGroup(d.value)} />
      </Field>
      {state.kind === "working" && <Spinner size="tiny" label={state.what} />}
      {state.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === "done" && (
        <MessageBar
          intent={state.result.ok ? "success" : "warning"}
          layout="multiline"
          data-testid="append-only-result"
        >
          <MessageBarBody>
            <MessageBarTitle>
              {state.result.ok ? "The record is append-only" : "Staff can still change the record"}
            </MessageBarTitle>
            <ul>
              {state.result.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button
          appearance="primary"
          disabled={state.kind === "working"}
          onClick={() => void run("Setting the list's permissions…", make)}
        >
          Make the record append-only
        </Button>{" "}
        <Button disabled={state.kind === "working"} onClick={() => void run("Reading the list's permissions…", check)}>
          Check the permissions
        </Button>
      </div>
    </section>
  );
}
