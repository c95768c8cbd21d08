// Issue 13 Deliver 2 in the browser: on a person's page in the Teams tab (preview), record an appeal
// against their strategy, be refused as the member of staff who imposed it (separation of duties),
// then, after a reload (the appeal is kept on this device) and as another manager, decide it and
// read the outcome letter naming the Ombudsman. axe on each screen.
async function openPerson(t, user) {
  await t.page.goto(`${t.baseUrl}/teams.html?user=${encodeURIComponent(user)}`);
  await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
  // Today's rows open a person's page (P-1004, Alex Morgan, has a strategy in force).
  await t.page.getByRole("button", { name: "Alex Morgan" }).first().click();
  await t.page.waitForSelector('[data-testid="person-page"][data-person="P-1004"] [data-testid="appeals"]');
}

module.exports = [
  {
    name: "Teams tab: an appeal recorded, refused to the officer who imposed the strategy, decided by another manager",
    async run(t) {
      const imposer = "casey.okafor@opcc.example";
      await openPerson(t, imposer);
      await t.page.getByText("No appeals recorded.").waitFor();
      await t.page.getByRole("button", { name: "Record an appeal" }).click();
      const form = t.page.getByRole("form", { name: "Record an appeal" });
      const select = form.getByLabel(/Decision to reconsider/);
      const labels = await select.locator("option").allTextContents();
      const strategy = labels.find((l) => l.startsWith("Contact strategy for"));
      t.assert.ok(strategy, `a strategy to appeal among ${labels.join(" | ")}`);
      await select.selectOption({ label: strategy });
      await t.axe("Teams tab: record an appeal");
      // Missing grounds: the error says what to do.
      await form.getByRole("button", { name: "Record the appeal" }).click();
      await form.getByText(/Enter the grounds/).waitFor();
      await t.axe("Teams tab: record an appeal, with an error");
      await form.getByLabel(/Grounds/).fill("I only wrote to other officers because my emails were not answered.");
      await form.getByRole("button", { name: "Record the appeal" }).click();
      await t.page.getByText(/The appeal is recorded/).waitFor();
      // The officer who imposed it cannot decide it.
      await t.page.getByRole("button", { name: "Decide appeal" }).click();
      const decide = t.page.getByRole("form", { name: "Decide appeal" });
      await decide.getByLabel(/Reasons/).fill("The contact went on after the warning.");
      await decide.getByRole("button", { name: "Record the decision" }).click();
      await decide.getByText(/so you cannot decide the appeal/).waitFor();
      await t.axe("Teams tab: decide appeal, refused");

      // Another manager, after a reload: the appeal is still there, waiting.
      await openPerson(t, "jordan.lee@opcc.example");
      await t.page.getByText(/Waiting for a decision/).waitFor();
      await t.page.getByRole("button", { name: "Decide appeal" }).click();
      const d2 = t.page.getByRole("form", { name: "Decide appeal" });
      await d2.getByRole("radio", { name: /Upheld/ }).check();
      await d2.getByLabel(/Reasons/).fill("The strategy is still needed: contact with many officers went on.");
      await d2.getByRole("button", { name: "Record the decision" }).click();
      await t.page.getByText(/The appeal is decided: the decision stands/).waitFor();
      const letter = t.page.getByRole("region", { name: "Outcome letter" });
      await letter.getByText(/complain to the Ombudsman/).waitFor();
      await t.axe("Teams tab: appeal decided, outcome letter");
    },
  },
];
