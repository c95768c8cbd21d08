#!/usr/bin/env node
// npm run start:outlook: the https development server (https://localhost:3000) for Outlook, and
// sideloading. With office-addin-debugging installed (npm i -D office-addin-debugging), it sideloads
// manifest.xml into Outlook on this machine and starts the server; `npm stop` undoes that. Without
// it (Linux, CI, or no Outlook here), it starts the server and prints how to sideload by hand.
//
//   npm run start:outlook        start (and sideload where possible)
//   npm stop                     stop debugging / say how to remove the sideloaded add-in
const path = require("node:path");
const { spawn } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DEV_SERVER = "webpack serve --mode development --env https";

function officeAddinDebugging() {
  try {
    const manifest = require.resolve("office-addin-debugging/package.json", { paths: [ROOT] });
    const { bin } = require(manifest);
    const cli = typeof bin === "string" ? bin : bin?.["office-addin-debugging"];
    return cli ? path.join(path.dirname(manifest), cli) : null;
  } catch {
    return null;
  }
}

const HOW_TO_SIDELOAD = `
Sideload by hand (office-addin-debugging is not installed, or this machine has no Outlook):
  Outlook on the web or new Outlook: open https://aka.ms/olksideload, then My add-ins >
  Custom Addins > Add a custom add-in > Add from File... and choose ${path.relative(process.cwd(), MANIFEST) || MANIFEST}.
  The unified package instead: npm run package, then Teams > Apps > Manage your apps >
  Upload an app > Upload a custom app, and choose dist/contact-strategy-manager.zip.
  Trust the development certificate first: npx office-addin-dev-certs install.
Remove it the same way (My add-ins > Custom Addins > Remove) when you are done.
`;

function run(command) {
  const cli = officeAddinDebugging();
  if (command === "stop") {
    if (cli) return spawn(process.execPath, [cli, "stop", MANIFEST], { stdio: "inherit", cwd: ROOT });
    process.stdout.write(
      "Stop the development server with Ctrl+C in its terminal.\n" +
        "A sideloaded add-in stays until you remove it: My add-ins > Custom Addins > Remove (https://aka.ms/olksideload).\n",
    );
    return null;
  }
  if (cli)
    return spawn(process.execPath, [cli, "start", MANIFEST, "desktop", "--dev-server", DEV_SERVER], {
      stdio: "inherit",
      cwd: ROOT,
    });
  process.stdout.write(HOW_TO_SIDELOAD);
  const webpack = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  return spawn(process.execPath, [webpack, "serve", "--mode", "development", "--env", "https"], {
    stdio: "inherit",
    cwd: ROOT,
  });
}

module.exports = { run, HOW_TO_SIDELOAD };

if (require.main === module) {
  const child = run(process.argv[2] === "stop" ? "stop" : "start");
  if (child) child.on("exit", (code) => process.exit(code ?? 1));
}
