/* global document */
// Reports in the Teams tab (teams.html) as the preview serves it, on the sample record (issue 13
// items 3, 5, 6): a sample person's subject access export downloaded as HTML and JSONL (their own
// events only, nobody else's name) and opened as a print view (axe on it too); their evidence
// bundle; the board report for this quarter (figures, chart, tables) and its CSV; axe on each.
const fs = require("fs");
const path = require("path");
const { checkAxe } = require("../axe");

const SAMPLE_RECORD = path.resolve(__dirname, "../../../src/surfaces/preview/sample/record.jsonl");

/** Every registered name in the sample record, by person id. */
function sampleNames() {
  const names = new Map();
  for (const line of fs.readFileSync(SAMPLE_RECORD, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    if (e.type === "PersonRegistered") names.set(e.personId, e.data.name);
  }
  return names;
}

async function openTab(t) {
  await t.page.goto(`${t.baseUrl}/teams.html`);
  await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
}

async function download(t, name) {
  const [file] = await Promise.all([t.page.waitForEvent("download"), t.page.getByRole("button", { name }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

module.exports = [
  {
    name: "Reports: a sample person's subject access export (HTML, JSONL, print view) holds them and no one else",
    async run(t) {
      await openTab(t);
      const row = t.page
        .locator('[data-testid="today-breach"], [data-testid="today-review"], [data-testid="today-contact"]')
        .first();
      await row.getByRole("button").first().click();
      const page = t.page.locator('[data-testid="person-page"]');
      await page.waitFor();
      const personId = await page.getAttribute("data-person");
      const names = sampleNames();
      const name = names.get(personId);
      t.assert.ok(name, `the person page is for a registered sample person (${personId})`);
      await t.page.locator('[data-testid="person-reports"]').waitFor();
      await t.axe("Teams tab: person page with reports");

      const html = await download(t, "Download subject access export (HTML)");
      t.assert.match(html.name, new RegExp(`^subject-access-${personId}-\\d{4}-\\d{2}-\\d{2}\\.html$`));
      t.assert.ok(html.text.includes(`<h1>Subject access: ${name}</h1>`), "the document is headed with the name");
      t.assert.match(
        html.text,
        /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{2}:\d{2}/,
      );
      t.assert.match(html.text, /@media print/);
      for (const [id, other] of names) {
        if (id !== personId) t.assert.ok(!html.text.includes(other), `the export names ${other}`);
      }
      t.assert.match(
        await t.page.locator('[data-testid="person-reports-status"]').innerText(),
        /marked for review before release/,
      );

      const jsonl = await download(t, "Download subject access export (JSONL)");
      const lines = jsonl.text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
      t.assert.ok(lines.length > 0);
      t.assert.ok(
        lines.every((l) => l.event.personId === personId && Array.isArray(l.forReview)),
        "every line is one of the person's events with its review marks",
      );

      const [popup] = await Promise.all([
        t.page.waitForEvent("popup"),
        t.page.getByRole("button", { name: "Open subject access print view" }).click(),
      ]);
      await popup.waitForLoadState();
      t.assert.equal(await popup.locator("h1").innerText(), `Subject access: ${name}`);
      t.assert.ok((await popup.locator("section.entry").count()) === lines.length, "one entry per event");
      // The document's own CSP lets no script run in it (not even axe): the page stays inert. Its
      // markup is checked in a page of its own without that meta tag.
      const blocked = await popup.addScriptTag({ content: "window.__ran = true" }).then(
        () => false,
        () => true,
      );
      t.assert.ok(blocked, "the print view runs no script");
      const markup = (await popup.content()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
      await popup.close();
      const check = await t.context.newPage();
      await check.setContent(markup);
      await checkAxe(check, "subject access print view");
      await check.close();

      // The evidence bundle for the person's first matter, when the record names one.
      if ((await t.page.locator('[data-testid="evidence-bundle"] select').count()) > 0) {
        const bundle = await download(t, "Download evidence bundle");
        t.assert.match(bundle.name, new RegExp(`^evidence-bundle-${personId}-`));
        t.assert.ok(bundle.text.includes(`Evidence bundle: ${name}`));
      }
    },
  },
  {
    name: "Reports: the board report for this quarter, its chart's figures as tables, and the CSV without names",
    async run(t) {
      await openTab(t);
      await t.page.click('[data-testid="tab-reports"]');
      await t.page.waitForSelector('[data-testid="teams-tab"][data-view="reports"]');
      const report = t.page.locator('[data-testid="board-report"]');
      await report.waitFor();
      t.assert.match(await report.getAttribute("data-quarter"), /^\d{4}-Q[1-4]$/);
      t.assert.match(
        await t.page.locator('[data-testid="board-status"]').innerText(),
        /figures .*as at \d{1,2} \w+ \d{4}/,
      );
      t.assert.equal(await t.page.locator('[data-testid="board-chart"] > svg').getAttribute("aria-hidden"), "true");
      const inForce = await t.page.$$eval('[data-testid="board-figure"]', (rows) =>
        rows
          .filter((r) => /^Contact strategies .*\|In force on /.test(r.getAttribute("data-figure")))
          .map((r) => Number(r.querySelector("td").textContent)),
      );
      t.assert.equal(inForce.length, 1);
      t.assert.ok(inForce[0] > 0, "the sample has strategies in force");
      await t.axe("Teams tab: board report");
      // A quarter earlier, then the CSV.
      const select = t.page.getByLabel("Quarter");
      const second = await select.locator("option").nth(1).getAttribute("value");
      await select.selectOption(second);
      await t.page.waitForFunction(
        (q) => document.querySelector('[data-testid="board-report"]').getAttribute("data-quarter") === q,
        second,
      );
      const csv = await download(t, "Download CSV");
      t.assert.equal(csv.name, `board-report-${second}.csv`);
      const rows = csv.text
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      t.assert.equal(rows[0], "Quarter,Section,Figure,Count");
      t.assert.ok(rows.slice(1).every((r) => r.startsWith(`${second},`) && /,\d+$/.test(r)));
      for (const name of sampleNames().values()) t.assert.ok(!csv.text.includes(name), `the CSV names ${name}`);
      await t.axe("Teams tab: board report, earlier quarter");
    },
  },
];
