// Seeded generator of a valid record (record-format §2, §8) and of contacts to evaluate, for the
// bench. Every person climbs the policy's ladder (incident, 7.2 questions, warning, strategy) and
// then has contacts, breaches, reminders, reviews and the odd retraction; everything passes
// `csm validate`, so the bench measures the full path.
"use strict";
const { seeded } = require("./random");

const DAY = 86_400_000;
const MINUTE = 60_000;
const START = Date.parse("2026-01-05T09:00:00Z");
const STAFF = ["officer.one@opcc.example", "officer.two@opcc.example", "officer.three@opcc.example"];
const BEHAVIOURS = {
  abusive: ["verbal-abuse", "harassment-threats"],
  persistence: ["demanding-updates", "excessive-volume"],
  demands: ["wrong-channels", "copying-staff"],
};

const iso = (ms) => new Date(ms).toISOString();
const pad = (n, w) => String(n).padStart(w, "0");
/** The London date of an instant plus `months` calendar months, clamped: well inside the 3-month limit (9.12). */
function reviewDate(ms, months) {
  const d = new Date(ms + 2 * 3_600_000); // past any London midnight ambiguity
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return `${target.getUTCFullYear()}-${pad(target.getUTCMonth() + 1, 2)}-${pad(Math.min(d.getUTCDate(), last, 28), 2)}`;
}

function restrictionsFor(r, i) {
  const spoc = { kind: "single-point-of-contact", staff: STAFF[i % STAFF.length] };
  switch (r.int(0, 3)) {
    case 0:
      return [
        {
          kind: "phone-window",
          windows: [
            { day: "tue", from: "10:00", to: "12:00" },
            { day: "thu", from: "14:00", to: "15:30" },
          ],
          maxCalls: 2,
        },
        spoc,
      ];
    case 1:
      return [
        { kind: "written-only", allowed: ["email", "post"] },
        { kind: "no-reopening", matterRefs: [`CPL-2025-${pad(i, 5)}`] },
      ];
    case 2:
      return [
        { kind: "dedicated-address", address: "contact.strategy@opcc.example" },
        spoc,
        { kind: "call-recording" },
      ];
    default:
      return [
        { kind: "phone-window", windows: [{ day: "mon", from: "09:00", to: "17:00" }], maxCalls: 4, per: "month" },
        { kind: "blocked-addresses", addresses: [`old.${i}@example.org`] },
      ];
  }
}

/**
 * `events` valid events across `people` people (about events/people each), as plain objects in
 * log order per person but interleaved across people.
 */
function generateLog({ people = 2000, events = 100_000, seed = 42 } = {}) {
  const r = seeded(seed);
  const perPerson = Math.max(8, Math.floor(events / people));
  const out = [];
  let id = 0;
  const nextId = (p) => `${p}${(id++).toString(36)}`;
  for (let i = 0; i < people && out.length < events; i++) {
    const first = out.length;
    const personId = `P-${pad(i, 6)}`;
    const email = `person.${i}@example.org`;
    const phone = `07700 ${pad(100000 + i, 6)}`;
    const matterRef = `CPL-2026-${pad(i, 5)}`;
    let t = START + r.int(0, 200) * DAY + r.int(0, 8 * 60) * MINUTE;
    const ev = (type, data) => {
      t += r.int(5, 600) * MINUTE;
      const e = {
        id: nextId(type[0].toLowerCase()),
        type,
        personId,
        at: iso(t),
        recordedAt: iso(t + 1000),
        by: r.pick(STAFF),
        data,
      };
      out.push(e);
      return e;
    };
    const kind = r.pick(["abusive", "persistence", "demands"]);
    ev("PersonRegistered", { name: `Person ${i}`, emails: [email], phones: [phone], caseRefs: [matterRef] });
    ev("AssistanceOffered", { accepted: r.chance(0.3) });
    if (r.chance(0.2)) ev("NeedsRecorded", { adjustments: [{ kind: "large-print" }], source: "self-declared" });
    ev("IncidentRecorded", {
      kind,
      behaviours: [BEHAVIOURS[kind][0]],
      channel: "email",
      summary: "Repeated emails demanding an update.",
      matterRef,
    });
    ev("CausesConsidered", {
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: r.chance(0.8),
      supportOffered: true,
      rationaleGiven: true,
    });
    ev("WarningIssued", {
      behaviours: [BEHAVIOURS[kind][0]],
      expectedChange: "Write once a week.",
      consequences: "We may limit contact.",
      method: "email",
      matterRef,
    });
    const strategyId = `S-${pad(i, 6)}`;
    ev("StrategyImposed", {
      strategyId,
      matterRef,
      reason: "Persistent contact.",
      restrictions: restrictionsFor(r, i),
      proportionality: "Least restrictive option.",
      approvedBy: "manager@opcc.example",
      notifiedOn: iso(t).slice(0, 10),
      notifiedBy: "email",
      reviewDue: reviewDate(t, 2),
    });
    let contacts = 0;
    let breaches = 0;
    const stop = first + perPerson;
    while (out.length < stop && out.length < events) {
      const roll = r.next();
      if (roll < 0.6) {
        const channel = r.pick(["phone", "email", "email", "post"]);
        ev("ContactLogged", {
          contactId: `C-${i}-${++contacts}`,
          channel,
          from: channel === "email" ? email : phone,
          to: [r.pick(STAFF)],
          matterRef,
        });
      } else if (roll < 0.7 && contacts > 0) {
        ev("ContactReviewed", { contactId: `C-${i}-${r.int(1, contacts)}`, outcome: "no-new-information" });
      } else if (roll < 0.8) {
        ev("BreachRecorded", {
          breachId: `B-${i}-${++breaches}`,
          strategyId,
          restriction: "single-point-of-contact",
          detail: "Emailed another officer.",
        });
      } else if (roll < 0.86 && breaches > 0) {
        ev("BreachReminderSent", { breachId: `B-${i}-${r.int(1, breaches)}`, method: "email" });
      } else if (roll < 0.9 && breaches > 0) {
        ev("BreachAcknowledged", { breachId: `B-${i}-${r.int(1, breaches)}` });
      } else if (roll < 0.95) {
        ev("StrategyReviewed", {
          strategyId,
          outcome: "continue",
          rationale: "Still needed.",
          nextReviewDue: reviewDate(t + 601 * MINUTE, 2),
        });
      } else {
        // Retract the last event when nothing later refers to it (not a contact or breach).
        const target = out[out.length - 1];
        if (
          [
            "ContactReviewed",
            "BreachReminderSent",
            "BreachAcknowledged",
            "StrategyReviewed",
            "AssistanceOffered",
          ].includes(target.type)
        ) {
          ev("EventRetracted", { eventId: target.id, reason: "Recorded in error." });
        }
      }
    }
  }
  // Interleave people as a shared log would (log order is by at, so file order must not matter).
  for (let k = out.length - 1; k > 0; k--) {
    const j = Math.floor(r.next() * (k + 1));
    [out[k], out[j]] = [out[j], out[k]];
  }
  return out;
}

/** `count` contacts from the generated people, across the year, by every channel. */
function generateContacts({ people = 2000, count = 10_000, seed = 7 } = {}) {
  const r = seeded(seed);
  const out = [];
  for (let k = 0; k < count; k++) {
    const i = r.int(0, people - 1);
    const channel = r.pick(["email", "phone", "post", "in-person", "email"]);
    const known = r.chance(0.9);
    out.push({
      channel,
      at: iso(START + r.int(0, 300) * DAY + r.int(0, 24 * 60) * MINUTE),
      from: known
        ? channel === "email"
          ? `person.${i}@example.org`
          : `+44 7700 ${pad(100000 + i, 6)}`
        : `stranger.${k}@example.net`,
      to: [r.pick(STAFF)],
      ...(r.chance(0.7) ? { matterRef: `CPL-2026-${pad(i, 5)}` } : {}),
      reopenRequest: r.chance(0.05),
    });
  }
  return out;
}

module.exports = { generateLog, generateContacts };
