/* global document, getComputedStyle */
// Keyboard alone (WCAG 2.1.1, 2.4.7 visible focus) and small screens (1.4.10 reflow at 320 px,
// 1.4.4 200 % zoom), with axe on each screen.
async function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = parseFloat(style.outlineWidth) || 0;
    const visible =
      (style.outlineStyle !== "none" && outline > 0) ||
      style.boxShadow !== "none" ||
      getComputedStyle(el, "::after").borderStyle !== "none";
    return {
      tag: el.tagName,
      id: el.getAttribute("data-message-id"),
      text: (el.textContent || "").trim().slice(0, 60),
      visible,
    };
  });
}

async function noHorizontalScroll(t, label) {
  const { scrollWidth, clientWidth } = await t.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  t.assert.ok(scrollWidth <= clientWidth + 1, `${label}: the page scrolls sideways (${scrollWidth} > ${clientWidth})`);
}

module.exports = [
  {
    name: "keyboard: Tab to the inbox, arrows between messages, Enter selects, focus is always visible",
    async run(t) {
      await t.openPreview();
      // The inbox lists the newest first.
      const inbox = [...t.sampleMailbox.messages].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
      const first = inbox[0].id;
      const second = inbox[1].id;
      let info = null;
      for (let i = 0; i < 15; i++) {
        await t.page.keyboard.press("Tab");
        info = await focusedInfo(t.page);
        t.assert.ok(
          info && info.visible,
          `Tab ${i + 1}: focus is not visible on ${info ? info.tag + " " + info.text : "nothing"}`,
        );
        if (info.id === first) break;
      }
      t.assert.equal(info && info.id, first, "Tab reaches the first message");
      await t.page.keyboard.press("Enter");
      await t.waitForMessage(first);
      await t.page.keyboard.press("ArrowDown");
      info = await focusedInfo(t.page);
      t.assert.equal(info.id, second, "ArrowDown moves to the next message");
      t.assert.ok(info.visible, "focus visible after ArrowDown");
      await t.page.keyboard.press("Enter");
      await t.waitForMessage(second);
      await t.expectVerdict(t.sampleMailbox.messages[1].expect, second);
      await t.page.keyboard.press("End");
      t.assert.equal(
        (await focusedInfo(t.page)).id,
        t.sampleMailbox.messages.at(-1).id,
        "End moves to the last message",
      );
    },
  },
  {
    name: "keyboard: the chart's figures open as a table with Space, every Tab stop shows focus",
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      const button = t.page.getByRole("button", { name: "Show the figures" });
      // Wait for everything that renders after the sender card (the chart and history, and the lazily loaded actions).
      await button.waitFor();
      await t.page.getByText("Loading actions…").waitFor({ state: "detached" });
      let reached = false;
      for (let i = 0; i < 200 && !reached; i++) {
        await t.page.keyboard.press("Tab");
        const info = await focusedInfo(t.page);
        t.assert.ok(
          info && info.visible,
          `Tab ${i + 1}: focus is not visible on ${info ? info.tag + " " + info.text : "nothing"}`,
        );
        reached = info.text === "Show the figures";
      }
      t.assert.ok(reached, "Tab reaches the chart's Show the figures button");
      await t.page.keyboard.press("Space");
      await t.page.getByRole("button", { name: "Hide the figures" }).waitFor();
      const table = t.page.locator('[data-testid="contact-table"]');
      const box = await table.boundingBox();
      t.assert.ok(box && box.width > 100 && box.height > 100, "the table is shown on screen");
      t.assert.equal(await table.locator("tbody tr").count(), 26, "26 weeks");
      t.assert.equal(await button.count(), 0);
      await t.axe("chart table shown");
    },
  },
  {
    name: "keyboard at 320 px: the first Tab stop skips to the taskpane below the inbox",
    viewport: { width: 320, height: 640 },
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      await t.page.keyboard.press("Tab");
      const info = await focusedInfo(t.page);
      t.assert.equal(info && info.text, "Skip to the taskpane");
      t.assert.ok(info.visible, "the skip link shows focus");
      await t.page.keyboard.press("Enter");
      const focused = await t.page.evaluate(() => document.activeElement && document.activeElement.id);
      t.assert.equal(focused, "csm-taskpane");
      const top = await t.page.locator("#csm-taskpane").evaluate((el) => el.getBoundingClientRect().top);
      t.assert.ok(top < 100, `the taskpane is scrolled into view (top ${top})`);
    },
  },
  {
    name: "320 px wide: no sideways scrolling, every message readable, axe clean",
    viewport: { width: 320, height: 640 },
    async run(t) {
      await t.openPreview();
      await noHorizontalScroll(t, "inbox");
      await t.axe("320 px, nothing selected");
      for (const id of ["msg-alex-breach", "msg-new-sender", "msg-chris-direct"]) {
        await t.selectMessage(id);
        await t.page.locator('[data-testid="message-header"]').waitFor();
        await noHorizontalScroll(t, id);
        await t.axe(`320 px, ${id}`);
      }
    },
  },
  {
    name: "200 % zoom of a 1280 px window (640 CSS px): no sideways scrolling, axe clean",
    viewport: { width: 640, height: 450 },
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      await noHorizontalScroll(t, "640 px");
      await t.axe("640 px (200 % zoom)");
    },
  },
];
