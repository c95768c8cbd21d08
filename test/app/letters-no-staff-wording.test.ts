/**
 * Deliver 1 of issue 14: letters go to the person, so no staff instruction, policy paragraph,
 * internal id or ISO date may reach them. Every letter kind is drafted from breaches detected
 * the way the pane detects them (an opened email, a logged call), for every restriction kind,
 * and from a breach recorded earlier with staff wording in its `detail`.
 */
import * as A from "../../src/app/actions";
import type { Contact, Restriction } from "../../src/domain";
import {
  breachReminderFacts,
  breachReminderLetter,
  liftingFacts,
  reviewOutcomeFacts,
  reviewOutcomeLetter,
  strategyNoticeFacts,
  strategyNoticeLetter,
  variationFacts,
  variationNoticeLetter,
  warningFacts,
  warningLetter,
  type Letter,
  type LetterContext,
} from "../../src/domain/letters";
import { MATTER, PERSON_EMAIL, restricted, REVIEWER, SPOC } from "./ladder-fixture";
import { makeWorld, type World } from "./world";

const ctx = (easy: boolean): LetterContext => ({
  recipientName: "Alex Person",
  adjustments: easy ? [{ kind: "easy-read" }] : [],
  sender: { name: "Officer One", role: "Caseworker" },
});

function text(html: string): string {
  return html
    .replace(/<br>/g, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** Wording that tells staff what to do, or that only staff can read. */
const STAFF_WORDING: readonly RegExp[] = [
  /record the breach/i,
  /pass it to/i,
  /remind them/i,
  /redirect it/i,
  /review it (for anything new|as usual)/i,
  /reply through/i,
  /ask them/i,
  /do not reopen it/i,
  /\bUK time\b/,
  /\bstaff should\b/i,
  /\(\d{1,2}\.\d{1,2}\)|\b\d{1,2}\.\d{1,2}\b/, // policy paragraphs
  /\d{4}-\d{2}-\d{2}/, // ISO dates
  /\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}/, // ISO instants
];

function expectNoStaffWording(letter: Letter, ids: readonly string[], details: readonly string[]): void {
  for (const t of [letter.subject, text(letter.html)]) {
    for (const re of STAFF_WORDING) expect({ text: t, match: t.match(re)?.[0] }).toEqual({ text: t, match: undefined });
    for (const id of ids) expect(t).not.toContain(id);
    for (const d of details) expect(t).not.toContain(d);
  }
}

const EMAIL_TO_SPOC = (over: Partial<Contact> = {}): Contact => ({
  channel: "email",
  at: "2026-12-03T14:10:00Z",
  from: PERSON_EMAIL,
  to: [SPOC],
  ...over,
});

interface Case {
  readonly name: string;
  readonly restrictions: readonly Restriction[];
  /** How the breach arrives: an opened email (recordMessageBreach) or a logged contact. */
  readonly email?: Contact;
  readonly logged?: Omit<A.ContactInput, "personId">;
  /** A contact logged before it, which breaches nothing. */
  readonly earlier?: Omit<A.ContactInput, "personId">;
  /** A phrase the neutral description must hold. */
  readonly says: RegExp;
}

const CALL_AT = "2026-12-03T14:10:00Z"; // Thursday, 14:10 in London (GMT)

const CASES: readonly Case[] = [
  {
    name: "phone-window (outside the times)",
    restrictions: [{ kind: "phone-window", windows: [{ day: "tue", from: "10:00", to: "12:00" }] }],
    logged: { channel: "phone", at: CALL_AT, from: "07700 900123", to: [SPOC] },
    says: /On Thursday 3 December 2026 at 14:10 you (telephoned|phoned) us\..*(outside the times agreed|not at one of your agreed phone times)/,
  },
  {
    name: "phone-window (too many calls)",
    restrictions: [{ kind: "phone-window", windows: [{ day: "thu", from: "09:00", to: "17:00" }], maxCalls: 1 }],
    earlier: { channel: "phone", at: "2026-12-03T10:00:00Z", from: "07700 900123", to: [SPOC] },
    logged: { channel: "phone", at: CALL_AT, from: "07700 900123", to: [SPOC] },
    says: /more than the 1 call a week|up to 1 call each week/,
  },
  {
    name: "written-only",
    // Not with call recording: recorded calls and "no telephone calls" clash (docs/record-rules.md).
    restrictions: [
      { kind: "written-only", allowed: ["email", "post"] },
      { kind: "single-point-of-contact", staff: SPOC },
    ],
    logged: { channel: "in-person", at: CALL_AT, from: "front desk", to: [SPOC] },
    says: /in writing.*by email or post/,
  },
  {
    name: "dedicated-address",
    restrictions: [{ kind: "dedicated-address", address: "cases@opcc.example" }],
    email: EMAIL_TO_SPOC(),
    says: /cases@opcc\.example/,
  },
  {
    name: "blocked-addresses",
    restrictions: [{ kind: "blocked-addresses", addresses: [PERSON_EMAIL] }],
    email: EMAIL_TO_SPOC(),
    says: /It came from a\.person@example\.org|You should not use this address/,
  },
  {
    name: "advocate-only",
    restrictions: [{ kind: "advocate-only", advocate: { name: "Sam Advocate", email: "sam@advocacy.example" } }],
    email: EMAIL_TO_SPOC(),
    says: /through your advocate, Sam Advocate/,
  },
  {
    name: "single-point-of-contact",
    restrictions: [{ kind: "single-point-of-contact", staff: SPOC }],
    email: EMAIL_TO_SPOC({ to: ["officer.two@opcc.example"] }),
    says: /single point of contact, officer\.one@opcc\.example|contact only officer\.one@opcc\.example/,
  },
  {
    name: "no-reopening",
    restrictions: [{ kind: "no-reopening", matterRefs: ["CPL-2025-0001"] }],
    email: EMAIL_TO_SPOC({ matterRef: "CPL-2025-0001", reopenRequest: true }),
    says: /reopen CPL-2025-0001|open CPL-2025-0001 again/,
  },
];

async function detect(w: World, personId: string, c: Case): Promise<readonly string[]> {
  if (c.earlier) expect((await A.logContact(w.ctx(), { personId, ...c.earlier })).breachIds).toEqual([]);
  if (c.email) {
    const r = await A.recordMessageBreach(w.ctx(), {
      messageId: `<m-${c.name}@example.org>`,
      contact: c.email,
      personId,
    });
    expect(r.status).toBe("recorded");
    return r.status === "recorded" ? r.breachIds : [];
  }
  if (!c.logged) throw new Error("a case needs an email or a logged contact");
  const r = await A.logContact(w.ctx(), { personId, ...c.logged });
  return r.breachIds;
}

/** Every id the record holds, which no letter may show. */
async function allIds(w: World): Promise<string[]> {
  const ids = new Set<string>();
  for (const e of await w.events()) {
    ids.add(e.id);
    ids.add(e.personId);
    for (const v of Object.values(e.data as Record<string, unknown>))
      if (typeof v === "string" && /^[A-Za-z]+-[\w-]+$/.test(v) && !v.startsWith("CPL-")) ids.add(v);
  }
  return [...ids];
}

describe("letters carry a neutral description for the person, never staff wording (9.11)", () => {
  for (const c of CASES) {
    it(`every letter kind, from a detected ${c.name} breach`, async () => {
      const w = makeWorld();
      const { personId, strategyId } = await restricted(w, c.restrictions);
      const breachIds = await detect(w, personId, c);
      expect(breachIds.length).toBeGreaterThan(0);
      w.clock.set("2026-12-03T15:00:00Z");
      // A breach recorded earlier, as the pane used to, with the staff sentence as its detail.
      const legacy = await A.recordBreach(w.ctx(), {
        personId,
        strategyId,
        restriction: c.restrictions[0]?.kind ?? "phone-window",
        detail:
          "This email was sent to officer.two rather than the SPOC; pass it to them and record the breach (9.11).",
      });
      await A.varyStrategy(w.ctx(), {
        personId,
        strategyId,
        // A restriction that goes with every case's (call recording would clash with written-only).
        restrictions: [...c.restrictions, { kind: "no-reopening", matterRefs: ["CPL-2024-0001"] }],
        reason: "An earlier complaint will not be reopened either.",
        notifiedOn: "2026-12-04",
      });
      // Reviewed by a manager who neither imposed nor approved it (separation of duties, 9.12).
      const review = await A.reviewStrategy(w.ctx(REVIEWER), {
        personId,
        strategyId,
        outcome: "continue",
        rationale: "Still needed for now.",
      });
      const lift = await A.liftStrategy(w.ctx(), { personId, strategyId, reason: "Contact has been reasonable." });

      const state = w.record.index.person(personId);
      const details = [...state.breaches.values()].map((b) => b.event.data.detail);
      const ids = await allIds(w);
      const varied = (await w.events()).find((e) => e.type === "StrategyVaried");
      for (const easy of [false, true]) {
        const letters: Letter[] = [];
        const warning = state.warnings[0];
        if (warning) letters.push(warningLetter(warningFacts(warning), ctx(easy)));
        const notice = strategyNoticeFacts(state, strategyId);
        if (notice) letters.push(strategyNoticeLetter(notice, ctx(easy)));
        if (varied?.type === "StrategyVaried") {
          const f = variationFacts(state, varied);
          if (f) letters.push(variationNoticeLetter(f, ctx(easy)));
        }
        const reviewed = reviewOutcomeFacts(state, review);
        if (reviewed) letters.push(reviewOutcomeLetter(reviewed, ctx(easy)));
        const lifted = liftingFacts(state, lift);
        if (lifted) letters.push(reviewOutcomeLetter(lifted, ctx(easy)));
        const reminders = [...breachIds, legacy.data.breachId].map((id) => {
          const f = breachReminderFacts(state, id);
          if (!f) throw new Error(`no facts for ${id}`);
          return breachReminderLetter(f, ctx(easy));
        });
        expect(letters).toHaveLength(5);
        for (const l of [...letters, ...reminders]) expectNoStaffWording(l, ids, details);
        // The detected breach's reminder says what happened, in the person's terms.
        expect(text(reminders[0]?.html ?? "")).toMatch(c.says);
        // The legacy breach (no contact) still gets a reminder, dated, without its detail.
        expect(text(reminders[reminders.length - 1]?.html ?? "")).toMatch(
          /On Thursday 3 December 2026 you contacted us\./,
        );
      }
    });
  }

  it("one call breaking two restrictions: one letter naming both, and one action recording a reminder for each breach", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w, [
      { kind: "phone-window", windows: [{ day: "tue", from: "10:00", to: "12:00" }] },
      { kind: "single-point-of-contact", staff: SPOC },
    ]);
    const call = await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: CALL_AT,
      from: "07700 900123",
      to: ["officer.two@opcc.example"],
      matterRef: MATTER,
    });
    expect(call.breachIds).toHaveLength(2);
    const state = w.record.index.person(personId);
    const facts = breachReminderFacts(state, call.breachIds[1] ?? "");
    expect(facts?.breachIds).toEqual(call.breachIds);
    const t = text(breachReminderLetter(facts!, ctx(false)).html);
    expect(t).toContain("On Thursday 3 December 2026 at 14:10 you telephoned us.");
    expect(t).toContain("This was outside the times agreed for your calls.");
    expect(t).toContain("It went to someone other than your single point of contact, officer.one@opcc.example.");
    expect(t.match(/On Thursday/g)).toHaveLength(1);

    w.clock.set("2026-12-03T16:00:00Z");
    const sent = await A.recordContactReminder(w.ctx(), {
      personId,
      breachId: call.breachIds[0] ?? "",
      method: "email",
    });
    expect(sent.map((e) => e.data.breachId)).toEqual(call.breachIds);
    const after = w.record.index.person(personId);
    expect(call.breachIds.map((id) => after.breaches.get(id)?.reminderSent)).toEqual([true, true]);
  });

  it("a detected breach keeps the finding for staff in its detail, without the instruction", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w);
    const r = await A.recordMessageBreach(w.ctx(), {
      messageId: "<x@example.org>",
      contact: EMAIL_TO_SPOC({ to: ["officer.two@opcc.example"] }),
      personId,
    });
    expect(r.status).toBe("recorded");
    // The pane's sentence is unchanged (csm evaluate's `reason`)…
    expect(r.verdict.breaches[0]?.reason).toMatch(/; pass it to them and record the breach\.$/);
    // …while the record keeps only what happened.
    const b = [...w.record.index.person(personId).breaches.values()][0];
    expect(b?.event.data.detail).toBe(
      "This email was sent to officer.two@opcc.example rather than the single point of contact officer.one@opcc.example.",
    );
  });
});
