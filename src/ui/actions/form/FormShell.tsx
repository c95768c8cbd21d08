/**
 * A step's form: its fields, the problems no field shows (for example "no warning has been
 * issued", 9.3), and the submit button. Submitting with Enter or the button runs the step.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ActionForm } from "./useActionForm";

/** What the shell needs of a form (any draft type). */
export type FormStatus = Pick<ActionForm<unknown>, "problems" | "failure" | "busy" | "formRef">;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  body: { whiteSpace: "normal", overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface FormShellProps {
  readonly form: FormStatus;
  /** The field paths this form shows: problems about other fields are listed above the button. */
  readonly fields: readonly string[];
  readonly submitLabel: string;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
  /** More buttons beside submit (Back, Cancel …). */
  readonly extraButtons?: ReactNode;
  /** Accessible name of the form (the step's title). */
  readonly label: string;
  /** Hide the submit button (a wizard page that is not the last). */
  readonly hideSubmit?: boolean;
}

export function FormShell({
  form,
  fields,
  submitLabel,
  onSubmit,
  children,
  extraButtons,
  label,
  hideSubmit,
}: FormShellProps) {
  const styles = useStyles();
  const unclaimed = form.problems.unclaimed(fields);
  return (
    <form
      ref={form.formRef}
      className={styles.form}
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!form.busy) onSubmit();
      }}
    >
      {children}
      {(unclaimed.length > 0 || form.failure) && (
        <MessageBar intent="error" layout="multiline" data-error-summary tabIndex={-1}>
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>Not recorded yet</MessageBarTitle>
            {form.failure ?? (unclaimed.length === 1 ? ` ${unclaimed[0]}` : null)}
            {!form.failure && unclaimed.length > 1 && (
              <ul className={styles.list}>
                {unclaimed.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        {extraButtons}
        {!hideSubmit && (
          <Button type="submit" appearance="primary">
            {form.busy ? "Saving…" : submitLabel}
          </Button>
        )}
      </div>
    </form>
  );
}
