// Hostile or oversized input in the preview, in Chromium (issue 16, Deliver 8): a file note far larger
// than the shared record can store is refused in the incident form with what to do, and nothing is
// recorded; an import line nested 5,000 deep is refused with its line, nothing already recorded is
// lost, and "Export record" still works afterwards (it used to fail for good). axe on each error.
const fs = require("fs");
const os = require("os");
const path = require("path");

async function openStep(t, id) {
  const item = t.page.locator(`[data-testid="actions"] [data-step="${id}"]`);
  const header = item.locator(`#csm-step-${id}`);
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  await t.settle();
  return item;
}

async function exportedLines(t) {
  const [download] = await Promise.all([
    t.page.waitForEvent("download"),
    t.page.getByRole("button", { name: "Export record" }).click(),
  ]);
  return fs
    .readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
}

module.exports = [
  {
    name: "a 300,000-character file note is refused in the form with the limit, and nothing is recorded",
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      const before = (await exportedLines(t)).length;
      const incident = await openStep(t, "incident");
      await incident.getByLabel("What kind of behaviour?").selectOption("persistence");
      await incident.getByRole("checkbox", { name: /Persistently demanding updates/ }).check();
      // fill() sets the value in one step (typing 300,000 characters would take minutes).
      await incident.getByLabel("File note").fill("x".repeat(300_000));
      await incident.getByRole("button", { name: "Record the incident" }).click();
      const alert = incident.getByText(/20,000/).first();
      await alert.waitFor();
      t.assert.equal(await incident.getByText("Incident recorded.").count(), 0, "no incident recorded");
      await t.axe("file note too long");
      t.assert.equal((await exportedLines(t)).length, before, "the record is unchanged");
    },
  },
  {
    name: "an import line nested 5,000 deep is refused with its line; the record and Export record still work",
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      const before = await exportedLines(t);
      const good = {
        id: "imp-ok",
        type: "PersonRegistered",
        personId: "P-IMP",
        at: "2026-11-27T10:00:00Z",
        by: "trainer@opcc.example",
        data: { name: "Morgan Reese", emails: ["morgan.reese@example.com"], phones: [] },
      };
      const deep = `{"id":"imp-deep","type":"PersonRegistered","personId":"P-D","at":"2026-11-27T10:01:00Z","by":"trainer@opcc.example","data":{"name":"D","emails":[],"phones":[],"x":${"[".repeat(5000)}${"]".repeat(5000)}}}`;
      const file = path.join(os.tmpdir(), `csm-e2e-deep-${process.pid}.jsonl`);
      fs.writeFileSync(file, JSON.stringify(good) + "\n" + deep + "\n");
      try {
        await t.page.setInputFiles('[data-testid="import-file"]', file);
      } finally {
        fs.unlinkSync(file);
      }
      const error = t.page.locator('[data-testid="import-error"]');
      await error.waitFor();
      const text = await error.innerText();
      t.assert.match(text, /Line 2/, `the error names the line: ${text}`);
      t.assert.match(text, /nested more than 64 levels/, `and why: ${text}`);
      t.assert.match(text, /nothing in the record has changed/);
      await t.axe("deep import refused");
      await t.expectVerdict({ stage: "restricted", breaches: ["single-point-of-contact"] }, "after the refused import");
      const after = await exportedLines(t);
      t.assert.deepEqual(after, before, "all or nothing: the good line was not added either, and export works");
    },
  },
];
