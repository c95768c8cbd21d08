// Import and export of the record as JSONL from the preview's toolbar: a bad file gives a clear
// error and nothing already recorded is lost; a good one adds to the record; export round-trips;
// Reset sample data puts the sample back.
const fs = require("fs");
const path = require("path");

const fixture = (name) => path.join(__dirname, "..", "fixtures", name);

module.exports = [
  {
    name: "importing a bad file shows each failing line and loses nothing",
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      await t.page.setInputFiles('[data-testid="import-file"]', fixture("bad-record.jsonl"));
      const error = t.page.locator('[data-testid="import-error"]');
      await error.waitFor();
      const text = await error.innerText();
      t.assert.match(text, /nothing in the record has changed/);
      t.assert.match(text, /Line 2/);
      t.assert.match(text, /E_BEHAVIOUR_KIND/);
      await t.expectVerdict({ stage: "restricted", breaches: ["single-point-of-contact"] }, "after the bad import");
      await t.axe("import error");
    },
  },
  {
    name: "importing a good file adds a person; export contains the whole record",
    async run(t) {
      await t.openPreview("?select=msg-new-sender");
      await t.expectVerdict({ stage: "none", breaches: [], personId: null }, "before import");
      const file = path.join(require("os").tmpdir(), `csm-e2e-${process.pid}.jsonl`);
      fs.writeFileSync(
        file,
        JSON.stringify({
          id: "imp-1",
          type: "PersonRegistered",
          personId: "P-IMP",
          at: "2026-11-27T10:00:00Z",
          by: "trainer@opcc.example",
          data: { name: "Morgan Reese", emails: ["morgan.reese@example.com"], phones: [] },
        }) + "\n",
      );
      try {
        await t.page.setInputFiles('[data-testid="import-file"]', file);
      } finally {
        fs.unlinkSync(file);
      }
      await t.page.getByText(/1 event added\./).waitFor();
      await t.page.waitForSelector('[data-testid="taskpane"][data-person-id="P-IMP"]');
      await t.page.locator('[data-testid="sender-card"]').getByRole("heading", { name: "Morgan Reese" }).waitFor();

      const [download] = await Promise.all([
        t.page.waitForEvent("download"),
        t.page.getByRole("button", { name: "Export record" }).click(),
      ]);
      const text = fs.readFileSync(await download.path(), "utf8");
      const lines = text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const sample = fs
        .readFileSync(path.join(__dirname, "../../../src/surfaces/preview/sample/record.jsonl"), "utf8")
        .trim()
        .split("\n");
      t.assert.equal(lines.length, sample.length + 1, "export holds the sample and the imported event");
      t.assert.ok(lines.some((e) => e.id === "imp-1"));
    },
  },
  {
    name: "Reset sample data (confirmed in a dialog) removes what was added",
    async run(t) {
      await t.openPreview("?record=/fixtures/training-record.jsonl&select=msg-alex-breach");
      await t.expectVerdict({ stage: "none", breaches: [], personId: null }, "training record has no Alex");
      await t.page.getByRole("button", { name: "Reset sample data" }).click();
      const dialog = t.page.getByRole("dialog");
      await dialog.waitFor();
      await t.axe("reset dialog");
      await dialog.getByRole("button", { name: "Reset" }).click();
      await t.page.getByText("The sample data is back.").waitFor();
      await t.selectMessage("msg-alex-breach");
      await t.expectVerdict(
        { stage: "restricted", breaches: ["single-point-of-contact"], personId: "P-1004" },
        "after reset",
      );
    },
  },
];
