// The preview loads the sample record into the local store on first run, and every sample
// message shows the stage and breaches the mailbox says it should (mailbox.json `expect`).
module.exports = [
  {
    name: "sample data loads and every message shows the right stage and breaches (axe on each)",
    async run(t) {
      await t.openPreview();
      await t.axe("preview, nothing selected");
      for (const m of t.sampleMailbox.messages) {
        await t.selectMessage(m.id);
        await t.expectVerdict(m.expect, m.id);
        const subject = await t.page.locator('[data-testid="message-subject"]').innerText();
        t.assert.equal(subject, m.subject, `${m.id}: the header names the selected message`);
        if (m.expect.personId) {
          await t.page.locator('[data-testid="sender-card"]').waitFor({ state: "visible" });
        } else {
          await t.page.locator('[data-testid="not-on-record"]').waitFor({ state: "visible" });
        }
        await t.axe(`message ${m.id}`);
      }
    },
  },
  {
    name: "a breach shows as an error message bar naming the restriction and 9.9",
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      await t.waitForMessage("msg-alex-breach");
      const bar = t.page.locator('[data-restriction="single-point-of-contact"]');
      await bar.waitFor({ state: "visible" });
      const text = await bar.innerText();
      t.assert.match(text, /9\.9/);
      t.assert.match(text, /single point of contact/i);
    },
  },
  {
    name: "the sample survives a reload (IndexedDB), and the selection is the page's own",
    async run(t) {
      await t.openPreview("?select=msg-chris-direct");
      await t.expectVerdict({ stage: "further-action", breaches: ["advocate-only"] }, "before reload");
      await t.page.reload();
      await t.page.waitForSelector('[data-testid="taskpane"][data-ready="true"]');
      await t.expectVerdict(
        { stage: "further-action", breaches: ["advocate-only"] },
        "after reload (select param kept)",
      );
    },
  },
];
