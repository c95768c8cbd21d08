/* global document */
// The Teams tab (teams.html) as the preview serves it, on this browser's record: the register
// (sort, filter, CSV export without names), a breach acknowledged with a note that stays after a
// reload, a breach card's link (?breach=ID) opening on that breach, keyboard and 320 px width,
// and axe on every view.
const fs = require("fs");

async function openTab(t, query = "") {
  await t.page.goto(`${t.baseUrl}/teams.html${query}`);
  await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
}

async function counts(t) {
  const text = await t.page.getAttribute('[data-testid="teams-tab"]', "data-counts");
  return Object.fromEntries(
    text
      .split(",")
      .map((kv) => kv.split(":"))
      .map(([k, v]) => [k, Number(v)]),
  );
}

const rows = (t) =>
  t.page.$$eval('[data-testid="register-row"]', (els) => els.map((e) => e.getAttribute("data-person")));

module.exports = [
  {
    name: "Teams tab in the preview: the register from the sample, sorted and filtered, accessible",
    async run(t) {
      await openTab(t);
      const c = await counts(t);
      t.assert.ok(c.register > 0, "the sample has active strategies");
      const first = await rows(t);
      t.assert.equal(first.length, c.register);
      await t.axe("Teams tab: register");
      // Sort by person, both ways.
      const sortPerson = t.page.locator('[data-testid="sort-person"]').getByRole("button");
      await sortPerson.click();
      const ascending = await rows(t);
      await sortPerson.click();
      const descending = await rows(t);
      t.assert.deepEqual(descending, [...ascending].reverse(), "person descending is ascending reversed");
      t.assert.equal(await t.page.getAttribute('[data-testid="sort-person"]', "aria-sort"), "descending");
      // Filter to overdue reviews only: every row shown is overdue.
      await t.page.getByLabel("Overdue reviews only").check();
      const overdue = await t.page.$$eval('[data-testid="register-row"]', (els) =>
        els.map((e) => e.getAttribute("data-overdue")),
      );
      t.assert.ok(
        overdue.every((o) => o === "true"),
        "only overdue rows",
      );
      await t.page.getByLabel("Overdue reviews only").uncheck();
      await t.page.getByLabel("Filter the register").fill("zzz-no-such-thing");
      await t.page.getByText("No strategy matches the filter.").waitFor();
      await t.page.getByLabel("Filter the register").fill("");
      // Every view passes axe.
      for (const view of ["breaches", "reviews", "contacts", "register"]) {
        await t.page.click(`[data-testid="tab-${view}"]`);
        await t.page.waitForSelector(`[data-testid="teams-tab"][data-view="${view}"]`);
        await t.axe(`Teams tab: ${view}`);
      }
    },
  },
  {
    name: "Teams tab: the register exports as CSV for board reports, without names",
    async run(t) {
      await openTab(t);
      const c = await counts(t);
      const [download] = await Promise.all([
        t.page.waitForEvent("download"),
        t.page.getByRole("button", { name: "Export the register as CSV" }).click(),
      ]);
      t.assert.match(download.suggestedFilename(), /^contact-strategy-register-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = fs.readFileSync(await download.path(), "utf8");
      const lines = text
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      t.assert.equal(
        lines[0],
        "Person reference,Case references,Matter,Strategy,Restrictions,Single point of contact,Imposed on,Review due,Review overdue",
      );
      t.assert.equal(lines.length, c.register + 1);
      for (const m of t.sampleMailbox.messages) {
        if (m.from && m.from.name) t.assert.ok(!text.includes(m.from.name), `the export names ${m.from.name}`);
      }
    },
  },
  {
    name: "Teams tab: acknowledging a breach with a note records it, and it stays acknowledged after a reload",
    async run(t) {
      await openTab(t);
      const before = await counts(t);
      t.assert.ok(before.breaches > 0, "the sample has a breach awaiting acknowledgement");
      await t.page.click('[data-testid="tab-breaches"]');
      const card = t.page.locator('[data-testid="breach"]').first();
      const breachId = await card.getAttribute("data-breach");
      await card.getByRole("button", { name: "Acknowledge" }).click();
      await t.page.getByLabel(/Note/).fill("Spoken to the officer; reminder letter going today.");
      await t.axe("Teams tab: acknowledge form");
      await t.page.getByRole("button", { name: "Record acknowledgement" }).click();
      await t.page.waitForFunction((id) => !document.querySelector(`[data-breach="${id}"]`), breachId);
      t.assert.match(
        await t.page.locator('[data-testid="breaches-status"]').innerText(),
        /^Acknowledged the breach for .+\. It is recorded\.$/,
      );
      t.assert.equal((await counts(t)).breaches, before.breaches - 1);
      await t.page.reload();
      await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]');
      t.assert.equal((await counts(t)).breaches, before.breaches - 1, "still acknowledged after a reload (IndexedDB)");
      // The link to that breach now says it is not waiting.
      await openTab(t, `?breach=${encodeURIComponent(breachId)}`);
      await t.page.locator('[data-testid="focus-missing"]').waitFor();
    },
  },
  {
    name: "Teams tab: a breach card's link opens the breaches view on that breach, focused",
    async run(t) {
      await openTab(t);
      await t.page.click('[data-testid="tab-breaches"]');
      const breachId = await t.page.locator('[data-testid="breach"]').first().getAttribute("data-breach");
      await openTab(t, `?breach=${encodeURIComponent(breachId)}`);
      t.assert.equal(await t.page.getAttribute('[data-testid="teams-tab"]', "data-view"), "breaches");
      const focused = t.page.locator(`[data-breach="${breachId}"]`);
      t.assert.equal(await focused.getAttribute("data-focused"), "true");
      const active = await t.page.evaluate(
        () => document.activeElement && document.activeElement.closest("[data-breach]")?.getAttribute("data-breach"),
      );
      t.assert.equal(active, breachId, "focus is on the linked breach");
      await t.axe("Teams tab: linked breach");
    },
  },
  {
    name: "Teams tab: keyboard between views, and no sideways scrolling at 320 px",
    viewport: { width: 320, height: 720 },
    async run(t) {
      await openTab(t);
      await t.page.locator('[data-testid="tab-register"]').focus();
      await t.page.keyboard.press("ArrowRight");
      await t.page.keyboard.press("Enter");
      await t.page.waitForSelector('[data-testid="teams-tab"][data-view="breaches"]');
      for (const view of ["register", "breaches", "reviews", "contacts"]) {
        await t.page.click(`[data-testid="tab-${view}"]`);
        await t.page.waitForSelector(`[data-testid="teams-tab"][data-view="${view}"]`);
        const { scrollWidth, clientWidth } = await t.page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        t.assert.ok(
          scrollWidth <= clientWidth + 1,
          `${view}: the page scrolls sideways at 320 px (${scrollWidth} > ${clientWidth})`,
        );
        await t.axe(`Teams tab at 320 px: ${view}`);
      }
    },
  },
];
