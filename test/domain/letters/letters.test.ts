import {
  breachReminderFacts,
  breachReminderLetter,
  escapeHtml,
  longDate,
  presentationFor,
  reviewOutcomeLetter,
  strategyNoticeLetter,
  variationNoticeLetter,
  warningLetter,
  type LetterContext,
} from "../../../src/domain/letters";
import type { Adjustment, Restriction } from "../../../src/domain";

const ctx = (adjustments: Adjustment[] = [], over: Partial<LetterContext> = {}): LetterContext => ({
  recipientName: "Alex Person",
  adjustments,
  sender: { name: "Officer One", role: "Caseworker" },
  ...over,
});

const restrictions: Restriction[] = [
  { kind: "phone-window", windows: [{ day: "tue", from: "10:00", to: "12:00" }], maxCalls: 1, per: "week" },
  { kind: "single-point-of-contact", staff: "officer.one@opcc.example" },
];

/** The letter's text as a reader sees it (tags removed, entities decoded). */
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

/** Average words per sentence in the letter body (greeting and sign-off included). */
function wordsPerSentence(html: string): number {
  const sentences = text(html)
    .split(/(?<=[.?!:])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.split(" ").length > 1);
  const words = sentences.reduce((n, s) => n + s.split(" ").length, 0);
  return words / sentences.length;
}

const notice = {
  matterRef: "CPL-2026-0042",
  reason: "You sent 40 emails in a week.",
  restrictions,
  reviewDue: "2027-02-03",
};

describe("escaping", () => {
  it("escapes every character that could make markup", () => {
    expect(escapeHtml(`<a href="x">O'Brien & Sons</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; Sons&lt;/a&gt;",
    );
  });

  it("never lets a name, a reason or a restriction inject markup", () => {
    const evil = `<img src=x onerror="alert(1)">`;
    const letter = strategyNoticeLetter(
      {
        ...notice,
        reason: `Because ${evil}`,
        restrictions: [{ kind: "advocate-only", advocate: { name: evil } }],
        matterRef: "M<1>",
      },
      ctx([], { recipientName: evil, sender: { name: "Tom & Jerry" } }),
    );
    expect(letter.html).not.toContain("<img");
    expect(letter.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(letter.html).toContain("Tom &amp; Jerry");
    expect(letter.subject).toBe("Contact arrangements for M<1>"); // the subject is plain text, not HTML
  });

  it("keeps the writer's line breaks in free text", () => {
    const letter = warningLetter(
      { behaviours: ["verbal-abuse"], expectedChange: "Line one\nLine two", consequences: "x" },
      ctx(),
    );
    expect(letter.html).toContain("Line one<br>Line two");
  });
});

describe("reasonable adjustments (8.4, 9.6)", () => {
  it("uses standard 12 pt type when nothing is recorded", () => {
    expect(presentationFor([])).toEqual({ wording: "standard", largePrint: false, size: 12 });
    expect(strategyNoticeLetter(notice, ctx()).html).toContain("font-size:12pt");
  });

  it("large print: 18 pt body type", () => {
    const html = strategyNoticeLetter(notice, ctx([{ kind: "large-print" }])).html;
    expect(html).toContain("font-size:18pt");
    expect(html).not.toContain("font-size:12pt");
  });

  it("easy read: shorter sentences than the standard letter, in every letter", () => {
    const easy = ctx([{ kind: "easy-read" }]);
    const pairs = [
      [strategyNoticeLetter(notice, ctx()), strategyNoticeLetter(notice, easy)],
      [
        warningLetter(
          { behaviours: ["demanding-updates"], expectedChange: "Write weekly.", consequences: "Limits." },
          ctx(),
        ),
        warningLetter(
          { behaviours: ["demanding-updates"], expectedChange: "Write weekly.", consequences: "Limits." },
          easy,
        ),
      ],
      [variationNoticeLetter({ ...notice }, ctx()), variationNoticeLetter({ ...notice }, easy)],
    ] as const;
    for (const [standard, easyRead] of pairs) {
      expect(wordsPerSentence(easyRead.html)).toBeLessThan(wordsPerSentence(standard.html));
      expect(wordsPerSentence(easyRead.html)).toBeLessThanOrEqual(10);
    }
  });

  it("large print and easy read together: easy-read wording in 18 pt", () => {
    expect(presentationFor([{ kind: "easy-read" }, { kind: "large-print" }])).toEqual({
      wording: "easy-read",
      largePrint: true,
      size: 18,
    });
  });

  it("names the adjustments already recorded and says how to ask for more", () => {
    const t = text(strategyNoticeLetter(notice, ctx([{ kind: "interpreter" }], { contactPoint: "01642 000000" })).html);
    expect(t).toContain("interpreter");
    expect(t).toMatch(/please tell us at 01642 000000 and we will make reasonable adjustments/);
  });
});

describe("strategy notice (9.6–9.8)", () => {
  const t = text(strategyNoticeLetter(notice, ctx()).html);

  it("gives the reason, each restriction in plain words, and the review date", () => {
    expect(t).toContain("You sent 40 emails in a week.");
    expect(t).toContain("You may telephone us only on Tuesday between 10:00 and 12:00.");
    expect(t).toContain("Please make no more than 1 call in any week.");
    expect(t).toContain("Please contact only your single point of contact, officer.one@opcc.example.");
    expect(t).toContain("by Wednesday 3 February 2027");
  });

  it("says it is to deal with their issues promptly and accurately (9.7)", () => {
    expect(t).toMatch(/dealt with promptly and accurately/);
  });

  it("says it relates only to that matter and other issues can still be raised (9.8)", () => {
    expect(t).toContain("The strategy relates only to CPL-2026-0042.");
    expect(t).toMatch(/any other issue, you can still ask us/);
  });

  it("invites their agreement (9.6) and is signed", () => {
    expect(t).toMatch(/welcome your agreement/);
    expect(t).toMatch(/Yours sincerely, Officer One Caseworker The Office of the Police and Crime Commissioner/);
  });
});

describe("other letters", () => {
  it("warning (9.1–9.3): the behaviour in the policy's words, what to change, the consequences, abuse not tolerated", () => {
    const t = text(
      warningLetter(
        {
          behaviours: ["verbal-abuse"],
          expectedChange: "Please be civil.",
          consequences: "We may end calls.",
          matterRef: "CPL-1",
        },
        ctx(),
      ).html,
    );
    expect(t).toContain("Verbal abuse, derogatory, discriminatory or defamatory remarks.");
    expect(t).toContain("Please be civil.");
    expect(t).toContain("We may end calls.");
    expect(t).toContain("Violent, threatening or abusive behaviour towards our staff will not be tolerated.");
    expect(t).toMatch(/chance to change this before we decide/);
  });

  it("warning: no violence sentence when the behaviour was persistence", () => {
    const t = text(
      warningLetter({ behaviours: ["demanding-updates"], expectedChange: "x", consequences: "y" }, ctx()).html,
    );
    expect(t).not.toMatch(/will not be tolerated/);
  });

  it("breach reminder (9.11): what happened, the consequences and the reasons for the strategy", () => {
    const letter = breachReminderLetter(
      {
        matterRef: "CPL-1",
        reason: "Abusive calls to several staff.",
        restrictions,
        breachDate: "2026-11-04",
        occasion: { date: "2026-11-04", time: "09:05", channel: "email" },
        findings: [{ kind: "not-single-point", staff: "officer.one@opcc.example" }],
        breachIds: ["B-1"],
      },
      ctx(),
    );
    const t = text(letter.html);
    expect(letter.subject).toBe("Reminder: contact arrangements for CPL-1");
    expect(t).toContain("On Wednesday 4 November 2026 at 09:05 you emailed us.");
    expect(t).toContain("It went to someone other than your single point of contact, officer.one@opcc.example.");
    expect(t).not.toContain("B-1");
    expect(t).toContain("Abusive calls to several staff.");
    expect(t).toMatch(/restrict your contact further/);
  });

  it("variation notice (9.14): the new arrangements and that others no longer apply", () => {
    const t = text(
      variationNoticeLetter(
        { ...notice, restrictions: [{ kind: "call-recording" }], reason: "Calls are calmer." },
        ctx(),
      ).html,
    );
    expect(t).toContain("Telephone calls with you will be recorded or monitored.");
    expect(t).toContain("Any arrangement not listed above no longer applies.");
    expect(t).not.toContain("Tuesday");
  });

  it("review outcome: continue gives the next review; lift says contact is back to normal", () => {
    const cont = reviewOutcomeLetter(
      {
        outcome: "continue",
        matterRef: "CPL-1",
        rationale: "Still needed.",
        restrictions,
        nextReviewDue: "2027-05-01",
      },
      ctx(),
    );
    expect(text(cont.html)).toMatch(/stay in place.*Saturday 1 May 2027/);
    const lift = reviewOutcomeLetter(
      { outcome: "lift", matterRef: "CPL-1", rationale: "Contact has been reasonable." },
      ctx(),
    );
    expect(lift.subject).toBe("The contact arrangements for CPL-1 have ended");
    expect(text(lift.html)).toMatch(/contact us in the usual way/);
  });

  it("writes every restriction kind in words", () => {
    const all: Restriction[] = [
      ...restrictions,
      { kind: "written-only", allowed: ["email", "post"] },
      { kind: "call-recording" },
      { kind: "dedicated-address", address: "cases@opcc.example" },
      { kind: "blocked-addresses", addresses: ["old@example.org"] },
      { kind: "advocate-only", advocate: { name: "Sam Advocate", email: "sam@advocacy.example" } },
      { kind: "no-reopening", matterRefs: ["CPL-2025-0001"] },
    ];
    for (const wording of [[], [{ kind: "easy-read" as const }]]) {
      const t = text(strategyNoticeLetter({ ...notice, restrictions: all }, ctx(wording)).html);
      for (const needle of [
        "email or post",
        "record",
        "cases@opcc.example",
        "old@example.org",
        "Sam Advocate (sam@advocacy.example)",
        "CPL-2025-0001",
      ]) {
        expect(t).toContain(needle);
      }
    }
  });

  it("formats dates as people write them", () => {
    expect(longDate("2027-02-28")).toBe("Sunday 28 February 2027");
    expect(longDate("not a date")).toBe("not a date");
  });
});

describe("facts from the record", () => {
  it("returns null for a breach the record does not hold", () => {
    const state = { breaches: new Map(), strategies: new Map() } as unknown as Parameters<
      typeof breachReminderFacts
    >[0];
    expect(breachReminderFacts(state, "nope")).toBeNull();
  });
});
