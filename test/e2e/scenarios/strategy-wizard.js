/* global document */
// The impose-strategy wizard as it checks each page (issue 14, Deliver 6) and refuses clashing
// restrictions (Deliver 2): it says at the start what earlier step is missing, a page's errors
// are listed in a focused summary when it is left with Next, a clash of call times with written
// contact only is refused on the restrictions page naming both and 9.9, and the stale "Choose or
// add at least one" goes once a restriction is added. axe on every screen it passes.
const MATTER = "CPL-2026-0888";
const PERSON = "P-WIZ";
const ADDRESS = "robin.wizard@example.org";

const mailbox = {
  organisationDomains: ["opcc.example"],
  user: { name: "Officer One", address: "officer.one@opcc.example" },
  messages: [
    {
      id: "wiz-1",
      from: { name: "Robin Wizard", address: ADDRESS },
      to: [{ name: "Officer One", address: "officer.one@opcc.example" }],
      cc: [],
      subject: `${MATTER}: answer me now`,
      receivedAt: "2026-11-02T08:30:00Z",
      body: "I want an answer today.",
      matterRef: MATTER,
    },
  ],
};

const env = (id, type, at, data) => ({ id, type, personId: PERSON, at, by: "officer.one@opcc.example", data });
// Registered, asked about assistance, one incident: no causes considered, no warning yet.
const record = `${[
  env("wiz-reg", "PersonRegistered", "2026-10-01T09:00:00Z", { name: "Robin Wizard", emails: [ADDRESS], phones: [] }),
  env("wiz-assist", "AssistanceOffered", "2026-10-01T09:05:00Z", { accepted: false }),
  env("wiz-inc", "IncidentRecorded", "2026-10-20T09:00:00Z", {
    kind: "persistence",
    behaviours: ["demanding-updates"],
    channel: "email",
    summary: "Twelve emails in a day demanding an update.",
    matterRef: MATTER,
  }),
]
  .map((e) => JSON.stringify(e))
  .join("\n")}\n`;

async function serve(t) {
  await t.page.route(`${t.baseUrl}/wizard/**`, (route) => {
    const url = route.request().url();
    if (url.endsWith("/mailbox.json"))
      return route.fulfill({ contentType: "application/json", body: JSON.stringify(mailbox) });
    if (url.endsWith("/record.jsonl")) return route.fulfill({ contentType: "application/x-ndjson", body: record });
    return route.fulfill({ status: 404, body: "" });
  });
}

async function axe(t, label) {
  await t.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), null, {
    timeout: 5_000,
  });
  await t.axe(label);
}

async function focusedIsSummary(t) {
  await t.page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "page-errors", null, {
    timeout: 5_000,
  });
}

module.exports = [
  {
    name: "the strategy wizard says what is missing at the start, checks each page on Next, and refuses clashing restrictions",
    async run(t) {
      const { page, assert } = t;
      await serve(t);
      await t.openPreview(
        "?record=/wizard/record.jsonl&mailbox=/wizard/mailbox.json&select=wiz-1&now=2026-11-02T09:00:00Z",
      );
      await t.expectVerdict({ stage: "concern", breaches: [] }, "a person with one incident");
      const item = page.locator('[data-testid="actions"] [data-step="strategy"]');
      await item.locator("#csm-step-strategy").click();
      await t.settle();
      const wizard = item;

      // At the start: the causes (required) and the warning are missing; the incident is not.
      const missing = wizard.getByTestId("missing-steps");
      await missing.waitFor();
      const text = await missing.innerText();
      assert.match(text, /underlying causes have not been considered.*\(7\.2–7\.3\)/);
      assert.match(text, /No warning has been given.*\(9\.1–9\.3\)/);
      assert.doesNotMatch(text, /No incident/);
      await axe(t, "wizard start: missing steps");

      // Page 1 left without a reason: the summary takes focus.
      await wizard.getByRole("button", { name: "Next", exact: true }).click();
      await focusedIsSummary(t);
      assert.match(await wizard.getByTestId("page-errors").innerText(), /Please fill this in/);
      assert.match(await wizard.locator("h4").innerText(), /Step 1 of 5/);
      await axe(t, "wizard page 1 with an error");
      await wizard.getByLabel("Reason for the strategy").fill("Twelve emails a day demanding updates.");
      await wizard.getByRole("button", { name: "Next", exact: true }).click();
      await wizard.getByText(/Step 2 of 5: Restrictions/).waitFor();

      // Page 2 left with no restriction, then a stale error that goes once one is added.
      await wizard.getByRole("button", { name: "Next", exact: true }).click();
      await focusedIsSummary(t);
      assert.match(await wizard.getByTestId("page-errors").innerText(), /Choose or add at least one/);
      await wizard.getByLabel("Add a restriction").selectOption("phone-window");
      await wizard.getByRole("button", { name: "Add", exact: true }).click();
      assert.equal(await wizard.getByText(/Choose or add at least one/).count(), 0);
      await wizard.getByLabel("Add another restriction").selectOption("written-only");
      await wizard.getByRole("button", { name: "Add", exact: true }).click();

      // Call times with written contact only: refused here, naming both and 9.9.
      await wizard.getByRole("button", { name: "Next", exact: true }).click();
      await focusedIsSummary(t);
      const clash = await wizard.getByTestId("page-errors").innerText();
      assert.match(clash, /“Phone calls only at agreed times” cannot go with “Written contact only \(email or post\)”/);
      assert.match(clash, /\(9\.6, 9\.9\)/);
      assert.match(await wizard.locator('[data-field="data.restrictions[1]"]').innerText(), /cannot go with/);
      await axe(t, "wizard restrictions page with a clash");

      await wizard.getByRole("button", { name: "Remove restriction 2" }).click();
      assert.equal(await wizard.getByText(/cannot go with/).count(), 0);
      await wizard.getByRole("button", { name: "Next", exact: true }).click();
      await wizard.getByText(/Step 3 of 5/).waitFor();
      await axe(t, "wizard page 3");
    },
  },
];
