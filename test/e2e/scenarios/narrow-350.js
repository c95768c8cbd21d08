/* global document */
// The taskpane at 350 px, Outlook's usual width (issue 14 item 8): the verdict and its action come
// first, the latest three history entries sit above the steps with a way to the full history, only
// the next step is open and finished steps fold away, all by keyboard; no sideways scrolling, axe clean.
// Positions are measured from the top of the taskpane: in the preview at this width the inbox is
// drawn above it, which Outlook's pane does not have.

async function noHorizontalScroll(t, label) {
  const { scrollWidth, clientWidth } = await t.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  t.assert.ok(scrollWidth <= clientWidth + 1, `${label}: the page scrolls sideways (${scrollWidth} > ${clientWidth})`);
}

/** Top (or bottom) of an element in CSS px below the top of the taskpane. */
async function fromPaneTop(t, locator, edge = "top") {
  const paneTop = await t.taskpane().evaluate((el) => el.getBoundingClientRect().top);
  const box = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
  return Math.round(box[edge] - paneTop);
}

async function expandedSteps(t) {
  return t.page
    .locator('[data-testid="actions"] [data-step]')
    .evaluateAll((items) =>
      items
        .filter((i) => i.querySelector('[aria-expanded="true"]'))
        .map((i) => ({ id: i.getAttribute("data-step"), status: i.getAttribute("data-status") })),
    );
}

module.exports = [
  {
    name: "350 px, a restricted sender: verdict and its action first, latest history above the steps, finished steps folded",
    viewport: { width: 350, height: 800 },
    async run(t) {
      const { page, assert } = t;
      await t.openPreview("?select=msg-alex-breach");
      await t.expectVerdict({ stage: "restricted", breaches: ["single-point-of-contact"] }, "Alex's breach");
      // The actions and the history are drawn after the first paint: wait for them, never assume.
      const actions = page.locator('[data-testid="actions"]');
      await actions.waitFor();
      await page.locator('[data-testid="history"]').waitFor();
      const latest = page.locator('[data-testid="latest"]');
      await latest.waitFor();
      assert.equal(await t.taskpane().getAttribute("data-layout"), "narrow");

      // The verdict's action, inside the verdict, within the first 600 px of the pane.
      const record = page.locator('[data-testid="verdict"]').getByRole("button", { name: "Record the breach" });
      await record.waitFor();
      const recordTop = await fromPaneTop(t, record);
      assert.ok(recordTop < 600, `"Record the breach" starts ${recordTop} px down the pane`);
      assert.equal(await actions.locator('[data-testid="message-breach"]').count(), 0, "not repeated in the steps");

      // The latest three entries, above the steps, and the way to the full history.
      assert.equal(await latest.locator("li").count(), 3);
      const latestBottom = await fromPaneTop(t, latest, "bottom");
      const stepsTop = await fromPaneTop(t, actions.locator("[data-step]").first());
      assert.ok(
        latestBottom < stepsTop,
        `the latest entries (ending at ${latestBottom}) come before the steps (${stepsTop})`,
      );
      const historyTop = await fromPaneTop(t, page.locator('[data-testid="history"]'));
      assert.ok(latestBottom < historyTop);

      // Only the next step is open; nothing finished is.
      const nextId = await actions.getAttribute("data-next-step");
      let open = await expandedSteps(t);
      assert.deepEqual(
        open.map((s) => s.id),
        nextId ? [nextId] : [],
        `only the next step (${nextId || "none"}) is open at first`,
      );
      const done = await actions
        .locator('[data-step][data-status="done"]')
        .evaluateAll((items) => items.map((i) => i.getAttribute("data-step")));
      assert.ok(done.length > 0, "Alex has finished steps");
      await noHorizontalScroll(t, "350 px, as opened");
      await t.axe("350 px, Alex's breach");

      // By keyboard: open a finished step (Enter on its header), then another step: the finished one folds.
      const finished = actions.locator(`#csm-step-${done[0]}`);
      await finished.focus();
      await page.keyboard.press("Enter");
      await t.settle();
      assert.equal(await finished.getAttribute("aria-expanded"), "true", "Enter opens a finished step");
      const other = await actions
        .locator("[data-step]")
        .evaluateAll(
          (items, d) =>
            items
              .map((i) => ({ id: i.getAttribute("data-step"), status: i.getAttribute("data-status") }))
              .find((s) => s.status !== "done" && s.status !== "unavailable" && !d.includes(s.id)),
          done,
        );
      assert.ok(other, "a step that is not finished");
      const otherHeader = actions.locator(`#csm-step-${other.id}`);
      if ((await otherHeader.getAttribute("aria-expanded")) === "true") {
        // Already open (it is the next step): close and reopen it, as a person would.
        await otherHeader.focus();
        await page.keyboard.press("Enter");
        await t.settle();
      }
      await otherHeader.focus();
      await page.keyboard.press("Space");
      await t.settle();
      open = await expandedSteps(t);
      assert.ok(
        open.some((s) => s.id === other.id),
        "Space opens the step",
      );
      assert.deepEqual(
        open.filter((s) => s.status === "done").map((s) => s.id),
        [],
        "the finished step folded away when another opened",
      );

      // "Full history" takes the focus to the history.
      await latest.getByRole("button", { name: /^Full history/ }).click();
      assert.equal(
        await page.evaluate(() => document.activeElement && document.activeElement.id),
        "csm-history-heading",
      );

      // Recording the breach from under the verdict; its reminder opens among the steps.
      await record.click();
      const recorded = page.locator('[data-testid="verdict"] [data-testid="message-breach"][data-state="recorded"]');
      await recorded.waitFor();
      await recorded.getByRole("button", { name: "Go to the reminder" }).click();
      await t.settle();
      assert.equal(await actions.locator("#csm-step-reminder").getAttribute("aria-expanded"), "true");
      assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), "csm-step-reminder");
      await noHorizontalScroll(t, "350 px, breach recorded");
      await t.axe("350 px, breach recorded, reminder open");
    },
  },
  {
    name: "350 px, a restricted sender's message that breaches nothing: Log and Reviewed under the verdict; at 1280 px the layout is the wide one",
    viewport: { width: 350, height: 800 },
    async run(t) {
      const { page, assert } = t;
      await t.openPreview("?select=msg-alex-ok");
      const reviewed = page.locator('[data-testid="verdict"]').getByRole("button", { name: "Reviewed: nothing new" });
      await reviewed.waitFor();
      const top = await fromPaneTop(t, reviewed);
      assert.ok(top < 600, `"Reviewed: nothing new" starts ${top} px down the pane`);
      await page.locator('[data-testid="latest"]').waitFor();
      await noHorizontalScroll(t, "350 px, Alex's other message");
      await t.axe("350 px, no breach");

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.waitForSelector('[data-testid="taskpane"][data-layout="wide"]');
      await page.locator('[data-testid="actions"] [data-testid="message-log"]').waitFor();
      assert.equal(await page.locator('[data-testid="latest"]').count(), 0, "no Latest in the wide pane");
    },
  },
];
