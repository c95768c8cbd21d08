// Helpers the scenarios share: open the preview, select a message, read the taskpane's
// automation attributes (data-stage, data-breaches). `bind(page, baseUrl)` gives them their page.
const assert = require("assert/strict");
const path = require("path");

const SAMPLE_MAILBOX = require(path.resolve(__dirname, "../../src/surfaces/preview/sample/mailbox.json"));

function bind(page, baseUrl) {
  const taskpane = () => page.locator('[data-testid="taskpane"]');

  /** Opens the preview (optionally with ?query) and waits until the record is loaded. */
  async function openPreview(query = "") {
    await page.goto(`${baseUrl}/${query}`);
    await page.waitForSelector('[data-testid="taskpane"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="mail-list"]');
    const select = new URLSearchParams(query.replace(/^\?/, "")).get("select");
    if (select)
      await page
        .waitForSelector(`[data-testid="taskpane"][data-message-id="${select}"]`, { timeout: 15_000 })
        .catch(() => {});
  }

  /** Clicks a message in the list and waits until the taskpane is about it. */
  async function selectMessage(id) {
    await page.click(`[data-testid="mail-list"] button[data-message-id="${id}"]`);
    await waitForMessage(id);
  }

  async function waitForMessage(id) {
    await page.waitForSelector(`[data-testid="taskpane"][data-ready="true"][data-message-id="${id}"]`, {
      timeout: 15_000,
    });
  }

  async function state() {
    return taskpane().evaluate((el) => ({
      messageId: el.getAttribute("data-message-id"),
      stage: el.getAttribute("data-stage"),
      breaches: (el.getAttribute("data-breaches") || "").split(",").filter(Boolean).sort(),
      personId: el.getAttribute("data-person-id") || null,
    }));
  }

  /** Asserts the taskpane's stage and breaches for the selected message. */
  async function expectVerdict(expected, label) {
    const s = await state();
    assert.equal(s.stage, expected.stage, `${label}: data-stage`);
    assert.deepEqual(s.breaches, [...expected.breaches].sort(), `${label}: data-breaches`);
    if (expected.personId !== undefined) assert.equal(s.personId, expected.personId, `${label}: person`);
  }

  return {
    taskpane,
    openPreview,
    selectMessage,
    waitForMessage,
    state,
    expectVerdict,
    assert,
    sampleMailbox: SAMPLE_MAILBOX,
  };
}

module.exports = { bind, SAMPLE_MAILBOX };
