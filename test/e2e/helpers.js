// Helpers the scenarios share: open the preview, select a message, read the taskpane's
// automation attributes (data-stage, data-breaches). `bind(page, baseUrl)` gives them their page.
/* global document, requestAnimationFrame */
const assert = require("assert/strict");
const path = require("path");

const SAMPLE_MAILBOX = require(path.resolve(__dirname, "../../src/surfaces/preview/sample/mailbox.json"));

/**
 * Waits until the page's finite animations and transitions have finished (infinite ones, such as
 * spinners, are ignored). Fluent's accordion grows a panel open over a few hundred milliseconds; a
 * click during that growth can land while the page is still moving (scroll anchoring shifts what is
 * under the pointer between press and release) and be lost, which no person double-checking their
 * form would do. Scenarios call this after opening a step, before they click inside it.
 */
async function settleMotion(page, ms = 3000) {
  await page.evaluate(async (limit) => {
    // Two frames first: a motion starts in an effect after the render that the last action caused.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const deadline = performance.now() + limit;
    while (performance.now() < deadline) {
      const running = document
        .getAnimations()
        .filter((a) => a.playState === "running" && a.effect && Number.isFinite(a.effect.getComputedTiming().endTime));
      if (running.length === 0) return;
      await Promise.race([
        Promise.all(running.map((a) => a.finished.catch(() => undefined))),
        new Promise((resolve) => setTimeout(resolve, 500)),
      ]);
    }
  }, ms);
}

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
    settle: () => settleMotion(page),
    openPreview,
    selectMessage,
    waitForMessage,
    state,
    expectVerdict,
    assert,
    sampleMailbox: SAMPLE_MAILBOX,
  };
}

module.exports = { bind, settleMotion, SAMPLE_MAILBOX };
