/**
 * The preview's record tools: import a JSONL file (added to the record only if every line
 * passes the checks of record-format §8), import an existing register from CSV or Excel
 * (src/ui/register-import), export the record, and put the sample data back.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState, type ChangeEvent } from "react";
import type { ImportResult } from "../../app/record-transfer";
import type { LineError } from "../../domain";
import { RegisterImportButton, type RegisterImportProps } from "../../ui/register-import";
import { plural } from "../../ui/format";
import { describeLineError } from "./line-errors";

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const SHOWN_ERRORS = 20;

const useStyles = makeStyles({
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  file: { display: "none" },
  errors: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

export interface RecordToolbarProps {
  readonly onImport: (text: string) => Promise<ImportResult>;
  readonly onExport: () => Promise<string>;
  readonly onReset: () => Promise<void>;
  /** Importing an existing register from CSV or Excel (issue 13 item 1); absent, no button. */
  readonly registerImport?: RegisterImportProps;
}

type Outcome =
  { kind: "ok"; text: string } | { kind: "error"; title: string; errors: readonly (LineError | string)[] } | null;

export function RecordToolbar({ onImport, onExport, onReset, registerImport }: RecordToolbarProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    try {
      setOutcome(await work());
    } catch (err) {
      setOutcome({
        kind: "error",
        title: "That did not work",
        errors: [err instanceof Error ? err.message : String(err)],
      });
    } finally {
      setBusy(false);
    }
  };

  const onFile = (ev: ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    ev.target.value = "";
    if (!file) return;
    void run(async () => {
      if (file.size > MAX_FILE_BYTES)
        return { kind: "error", title: `${file.name} was not imported`, errors: ["The file is larger than 50 MB."] };
      const result = await onImport(await file.text());
      if (result.ok)
        return {
          kind: "ok",
          text: `${file.name}: ${plural(result.added, "event")} added${result.alreadyThere ? `, ${result.alreadyThere} already in the record` : ""}.`,
        };
      return {
        kind: "error",
        title: `${file.name} was not imported: nothing in the record has changed`,
        errors: result.errors,
      };
    });
  };

  const exportRecord = () =>
    run(async () => {
      const text = await onExport();
      const url = URL.createObjectURL(new Blob([text], { type: "application/x-ndjson" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `record-${new Date().toISOString().slice(0, 10)}.jsonl`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { kind: "ok", text: `The record was exported (${text ? text.trimEnd().split("\n").length : 0} events).` };
    });

  return (
    <div>
      <div className={styles.bar} role="toolbar" aria-label="Record">
        <Button disabled={busy} onClick={() => input.current?.click()}>
          Import record (JSONL)…
        </Button>
        <input
          ref={input}
          className={styles.file}
          type="file"
          accept=".jsonl,.ndjson,.json,.txt"
          onChange={onFile}
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-file"
        />
        {registerImport && <RegisterImportButton {...registerImport} disabled={busy} />}
        <Button disabled={busy} onClick={() => void exportRecord()}>
          Export record
        </Button>
        <Dialog>
          <DialogTrigger disableButtonEnhancement>
            <Button disabled={busy}>Reset sample data</Button>
          </DialogTrigger>
          <DialogSurface data-testid="reset-dialog">
            <DialogBody>
              <DialogTitle>Reset the sample data?</DialogTitle>
              <DialogContent>
                The sample record and mailbox come back as they were. Everything recorded in this preview is lost;
                export the record first if you want to keep it.
              </DialogContent>
              <DialogActions>
                {/* Cancel first, so it takes the focus when the dialog opens, not the destructive button (issue 14 item 11). */}
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary">Cancel</Button>
                </DialogTrigger>
                <DialogTrigger disableButtonEnhancement>
                  <Button
                    appearance="secondary"
                    onClick={() =>
                      void run(async () => {
                        await onReset();
                        return { kind: "ok", text: "The sample data is back." };
                      })
                    }
                  >
                    Reset
                  </Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </div>
      <div aria-live="polite">
        {outcome?.kind === "ok" && (
          <MessageBar intent="success">
            <MessageBarBody>{outcome.text}</MessageBarBody>
          </MessageBar>
        )}
        {outcome?.kind === "error" && (
          <MessageBar intent="error" layout="multiline" data-testid="import-error">
            <MessageBarBody>
              <MessageBarTitle>{outcome.title}</MessageBarTitle>
              <ul className={styles.errors}>
                {outcome.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                  <li key={i}>{typeof e === "string" ? e : describeLineError(e)}</li>
                ))}
                {outcome.errors.length > SHOWN_ERRORS && <li>…and {outcome.errors.length - SHOWN_ERRORS} more.</li>}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </div>
  );
}
