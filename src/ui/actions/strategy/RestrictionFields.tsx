/**
 * The fields of one restriction (record-format §5, policy 9.9), one case per kind. Every box's
 * error comes from the domain, on the restriction's field path.
 */
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { DAY_NAMES } from "../../../domain";
import { CheckboxGroup, SelectField, TextField } from "../form/fields";
import type { FieldProblems } from "../form/problems";
import { DAY_OPTIONS, type DraftDefaults, type RestrictionDraft, type WindowDraft } from "./restriction-drafts";

const useStyles = makeStyles({
  window: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalS,
    "& > *": { flex: "1 1 7rem", minWidth: 0 },
  },
  fields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface RestrictionFieldsProps {
  readonly draft: RestrictionDraft;
  /** Its path in the event: `data.restrictions[2]`. */
  readonly path: string;
  readonly problems: FieldProblems;
  /** 1-based, for labels that must be unique on the page ("Restriction 2: day"). */
  readonly number: number;
  readonly onChange: (next: RestrictionDraft) => void;
  /** The person's addresses and the strategy's matter, for hints (never pre-filled). */
  readonly defaults?: DraftDefaults;
}

export function RestrictionFields({ draft: d, path, problems, number, onChange, defaults }: RestrictionFieldsProps) {
  const styles = useStyles();
  const set = <K extends keyof RestrictionDraft>(k: K, v: RestrictionDraft[K]) => onChange({ ...d, [k]: v });
  const err = (f: string) => problems.for(`${path}.${f}`);
  const n = `restriction ${number}`;
  switch (d.kind) {
    case "phone-window": {
      const setWindow = (j: number, w: Partial<WindowDraft>) =>
        set(
          "windows",
          d.windows.map((x, i) => (i === j ? { ...x, ...w } : x)),
        );
      return (
        <div className={styles.fields}>
          {problems.for(`${path}.windows`, true) && <Text>{problems.for(`${path}.windows`, true)}</Text>}
          {d.windows.map((w, j) => (
            <div key={j} className={styles.window} role="group" aria-label={`Call time ${j + 1} of ${n}`}>
              <SelectField
                label={`Day (time ${j + 1})`}
                name={`${path}.windows[${j}].day`}
                value={w.day}
                options={DAY_OPTIONS.map((day) => [day, DAY_NAMES[day]] as const)}
                onChange={(v) => v && setWindow(j, { day: v })}
                error={err(`windows[${j}].day`)}
              />
              <TextField
                label={`From (time ${j + 1})`}
                hint="24-hour clock, like 10:00"
                name={`${path}.windows[${j}].from`}
                value={w.from}
                onChange={(v) => setWindow(j, { from: v })}
                error={err(`windows[${j}].from`)}
              />
              <TextField
                label={`To (time ${j + 1})`}
                hint="24:00 for midnight"
                name={`${path}.windows[${j}].to`}
                value={w.to}
                onChange={(v) => setWindow(j, { to: v })}
                error={err(`windows[${j}].to`)}
              />
              {d.windows.length > 1 && (
                <Button
                  appearance="secondary"
                  onClick={() =>
                    set(
                      "windows",
                      d.windows.filter((_, i) => i !== j),
                    )
                  }
                >
                  Remove time {j + 1}
                </Button>
              )}
            </div>
          ))}
          <div>
            <Button
              appearance="secondary"
              onClick={() => set("windows", [...d.windows, { day: "thu", from: "10:00", to: "12:00" }])}
            >
              Add another call time
            </Button>
          </div>
          <TextField
            label="Most calls allowed (optional)"
            hint="Leave blank for no limit"
            type="number"
            min="1"
            name={`${path}.maxCalls`}
            value={d.maxCalls}
            onChange={(v) => set("maxCalls", v)}
            error={err("maxCalls")}
          />
          {d.maxCalls.trim() !== "" && (
            <SelectField
              label="Per"
              name={`${path}.per`}
              value={d.per}
              options={
                [
                  ["week", "week (Monday to Sunday)"],
                  ["month", "calendar month"],
                ] as const
              }
              onChange={(v) => v && set("per", v)}
              error={err("per")}
            />
          )}
        </div>
      );
    }
    case "written-only":
      return (
        <CheckboxGroup
          label="Written contact allowed by"
          name={`${path}.allowed`}
          values={d.allowed}
          options={
            [
              ["email", "Email"],
              ["post", "Post"],
            ] as const
          }
          onChange={(v) => set("allowed", v)}
          error={err("allowed")}
          hint="Take any reasonable adjustments into account (9.9)."
        />
      );
    case "call-recording":
      return (
        <Text>Calls are recorded or monitored. This never counts as a breach; it is there so the person is told.</Text>
      );
    case "dedicated-address":
      return (
        <TextField
          label="Dedicated email address"
          type="email"
          name={`${path}.address`}
          value={d.address}
          onChange={(v) => set("address", v)}
          error={err("address")}
        />
      );
    case "blocked-addresses":
      return (
        <TextField
          label="Blocked email addresses"
          hint={`One per line.${
            defaults?.personEmails?.length
              ? ` On record for them: ${defaults.personEmails.join(", ")}; block only those they must stop using.`
              : ""
          } Blocked mail still goes to a review folder: all contact is reviewed (9.10).`}
          multiline
          name={`${path}.addresses`}
          value={d.addresses}
          onChange={(v) => set("addresses", v)}
          error={err("addresses")}
        />
      );
    case "advocate-only":
      return (
        <div className={styles.fields}>
          <TextField
            label="Advocate's name"
            name={`${path}.advocate.name`}
            value={d.advocateName}
            onChange={(v) => set("advocateName", v)}
            error={err("advocate.name") ?? err("advocate")}
          />
          <TextField
            label="Advocate's email (optional)"
            type="email"
            name={`${path}.advocate.email`}
            value={d.advocateEmail}
            onChange={(v) => set("advocateEmail", v)}
            error={err("advocate.email")}
          />
          <TextField
            label="Advocate's phone (optional)"
            type="tel"
            name={`${path}.advocate.phone`}
            value={d.advocatePhone}
            onChange={(v) => set("advocatePhone", v)}
            error={err("advocate.phone")}
          />
        </div>
      );
    case "single-point-of-contact":
      return (
        <TextField
          label="Single point of contact (staff email)"
          type="email"
          name={`${path}.staff`}
          value={d.staff}
          onChange={(v) => set("staff", v)}
          error={err("staff")}
        />
      );
    case "no-reopening":
      return (
        <TextField
          label="Closed matters that will not be reopened"
          hint={`Matter references of closed matters or decisions, one per line.${
            defaults?.matterRef?.trim()
              ? ` ${defaults.matterRef.trim()} is the matter this strategy manages: list it only if it has been concluded.`
              : ""
          }`}
          multiline
          name={`${path}.matterRefs`}
          value={d.matterRefs}
          onChange={(v) => set("matterRefs", v)}
          error={err("matterRefs")}
        />
      );
  }
}
