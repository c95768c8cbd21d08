// The front-line view (issue 12 Deliver 5, policy 9.15 need to know) in the preview: acting as
// front-line staff with no role, a restricted sender's message shows the restrictions, what to do
// and the adjustments to honour, and not the history, the actions or any incident or breach detail;
// back as a caseworker the full record returns. axe on both, and at 320 px wide.
module.exports = [
  {
    name: "Front-line view: no role sees what to do, not the detail; a caseworker sees the record",
    viewport: { width: 320, height: 640 },
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      await t.page.selectOption('[data-testid="acting-as"]', "no-role");
      const card = t.page.locator('[data-testid="front-line"]');
      await card.waitFor();
      t.assert.equal(await t.page.getAttribute('[data-testid="taskpane"]', "data-view"), "front-line");
      const text = await t.page.locator('[data-testid="taskpane"]').innerText();
      t.assert.match(text, /Ask a caseworker for more/);
      t.assert.match(text, /pass it to casey\.okafor@opcc\.example/);
      t.assert.match(text, /Needs contact in writing/);
      for (const secret of [
        "Prefers email to letters",
        "Emailed four different officers",
        "Emailed Lee Hughes instead of the single point of contact",
        "Contact has settled with the caseworker",
      ])
        t.assert.ok(!text.includes(secret), `front-line text leaves out "${secret}"`);
      for (const id of ["history", "actions", "sender-card", "strategies"])
        t.assert.equal(await t.page.locator(`[data-testid="${id}"]`).count(), 0, `no ${id} for front-line staff`);
      await t.axe("taskpane: front-line view");

      await t.page.selectOption('[data-testid="acting-as"]', "caseworker");
      await t.page.locator('[data-testid="history"]').waitFor({ timeout: 30_000 });
      t.assert.equal(await t.page.getAttribute('[data-testid="taskpane"]', "data-view"), "full");
      t.assert.equal(await t.page.locator('[data-testid="front-line"]').count(), 0);
      await t.axe("taskpane: caseworker, full view");
    },
  },
];
