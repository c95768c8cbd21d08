/**
 * 9.10–9.11: log a call, visit, letter or online contact. It is judged at once against the
 * strategy in force when it happened, and any breach is recorded on the spot.
 */
import { Checkbox, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { logContact, type LoggedContact } from "../../../app/actions";
import { CHANNEL_LABELS, RESTRICTION_LABELS, type Channel } from "../../../domain";
import { useServices } from "../../services";
import { useActionContext, usePanel, usePerson } from "../context";
import { draftKey } from "../drafts";
import { SelectField, TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { nowLocal, whenToIso } from "../form/when";
import { Recorded } from "../Recorded";

const useStyles = makeStyles({ list: { margin: 0, paddingLeft: tokens.spacingHorizontalL } });

/** What a withheld caller's number is recorded as (issue 14 item 9: a choice, not typed by hand). */
export const WITHHELD = "withheld";

const CHANNELS_HERE = ["phone", "in-person", "post", "online", "other"] as const satisfies readonly Channel[];

interface Draft {
  channel: (typeof CHANNELS_HERE)[number];
  when: string;
  from: string;
  /** The caller withheld their number: recorded as "withheld", as staff used to type it. */
  withheld: boolean;
  takenBy: string;
  matterRef: string;
  reopenRequest: boolean;
  viaAdvocate: boolean;
  /** What was said (the call note). */
  note: string;
}

export function LogContactStep({ personId }: { personId: string }) {
  const styles = useStyles();
  const ctx = useActionContext();
  const { clock } = useServices();
  const { staff } = usePanel();
  const person = usePerson(personId);
  const form = useActionForm<Draft>(
    draftKey(personId, "log-contact"),
    () => ({
      channel: "phone",
      when: nowLocal(clock.now()),
      from: person.phones[0] ?? "",
      withheld: false,
      takenBy: staff,
      matterRef: "",
      reopenRequest: false,
      viaAdvocate: false,
      note: "",
    }),
    "9.10",
  );
  const [done, setDone] = useState<LoggedContact | null>(null);
  if (done) {
    const breaches = done.verdict.breaches;
    return (
      <Recorded
        title={
          breaches.length
            ? `Logged, and ${breaches.length === 1 ? "a breach" : `${breaches.length} breaches`} recorded.`
            : "Logged: no breach."
        }
        intent={breaches.length ? "warning" : "success"}
        onAgain={() => setDone(null)}
        againLabel="Log another"
      >
        {breaches.length > 0 ? (
          <>
            <ul className={styles.list}>
              {breaches.map((b) => (
                <li key={`${b.strategyId}:${b.restriction}`}>
                  {RESTRICTION_LABELS[b.restriction]}: {b.reason}
                </li>
              ))}
            </ul>
            Deal with it swiftly: send a reminder of the consequences and of the reasons for the strategy (9.11).
          </>
        ) : (
          "Review it for new issues, criminal matters or safeguarding (9.10)."
        )}
      </Recorded>
    );
  }
  const { draft, set, problems } = form;
  const who =
    draft.channel === "phone"
      ? "Caller's number"
      : draft.channel === "in-person"
        ? "Who came in"
        : "From (address or name)";
  return (
    <FormShell
      form={form}
      label="Log a phone call or visit"
      fields={["data.channel", "at", "data.from", "data.to", "data.matterRef", "data.note"]}
      submitLabel="Log it and check"
      onSubmit={async () => {
        const r = await form.run(() =>
          logContact(ctx, {
            personId,
            channel: draft.channel,
            at: whenToIso(draft.when),
            from:
              draft.channel === "phone" && draft.withheld
                ? WITHHELD
                : draft.from || (draft.channel === "in-person" ? person.name : ""),
            to: [draft.takenBy],
            matterRef: draft.matterRef,
            reopenRequest: draft.reopenRequest,
            viaAdvocate: draft.viaAdvocate,
            note: draft.note,
          }),
        );
        if (r) setDone(r);
      }}
    >
      <Text>
        Every contact is reviewed for genuine complaints, criminal matters and safeguarding issues, whatever the
        strategy (9.10).
      </Text>
      <SelectField
        label="How?"
        name="data.channel"
        value={draft.channel}
        options={CHANNELS_HERE.map(
          (c) => [c, CHANNEL_LABELS[c].charAt(0).toUpperCase() + CHANNEL_LABELS[c].slice(1)] as const,
        )}
        onChange={(v) => v && set("channel", v)}
        error={problems.for("data.channel")}
      />
      <TextField
        label="When? (UK time)"
        type="datetime-local"
        name="at"
        value={draft.when}
        onChange={(v) => set("when", v)}
        error={problems.for("at")}
      />
      {!(draft.channel === "phone" && draft.withheld) && (
        <TextField
          label={who}
          type={draft.channel === "phone" ? "tel" : "text"}
          name="data.from"
          value={draft.from}
          onChange={(v) => set("from", v)}
          error={problems.for("data.from")}
        />
      )}
      {draft.channel === "phone" && (
        <Checkbox
          label="Number withheld"
          checked={draft.withheld}
          onChange={(_, d) => set("withheld", d.checked === true)}
        />
      )}
      <TextField
        label="Taken by (staff email)"
        type="email"
        name="data.to"
        value={draft.takenBy}
        onChange={(v) => set("takenBy", v)}
        error={problems.for("data.to")}
      />
      <TextField
        label="Matter reference (optional)"
        hint="Leave blank if it was not about a particular matter."
        name="data.matterRef"
        value={draft.matterRef}
        onChange={(v) => set("matterRef", v)}
        error={problems.for("data.matterRef")}
      />
      <TextField
        label="What was said (optional)"
        hint="A short note of what they asked for or told you. It is kept with the contact on the record."
        multiline
        name="data.note"
        value={draft.note}
        onChange={(v) => set("note", v)}
        error={problems.for("data.note")}
      />
      <Checkbox
        label="They asked to reopen a closed matter"
        checked={draft.reopenRequest}
        onChange={(_, d) => set("reopenRequest", d.checked === true)}
      />
      <Checkbox
        label="It came through their advocate"
        checked={draft.viaAdvocate}
        onChange={(_, d) => set("viaAdvocate", d.checked === true)}
      />
    </FormShell>
  );
}
