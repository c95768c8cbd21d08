/** `csm summary` (§9): a person's fold in the documented interchange shape. Lists oldest first. */
import type { Stage } from "./catalogue";
import type { Restriction } from "./events";
import { isOverdue, stageOf, type PersonState } from "./fold";

export interface PersonSummary {
  readonly person: {
    readonly id: string;
    readonly name: string;
    readonly emails: readonly string[];
    readonly phones: readonly string[];
  };
  readonly stage: Stage;
  /** `detail` is null when none was recorded. */
  readonly adjustments: readonly { readonly kind: string; readonly detail: string | null }[];
  readonly incidents: readonly {
    id: string;
    at: string;
    kind: string;
    behaviours: readonly string[];
    channel: string;
    summary: string;
  }[];
  readonly warnings: readonly { id: string; at: string }[];
  readonly strategies: readonly {
    strategyId: string;
    matterRef: string;
    active: boolean;
    restrictions: readonly Restriction[];
    reviewDue: string;
    overdue: boolean;
  }[];
  readonly breaches: readonly {
    breachId: string;
    strategyId: string;
    restriction: string;
    at: string;
    acknowledged: boolean;
    reminderSent: boolean;
  }[];
  readonly contactsAwaitingReview: readonly string[];
}

/** Only a restriction's documented fields (record-format §5): unknown extra fields are ignored. */
export function restrictionFields(r: Restriction): Restriction {
  switch (r.kind) {
    case "phone-window":
      return {
        kind: r.kind,
        windows: r.windows.map((w) => ({ day: w.day, from: w.from, to: w.to })),
        ...(r.maxCalls !== undefined ? { maxCalls: r.maxCalls } : {}),
        ...(r.per !== undefined ? { per: r.per } : {}),
      };
    case "written-only":
      return { kind: r.kind, allowed: [...r.allowed] };
    case "call-recording":
      return { kind: r.kind };
    case "dedicated-address":
      return { kind: r.kind, address: r.address };
    case "blocked-addresses":
      return { kind: r.kind, addresses: [...r.addresses] };
    case "advocate-only": {
      const { name, email, phone } = r.advocate;
      return {
        kind: r.kind,
        advocate: { name, ...(email !== undefined ? { email } : {}), ...(phone !== undefined ? { phone } : {}) },
      };
    }
    case "single-point-of-contact":
      return { kind: r.kind, staff: r.staff };
    case "no-reopening":
      return { kind: r.kind, matterRefs: [...r.matterRefs] };
  }
}

export function summarise(state: PersonState, nowMs: number): PersonSummary {
  return {
    person: { id: state.personId, name: state.name, emails: state.emails, phones: state.phones },
    stage: stageOf(state),
    adjustments: state.adjustments.map((a) => ({ kind: a.kind, detail: a.detail ?? null })),
    incidents: state.incidents.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.data.kind,
      behaviours: e.data.behaviours,
      channel: e.data.channel,
      summary: e.data.summary,
    })),
    warnings: state.warnings.map((e) => ({ id: e.id, at: e.at })),
    strategies: [...state.strategies.values()].map((s) => ({
      strategyId: s.strategyId,
      matterRef: s.matterRef,
      active: s.active,
      restrictions: s.restrictions.map(restrictionFields),
      reviewDue: s.reviewDue,
      overdue: isOverdue(s, nowMs),
    })),
    breaches: [...state.breaches.values()].map((b) => ({
      breachId: b.breachId,
      strategyId: b.strategyId,
      restriction: b.restriction,
      at: b.event.at,
      acknowledged: b.acknowledged,
      reminderSent: b.reminderSent,
    })),
    contactsAwaitingReview: [...state.contacts.values()].filter((c) => !c.reviewed).map((c) => c.contactId),
  };
}
