#!/usr/bin/env node
/* global document */
// Browser tests: builds the preview (production), serves dist/ on a loopback port, and drives
// Debian's Chromium through every scenario in test/e2e/scenarios/*.js. Each scenario file exports
// a list of tests `{ name, run(t) }`; each test gets a fresh browser context (its own IndexedDB).
// Prints one line per test and ends with exactly "N passed, N failed"; exits 1 on any failure.
//
//   npm run test:e2e                       build, then every scenario
//   E2E_SKIP_BUILD=1 npm run test:e2e      reuse dist/
//   npm run test:e2e -- ladder keyboard    only scenario files whose name contains a word
const path = require("path");
const fs = require("fs");
const { spawnSync } = require("child_process");
const { serve } = require("./server");
const { launch } = require("./browser");
const { checkAxe } = require("./axe");
const helpers = require("./helpers");

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const TEST_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 90_000);

function build() {
  if (process.env.E2E_SKIP_BUILD && fs.existsSync(path.join(DIST, "index.html"))) return;
  console.log("building the preview (webpack --mode production)…");
  const r = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error(`webpack failed (exit ${r.status})`);
}

function loadScenarios(filters) {
  const dir = path.join(__dirname, "scenarios");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
    .flatMap((f) => {
      const mod = require(path.join(dir, f));
      const tests = Array.isArray(mod) ? mod : mod.tests || [mod];
      return tests.map((t) => ({ ...t, file: f }));
    });
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
    }),
  ]);
}

async function main() {
  const filters = process.argv.slice(2);
  let passed = 0;
  let failed = 0;
  let server;
  let browser;
  try {
    build();
    server = await serve([
      ["/fixtures/", path.join(__dirname, "fixtures")],
      ["/", DIST],
    ]);
    browser = await launch();
    const tests = loadScenarios(filters);
    for (const test of tests) {
      const context = await browser.newContext({
        viewport: test.viewport || { width: 1280, height: 900 },
        locale: "en-GB",
        timezoneId: "Europe/London",
        acceptDownloads: true,
      });
      const page = await context.newPage();
      const pageErrors = [];
      page.on("pageerror", (err) => pageErrors.push(err.message));
      const consoleLines = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") consoleLines.push(`${m.type()}: ${m.text().slice(0, 300)}`);
      });
      // The preview must work offline: nothing but the test server may be reached.
      await context.route(
        (url) => !url.href.startsWith(server.url) && !url.href.startsWith("data:") && !url.href.startsWith("blob:"),
        (route) => {
          pageErrors.push(`request outside the test server: ${route.request().url()}`);
          return route.abort();
        },
      );
      const t = {
        page,
        context,
        baseUrl: server.url,
        axe: (label) => checkAxe(page, label),
        ...helpers.bind(page, server.url),
      };
      const label = `${test.file.replace(/\.js$/, "")}: ${test.name}`;
      const started = Date.now();
      try {
        await withTimeout(
          Promise.resolve().then(() => test.run(t)),
          TEST_TIMEOUT_MS,
          label,
        );
        if (pageErrors.length) throw new Error(`errors in the page:\n  ${pageErrors.join("\n  ")}`);
        passed += 1;
        console.log(`✓ ${label} (${Date.now() - started} ms)`);
      } catch (err) {
        failed += 1;
        console.log(
          `✗ ${label}\n  ${String(err && err.stack ? err.message : err)
            .split("\n")
            .join("\n  ")}`,
        );
        // What the page showed, so a failure in CI can be understood without a screenshot.
        if (pageErrors.length) console.log(`  errors in the page:\n    ${pageErrors.join("\n    ")}`);
        const shown = await page
          .evaluate(() => {
            const pane = document.querySelector("[data-stage]");
            const open = [...document.querySelectorAll('[data-step] [aria-expanded="true"]')].map((h) =>
              h.closest("[data-step]").getAttribute("data-step"),
            );
            const fields = [...document.querySelectorAll('[data-step] [aria-expanded="true"]')]
              .flatMap((h) => [...h.closest("[data-step]").querySelectorAll("input, textarea, select")])
              .filter((f) => f.type !== "radio" && f.type !== "checkbox")
              .map((f) => `${f.name || f.id}=${JSON.stringify(String(f.value).slice(0, 40))}`);
            return pane
              ? `stage=${pane.getAttribute("data-stage")} message=${pane.getAttribute("data-message-id")} open steps=${open.join(",")}\n` +
                  `fields: ${fields.join(" ")}\n` +
                  pane.innerText.replace(/\n{2,}/g, "\n").slice(-2500)
              : document.body.innerText.slice(0, 1500);
          })
          .catch((e) => `(the page could not be read: ${e.message})`);
        if (consoleLines.length) console.log(`  console:\n    ${consoleLines.slice(-10).join("\n    ")}`);
        console.log(`  the page showed:\n    ${shown.split("\n").join("\n    ")}`);
        if (process.env.E2E_SCREENSHOTS)
          await page
            .screenshot({ path: path.join(ROOT, `e2e-failure-${passed + failed}.png`), fullPage: true })
            .catch(() => {});
      } finally {
        await context.close().catch(() => {});
      }
    }
  } catch (err) {
    failed += 1;
    console.log(`✗ setup: ${err && err.message ? err.message : err}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
