/** The pages of the impose-strategy wizard (9.4–9.9). State lives in ImposeWizard. */
import { makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { ADJUSTMENT_LABELS, describeRestriction, NOTIFY_METHODS, type PersonState } from "../../../domain";
import { formatCalendarDate } from "../../format";
import { SelectField, TextField } from "../form/fields";
import type { FieldProblems } from "../form/problems";
import {
  adjustmentConflict,
  CONFLICT_WARNINGS,
  toRestriction,
  type DraftDefaults,
  type RestrictionDraft,
} from "./restriction-drafts";
import { RestrictionsEditor } from "./RestrictionsEditor";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  dl: {
    margin: 0,
    display: "grid",
    gap: tokens.spacingVerticalXS,
    "& dt": { fontWeight: tokens.fontWeightSemibold },
    "& dd": { margin: `0 0 ${tokens.spacingVerticalS} 0`, overflowWrap: "anywhere" },
  },
});

export interface ImposeDraft {
  matterRef: string;
  reason: string;
  restrictions: RestrictionDraft[];
  proportionality: string;
  equalityAdvice: string;
  approvedBy: string;
  notifiedOn: string;
  notifiedBy: "email" | "post" | "";
  reviewDue: string;
  warningWaived: string;
}

export interface PageProps {
  readonly draft: ImposeDraft;
  readonly set: <K extends keyof ImposeDraft>(k: K, v: ImposeDraft[K]) => void;
  readonly problems: FieldProblems;
  readonly person: PersonState;
}

export const PAGES = [
  { title: "Matter and reason", fields: ["data.matterRef", "data.reason"] },
  { title: "Restrictions", fields: ["data.restrictions"] },
  { title: "Proportionality and adjustments", fields: ["data.proportionality", "data.equalityAdvice"] },
  {
    title: "Approval, notice and review",
    fields: ["data.approvedBy", "data.notifiedOn", "data.notifiedBy", "data.reviewDue", "data.warningWaived"],
  },
  { title: "Check and record", fields: [] as string[] },
] as const;

export function MatterPage({ draft, set, problems }: PageProps) {
  return (
    <>
      <Text>A strategy relates only to one complaint or matter; other issues can still be raised (9.8).</Text>
      <TextField
        label="Matter reference"
        required
        name="data.matterRef"
        value={draft.matterRef}
        onChange={(v) => set("matterRef", v)}
        error={problems.for("data.matterRef")}
      />
      <TextField
        label="Reason for the strategy"
        hint="What has happened, and what you are trying to achieve (9.4–9.5). The person will read this in the notice."
        multiline
        required
        name="data.reason"
        value={draft.reason}
        onChange={(v) => set("reason", v)}
        error={problems.for("data.reason")}
      />
    </>
  );
}

export function RestrictionsPage({ draft, set, problems, defaults }: PageProps & { defaults: DraftDefaults }) {
  return (
    <RestrictionsEditor
      value={draft.restrictions}
      onChange={(v) => set("restrictions", v)}
      problems={problems}
      defaults={defaults}
    />
  );
}

export function ProportionalityPage({ draft, set, problems, person }: PageProps) {
  const styles = useStyles();
  const conflictKind = adjustmentConflict(draft.restrictions, person);
  const conflict = conflictKind !== null;
  return (
    <>
      <TextField
        label="Why is this fair, reasonable and proportionate?"
        hint="Is restricting contact in this way the least that will work (9.5)?"
        multiline
        required
        name="data.proportionality"
        value={draft.proportionality}
        onChange={(v) => set("proportionality", v)}
        error={problems.for("data.proportionality")}
      />
      {person.adjustments.length > 0 ? (
        <div>
          <Text weight="semibold">Recorded reasonable adjustments</Text>
          <ul className={styles.list}>
            {person.adjustments.map((a) => (
              <li key={a.kind}>
                {ADJUSTMENT_LABELS[a.kind]}
                {a.detail ? `: ${a.detail}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Text>No reasonable adjustments are recorded for this person.</Text>
      )}
      {conflictKind && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{CONFLICT_WARNINGS[conflictKind]}</MessageBarBody>
        </MessageBar>
      )}
      {(conflict || person.adjustments.length > 0 || draft.equalityAdvice !== "") && (
        <TextField
          label={conflict ? "Equality advice sought" : "Equality advice sought (optional)"}
          hint="Who advised, and what they said."
          multiline
          required={conflict}
          name="data.equalityAdvice"
          value={draft.equalityAdvice}
          onChange={(v) => set("equalityAdvice", v)}
          error={problems.for("data.equalityAdvice")}
        />
      )}
    </>
  );
}

export function NoticePage({ draft, set, problems, person, latestReview }: PageProps & { latestReview: string }) {
  const warned = person.sinceLift.warned;
  return (
    <>
      {!warned && (
        <>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              No warning has been given. Where possible, the person should have the chance to change first (9.3).
            </MessageBarBody>
          </MessageBar>
          <TextField
            label="Why was a warning not possible?"
            hint="For example violence or serious threats."
            multiline
            required
            name="data.warningWaived"
            value={draft.warningWaived}
            onChange={(v) => set("warningWaived", v)}
            error={problems.for("data.warningWaived")}
          />
        </>
      )}
      <TextField
        label="Approved by (manager's email)"
        type="email"
        required
        name="data.approvedBy"
        value={draft.approvedBy}
        onChange={(v) => set("approvedBy", v)}
        error={problems.for("data.approvedBy")}
      />
      <SelectField
        label="How the person is told in writing (9.6)"
        name="data.notifiedBy"
        value={draft.notifiedBy}
        options={NOTIFY_METHODS.map((m) => [m, m === "email" ? "Email" : "Post"] as const)}
        onChange={(v) => set("notifiedBy", v)}
        error={problems.for("data.notifiedBy")}
      />
      <TextField
        label="Date they are told"
        type="date"
        required
        name="data.notifiedOn"
        value={draft.notifiedOn}
        onChange={(v) => set("notifiedOn", v)}
        error={problems.for("data.notifiedOn")}
      />
      <TextField
        label="Review by"
        hint={`At most three months ahead: no later than ${formatCalendarDate(latestReview)} (9.12).`}
        type="date"
        required
        max={latestReview}
        name="data.reviewDue"
        value={draft.reviewDue}
        onChange={(v) => set("reviewDue", v)}
        error={problems.for("data.reviewDue")}
      />
    </>
  );
}

export function CheckPage({ draft, person }: PageProps) {
  const styles = useStyles();
  const rows: [string, string][] = [
    ["Person", person.name],
    ["Matter", draft.matterRef],
    ["Reason", draft.reason],
    ["Restrictions", draft.restrictions.map((r) => describeRestriction(toRestriction(r))).join("; ") || "None yet"],
    ["Proportionality", draft.proportionality],
    ...(draft.equalityAdvice ? ([["Equality advice", draft.equalityAdvice]] as [string, string][]) : []),
    ...(draft.warningWaived ? ([["No warning because", draft.warningWaived]] as [string, string][]) : []),
    ["Approved by", draft.approvedBy],
    ["Told", `${draft.notifiedBy === "post" ? "By post" : "By email"} on ${formatCalendarDate(draft.notifiedOn)}`],
    ["Review by", formatCalendarDate(draft.reviewDue)],
  ];
  return (
    <dl className={styles.dl}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v || "Not given"}</dd>
        </div>
      ))}
    </dl>
  );
}
