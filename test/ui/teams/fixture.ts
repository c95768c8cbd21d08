/**
 * A small, valid record for the Teams tab, the register and the on-send check: four people, each
 * case of the register once. "Now" is 2026-11-03 09:30 London (GMT).
 *
 *   P-1 Alex Example   SPOC officer.one + dedicated casework@; large print, easy read; strategy S-1
 *                      (CPL-2026-0042) review 2026-11-10 (due in 7 days); breach B-1 awaiting
 *                      acknowledgement; contact C-1 awaiting review.
 *   P-2 Sam Sample     advocate only (Jo Advocate, jo@advocacy.example); strategy S-2 (CPL-2026-0050)
 *                      review 2026-10-31 (overdue); breach B-2 acknowledged; contact C-2 reviewed.
 *   P-3 Chris Case     written only (email); strategy S-3 (CPL-2026-0061) review 2026-12-20 (not due).
 *   P-4 Pat Past       SPOC strategy S-4 lifted: in no register, no digest.
 */
import { MemoryEventStore } from "../../../src/adapters/local/memory-store";
import { ALL_FEATURES, type MailHost } from "../../../src/app/mail-host";
import { RecordService } from "../../../src/app/record-service";
import type { RecordEvent, Restriction } from "../../../src/domain";

export const NOW_ISO = "2026-11-03T09:30:00Z";
export const NOW_MS = Date.parse(NOW_ISO);
export const STAFF = "officer.one@opcc.example";
export const MANAGER = "line.manager@opcc.example";

let n = 0;
const ev = (type: string, personId: string, at: string, data: Record<string, unknown>, id?: string): RecordEvent =>
  ({ id: id ?? `f${++n}`, type, personId, at, by: STAFF, data }) as unknown as RecordEvent;

function ladder(personId: string, name: string, emails: string[], day: string): RecordEvent[] {
  return [
    ev("PersonRegistered", personId, `${day}T09:00:00Z`, { name, emails, phones: [] }),
    ev("IncidentRecorded", personId, `${day}T09:10:00Z`, {
      kind: "persistence",
      behaviours: ["demanding-updates"],
      channel: "email",
      summary: "Several emails a day asking for an update.",
    }),
    ev("CausesConsidered", personId, `${day}T09:20:00Z`, {
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: true,
      supportOffered: true,
      rationaleGiven: true,
    }),
    ev("WarningIssued", personId, `${day}T09:30:00Z`, {
      behaviours: ["demanding-updates"],
      expectedChange: "One email a week.",
      consequences: "A contact strategy may be imposed.",
      method: "email",
    }),
  ];
}

function strategy(
  personId: string,
  strategyId: string,
  matterRef: string,
  restrictions: Restriction[],
  at: string,
  reviewDue: string,
): RecordEvent {
  return ev("StrategyImposed", personId, at, {
    strategyId,
    matterRef,
    reason: "Persistent demands for updates after a warning.",
    restrictions,
    proportionality: "The least restrictive option that still protects staff time.",
    approvedBy: "head.of.service@opcc.example",
    notifiedOn: at.slice(0, 10),
    notifiedBy: "email",
    reviewDue,
  });
}

export function sampleEvents(): RecordEvent[] {
  n = 0;
  return [
    ...ladder("P-1", "Alex Example", ["alex@example.org", "Alex.Alt@Example.org"], "2026-09-01"),
    ev("NeedsRecorded", "P-1", "2026-09-01T09:40:00Z", {
      adjustments: [{ kind: "large-print" }, { kind: "easy-read" }, { kind: "other", detail: "Prefers mornings" }],
      source: "self-declared",
    }),
    strategy(
      "P-1",
      "S-1",
      "CPL-2026-0042",
      [
        { kind: "single-point-of-contact", staff: STAFF },
        { kind: "dedicated-address", address: "casework@opcc.example" },
      ],
      "2026-09-10T10:00:00Z",
      "2026-11-10",
    ),
    ev("ContactLogged", "P-1", "2026-10-20T14:00:00Z", {
      contactId: "C-1",
      channel: "email",
      from: "alex@example.org",
      to: ["another.officer@opcc.example"],
    }),
    ev("BreachRecorded", "P-1", "2026-10-20T14:05:00Z", {
      breachId: "B-1",
      strategyId: "S-1",
      restriction: "single-point-of-contact",
      contactId: "C-1",
      detail: "Emailed another officer instead of the single point of contact.",
    }),

    ...ladder("P-2", "Sam Sample", ["sam@example.org"], "2026-08-03"),
    strategy(
      "P-2",
      "S-2",
      "CPL-2026-0050",
      [{ kind: "advocate-only", advocate: { name: "Jo Advocate", email: "jo@advocacy.example" } }],
      "2026-08-10T10:00:00Z",
      "2026-10-31",
    ),
    ev("ContactLogged", "P-2", "2026-09-15T08:00:00Z", {
      contactId: "C-2",
      channel: "phone",
      from: "07700 900123",
      to: [STAFF],
      personId: "P-2",
    }),
    ev("BreachRecorded", "P-2", "2026-09-15T08:05:00Z", {
      breachId: "B-2",
      strategyId: "S-2",
      restriction: "advocate-only",
      contactId: "C-2",
      detail: "Telephoned directly.",
    }),
    ev("BreachAcknowledged", "P-2", "2026-09-16T09:00:00Z", { breachId: "B-2", note: "Seen." }),
    ev("ContactReviewed", "P-2", "2026-09-16T09:10:00Z", { contactId: "C-2", outcome: "no-new-information" }),

    ...ladder("P-3", "Chris Case", ["chris@example.org"], "2026-10-01"),
    strategy(
      "P-3",
      "S-3",
      "CPL-2026-0061",
      [{ kind: "written-only", allowed: ["email"] }],
      "2026-10-05T10:00:00Z",
      "2026-12-20",
    ),

    ...ladder("P-4", "Pat Past", ["pat@example.org"], "2026-06-01"),
    strategy(
      "P-4",
      "S-4",
      "CPL-2026-0010",
      [{ kind: "single-point-of-contact", staff: STAFF }],
      "2026-06-10T10:00:00Z",
      "2026-09-01",
    ),
    ev("StrategyLifted", "P-4", "2026-08-20T10:00:00Z", { strategyId: "S-4", reason: "Behaviour has improved." }),
  ];
}

/** A RecordService over the in-memory store holding the sample record (every event passes the §8 checks). */
export async function sampleRecord(clockMs = NOW_MS): Promise<{ record: RecordService; store: MemoryEventStore }> {
  const store = new MemoryEventStore();
  for (const e of sampleEvents()) await store.append(e);
  const record = new RecordService(store, { now: () => clockMs });
  await record.load();
  return { record, store };
}

/** A mail host with no message (the Teams tab has no mailbox), every feature and no user. */
export const noMail: MailHost = {
  kind: "preview",
  currentMessage: () => null,
  onMessageChanged: () => () => undefined,
  displayReplyForm: async () => undefined,
  displayNewMessageForm: async () => undefined,
  organisationDomains: [],
  user: null,
  features: ALL_FEATURES,
};
