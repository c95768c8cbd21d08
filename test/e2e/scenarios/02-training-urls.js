// ?record=URL&mailbox=URL&select=ID (issue 3 item 5): a training record and mailbox from the
// same origin replace the sample and select a message; a bad record changes nothing.
module.exports = [
  {
    name: "?record, ?mailbox and ?select load a training scenario and select its message",
    async run(t) {
      await t.openPreview(
        "?record=/fixtures/training-record.jsonl&mailbox=/fixtures/training-mailbox.json&select=t-msg-1",
      );
      await t.waitForMessage("t-msg-1");
      await t.expectVerdict({ stage: "concern", breaches: [], personId: "P-T1" }, "Robin");
      const names = await t.page.locator('[data-testid="mail-list"] button').allInnerTexts();
      t.assert.equal(names.length, 2, "only the training mailbox's messages are listed");
      // The training record replaced the sample: Alex is not on it.
      await t.selectMessage("t-msg-2");
      await t.page.locator('[data-testid="not-on-record"]').waitFor();
      await t.expectVerdict({ stage: "none", breaches: [], personId: null }, "Alex, not in the training record");
      await t.axe("training scenario");
    },
  },
  {
    name: "a bad ?record is reported line by line and the record already held is untouched",
    async run(t) {
      await t.openPreview("?select=msg-alex-breach");
      await t.expectVerdict({ stage: "restricted", breaches: ["single-point-of-contact"] }, "sample before");
      await t.openPreview("?record=/fixtures/bad-record.jsonl&select=msg-alex-breach");
      const alert = t.page.locator('[role="alert"]');
      await alert.waitFor();
      const text = await alert.innerText();
      t.assert.match(text, /not valid/);
      t.assert.match(text, /Line 2/);
      t.assert.match(text, /Line 3/);
      await t.expectVerdict(
        { stage: "restricted", breaches: ["single-point-of-contact"] },
        "sample after the bad record",
      );
      await t.axe("bad record error");
    },
  },
  {
    name: "a record from another origin is refused",
    async run(t) {
      await t.openPreview();
      await t.openPreview("?record=http://example.invalid/record.jsonl&select=msg-sam");
      const text = await t.page.locator('[role="alert"]').innerText();
      t.assert.match(text, /not on this site/);
      await t.expectVerdict({ stage: "none", breaches: [], personId: "P-1001" }, "sample kept");
    },
  },
];
