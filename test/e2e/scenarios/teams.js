/* global document */
// The Teams tab (teams.html) as the preview serves it, on this browser's record: the register
// (sort, filter, CSV export without names), a breach acknowledged with a note that stays after a
// reload, a breach card's link (?breach=ID) opening on that breach, keyboard and 320 px width,
// and axe on every view. "Today" first: counts as headings, rows that open a person's page with
// their history, no word split at 420 px; and the preview's pane and the tab, open side by side,
// following each other's changes without a reload.
const fs = require("fs");
const os = require("os");
const path = require("path");

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
      await t.page.click('[data-testid="tab-register"]');
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
      for (const view of ["breaches", "reviews", "contacts", "register", "today"]) {
        await t.page.click(`[data-testid="tab-${view}"]`);
        await t.page.waitForSelector(`[data-testid="teams-tab"][data-view="${view}"]`);
        await t.axe(`Teams tab: ${view}`);
      }
      // Retention (issue 13 item 4): the record on this device gives every role, the records officer's too.
      await t.page.click('[data-testid="tab-retention"]');
      await t.page.waitForSelector('[data-testid="teams-tab"][data-view="retention"]');
      await t.page.locator('[data-testid="tombstones"]').waitFor();
      await t.axe("Teams tab: retention");
    },
  },
  {
    name: "Teams tab: the register exports as CSV for board reports, without names",
    async run(t) {
      await openTab(t);
      await t.page.click('[data-testid="tab-register"]');
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
      for (const view of ["today", "register", "breaches", "reviews", "contacts"]) {
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
  {
    name: "Teams tab opens on Today: counts as headings, a row opens the person's history, words whole at 420 px",
    viewport: { width: 420, height: 900 },
    async run(t) {
      await openTab(t);
      t.assert.equal(await t.page.getAttribute('[data-testid="teams-tab"]', "data-view"), "today");
      const c = await counts(t);
      const headings = await t.page.$$eval('[data-testid="today"] h3', (els) => els.map((e) => e.textContent));
      t.assert.deepEqual(headings, [
        `${c.breaches} ${c.breaches === 1 ? "breach" : "breaches"} to acknowledge`,
        `${c.reviews} ${c.reviews === 1 ? "review" : "reviews"} due or overdue`,
        `${c.contacts} ${c.contacts === 1 ? "contact" : "contacts"} awaiting review`,
      ]);
      await t.axe("Teams tab: Today");
      // No word is broken across two lines: each word of every text node sits on one line box.
      const split = await t.page.evaluate(() => {
        const out = [];
        const walker = document.createTreeWalker(document.querySelector('[data-testid="teams-tab"]'), 4);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const re = /\S+/g;
          for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
            const r = document.createRange();
            r.setStart(n, m.index);
            r.setEnd(n, m.index + m[0].length);
            const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
            if (tops.size > 1) out.push(m[0]);
          }
        }
        return out;
      });
      t.assert.deepEqual(split, [], "words split across lines at 420 px");
      const { scrollWidth, clientWidth } = await t.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      t.assert.ok(scrollWidth <= clientWidth + 1, `Today scrolls sideways at 420 px (${scrollWidth} > ${clientWidth})`);
      // A row opens the person's page from the keyboard; the history is there; Back returns.
      const row = t.page.locator('[data-testid="today-contact"]').first().getByRole("button");
      const name = (await row.innerText()).trim();
      await row.focus();
      await t.page.keyboard.press("Enter");
      const page = t.page.locator('[data-testid="person-page"]');
      await page.getByRole("heading", { name, exact: true }).waitFor();
      t.assert.ok((await page.getByRole("listitem").count()) > 1, "the person's history is shown");
      await t.axe("Teams tab: person page");
      await t.page.getByRole("button", { name: "Back to Today" }).click();
      await t.page.locator('[data-testid="today"]').waitFor();
    },
  },
  {
    name: "the preview's pane and the Teams tab, open side by side, follow each other's changes without a reload",
    async run(t) {
      await t.openPreview();
      const tab = await t.context.newPage();
      await tab.goto(`${t.baseUrl}/teams.html`);
      await tab.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
      const tabCounts = async () =>
        Object.fromEntries(
          (await tab.getAttribute('[data-testid="teams-tab"]', "data-counts"))
            .split(",")
            .map((kv) => kv.split(":"))
            .map(([k, v]) => [k, Number(v)]),
        );
      const before = await tabCounts();
      // A contact logged in the preview (an import here) appears in the tab's "Today".
      const file = path.join(os.tmpdir(), `csm-e2e-sync-${process.pid}.jsonl`);
      fs.writeFileSync(
        file,
        JSON.stringify({
          id: "sync-1",
          type: "ContactLogged",
          personId: "P-1001",
          at: "2026-11-27T10:00:00Z",
          by: "casey.okafor@opcc.example",
          data: { contactId: "c-sync-1", channel: "phone", from: "withheld", to: ["complaints@opcc.example"] },
        }) + "\n",
      );
      try {
        await t.page.setInputFiles('[data-testid="import-file"]', file);
      } finally {
        fs.unlinkSync(file);
      }
      await tab.waitForFunction(
        (n) =>
          document.querySelector('[data-testid="teams-tab"]').getAttribute("data-counts").includes(`contacts:${n}`),
        before.contacts + 1,
      );
      // A breach acknowledged in one tab leaves the other tab's list at once (the same signal).
      const other = await t.context.newPage();
      await other.goto(`${t.baseUrl}/teams.html`);
      await other.waitForSelector('[data-testid="teams-tab"][data-ready="true"]');
      await tab.click('[data-testid="tab-breaches"]');
      const card = tab.locator('[data-testid="breach"]').first();
      await card.getByRole("button", { name: "Acknowledge" }).click();
      await tab.getByRole("button", { name: "Record acknowledgement" }).click();
      await other.waitForFunction(
        (n) =>
          document.querySelector('[data-testid="teams-tab"]').getAttribute("data-counts").includes(`breaches:${n},`),
        before.breaches - 1,
      );
      await tab.close();
      await other.close();
    },
  },
];
