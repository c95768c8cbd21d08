/* global window, document */
// The built pages under the production Content-Security-Policy (staticwebapp.config.json, with
// the inline hashes `npm run package` adds, computed here the same way from dist/): no violation,
// Fluent's styles applied (Griffel's <style> elements are allowed through the hash of the empty
// string: they are created empty and filled with insertRule), the Teams tab and the preview work,
// commands.html associates the on-send handler. A control run without that hash must show
// violations and no styles, so the check is known to bite. Framing by a site that is not Outlook,
// Teams or Microsoft 365 is refused (frame-ancestors).
//
// The test server is plain http on loopback, so `upgrade-insecure-requests` is left out here (it
// would send every request to https); everything else is the production header, word for word.
const path = require("path");
const { hostingConfig, inlineHashes } = require("../../../scripts/package.js");

const DIST = path.resolve(__dirname, "../../../dist");
const TEMPLATE = require("../../../staticwebapp.config.json");
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

function productionCsp() {
  return hostingConfig(TEMPLATE, inlineHashes(DIST)).globalHeaders["Content-Security-Policy"];
}

function forHttpTest(csp) {
  return csp
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d !== "upgrade-insecure-requests")
    .join("; ");
}

// office.js stands in for Microsoft's CDN copy (no network in tests): enough for the pages to start.
const OFFICE_STUB = `
window.__associated = [];
window.Office = {
  HostType: { Outlook: "Outlook" },
  onReady: function () { return Promise.resolve({ host: null, platform: null }); },
  actions: { associate: function (name) { window.__associated.push(name); } },
};`;

/** Serves the test server's pages with the CSP (and the other production headers), office.js stubbed. */
async function withCsp(t, csp) {
  const headers = { ...TEMPLATE.globalHeaders, "Content-Security-Policy": csp };
  await t.page.route(
    (url) => url.href.startsWith(t.baseUrl),
    async (route) => {
      // A request still in flight when the test's context closes is dropped, not a crash of the run.
      try {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: {
            ...response.headers(),
            ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
          },
        });
      } catch (err) {
        if (!/disposed|closed/i.test(String(err && err.message))) throw err;
      }
    },
  );
  await t.page.route("https://appsforoffice.microsoft.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: OFFICE_STUB }),
  );
  const violations = [];
  t.page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await t.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`),
    );
  });
  return {
    violations: async () => [...violations, ...(await t.page.evaluate(() => window.__csp))],
    /** CSS rules Griffel inserted (0 when its <style> elements were refused). */
    griffelRules: () =>
      t.page.evaluate(() =>
        [...document.querySelectorAll("style[data-make-styles-bucket]")].reduce(
          (n, s) => n + (s.sheet ? s.sheet.cssRules.length : 0),
          0,
        ),
      ),
  };
}

module.exports = [
  {
    name: "CSP: the Teams tab works under the production policy (no violation, Fluent styled, acknowledge works)",
    async run(t) {
      const csp = forHttpTest(productionCsp());
      t.assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const probe = await withCsp(t, csp);
      await t.page.goto(`${t.baseUrl}/teams.html`);
      await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
      t.assert.ok((await probe.griffelRules()) > 50, "Fluent's styles are in place");
      // The tab opens on Today; the register (with its export button) is one tab along.
      await t.page.click('[data-testid="tab-register"]');
      const radius = await t.page
        .getByRole("button", { name: "Export the register as CSV" })
        .evaluate((el) => window.getComputedStyle(el).borderTopLeftRadius);
      t.assert.notEqual(radius, "0px", "the Fluent button is styled");
      await t.page.click('[data-testid="tab-breaches"]');
      const card = t.page.locator('[data-testid="breach"]').first();
      if ((await card.count()) > 0) {
        await card.getByRole("button", { name: "Acknowledge" }).click();
        await t.page.getByRole("button", { name: "Record acknowledgement" }).click();
        await t.page.locator('[data-testid="breaches-status"]').filter({ hasText: "It is recorded" }).waitFor();
      }
      t.assert.deepEqual(await probe.violations(), []);
    },
  },
  {
    name: "CSP: the preview (taskpane components) works under the production policy",
    async run(t) {
      const probe = await withCsp(t, forHttpTest(productionCsp()));
      await t.openPreview();
      await t.selectMessage(t.sampleMailbox.messages[0].id);
      await t.page.locator('[data-testid="sender-card"], [data-testid="not-on-record"]').first().waitFor();
      t.assert.ok((await probe.griffelRules()) > 50, "Fluent's styles are in place");
      t.assert.deepEqual(await probe.violations(), []);
    },
  },
  {
    name: "CSP: the preview reads the sample Excel register (exceljs, loaded only then) under the production policy",
    async run(t) {
      const probe = await withCsp(t, forHttpTest(productionCsp()));
      await t.openPreview();
      await t.page.selectOption('[data-testid="acting-as"]', "admin");
      const scripts = () =>
        t.page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /\.js$/.test(e.name)).length);
      const before = await scripts();
      await t.page.getByRole("button", { name: "Import register (CSV, Excel)…" }).click();
      const dialog = t.page.getByRole("dialog");
      await dialog.getByRole("button", { name: "Use the sample register (Excel)" }).click();
      await dialog.getByText("register.xlsx: 9 rows").waitFor({ timeout: 20_000 });
      t.assert.ok((await scripts()) > before, "the Excel reader came as a chunk of its own, when it was needed");
      await dialog.getByRole("button", { name: "Check the rows" }).click();
      await dialog.getByTestId("dry-run-summary").filter({ hasText: "6 of 9 rows can be imported" }).waitFor();
      t.assert.deepEqual(await probe.violations(), []);
      // The check bites: a page script (not the test's own evaluate, which the browser exempts) that
      // builds code at run time, what the policy leaves out 'unsafe-eval' to refuse, is refused and reported.
      await t.page.route(`${t.baseUrl}/__eval-probe.js`, (route) =>
        route.fulfill({
          status: 200,
          contentType: "text/javascript",
          body: 'try { new Function("return 1")(); window.__evalAllowed = true; } catch (e) { window.__evalAllowed = false; }',
        }),
      );
      await t.page.evaluate(() => {
        const script = document.createElement("script");
        script.src = "/__eval-probe.js";
        document.head.appendChild(script);
      });
      await t.page.waitForFunction(() => typeof window.__evalAllowed === "boolean");
      t.assert.equal(await t.page.evaluate(() => window.__evalAllowed), false, "eval is refused by the policy");
      t.assert.ok(
        (await probe.violations()).some((v) => /script-src|eval/i.test(v)),
        "an eval under the policy is reported",
      );
    },
  },
  {
    name: "CSP: commands.html loads launchevent.js and associates the on-send handler; taskpane.html starts",
    async run(t) {
      const probe = await withCsp(t, forHttpTest(productionCsp()));
      await t.page.goto(`${t.baseUrl}/commands.html`);
      await t.page.waitForFunction(() => window.__associated && window.__associated.length > 0);
      t.assert.deepEqual(await t.page.evaluate(() => window.__associated), ["onMessageSendHandler"]);
      await t.page.goto(`${t.baseUrl}/taskpane.html`);
      await t.page.waitForSelector("#root:not(:empty)");
      t.assert.deepEqual(await probe.violations(), []);
    },
  },
  {
    name: "CSP control: without the empty-style hash, Griffel's styles are refused (so the checks above can fail)",
    async run(t) {
      const csp = forHttpTest(productionCsp()).replace(` ${EMPTY_STYLE_HASH}`, "");
      t.assert.ok(!csp.includes(EMPTY_STYLE_HASH));
      const probe = await withCsp(t, csp);
      await t.page.goto(`${t.baseUrl}/teams.html`);
      await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
      t.assert.equal(await probe.griffelRules(), 0);
      t.assert.ok(
        (await probe.violations()).some((v) => /style-src/.test(v)),
        "style-src violations are reported",
      );
    },
  },
  {
    name: "CSP: framing by a site that is not Outlook, Teams or Microsoft 365 is refused (frame-ancestors)",
    async run(t) {
      const probe = await withCsp(t, forHttpTest(productionCsp()));
      // Another origin (localhost, not 127.0.0.1) that frames the tab.
      const other = t.baseUrl.replace("127.0.0.1", "localhost");
      await t.page.route(`${other}/**`, (route) =>
        route.fulfill({
          status: 200,
          contentType: "text/html",
          body: `<!doctype html><title>other</title><iframe src="${t.baseUrl}/teams.html"></iframe>`,
        }),
      );
      await t.page.goto(`${other}/frame.html`);
      await t.page.waitForTimeout(1500);
      const frame = t.page.frames().find((f) => f !== t.page.mainFrame());
      const framed = frame
        ? await frame.evaluate(() => Boolean(document.querySelector('[data-testid="teams-tab"]'))).catch(() => false)
        : false;
      t.assert.equal(framed, false, "the tab must not render inside another site");
      t.assert.ok(
        (await probe.violations()).some((v) => /frame-ancestors/.test(v)),
        "the refusal names frame-ancestors",
      );
    },
  },
];
