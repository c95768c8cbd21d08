// A logged call keeps what was said (the call note) and the history shows it; an email logged from
// the pane is in the Teams tab's review queue with a link to the message, and the link opens the
// preview on that message (issue 14 Deliver 3 and 10, issue 9 Deliver 4). axe on each screen.

async function openStep(t, id) {
  const item = t.page.locator(`[data-testid="actions"] [data-step="${id}"]`);
  const header = item.locator(`#csm-step-${id}`);
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  await t.settle();
  return item;
}

module.exports = [
  {
    name: "a call logged with what was said: the note is in the history",
    async run(t) {
      await t.openPreview("?select=msg-jordan");
      const step = await openStep(t, "log-contact");
      const note = "Asked for an update again; told them the next update is on Friday.";
      await step.getByLabel(/^Caller's number/).fill("07700 900999");
      await step.getByRole("textbox", { name: /^What was said/ }).fill(note);
      await t.axe("log a call with a note");
      await step.getByRole("button", { name: "Log it and check" }).click();
      await step
        .getByText(/^Logged/)
        .first()
        .waitFor();
      const history = t.page.locator('[data-testid="history"]');
      await history.getByText(`What was said: ${note}`, { exact: false }).waitFor();
      await t.axe("history with the call note");
    },
  },
  {
    name: "an email logged from the pane is in the Teams review queue with a link that opens it",
    async run(t) {
      await t.openPreview("?select=msg-sam");
      const log = t.page.locator('[data-testid="message-log"]');
      await log.getByRole("button", { name: "Log this email" }).click();
      await t.page.waitForSelector('[data-testid="message-log"][data-state="logged"]');
      await t.page.goto(`${t.baseUrl}/teams.html`);
      await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
      const todayLink = t.page.locator('[data-testid="today-contact"] [data-testid="message-link"]');
      t.assert.equal(await todayLink.count(), 1, "one contact on Today links to its message");
      await t.page.click('[data-testid="tab-contacts"]');
      await t.page.waitForSelector('[data-testid="teams-tab"][data-view="contacts"]');
      const link = t.page.locator('[data-testid="contact-row"] [data-testid="message-link"]');
      t.assert.equal(await link.count(), 1);
      t.assert.equal(await link.getAttribute("href"), "./?select=msg-sam");
      t.assert.match(await link.getAttribute("aria-label"), /^Open the message from /);
      await t.axe("review queue with a message link");
      const [popup] = await Promise.all([t.context.waitForEvent("page"), link.click()]);
      await popup.waitForSelector('[data-testid="taskpane"][data-ready="true"][data-message-id="msg-sam"]', {
        timeout: 30_000,
      });
      // The preview opens on the logged message (its bar says so).
      await popup.waitForSelector('[data-testid="message-log"][data-state="logged"]', { timeout: 15_000 });
      await popup.close();
    },
  },
];
