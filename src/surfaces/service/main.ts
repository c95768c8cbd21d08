/**
 * `npm run service` (scripts/service.js): reads the configuration (CSM_SERVICE_CONFIG, a JSON
 * file, and the environment), picks the token provider (the emulator's on loopback, the
 * certificate credential otherwise), listens, subscribes, catches up, and runs the timer.
 * Logs are JSON lines without personal data.
 */
import type { EnforcementService } from "../../app/enforcement";
import { jsonLineLog as log, loadConfig, serviceTokens } from "./boot";
import { composeService } from "./compose";
import { JsonFileState } from "./file-state";
import { listen } from "./http";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const fetch = (input: string, init: RequestInit): Promise<Response> => globalThis.fetch(input, init);
  const tokens = await serviceTokens(config, fetch);
  let service: EnforcementService | null = null;
  const running = await listen(() => service, config.port);
  const composed = await composeService(config, {
    publicUrl: config.publicUrl ?? running.url,
    tokens,
    fetch,
    ...(config.stateFile ? { state: new JsonFileState(config.stateFile) } : {}),
    log,
  });
  service = composed.service;
  log("listening", { url: running.url, mailboxes: config.mailboxes.length });
  await service.start();
  const timer = setInterval(() => {
    void service?.tick().catch(() => log("tick-failed"));
  }, config.tickMs);
  const stop = (): void => {
    clearInterval(timer);
    void running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
