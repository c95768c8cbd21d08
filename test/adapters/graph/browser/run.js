#!/usr/bin/env node
// The Microsoft 365 adapters in real Chromium against the Graph emulator (loopback HTTP):
// cross-origin fetch with CORS preflights (Authorization, If-Match), the durable outbox in real
// IndexedDB surviving a page reload, Retry-After honoured, and a breach producing one rule set,
// the categories and one Teams card. The test token provider refuses a non-loopback URL.
//
//   node test/adapters/graph/browser/run.js
//
// Builds page.ts into a temporary folder (never dist/), serves it on one loopback port and the
// emulator on another, drives Debian's Chromium with playwright-core. Prints "N passed, N failed".
/* global window -- the page.evaluate callbacks run in the browser */
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");
require(path.join(ROOT, "test", "support", "graph-emulator", "ts-register.js"));
const { startGraphEmulator } = require(path.join(ROOT, "test", "support", "graph-emulator", "server.ts"));
const { launch } = require(path.join(ROOT, "test", "e2e", "browser.js"));

function bundle(outDir) {
  const webpack = require("webpack");
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: "development",
        devtool: false,
        context: ROOT,
        entry: path.join(__dirname, "page.ts"),
        output: { path: outDir, filename: "page.js" },
        resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
        module: {
          rules: [
            {
              test: /\.tsx?$/,
              exclude: /node_modules/,
              use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
            },
          ],
        },
      },
      (err, stats) => {
        if (err) return reject(err);
        if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
        resolve();
      },
    );
  });
}

function serveStatic(dir) {
  const server = http.createServer((req, res) => {
    const file = (req.url || "/").split("?")[0] === "/page.js" ? "page.js" : "index.html";
    res.writeHead(200, { "content-type": file.endsWith(".js") ? "text/javascript" : "text/html" });
    res.end(fs.readFileSync(path.join(dir, file)));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const STAFF = "officer.one@opcc.example";
const iso = (m) => new Date(Date.parse("2026-03-02T09:00:00Z") + m * 60_000).toISOString();
const events = [
  {
    id: "reg-1",
    type: "PersonRegistered",
    personId: "P-1",
    at: iso(0),
    by: STAFF,
    data: { name: "Alex Example", emails: ["alex@example.org"], phones: [] },
  },
  {
    id: "causes-1",
    type: "CausesConsidered",
    personId: "P-1",
    at: iso(1),
    by: STAFF,
    data: {
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: true,
      supportOffered: true,
      rationaleGiven: true,
    },
  },
  {
    id: "warn-1",
    type: "WarningIssued",
    personId: "P-1",
    at: iso(2),
    by: STAFF,
    data: {
      behaviours: ["demanding-updates"],
      expectedChange: "One email a week.",
      consequences: "A strategy may follow.",
      method: "email",
    },
  },
  {
    id: "strategy-1",
    type: "StrategyImposed",
    personId: "P-1",
    at: iso(3),
    by: STAFF,
    data: {
      strategyId: "S-1",
      matterRef: "CPL-2026-0042",
      reason: "Persistent demands.",
      restrictions: [{ kind: "blocked-addresses", addresses: ["old@example.org"] }],
      proportionality: "Least restrictive option.",
      approvedBy: "head.of.service@opcc.example",
      notifiedOn: "2026-03-02",
      notifiedBy: "email",
      reviewDue: "2026-05-01",
    },
  },
  {
    id: "breach-1",
    type: "BreachRecorded",
    personId: "P-1",
    at: iso(10),
    by: STAFF,
    data: {
      breachId: "breach-1",
      strategyId: "S-1",
      restriction: "blocked-addresses",
      detail: "Wrote from a blocked address.",
    },
  },
];

async function main() {
  const results = [];
  const check = (name, ok, detail = "") => {
    results.push(ok);
    console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : ` — ${detail}`}`);
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "csm-graph-browser-"));
  let emu;
  let site;
  let browser;
  try {
    await bundle(tmp);
    fs.writeFileSync(
      path.join(tmp, "index.html"),
      '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Graph adapters</title></head><body><script src="/page.js"></script></body></html>',
    );
    emu = await startGraphEmulator();
    const e = emu.emulator;
    e.addUser({ userPrincipalName: "manager.one@opcc.example", displayName: "Manager One" });
    e.addUser({ userPrincipalName: STAFF, displayName: "Officer One", managerUpn: "manager.one@opcc.example" });
    e.addSite("contoso.sharepoint.com", "sites/casework", "manage");
    site = await serveStatic(tmp);
    const pageUrl = `http://127.0.0.1:${site.address().port}/index.html?graph=${encodeURIComponent(emu.baseUrl)}`;
    browser = await launch();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });

    const setup = await page.evaluate(() => window.csm.setUp());
    check(
      "setup creates both lists from the browser (cross-origin, CORS)",
      setup && setup.ok === true,
      JSON.stringify(setup),
    );

    e.addFault({ method: "POST", path: "/items", status: 503, times: Infinity });
    const waiting = await page.evaluate((evs) => window.csm.record(evs), events);
    check(
      "appends go to the outbox while the shared record refuses them",
      waiting === events.length,
      `waiting ${waiting}`,
    );

    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    const afterReload = await page.evaluate(() => window.csm.waiting());
    check("the outbox survives a reload (IndexedDB)", afterReload === events.length, `waiting ${afterReload}`);

    e.clearFaults();
    e.addFault({ method: "POST", path: "/items", status: 429, retryAfter: 1, times: 2 });
    const drained = await page.evaluate(() => window.csm.drain());
    check("everything is delivered after waiting out a 429", drained.waiting === 0, JSON.stringify(drained));

    const siteState = [...e.sites.values()][0];
    const record = [...siteState.lists.values()].find((l) => l.displayName === "Contact strategy record");
    check("the shared list holds each event once", record.items.size === events.length, `items ${record.items.size}`);
    const throttled = e.requests.filter((r) => r.status === 429);
    const after = e.requests.filter(
      (r) =>
        r.method === "POST" &&
        r.path.endsWith("/items") &&
        throttled.length > 0 &&
        r.seq > throttled[throttled.length - 1].seq,
    );
    check(
      "the retry after a 429 came at least Retry-After later",
      after.length > 0 && after[0].at - throttled[throttled.length - 1].at >= 1000,
      JSON.stringify({ throttled: throttled.map((t) => t.at), after: after.map((a) => a.at) }),
    );
    const mailbox = e.mailbox(STAFF);
    const rules = [...mailbox.rules.values()].map((r) => r.displayName);
    check(
      "one rule set in the mailbox",
      JSON.stringify(rules) === JSON.stringify(["[CSM] P-1 S-1 blocked"]),
      JSON.stringify(rules),
    );
    check(
      "the categories exist",
      [...mailbox.categories.values()].some((c) => c.displayName === "Contact strategy breach"),
    );
    const cards = [...e.chats.values()].flatMap((c) => c.messages);
    check("one Teams card to the line manager", cards.length === 1, `cards ${cards.length}`);
    const refused = await page.evaluate(() => window.csm.tryForeignUrl());
    check("the test token provider refuses a non-loopback URL", /refuses a non-loopback URL/.test(refused), refused);
  } catch (err) {
    check("browser run", false, err && err.stack ? err.stack : String(err));
  } finally {
    if (browser) await browser.close();
    if (site) site.close();
    if (emu) await emu.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const passed = results.filter(Boolean).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

main();
