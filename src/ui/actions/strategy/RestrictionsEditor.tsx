/**
 * The restrictions of a strategy (9.9): add any of the eight kinds, edit, remove. The full set is
 * what is recorded (an imposition, a variation or a `vary` review all carry the whole set).
 */
import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { RESTRICTION_KINDS, RESTRICTION_LABELS, type RestrictionKind } from "../../../domain";
import { useVisuallyHiddenStyles } from "../../styles";
import { Group, SelectField } from "../form/fields";
import type { FieldProblems } from "../form/problems";
import { newRestrictionDraft, type DraftDefaults, type RestrictionDraft } from "./restriction-drafts";
import { RestrictionFields } from "./RestrictionFields";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  item: {
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  invalid: { border: `2px solid ${tokens.colorPaletteRedBorder2}` },
  error: { color: tokens.colorPaletteRedForeground1, display: "block", marginBottom: tokens.spacingVerticalS },
  add: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalS,
    "& > :first-child": { flex: "1 1 12rem" },
  },
});

export interface RestrictionsEditorProps {
  readonly value: readonly RestrictionDraft[];
  readonly onChange: (next: RestrictionDraft[]) => void;
  readonly problems: FieldProblems;
  readonly defaults: DraftDefaults;
  /** `data.restrictions` */
  readonly path?: string;
}

export function RestrictionsEditor({
  value,
  onChange,
  problems,
  defaults,
  path = "data.restrictions",
}: RestrictionsEditorProps) {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const [kind, setKind] = useState<RestrictionKind | "">("");
  const [announce, setAnnounce] = useState("");
  const used = new Set(value.map((r) => r.kind));
  return (
    <div className={styles.list}>
      {value.map((d, i) => (
        <div
          key={d.key}
          className={mergeClasses(styles.item, problems.for(`${path}[${i}]`, true) ? styles.invalid : undefined)}
          data-restriction-kind={d.kind}
          data-field={`${path}[${i}]`}
          tabIndex={-1}
        >
          <Group
            legend={`Restriction ${i + 1}: ${RESTRICTION_LABELS[d.kind]}`}
            actions={
              <div>
                <Button
                  appearance="secondary"
                  onClick={() => {
                    onChange(value.filter((x) => x.key !== d.key));
                    setAnnounce(`Removed: ${RESTRICTION_LABELS[d.kind]}.`);
                  }}
                >
                  Remove restriction {i + 1}
                </Button>
              </div>
            }
          >
            {problems.for(`${path}[${i}]`, true) && (
              <Text className={styles.error} data-restriction-error>
                {problems.for(`${path}[${i}]`, true)}
              </Text>
            )}
            <RestrictionFields
              draft={d}
              defaults={defaults}
              path={`${path}[${i}]`}
              number={i + 1}
              problems={problems}
              onChange={(next) => onChange(value.map((x) => (x.key === d.key ? next : x)))}
            />
          </Group>
        </div>
      ))}
      <div className={styles.add}>
        <SelectField
          label={value.length === 0 ? "Add a restriction" : "Add another restriction"}
          name={path}
          value={kind}
          placeholder="Choose a restriction…"
          options={RESTRICTION_KINDS.filter((k) => !used.has(k)).map((k) => [k, RESTRICTION_LABELS[k]] as const)}
          onChange={setKind}
          error={problems.for(path, true)}
          hint="The policy's options (9.9). Choose the least restrictive that will work (9.5)."
        />
        <Button
          appearance="secondary"
          onClick={() => {
            if (!kind) {
              setAnnounce("Choose a restriction in the list first, then Add.");
              return;
            }
            onChange([...value, newRestrictionDraft(kind, defaults)]);
            setAnnounce(`Added: ${RESTRICTION_LABELS[kind]}.`);
            setKind("");
          }}
        >
          Add
        </Button>
      </div>
      <div role="status" aria-live="polite" className={hidden.hidden}>
        {announce}
      </div>
    </div>
  );
}
