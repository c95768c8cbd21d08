/**
 * Labelled form controls with their error beside them. Fluent's Field wires the label, the hint
 * and the validation message to the control (aria-labelledby, aria-describedby, aria-invalid), so
 * a screen reader hears the error with the field (WCAG 1.3.1, 3.3.1).
 */
import {
  Checkbox,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { useId, type ReactNode } from "react";

const useStyles = makeStyles({
  fieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  hint: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  // Native selects size to their longest option; at 320 px that must not widen the page (WCAG 1.4.10).
  control: { maxWidth: "100%", minWidth: 0 },
  select: { width: "100%", minWidth: 0, maxWidth: "100%" },
  selectEl: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  field: { minWidth: 0 },
});

interface Common {
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly required?: boolean;
  /** The record's field path, for automation and for focusing the first error. */
  readonly name?: string;
}

const state = (error: string | undefined) =>
  error ? ({ validationState: "error", validationMessage: error } as const) : {};

export interface TextFieldProps extends Common {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: "text" | "email" | "tel" | "date" | "datetime-local" | "time" | "number";
  readonly min?: string;
  readonly max?: string;
  readonly multiline?: boolean;
  readonly autoComplete?: string;
}

export function TextField(p: TextFieldProps) {
  const styles = useStyles();
  return (
    <Field className={styles.field} label={p.label} hint={p.hint} required={p.required} {...state(p.error)}>
      {p.multiline ? (
        <Textarea
          className={styles.control}
          name={p.name}
          value={p.value}
          resize="vertical"
          onChange={(_, d) => p.onChange(d.value)}
        />
      ) : (
        <Input
          className={styles.control}
          name={p.name}
          type={p.type ?? "text"}
          value={p.value}
          min={p.min}
          max={p.max}
          autoComplete={p.autoComplete ?? "off"}
          onChange={(_, d) => p.onChange(d.value)}
        />
      )}
    </Field>
  );
}

export interface SelectFieldProps<V extends string> extends Common {
  readonly value: V | "";
  readonly options: readonly (readonly [V, string])[];
  readonly onChange: (value: V | "") => void;
  /** Shown as the first, empty option; omit to force a choice from the list. */
  readonly placeholder?: string;
}

export function SelectField<V extends string>(p: SelectFieldProps<V>) {
  const styles = useStyles();
  return (
    <Field className={styles.field} label={p.label} hint={p.hint} required={p.required} {...state(p.error)}>
      <Select
        className={styles.select}
        select={{ className: styles.selectEl }}
        name={p.name}
        value={p.value}
        onChange={(_, d) => p.onChange(d.value as V | "")}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export interface YesNoFieldProps extends Common {
  readonly value: boolean | null;
  readonly onChange: (value: boolean) => void;
  readonly yes?: string;
  readonly no?: string;
}

export function YesNoField(p: YesNoFieldProps) {
  return (
    <Field label={p.label} hint={p.hint} required={p.required} {...state(p.error)}>
      <RadioGroup
        layout="horizontal"
        name={p.name}
        value={p.value === null ? "" : p.value ? "yes" : "no"}
        onChange={(_, d) => p.onChange(d.value === "yes")}
      >
        <Radio value="yes" label={p.yes ?? "Yes"} />
        <Radio value="no" label={p.no ?? "No"} />
      </RadioGroup>
    </Field>
  );
}

export interface RadioFieldProps<V extends string> extends Common {
  readonly value: V | "";
  readonly options: readonly (readonly [V, string])[];
  readonly onChange: (value: V) => void;
}

export function RadioField<V extends string>(p: RadioFieldProps<V>) {
  return (
    <Field label={p.label} hint={p.hint} required={p.required} {...state(p.error)}>
      <RadioGroup name={p.name} value={p.value} onChange={(_, d) => p.onChange(d.value as V)}>
        {p.options.map(([v, label]) => (
          <Radio key={v} value={v} label={label} />
        ))}
      </RadioGroup>
    </Field>
  );
}

export interface CheckboxGroupProps<V extends string> extends Common {
  readonly values: readonly V[];
  readonly options: readonly (readonly [V, string])[];
  readonly onChange: (values: V[]) => void;
}

/** A group of checkboxes: a fieldset whose legend names it and whose error is read with it. */
export function CheckboxGroup<V extends string>(p: CheckboxGroupProps<V>) {
  const styles = useStyles();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [p.hint ? hintId : "", p.error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={styles.fieldset}
      aria-describedby={describedBy}
      data-invalid={p.error ? "true" : undefined}
      data-name={p.name}
    >
      <legend className={styles.legend}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {p.hint && (
        <Text id={hintId} size={200} className={styles.hint}>
          {p.hint}
        </Text>
      )}
      {p.options.map(([v, label], i) => (
        <Checkbox
          key={v}
          value={v}
          label={label}
          checked={p.values.includes(v)}
          aria-invalid={p.error && i === 0 ? true : undefined}
          aria-describedby={p.error ? errorId : undefined}
          onChange={(_, d) => p.onChange(d.checked ? [...p.values, v] : p.values.filter((x) => x !== v))}
        />
      ))}
      {p.error && (
        <Text id={errorId} size={200} className={styles.error}>
          {p.error}
        </Text>
      )}
    </fieldset>
  );
}

/** A group of related fields under a legend (for example one restriction). */
export function Group({ legend, children, actions }: { legend: string; children: ReactNode; actions?: ReactNode }) {
  const styles = useStyles();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{legend}</legend>
      {children}
      {actions}
    </fieldset>
  );
}
