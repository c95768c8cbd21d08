/* global document */
// Shared by the Microsoft 365 browser scenarios (m365.js, m365-hostile.js): the test page bundled
// once per run, its own loopback server, the emulator's control API, and waiting for a condition.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");
const { spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const SCENARIOS = path.join(__dirname, "scenarios");

/** The bundle's folder, built once per run; each scenario's mailbox goes beside it in its own copy. */
let bundle = null;
const pages = new Map();

/** Bundles the test page (development mode, no source maps) in a child process: once per run. */
function buildPage(mailbox) {
  const key = JSON.stringify(mailbox);
  if (pages.has(key)) return pages.get(key);
  if (!bundle) bundle = bundlePage();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "csm-e2e-m365-page-"));
  for (const f of fs.readdirSync(bundle)) fs.copyFileSync(path.join(bundle, f), path.join(out, f));
  fs.writeFileSync(path.join(out, "mailbox.json"), key);
  pages.set(key, out);
  process.on("exit", () => fs.rmSync(out, { recursive: true, force: true }));
  return out;
}

function bundlePage() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "csm-e2e-m365-"));
  const script = `
    const webpack = require("webpack");
    webpack({
      mode: "development", devtool: false, context: ${JSON.stringify(ROOT)},
      entry: ${JSON.stringify(path.join(SCENARIOS, "m365-page.tsx"))},
      output: { path: ${JSON.stringify(out)}, filename: "page.js", publicPath: "auto" },
      resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
      module: { rules: [
        { test: /\\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader",
          options: { transpileOnly: true, compilerOptions: { noEmit: false } } } },
        { test: /\\.jsonl$/, type: "asset/source" },
      ] },
      performance: { hints: false },
    }, (err, stats) => {
      if (err || stats.hasErrors()) { console.error(err || stats.toString({ all: false, errors: true })); process.exit(1); }
    });`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`the m365 test page did not build:\n${r.stderr}`);
  fs.writeFileSync(
    path.join(out, "index.html"),
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Contact Strategy Manager (Microsoft 365 test)</title></head><body><div id="root"></div><script src="page.js"></script></body></html>',
  );
  process.on("exit", () => fs.rmSync(out, { recursive: true, force: true }));
  return out;
}

async function control(emu, method, route, body) {
  const res = await fetch(`${emu.origin}/_emulator/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function until(what, fn, ms = 30_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last.ok) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
}

/**
 * Serves the bundled page from its own loopback server (a page fulfilled by Playwright counts as a
 * public address, and Chromium then refuses its calls to the loopback emulator), and lets that
 * server and the emulator through the runner's offline guard (registered later, so asked first).
 */
async function serveDir(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url || "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".json") ? "application/json" : "text/html";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function route(t, origins) {
  await t.page.route(
    (url) => origins.some((o) => url.href.startsWith(`${o}/`)),
    (r) => r.continue(),
  );
}

async function openPage(t, emu, site, upn) {
  await t.page.goto(`${site.origin}/index.html?graph=${encodeURIComponent(emu.baseUrl)}&upn=${upn}`);
  await t.page.waitForFunction(() => document.body.dataset.ready === "true" || document.body.dataset.error, null, {
    timeout: 30_000,
  });
  const error = await t.page.evaluate(() => document.body.dataset.error || "");
  if (error) throw new Error(`the page did not start: ${error}`);
}

module.exports = { buildPage, control, until, serveDir, route, openPage };
