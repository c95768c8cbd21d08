// Writes record.jsonl, the preview's sample record (fictional people on example.org/example.com,
// staff on opcc.example). Run `node src/surfaces/preview/sample/make-sample.js` after editing,
// then `npx csm validate --events src/surfaces/preview/sample/record.jsonl`. mailbox.json is
// written by hand; its `expect` fields (ignored by the preview) say what each message should show
// and are checked by test/ui/sample-data.test.ts and the browser tests.
const fs = require("fs");
const path = require("path");

const STAFF = {
  casey: "casey.okafor@opcc.example",
  lee: "lee.hughes@opcc.example",
  team: "complaints@opcc.example",
  sam: "sam.patel@opcc.example",
  // Managers: Rachel approves strategies; Priya reviews them (separation of duties: a review is
  // decided by someone who neither imposed nor approved the strategy, 9.12; docs/record-rules.md).
  rachel: "rachel.adeyemi@opcc.example",
  priya: "priya.nair@opcc.example",
};

const events = [];
let seq = 0;
function ev(personId, type, at, data, by = STAFF.casey) {
  seq += 1;
  const id = `${personId.toLowerCase()}-${String(seq).padStart(3, "0")}`;
  events.push({ id, type, personId, at, recordedAt: at, by, data });
  return id;
}
function contact(personId, at, data, by = STAFF.casey) {
  const contactId = `c-${personId.toLowerCase()}-${String(seq + 1).padStart(3, "0")}`;
  ev(personId, "ContactLogged", at, { contactId, ...data }, by);
  return contactId;
}
/** Weekly emails from `from` between two dates (inclusive), on the given weekday offset, at 10:15 London-ish. */
function weeklyEmails(personId, from, startIso, weeks, to, everyNth = 1, matterRef) {
  const start = Date.parse(startIso);
  for (let w = 0; w < weeks; w += everyNth) {
    const at = new Date(start + w * 7 * 86400000).toISOString().replace(".000Z", "Z");
    contact(personId, at, { channel: "email", from, to: [to], ...(matterRef ? { matterRef } : {}) });
  }
}

// --- Sam Fletcher: stage none (registered, adjustments, ordinary contact) -------------------
ev("P-1001", "PersonRegistered", "2026-07-02T09:00:00Z", {
  name: "Sam Fletcher",
  emails: ["sam.fletcher@example.org"],
  phones: ["01632 960001"],
  caseRefs: ["CPL-2026-0031"],
});
ev("P-1001", "AssistanceOffered", "2026-07-02T09:05:00Z", {
  accepted: true,
  note: "Asked at the outset (8.1). Asked for letters in large print.",
});
ev("P-1001", "NeedsRecorded", "2026-07-02T09:10:00Z", {
  adjustments: [{ kind: "large-print" }, { kind: "extra-time", detail: "Allow 14 days to reply to letters" }],
  source: "self-declared",
});
weeklyEmails("P-1001", "sam.fletcher@example.org", "2026-07-06T09:15:00Z", 20, STAFF.team, 3, "CPL-2026-0031");

// --- Jordan Ellis: stage concern (an incident recorded, causes considered) -------------------
ev("P-1002", "PersonRegistered", "2026-08-10T10:00:00Z", {
  name: "Jordan Ellis",
  emails: ["jordan.ellis@example.com"],
  phones: [],
});
weeklyEmails("P-1002", "jordan.ellis@example.com", "2026-08-11T08:30:00Z", 12, STAFF.team, 2);
for (const day of [
  "2026-11-04T08:02:00Z",
  "2026-11-04T11:47:00Z",
  "2026-11-05T07:55:00Z",
  "2026-11-05T13:20:00Z",
  "2026-11-05T18:41:00Z",
  "2026-11-06T09:03:00Z",
]) {
  contact("P-1002", day, { channel: "email", from: "jordan.ellis@example.com", to: [STAFF.casey] });
}
ev("P-1002", "IncidentRecorded", "2026-11-06T10:00:00Z", {
  kind: "persistence",
  behaviours: ["demanding-updates", "excessive-volume"],
  channel: "email",
  summary: "Six emails in three days asking for an update, although the next update was promised for 20 November.",
});
ev("P-1002", "CausesConsidered", "2026-11-09T11:00:00Z", {
  processExplained: true,
  handledProportionately: true,
  communicatedRegularly: false,
  supportOffered: true,
  rationaleGiven: true,
  actions: "Agreed to send an update by email every second Friday.",
});

// --- Priya Nair: stage warned -----------------------------------------------------------------
ev("P-1003", "PersonRegistered", "2026-06-15T13:00:00Z", {
  name: "Priya Nair",
  emails: ["priya.nair@example.org"],
  phones: ["07700 900123"],
  caseRefs: ["CPL-2026-0057"],
});
weeklyEmails("P-1003", "priya.nair@example.org", "2026-06-16T15:00:00Z", 23, STAFF.lee, 2, "CPL-2026-0057");
contact(
  "P-1003",
  "2026-09-02T10:20:00Z",
  { channel: "phone", from: "07700 900123", to: [STAFF.lee], matterRef: "CPL-2026-0057" },
  STAFF.lee,
);
ev(
  "P-1003",
  "IncidentRecorded",
  "2026-09-02T10:45:00Z",
  {
    kind: "abusive",
    behaviours: ["verbal-abuse"],
    channel: "phone",
    summary:
      "Shouted and swore at the officer after being told the complaint was not upheld; warned once, then the call was ended.",
    matterRef: "CPL-2026-0057",
    callEnded: true,
    staffAffected: [STAFF.lee],
  },
  STAFF.lee,
);
ev(
  "P-1003",
  "IncidentRecorded",
  "2026-09-20T09:30:00Z",
  {
    kind: "demands",
    behaviours: ["senior-manager-demands"],
    channel: "email",
    summary: "Demanded that the Commissioner personally reply before any officer looks at the complaint.",
    matterRef: "CPL-2026-0057",
  },
  STAFF.lee,
);
ev(
  "P-1003",
  "CausesConsidered",
  "2026-09-22T14:00:00Z",
  {
    processExplained: true,
    handledProportionately: true,
    communicatedRegularly: true,
    supportOffered: true,
    rationaleGiven: true,
  },
  STAFF.lee,
);
ev(
  "P-1003",
  "WarningIssued",
  "2026-09-25T11:00:00Z",
  {
    behaviours: ["verbal-abuse", "senior-manager-demands"],
    expectedChange: "Speak to staff without abuse, and let the caseworker handle the complaint in the usual way.",
    consequences: "If this continues we may limit how you can contact us (a contact strategy).",
    method: "email",
    matterRef: "CPL-2026-0057",
  },
  STAFF.lee,
);

// --- Alex Morgan: stage restricted (single point of contact, written only) ------------------
ev("P-1004", "PersonRegistered", "2026-05-18T09:30:00Z", {
  name: "Alex Morgan",
  emails: ["alex.morgan@example.com"],
  phones: ["07700 900456"],
  caseRefs: ["CPL-2026-0042"],
});
ev("P-1004", "NeedsRecorded", "2026-05-18T09:40:00Z", {
  adjustments: [{ kind: "written-contact", detail: "Prefers email to letters" }],
  source: "self-declared",
});
weeklyEmails("P-1004", "alex.morgan@example.com", "2026-06-01T08:10:00Z", 11, STAFF.team, 1, "CPL-2026-0042");
ev("P-1004", "IncidentRecorded", "2026-07-06T12:00:00Z", {
  kind: "persistence",
  behaviours: ["contacting-different-staff"],
  channel: "email",
  summary: "Emailed four different officers the same request after the caseworker had answered it.",
  matterRef: "CPL-2026-0042",
});
ev("P-1004", "IncidentRecorded", "2026-07-20T15:10:00Z", {
  kind: "persistence",
  behaviours: ["demanding-updates"],
  channel: "phone",
  summary: "Third call this week demanding an update before the agreed date.",
  matterRef: "CPL-2026-0042",
});
ev("P-1004", "CausesConsidered", "2026-07-21T10:00:00Z", {
  processExplained: true,
  handledProportionately: true,
  communicatedRegularly: true,
  supportOffered: true,
  rationaleGiven: true,
});
ev("P-1004", "WarningIssued", "2026-07-24T10:00:00Z", {
  behaviours: ["contacting-different-staff", "demanding-updates"],
  expectedChange: "Write to the caseworker only, and wait for the agreed updates.",
  consequences: "If this continues we may put a contact strategy in place.",
  method: "email",
  matterRef: "CPL-2026-0042",
});
ev("P-1004", "IncidentRecorded", "2026-08-14T09:00:00Z", {
  kind: "demands",
  behaviours: ["copying-staff"],
  channel: "email",
  summary: "Copied eleven staff into an email sent to the IOPC, after being asked not to.",
  matterRef: "CPL-2026-0042",
});
ev("P-1004", "StrategyImposed", "2026-08-20T14:00:00Z", {
  strategyId: "S-1004-1",
  matterRef: "CPL-2026-0042",
  reason: "Contact with many officers and repeated demands for updates continued after the warning of 24 July.",
  restrictions: [
    { kind: "single-point-of-contact", staff: STAFF.casey },
    { kind: "written-only", allowed: ["email", "post"] },
  ],
  proportionality:
    "Alex can still raise anything in writing with one named caseworker; email suits their stated preference.",
  approvedBy: STAFF.rachel,
  notifiedOn: "2026-08-20",
  notifiedBy: "email",
  reviewDue: "2026-11-19",
});
weeklyEmails("P-1004", "alex.morgan@example.com", "2026-08-24T08:10:00Z", 13, STAFF.casey, 1, "CPL-2026-0042");
const alexBreach1 = contact("P-1004", "2026-10-05T16:20:00Z", {
  channel: "email",
  from: "alex.morgan@example.com",
  to: [STAFF.lee],
  matterRef: "CPL-2026-0042",
});
ev("P-1004", "BreachRecorded", "2026-10-05T16:30:00Z", {
  breachId: "B-1004-1",
  strategyId: "S-1004-1",
  restriction: "single-point-of-contact",
  contactId: alexBreach1,
  detail: "Emailed Lee Hughes instead of the single point of contact.",
});
ev("P-1004", "BreachReminderSent", "2026-10-05T17:00:00Z", { breachId: "B-1004-1", method: "email" });
ev(
  "P-1004",
  "BreachAcknowledged",
  "2026-10-06T09:00:00Z",
  { breachId: "B-1004-1", note: "Seen; no further action." },
  STAFF.rachel,
);
ev("P-1004", "ContactReviewed", "2026-10-06T09:30:00Z", { contactId: alexBreach1, outcome: "no-new-information" });
ev(
  "P-1004",
  "StrategyReviewed",
  "2026-11-16T11:00:00Z",
  {
    strategyId: "S-1004-1",
    outcome: "continue",
    rationale: "Contact has settled with the caseworker; one breach in October. Keep in place for now.",
    nextReviewDue: "2027-02-12",
  },
  STAFF.priya,
);
const alexCall = contact("P-1004", "2026-11-18T10:05:00Z", {
  channel: "phone",
  from: "07700 900456",
  to: [STAFF.casey],
  matterRef: "CPL-2026-0042",
});
ev("P-1004", "BreachRecorded", "2026-11-18T10:20:00Z", {
  breachId: "B-1004-2",
  strategyId: "S-1004-1",
  restriction: "written-only",
  contactId: alexCall,
  detail: "Telephoned the caseworker although contact is in writing only.",
});

// --- Chris Taylor: stage further-action (advocate only; review overdue) ---------------------
ev(
  "P-1005",
  "PersonRegistered",
  "2026-04-01T10:00:00Z",
  { name: "Chris Taylor", emails: ["chris.taylor@example.org"], phones: ["01632 960777"], caseRefs: ["CPL-2026-0019"] },
  STAFF.sam,
);
ev(
  "P-1005",
  "IncidentRecorded",
  "2026-04-20T11:00:00Z",
  {
    kind: "abusive",
    behaviours: ["harassment-threats"],
    channel: "email",
    summary: "Email threatening to 'make life difficult' for the caseworker and naming where they live.",
    matterRef: "CPL-2026-0019",
  },
  STAFF.sam,
);
ev(
  "P-1005",
  "IncidentRecorded",
  "2026-05-10T14:30:00Z",
  {
    kind: "abusive",
    behaviours: ["harm", "intimidation"],
    channel: "in-person",
    summary: "Came to reception, shouted, and kicked the door when asked to leave.",
    matterRef: "CPL-2026-0019",
    staffAffected: [STAFF.sam],
  },
  STAFF.sam,
);
ev(
  "P-1005",
  "CausesConsidered",
  "2026-05-12T10:00:00Z",
  {
    processExplained: true,
    handledProportionately: true,
    communicatedRegularly: true,
    supportOffered: true,
    rationaleGiven: true,
  },
  STAFF.sam,
);
ev(
  "P-1005",
  "WarningIssued",
  "2026-05-14T10:00:00Z",
  {
    behaviours: ["harassment-threats", "harm"],
    expectedChange: "No threats, and no visits to the office.",
    consequences: "Contact will be restricted, and the police may be told.",
    method: "post",
    matterRef: "CPL-2026-0019",
  },
  STAFF.sam,
);
ev(
  "P-1005",
  "StrategyImposed",
  "2026-05-20T12:00:00Z",
  {
    strategyId: "S-1005-1",
    matterRef: "CPL-2026-0019",
    reason: "Threats and a violent incident at reception continued after the warning of 14 May.",
    restrictions: [
      {
        kind: "advocate-only",
        advocate: { name: "Dana Brooks", email: "dana.brooks@advocacy.example.org", phone: "01632 960123" },
      },
      { kind: "call-recording" },
    ],
    proportionality:
      "Chris keeps full access to the complaints process through an independent advocate; staff are protected from further threats.",
    approvedBy: STAFF.rachel,
    notifiedOn: "2026-05-20",
    notifiedBy: "post",
    reviewDue: "2026-08-19",
  },
  STAFF.sam,
);
ev(
  "P-1005",
  "StrategyReviewed",
  "2026-08-18T10:00:00Z",
  {
    strategyId: "S-1005-1",
    outcome: "continue",
    rationale: "Threats continued in July through a second email address.",
    nextReviewDue: "2026-11-17",
  },
  STAFF.priya,
);
ev("P-1005", "IdentifiersLinked", "2026-07-08T09:00:00Z", { emails: ["chris.t.1970@example.com"] }, STAFF.sam);
weeklyEmails("P-1005", "dana.brooks@advocacy.example.org", "2026-06-03T11:00:00Z", 25, STAFF.sam, 2, "CPL-2026-0019");
// Contacts from the advocate carry the person's id (record-format §6).
for (const e of events)
  if (e.type === "ContactLogged" && e.data.from === "dana.brooks@advocacy.example.org")
    Object.assign(e.data, { personId: "P-1005", viaAdvocate: true });
const chrisDirect = contact(
  "P-1005",
  "2026-09-03T22:14:00Z",
  { channel: "email", from: "chris.t.1970@example.com", to: [STAFF.team], matterRef: "CPL-2026-0019" },
  STAFF.sam,
);
ev(
  "P-1005",
  "BreachRecorded",
  "2026-09-04T08:30:00Z",
  {
    breachId: "B-1005-1",
    strategyId: "S-1005-1",
    restriction: "advocate-only",
    contactId: chrisDirect,
    detail: "Emailed the complaints team directly from a second address, not through the advocate.",
  },
  STAFF.sam,
);
ev("P-1005", "BreachReminderSent", "2026-09-04T09:00:00Z", { breachId: "B-1005-1", method: "post" }, STAFF.sam);
ev("P-1005", "BreachAcknowledged", "2026-09-04T12:00:00Z", { breachId: "B-1005-1" }, STAFF.rachel);
ev(
  "P-1005",
  "FurtherActionConsidered",
  "2026-09-15T10:00:00Z",
  {
    adviceSought: "Legal advice from the OPCC's solicitor on a civil injunction (10.1).",
    outcome: "proceed",
  },
  STAFF.sam,
);
ev(
  "P-1005",
  "SharingRecorded",
  "2026-09-16T10:00:00Z",
  {
    partner: "Cleveland Police",
    purpose: "Officer safety at reception",
    lawfulBasis: "UK GDPR Article 6(1)(e), public task",
    dpoConsulted: true,
    dpoName: "Morgan Shaw, Data Protection Officer",
  },
  STAFF.sam,
);

const out = path.join(__dirname, "record.jsonl");
fs.writeFileSync(out, events.map((e) => JSON.stringify(e)).join("\n") + "\n");
console.log(`wrote ${events.length} events to ${path.relative(process.cwd(), out)}`);
