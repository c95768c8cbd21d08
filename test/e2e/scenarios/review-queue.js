/* global document */
// The review queue in the Teams tab (9.10: all contact is reviewed): from "Today" to the contacts
// awaiting review, two chosen from the keyboard with an outcome each, one "Record reviews"; the
// list and the counts drop by two and stay so after a reload; select all records the rest in one
// go; axe on each screen, and no sideways scrolling at 320 px.

async function openTab(t) {
  await t.page.goto(`${t.baseUrl}/teams.html`);
  await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
}

async function contactCount(t) {
  const text = await t.page.getAttribute('[data-testid="teams-tab"]', "data-counts");
  return Number(/contacts:(\d+)/.exec(text)[1]);
}

const waitForCount = (t, n) =>
  t.page.waitForFunction(
    (want) =>
      document.querySelector('[data-testid="teams-tab"]').getAttribute("data-counts").endsWith(`contacts:${want}`),
    n,
  );

module.exports = [
  {
    name: "bulk review: two contacts from the keyboard with an outcome each, recorded in one go, kept after a reload",
    async run(t) {
      await openTab(t);
      const before = await contactCount(t);
      t.assert.ok(before >= 3, `the sample has contacts awaiting review (${before})`);
      await t.page.getByTestId("today-review-contacts").click();
      await t.page.waitForSelector('[data-testid="teams-tab"][data-view="contacts"]');
      await t.axe("Teams tab: review queue");
      const rows = t.page.locator('[data-testid="contact-row"]');
      t.assert.equal(await rows.count(), before);
      const first = await rows.nth(0).getAttribute("data-contact");
      const second = await rows.nth(1).getAttribute("data-contact");
      // Keyboard only: Space ticks a checkbox; the outcome is a labelled select.
      await rows.nth(0).getByRole("checkbox").focus();
      await t.page.keyboard.press("Space");
      await rows.nth(1).getByRole("combobox").selectOption("new-issue"); // choosing an outcome ticks the row
      t.assert.equal(await t.page.getByTestId("record-reviews").innerText(), "Record reviews (2)");
      await t.page.getByTestId("record-reviews").focus();
      await t.page.keyboard.press("Enter");
      await waitForCount(t, before - 2);
      const status = await t.page.getByTestId("review-status").innerText();
      t.assert.match(status, /2 reviews recorded\./);
      const left = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-contact")));
      t.assert.ok(!left.includes(first) && !left.includes(second), "the reviewed contacts left the list");
      await t.axe("Teams tab: review queue after recording");
      await openTab(t);
      t.assert.equal(await contactCount(t), before - 2, "the reviews are on the record after a reload");
    },
  },
  {
    name: "bulk review: select all records every contact awaiting review; at 320 px the page does not scroll sideways",
    viewport: { width: 320, height: 720 },
    async run(t) {
      await openTab(t);
      await t.page.click('[data-testid="tab-contacts"]');
      await t.page.waitForSelector('[data-testid="teams-tab"][data-view="contacts"]');
      const { scrollWidth, clientWidth } = await t.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      t.assert.ok(scrollWidth <= clientWidth + 1, `the page scrolls sideways at 320 px (${scrollWidth})`);
      await t.axe("Teams tab at 320 px: review queue");
      const n = await contactCount(t);
      await t.page.getByRole("checkbox", { name: `Select all (${n})` }).check();
      await t.page.getByTestId("record-reviews").click();
      await waitForCount(t, 0);
      await t.page.getByText("Every logged contact has been reviewed.").waitFor();
      t.assert.match(await t.page.getByTestId("review-status").innerText(), new RegExp(`${n} reviews recorded\\.`));
      await t.axe("Teams tab at 320 px: review queue emptied");
    },
  },
];
