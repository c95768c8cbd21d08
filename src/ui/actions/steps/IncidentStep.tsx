/**
 * 4.3–4.6, 6.3–6.4: what happened, in the policy's words, with a file note. Ending a call is
 * reported to the line manager (4.5).
 */
import { Checkbox, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import { recordIncident } from "../../../app/actions";
import {
  BEHAVIOUR_CODES,
  BEHAVIOURS,
  CHANNEL_LABELS,
  CHANNELS,
  INCIDENT_KIND_LABELS,
  INCIDENT_KINDS,
  type BehaviourCode,
  type Channel,
  type IncidentKind,
} from "../../../domain";
import { formatDateTime } from "../../format";
import { useServices } from "../../services";
import { useActionContext, usePanel } from "../context";
import { draftKey } from "../drafts";
import { CheckboxGroup, SelectField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { nowLocal, whenToIso } from "../form/when";
import { Recorded } from "../Recorded";

interface Draft {
  kind: IncidentKind | "";
  behaviours: BehaviourCode[];
  channel: Channel | "";
  when: string;
  matterRef: string;
  summary: string;
  callEnded: boolean;
  staffAffected: string;
}

const channelOptions = CHANNELS.map(
  (c) => [c, CHANNEL_LABELS[c].charAt(0).toUpperCase() + CHANNEL_LABELS[c].slice(1)] as const,
);

export function IncidentStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const { clock } = useServices();
  const { message } = usePanel();
  // Issue 14 item 9: an incident recorded from an opened email happened when the email arrived, not now.
  const receivedMs = message ? Date.parse(message.receivedAt) : Number.NaN;
  const fromMessage = Number.isFinite(receivedMs);
  const form = useActionForm<Draft>(
    draftKey(personId, "incident"),
    () => ({
      kind: "",
      behaviours: [],
      channel: message ? "email" : "",
      // Never later than now: a host clock ahead of ours must not date an incident in the future.
      when: nowLocal(fromMessage ? Math.min(receivedMs, clock.now()) : clock.now()),
      matterRef: message?.matterRef ?? "",
      summary: "",
      callEnded: false,
      staffAffected: "",
    }),
    "4.5",
  );
  const [done, setDone] = useState<{ callEnded: boolean } | null>(null);
  if (done) {
    return (
      <Recorded
        title="Incident recorded."
        intent={done.callEnded ? "warning" : "success"}
        onAgain={() => setDone(null)}
        againLabel="Record another incident"
      >
        {done.callEnded
          ? "You ended the call: report it to your line manager now and ask for advice on what to do next (4.5)."
          : "Next, consider the underlying causes (7.2) before deciding how to manage the behaviour."}
      </Recorded>
    );
  }
  const { draft, set, update, problems } = form;
  const behaviours = draft.kind ? BEHAVIOUR_CODES.filter((b) => BEHAVIOURS[b].kind === draft.kind) : [];
  return (
    <FormShell
      form={form}
      label="Record an incident"
      fields={[
        "data.kind",
        "data.behaviours",
        "data.channel",
        "at",
        "data.matterRef",
        "data.summary",
        "data.callEnded",
        "data.staffAffected",
      ]}
      submitLabel="Record the incident"
      onSubmit={async () => {
        const r = await form.run(() =>
          recordIncident(ctx, {
            personId,
            kind: draft.kind as IncidentKind,
            behaviours: draft.behaviours,
            channel: draft.channel as Channel,
            summary: draft.summary,
            matterRef: draft.matterRef,
            callEnded: draft.callEnded,
            staffAffected: draft.staffAffected.split(/[,;\n]/),
            at: whenToIso(draft.when),
          }),
        );
        if (r) setDone({ callEnded: r.data.callEnded === true });
      }}
    >
      <Text>
        Frustration or anger alone is not unacceptable behaviour (3.1). Record what was said or done, not a judgement of
        the person.
      </Text>
      <SelectField
        label="What kind of behaviour?"
        name="data.kind"
        placeholder="Choose…"
        value={draft.kind}
        options={INCIDENT_KINDS.map((k) => [k, INCIDENT_KIND_LABELS[k]] as const)}
        onChange={(v) =>
          update((d) => ({
            ...d,
            kind: v,
            behaviours: d.behaviours.filter((b) => v !== "" && BEHAVIOURS[b].kind === v),
          }))
        }
        error={problems.for("data.kind")}
      />
      {draft.kind !== "" && (
        <CheckboxGroup
          label="What happened? (the policy's words)"
          name="data.behaviours"
          values={draft.behaviours}
          options={behaviours.map((b) => [b, `${BEHAVIOURS[b].label} (${BEHAVIOURS[b].policyRef})`] as const)}
          onChange={(v) => set("behaviours", v)}
          error={problems.for("data.behaviours")}
        />
      )}
      <SelectField
        label="How did it come?"
        name="data.channel"
        placeholder="Choose…"
        value={draft.channel}
        options={channelOptions}
        onChange={(v) => set("channel", v)}
        error={problems.for("data.channel")}
      />
      {draft.kind === "abusive" && draft.channel === "phone" && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            On a call, tell the caller their behaviour is unacceptable, say why, and warn them you will end the call if
            it continues. You may end the call (4.4).
          </MessageBarBody>
        </MessageBar>
      )}
      {draft.kind === "abusive" &&
        (draft.channel === "email" || draft.channel === "post" || draft.channel === "online") && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              Threatening or abusive correspondence calls for a contact strategy to be created and recorded (4.6).
            </MessageBarBody>
          </MessageBar>
        )}
      {draft.channel === "phone" && (
        <Checkbox
          label="I ended the call because of the behaviour (4.4)"
          checked={draft.callEnded}
          onChange={(_, d) => set("callEnded", d.checked === true)}
        />
      )}
      {draft.callEnded && draft.channel === "phone" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            Report this to your line manager and ask for advice on the next steps. Say in the file note why the call was
            ended and what else was done (4.5).
          </MessageBarBody>
        </MessageBar>
      )}
      <TextField
        label="When did it happen? (UK time)"
        hint={fromMessage ? `Filled in with when the email arrived, ${formatDateTime(receivedMs)}.` : undefined}
        type="datetime-local"
        name="at"
        value={draft.when}
        onChange={(v) => set("when", v)}
        error={problems.for("at")}
      />
      <TextField
        label="Matter reference (optional)"
        name="data.matterRef"
        value={draft.matterRef}
        onChange={(v) => set("matterRef", v)}
        error={problems.for("data.matterRef")}
      />
      <TextField
        label="File note"
        hint="What happened, why it was unacceptable, and what you did (4.5)."
        multiline
        required
        name="data.summary"
        value={draft.summary}
        onChange={(v) => set("summary", v)}
        error={problems.for("data.summary")}
      />
      <TextField
        label="Staff affected (optional)"
        hint="Email addresses, separated by commas. Their line managers should make sure support is in place (6.5)."
        name="data.staffAffected"
        value={draft.staffAffected}
        onChange={(v) => set("staffAffected", v)}
        error={problems.for("data.staffAffected")}
      />
    </FormShell>
  );
}
