/** Entry point of `csm` (bin/csm.js loads the compiled form of this file). */
import { readFileSync } from "node:fs";
import { runCli } from "./run";

function main(): void {
  let result;
  try {
    result = runCli(process.argv.slice(2), { readFile: (p) => readFileSync(p, "utf8"), now: () => Date.now() });
  } catch (err) {
    // Never a stack trace: one line on stderr, exit 2.
    const message = String(err instanceof Error ? err.message : err)
      .replace(/[\r\n]+/g, " ")
      .slice(0, 300);
    process.stderr.write(`csm: internal error: ${message}\n`);
    process.exitCode = 2;
    return;
  }
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

main();
