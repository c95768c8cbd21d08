/* global document */
// "Next" from the whole state (issue 14 item 4): a colleague and a known advocate writing from
// the address on file are not asked to be registered, and a breach of a strategy since lifted
// asks for no reminder. The record and mailbox are served by the test itself (same origin).
const BY = "officer.one@opcc.example";
const ADVOCATE = "dana.brooks@advocacy.example.org";

const mailbox = {
  organisationDomains: ["opcc.example"],
  user: { name: "Officer One", address: BY },
  messages: [
    {
      id: "next-colleague",
      from: { name: "Casey Okafor", address: "casey.okafor@opcc.example" },
      to: [{ name: "Officer One", address: BY }],
      subject: "Team meeting moved to Thursday",
      receivedAt: "2026-11-26T09:00:00Z",
      body: "See you there.",
    },
    {
      id: "next-lifted",
      from: { name: "Lee Lifted", address: "lee.lifted@example.org" },
      to: [{ name: "Officer One", address: BY }],
      subject: "Thank you",
      receivedAt: "2026-11-26T10:00:00Z",
      body: "Thank you for your help.",
    },
    {
      id: "next-advocate",
      from: { name: "Dana Brooks", address: ADVOCATE },
      to: [{ name: "Officer One", address: BY }],
      subject: "On behalf of Ari Advocated",
      receivedAt: "2026-11-26T11:00:00Z",
      body: "I write on behalf of my client.",
    },
  ],
};

let n = 0;
const ev = (type, personId, at, data) => ({ id: `next-${++n}`, type, personId, at, by: BY, data });
const strategy = (personId, strategyId, restrictions) =>
  ev("StrategyImposed", personId, "2026-09-10T09:00:00Z", {
    strategyId,
    matterRef: "M-77",
    reason: "Persistent demands continued after the warning.",
    restrictions,
    proportionality: "The least restrictive option.",
    approvedBy: "manager@opcc.example",
    notifiedOn: "2026-09-10",
    notifiedBy: "email",
    reviewDue: "2026-12-10",
  });
const ladder = (personId, name, email) => [
  ev("PersonRegistered", personId, "2026-09-01T09:00:00Z", { name, emails: [email], phones: [] }),
  ev("AssistanceOffered", personId, "2026-09-01T09:05:00Z", { accepted: false }),
  ev("IncidentRecorded", personId, "2026-09-02T09:00:00Z", {
    kind: "persistence",
    behaviours: ["demanding-updates"],
    channel: "email",
    summary: "Twelve emails in a day.",
    matterRef: "M-77",
  }),
  ev("CausesConsidered", personId, "2026-09-02T10:00:00Z", {
    processExplained: true,
    handledProportionately: true,
    communicatedRegularly: true,
    supportOffered: true,
    rationaleGiven: true,
  }),
  ev("WarningIssued", personId, "2026-09-03T09:00:00Z", {
    behaviours: ["demanding-updates"],
    expectedChange: "One email a week.",
    consequences: "Contact may be restricted.",
    method: "email",
    matterRef: "M-77",
  }),
];
const record = [
  ...ladder("P-LIFTED", "Lee Lifted", "lee.lifted@example.org"),
  strategy("P-LIFTED", "S-LIFTED", [{ kind: "single-point-of-contact", staff: BY }]),
  ev("BreachRecorded", "P-LIFTED", "2026-10-01T09:00:00Z", {
    breachId: "B-LIFTED",
    strategyId: "S-LIFTED",
    restriction: "single-point-of-contact",
    detail: "Wrote to another officer.",
  }),
  ev("StrategyLifted", "P-LIFTED", "2026-11-20T09:00:00Z", { strategyId: "S-LIFTED", reason: "Behaviour improved." }),
  ...ladder("P-ADVOCATED", "Ari Advocated", "ari.advocated@example.org"),
  strategy("P-ADVOCATED", "S-ADVOCATED", [
    { kind: "advocate-only", advocate: { name: "Dana Brooks", email: ADVOCATE } },
  ]),
]
  .map((e) => JSON.stringify(e))
  .join("\n");

async function serve(t) {
  await t.page.route(`${t.baseUrl}/next/**`, (route) => {
    const url = route.request().url();
    if (url.endsWith("/mailbox.json"))
      return route.fulfill({ contentType: "application/json", body: JSON.stringify(mailbox) });
    if (url.endsWith("/record.jsonl")) return route.fulfill({ contentType: "application/x-ndjson", body: record });
    return route.fulfill({ status: 404, body: "" });
  });
}

async function nextStep(t) {
  const actions = t.page.locator('[data-testid="actions"]');
  await actions.waitFor();
  return { actions, next: await actions.getAttribute("data-next-step") };
}

module.exports = [
  {
    name: "Next: a colleague and a known advocate are recognised; no reminder after a lift",
    async run(t) {
      const { page, assert } = t;
      await serve(t);
      await t.openPreview(
        "?record=/next/record.jsonl&mailbox=/next/mailbox.json&select=next-colleague&now=2026-11-27T09:00:00Z",
      );

      // A colleague: nothing to register, no "Register the person" as Next.
      await t.expectVerdict({ stage: "none", breaches: [], personId: null }, "colleague");
      let { actions, next } = await nextStep(t);
      assert.equal(next, "", "nothing is next for a colleague");
      assert.equal(await actions.locator('[data-testid="next-step"]').count(), 0);
      assert.match(await page.locator('[data-testid="not-on-record"]').innerText(), /A colleague/);
      await actions.locator("#csm-step-register").click();
      await t.settle();
      assert.match(await actions.locator('[data-step="register"]').innerText(), /colleague/);
      await t.axe("a colleague's message");

      // A strategy lifted after a breach that had no reminder: no reminder is suggested.
      await t.selectMessage("next-lifted");
      await t.expectVerdict({ stage: "none", breaches: [], personId: "P-LIFTED" }, "lifted");
      ({ actions, next } = await nextStep(t));
      assert.notEqual(next, "reminder", "no breach reminder for a lifted strategy");
      assert.doesNotMatch(await actions.innerText(), /Send a breach reminder[\s\S]*Due/);
      const reminder = actions.locator('[data-step="reminder"]');
      await reminder.locator("#csm-step-reminder").click();
      await t.settle();
      assert.match(await reminder.innerText(), /no longer in force/);
      await t.axe("a person whose strategy was lifted");

      // The advocate on file, writing from that address: recognised, not registered.
      await t.selectMessage("next-advocate");
      ({ actions, next } = await nextStep(t));
      assert.equal(next, "", "nothing is next for the advocate on file");
      await actions.locator("#csm-step-register").click();
      await t.settle();
      assert.match(
        await actions.locator('[data-step="register"]').innerText(),
        /Dana Brooks, the advocate on file for Ari Advocated/,
      );
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
      await t.axe("the advocate's message");
    },
  },
];
