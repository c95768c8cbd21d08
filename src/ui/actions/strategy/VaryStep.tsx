/**
 * 9.13–9.14: change the restrictions (the full new set), tell the person, and seek equality
 * advice when amending agreed reasonable adjustments.
 */
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import { varyStrategy } from "../../../app/actions";
import { londonDate, type EventOf } from "../../../domain";
import { variationFacts, variationNoticeLetter } from "../../../domain/letters";
import { useServices } from "../../services";
import { useActionContext, usePanel, usePerson } from "../context";
import { draftKey } from "../drafts";
import { TextField } from "../form/fields";
import { FormShell } from "../form/FormShell";
import { useActionForm } from "../form/useActionForm";
import { LetterButtons } from "../LetterButtons";
import { Recorded } from "../Recorded";
import {
  adjustmentConflict,
  CONFLICT_WARNINGS,
  conflictsWithAdjustments,
  fromRestriction,
  toRestriction,
  type RestrictionDraft,
} from "./restriction-drafts";
import { RestrictionsEditor } from "./RestrictionsEditor";
import { firstActive, StrategySelect } from "./StrategySelect";

interface Draft {
  strategyId: string;
  restrictions: RestrictionDraft[];
  reason: string;
  notifiedOn: string;
  equalityAdvice: string;
}

export function VaryStep({ personId }: { personId: string }) {
  const ctx = useActionContext();
  const { clock } = useServices();
  const { staff } = usePanel();
  const person = usePerson(personId);
  const current = (id: string) => (person.strategies.get(id)?.restrictions ?? []).map(fromRestriction);
  const form = useActionForm<Draft>(
    draftKey(personId, "vary"),
    () => ({
      strategyId: firstActive(person),
      restrictions: current(firstActive(person)),
      reason: "",
      notifiedOn: londonDate(clock.now()),
      equalityAdvice: "",
    }),
    "9.13–9.14",
  );
  const [done, setDone] = useState<EventOf<"StrategyVaried"> | null>(null);
  if (done) {
    return (
      <Recorded
        title="Strategy varied."
        actions={
          <LetterButtons
            personId={personId}
            what="variation notice"
            make={(c) => {
              const facts = variationFacts(ctx.record.index.person(personId), done);
              return facts ? variationNoticeLetter(facts, c) : null;
            }}
          />
        }
      >
        Tell the person about the change (9.14).
      </Recorded>
    );
  }
  const { draft, set, update, problems } = form;
  const conflict = conflictsWithAdjustments(draft.restrictions, person);
  const strategy = person.strategies.get(draft.strategyId);
  return (
    <FormShell
      form={form}
      label="Vary the strategy"
      fields={["data.strategyId", "data.restrictions", "data.reason", "data.notifiedOn", "data.equalityAdvice"]}
      submitLabel="Record the variation"
      onSubmit={async () => {
        const r = await form.run(() =>
          varyStrategy(ctx, {
            personId,
            strategyId: draft.strategyId,
            restrictions: draft.restrictions.map(toRestriction),
            reason: draft.reason,
            notifiedOn: draft.notifiedOn,
            equalityAdvice: draft.equalityAdvice,
          }),
        );
        if (r) setDone(r);
      }}
    >
      <Text>Keep to reasonable adjustments already in place; adjust them only if they are being abused (9.13).</Text>
      <StrategySelect
        person={person}
        value={draft.strategyId}
        onChange={(v) => update((d) => ({ ...d, strategyId: v, restrictions: current(v) }))}
        error={problems.for("data.strategyId")}
      />
      <RestrictionsEditor
        value={draft.restrictions}
        onChange={(v) => set("restrictions", v)}
        problems={problems}
        defaults={{ staff, matterRef: strategy?.matterRef ?? "", personEmails: person.emails }}
      />
      <TextField
        label="Reason for the change"
        multiline
        required
        name="data.reason"
        value={draft.reason}
        onChange={(v) => set("reason", v)}
        error={problems.for("data.reason")}
      />
      <TextField
        label="Date the person is told"
        type="date"
        required
        name="data.notifiedOn"
        value={draft.notifiedOn}
        onChange={(v) => set("notifiedOn", v)}
        error={problems.for("data.notifiedOn")}
      />
      {conflict && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {adjustmentConflict(draft.restrictions, person) === "writing"
              ? CONFLICT_WARNINGS.writing
              : "Written-only contact conflicts with their recorded need to phone: seek equality advice and record it (8.4, 9.14)."}
          </MessageBarBody>
        </MessageBar>
      )}
      <TextField
        label={conflict ? "Equality advice sought" : "Equality advice sought (optional)"}
        hint="Needed when amending agreed reasonable adjustments (9.14)."
        multiline
        required={conflict}
        name="data.equalityAdvice"
        value={draft.equalityAdvice}
        onChange={(v) => set("equalityAdvice", v)}
        error={problems.for("data.equalityAdvice")}
      />
    </FormShell>
  );
}
