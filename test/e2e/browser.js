// Debian's Chromium driven by playwright-core (never a downloaded browser), with flags that
// keep its background networking quiet on a closed network. playwright's launch() gives every run a fresh, temporary profile.
const fs = require("fs");
const { chromium } = require("playwright-core");

const EXECUTABLE = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function launch() {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new Error(`Chromium not found at ${EXECUTABLE}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ARGS });
}

module.exports = { launch, EXECUTABLE };
