/**
 * `npm run service` (scripts/service.js): reads the configuration (CSM_SERVICE_CONFIG, a JSON
 * file, and the environment), picks the token provider (the emulator's on loopback, the
 * certificate credential otherwise), listens, subscribes, catches up, and runs the timer.
 * Logs are JSON lines without personal data.
 */
import { readFileSync } from "node:fs";
import type { EnforcementService } from "../../app/enforcement";
import { SERVICE_ROLES } from "../../adapters/graph/enforcement";
import { composeService } from "./compose";
import { isLoopback, parseConfig } from "./config";
import { JsonFileState } from "./file-state";
import { listen } from "./http";
import { certificateCredential, credentialTokens, emulatorAppTokens } from "./tokens";

const log = (event: string, fields: Readonly<Record<string, string | number>> = {}): void => {
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
};

async function main(): Promise<void> {
  const file = process.env["CSM_SERVICE_CONFIG"];
  const json = file ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const config = parseConfig(json, process.env);
  const fetch = (input: string, init: RequestInit): Promise<Response> => globalThis.fetch(input, init);
  const roles = [...SERVICE_ROLES.mail, ...SERVICE_ROLES.settings, ...SERVICE_ROLES.activity, ...SERVICE_ROLES.record];
  const tokens = isLoopback(config.graphBaseUrl)
    ? emulatorAppTokens(config.graphBaseUrl, roles, fetch)
    : credentialTokens(
        await certificateCredential(config.tenantId, config.clientId, config.certificatePath),
        config.graphBaseUrl,
      );
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
