/**
 * Importing an existing register (issue 13 item 1): choose a CSV or Excel file → say what each
 * column holds (guessed from the headers) → the dry run (what will be created, and every row that
 * cannot be taken with the reason) → Import, all or nothing (RecordService.importEvents) → the
 * result. Only an administrator may import (roles.ts MAY_IMPORT); anyone else is told who can.
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
  Field,
  Label,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useState, type ChangeEvent } from "react";
import type { RecordService } from "../../app/record-service";
import {
  dryRunImport,
  guessMapping,
  IMPORT_FIELDS,
  mappingProblems,
  parseRegister,
  type ColumnMapping,
  type DryRun,
  type ImportDefaults,
  type ImportField,
  type Sheet,
} from "../../app/register-import";
import { NOTIFY_METHODS, WARNING_METHODS, type NotifyMethod, type WarningMethod } from "../../domain";

export const MAX_REGISTER_BYTES = 10 * 1024 * 1024;

const useStyles = makeStyles({
  columns: {
    display: "grid",
    gridTemplateColumns: "minmax(10rem, 1fr) minmax(12rem, 1.5fr)",
    gap: tokens.spacingVerticalS,
  },
  sample: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    overflowWrap: "anywhere",
    maxHeight: "14rem",
    overflowY: "auto",
  },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalM,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type Step =
  | { kind: "choose"; error: string | null }
  | { kind: "map"; sheet: Sheet; mapping: ColumnMapping; defaults: ImportDefaults; problems: readonly string[] }
  | {
      kind: "review";
      sheet: Sheet;
      mapping: ColumnMapping;
      defaults: ImportDefaults;
      dry: DryRun;
      error: string | null;
    }
  | { kind: "done"; fileName: string; added: number; alreadyThere: number; refused: number };

export interface RegisterImportProps {
  readonly record: Pick<RecordService, "importEvents" | "access" | "index">;
  /** The administrator importing (the events' `by`). */
  readonly by: string;
  readonly now: () => number;
  /** Reads the chosen file (tests may replace it). */
  readonly read?: (file: File) => Promise<Sheet>;
  /** Registers to try the import with, no file of one's own needed (the preview's sample). */
  readonly samples?: readonly RegisterSample[];
}

/** A register the surface ships (the preview: sample/register.xlsx and register.csv). */
export interface RegisterSample {
  /** The button's text, e.g. "Use the sample register (Excel)". */
  readonly label: string;
  /** The file's name, as refusals and `importedFrom` give it ("register.xlsx"). */
  readonly fileName: string;
  readonly load: () => Promise<ArrayBuffer>;
}

async function bytesOf(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsArrayBuffer(file);
  });
}

const defaultRead = async (file: File): Promise<Sheet> => parseRegister(file.name, await bytesOf(file));

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The toolbar button and its dialog. */
export function RegisterImportButton(props: RegisterImportProps & { readonly disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_e, d) => setOpen(d.open)} modalType="modal">
      {/* As the dialog's trigger, the button gets the focus back when the dialog closes. */}
      <DialogTrigger disableButtonEnhancement>
        <Button disabled={props.disabled}>Import register (CSV, Excel)…</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        {open && <RegisterImport {...props} onClose={() => setOpen(false)} />}
      </DialogSurface>
    </Dialog>
  );
}

export function RegisterImport({
  record,
  by,
  now,
  read = defaultRead,
  samples = [],
  onClose,
}: RegisterImportProps & { readonly onClose: () => void }) {
  const styles = useStyles();
  const fileId = useId();
  const [step, setStep] = useState<Step>({ kind: "choose", error: null });
  const [busy, setBusy] = useState(false);

  if (!record.access.mayImport)
    return (
      <DialogBody>
        <DialogTitle>Import a register</DialogTitle>
        <DialogContent>
          <MessageBar intent="warning">
            <MessageBarBody>
              Only an administrator can import a register. Ask your administrator to import it.
            </MessageBarBody>
          </MessageBar>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
        </DialogActions>
      </DialogBody>
    );

  const onFile = (ev: ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_REGISTER_BYTES) {
      setStep({
        kind: "choose",
        error: `${file.name} is larger than 10 MB: split the register and import it in parts.`,
      });
      return;
    }
    readSheet(() => read(file));
  };

  const readSheet = (work: () => Promise<Sheet>) => {
    setBusy(true);
    work()
      .then((sheet) => {
        const mapping = guessMapping(sheet.headers);
        setStep({ kind: "map", sheet, mapping, defaults: {}, problems: [] });
      })
      .catch((err: unknown) => setStep({ kind: "choose", error: message(err) }))
      .finally(() => setBusy(false));
  };

  const takeSample = (sample: RegisterSample) =>
    readSheet(async () => {
      let bytes: ArrayBuffer;
      try {
        bytes = await sample.load();
      } catch (err) {
        throw new Error(`The sample register could not be loaded: ${message(err)}`);
      }
      return parseRegister(sample.fileName, bytes);
    });

  const runDry = (sheet: Sheet, mapping: ColumnMapping, defaults: ImportDefaults) => {
    const problems = mappingProblems(sheet.headers, mapping);
    if (problems.length > 0) {
      setStep({ kind: "map", sheet, mapping, defaults, problems });
      return;
    }
    const dry = dryRunImport({ sheet, mapping, existing: record.index.events, by, nowMs: now(), defaults });
    setStep({ kind: "review", sheet, mapping, defaults, dry, error: null });
  };

  const doImport = (s: Extract<Step, { kind: "review" }>) => {
    setBusy(true);
    record
      .importEvents(s.dry.events)
      .then((r) =>
        setStep({
          kind: "done",
          fileName: s.dry.fileName,
          added: r.added,
          alreadyThere: r.alreadyThere,
          refused: s.dry.refused.length,
        }),
      )
      .catch((err: unknown) =>
        setStep({ ...s, error: `Nothing was imported: the record is as it was. ${message(err)}` }),
      )
      .finally(() => setBusy(false));
  };

  if (step.kind === "choose")
    return (
      <DialogBody>
        <DialogTitle>Import a register</DialogTitle>
        <DialogContent>
          <div className={styles.section}>
            <Text>
              Choose the spreadsheet that holds your register of warnings and contact strategies (CSV, or Excel .xlsx:
              the first worksheet, with the column names in its first row). Nothing is recorded until you have seen what
              it will create.
            </Text>
            <Label htmlFor={fileId} weight="semibold">
              Register file (CSV or Excel .xlsx)
            </Label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.xlsx,.txt"
              onChange={onFile}
              disabled={busy}
              aria-describedby={step.error ? `${fileId}-error` : undefined}
              aria-invalid={step.error ? true : undefined}
              data-testid="register-file"
            />
            {samples.length > 0 && (
              <>
                <Text id={`${fileId}-samples`}>
                  No register of your own to hand? Try the sample: fictional people, some rows the import refuses so you
                  can see why.
                </Text>
                <div className={styles.buttons} role="group" aria-labelledby={`${fileId}-samples`}>
                  {samples.map((sample) => (
                    <Button key={sample.fileName} disabled={busy} onClick={() => takeSample(sample)}>
                      {sample.label}
                    </Button>
                  ))}
                </div>
              </>
            )}
            {step.error && (
              <Text id={`${fileId}-error`} role="alert" className={styles.error}>
                {step.error}
              </Text>
            )}
            {busy && <Spinner size="tiny" label="Reading the file…" />}
          </div>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
        </DialogActions>
      </DialogBody>
    );

  if (step.kind === "map") {
    const { sheet, mapping, defaults } = step;
    const setColumn = (i: number, value: string) => {
      const next = [...mapping];
      next[i] = value === "" ? null : (value as ImportField);
      setStep({ ...step, mapping: next, problems: [] });
    };
    return (
      <DialogBody>
        <DialogTitle>What each column holds</DialogTitle>
        <DialogContent>
          <div className={styles.section}>
            <Text>
              {sheet.fileName}: {sheet.rows.length} row{sheet.rows.length === 1 ? "" : "s"}. The columns were matched by
              their names; change any that are wrong, and choose “Not imported” for columns the record does not need.
            </Text>
            <div className={styles.columns} role="group" aria-label="Columns">
              {sheet.headers.map((header, i) => (
                <Field key={i} label={`Column “${header}”`} hint={sampleOf(sheet, i)}>
                  <Select value={mapping[i] ?? ""} onChange={(_e, d) => setColumn(i, d.value)}>
                    <option value="">Not imported</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                      </option>
                    ))}
                  </Select>
                </Field>
              ))}
            </div>
            <h3 className={styles.heading}>Where the register does not say</h3>
            <Field label="How warnings were given">
              <Select
                value={defaults.warningMethod ?? ""}
                onChange={(_e, d) =>
                  setStep({
                    ...step,
                    defaults: { ...defaults, warningMethod: (d.value || undefined) as WarningMethod | undefined },
                  })
                }
              >
                <option value="">Refuse the row</option>
                {WARNING_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m === "in-person" ? "in person" : m}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="How people were told about their strategy">
              <Select
                value={defaults.notifiedBy ?? ""}
                onChange={(_e, d) =>
                  setStep({
                    ...step,
                    defaults: { ...defaults, notifiedBy: (d.value || undefined) as NotifyMethod | undefined },
                  })
                }
              >
                <option value="">Refuse the row</option>
                {NOTIFY_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </Select>
            </Field>
            {step.problems.length > 0 && (
              <MessageBar intent="error" layout="multiline" role="alert">
                <MessageBarBody>
                  <MessageBarTitle>Choose the columns first</MessageBarTitle>
                  <ul className={styles.list}>
                    {step.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setStep({ kind: "choose", error: null })}>Back</Button>
          <Button appearance="primary" onClick={() => runDry(sheet, mapping, defaults)}>
            Check the rows
          </Button>
        </DialogActions>
      </DialogBody>
    );
  }

  if (step.kind === "review") {
    const { dry } = step;
    const c = dry.counts;
    return (
      <DialogBody>
        <DialogTitle>Check before importing</DialogTitle>
        <DialogContent>
          <div className={styles.section} aria-live="polite">
            <Text weight="semibold" data-testid="dry-run-summary">
              {dry.planned.length} of {dry.planned.length + dry.refused.length} rows can be imported: {c.people}{" "}
              {c.people === 1 ? "person" : "people"}, {c.warnings} warning{c.warnings === 1 ? "" : "s"}, {c.strategies}{" "}
              strateg{c.strategies === 1 ? "y" : "ies"}, {c.reviews} review{c.reviews === 1 ? "" : "s"}.
            </Text>
            {dry.planned.length > 0 && (
              <section aria-labelledby="import-will-create">
                <h3 id="import-will-create" className={styles.heading}>
                  What will be created
                </h3>
                <ul
                  className={styles.list}
                  tabIndex={0}
                  aria-labelledby="import-will-create"
                  data-testid="dry-run-planned"
                >
                  {dry.planned.map((p) => (
                    <li key={p.row}>
                      Row {p.row}: {p.summary}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {dry.refused.length > 0 && (
              <section aria-labelledby="import-refused">
                <h3 id="import-refused" className={styles.heading}>
                  Rows that cannot be taken ({dry.refused.length})
                </h3>
                <Text>
                  These are left out. Correct them in the spreadsheet and import it again: rows already imported are not
                  added twice.
                </Text>
                <ul className={styles.list} tabIndex={0} aria-labelledby="import-refused" data-testid="dry-run-refused">
                  {dry.refused.map((r) => (
                    <li key={r.row}>
                      Row {r.row}
                      {r.name ? ` (${r.name})` : ""}: {r.reasons.join(" ")}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {step.error && (
              <MessageBar intent="error" layout="multiline" role="alert">
                <MessageBarBody>{step.error}</MessageBarBody>
              </MessageBar>
            )}
            {busy && <Spinner size="tiny" label="Importing…" />}
          </div>
        </DialogContent>
        <DialogActions>
          <Button disabled={busy} onClick={() => setStep({ ...step, kind: "map", problems: [] })}>
            Back
          </Button>
          <Button appearance="primary" disabled={busy || dry.planned.length === 0} onClick={() => doImport(step)}>
            Import {dry.planned.length} row{dry.planned.length === 1 ? "" : "s"}
          </Button>
        </DialogActions>
      </DialogBody>
    );
  }

  return (
    <DialogBody>
      <DialogTitle>Register imported</DialogTitle>
      <DialogContent>
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody data-testid="import-result">
            {step.fileName}: {step.added} event{step.added === 1 ? "" : "s"} added
            {step.alreadyThere ? `, ${step.alreadyThere} already on the record` : ""}.
            {step.refused ? ` ${step.refused} row${step.refused === 1 ? " was" : "s were"} left out.` : ""}
          </MessageBarBody>
        </MessageBar>
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </DialogBody>
  );
}

function sampleOf(sheet: Sheet, column: number): string {
  const value = sheet.rows.find((r) => (r.cells[column] ?? "") !== "")?.cells[column] ?? "";
  return value ? `For example: ${value.length > 60 ? `${value.slice(0, 60)}…` : value}` : "Empty in every row";
}
