/* global window, document */
// axe-core in the page: every screen a test passes is checked (WCAG 2.0–2.2 A and AA, plus
// axe's best practices). A violation fails the test with the rule, the impact and the elements.
const { settleMotion } = require("./helpers");

const AXE_SOURCE = require.resolve("axe-core/axe.min.js");

async function checkAxe(page, label) {
  // Let finite animations and transitions settle first (a message bar fading in would otherwise be
  // measured at part opacity and fail color-contrast by timing alone). Infinite ones (spinners) are ignored.
  await settleMotion(page);
  const has = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!has) await page.addScriptTag({ path: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    // Drafted letters are shown in sandboxed frames where axe cannot run; their HTML is checked by the letter tests.
    const r = await window.axe.run(document, { iframes: false, elementRef: true, resultTypes: ["violations"] });
    // Tabster (Fluent UI v9's focus manager) adds focusable aria-hidden <i data-tabster-dummy>
    // elements that pass focus on at once: a known false positive of aria-hidden-focus, which
    // Microsoft's own Accessibility Insights suppresses (microsoft/tabster#288,
    // microsoft/accessibility-insights-web#7605). Only those nodes are dropped; any other node still fails.
    const isTabsterDummy = (n) => Boolean(n.element && n.element.hasAttribute("data-tabster-dummy"));
    return r.violations
      .map((v) => (v.id === "aria-hidden-focus" ? { ...v, nodes: v.nodes.filter((n) => !isTabsterDummy(n)) } : v))
      .filter((v) => v.nodes.length > 0)
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      }));
  });
  if (result.length > 0) {
    const text = result.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join("\n    ")}`).join("\n");
    throw new Error(`axe found ${result.length} violation(s) on "${label}":\n${text}`);
  }
}

module.exports = { checkAxe };
