/**
 * The Azure Functions entry (Node.js v4 programming model): registers the HTTP triggers and the
 * timer (functions.ts) with the real `app` of `@azure/functions`. The Function app's settings carry
 * the same configuration as `npm run service` (CSM_SERVICE_CONFIG or CSM_* / AZURE_* settings);
 * CSM_PUBLIC_URL is required here (the Function app's https address, without /api). Subscriptions'
 * state is kept in CSM_STATE_FILE, which on Functions must be on the app's persistent storage
 * (for example /home/data/csm-state.json on Linux plans); see docs/service.md.
 */
import { app } from "@azure/functions";
import { ConfigError } from "./config";
import { jsonLineLog as log, loadConfig, serviceTokens } from "./boot";
import { composeService } from "./compose";
import { JsonFileState } from "./file-state";
import { registerFunctions, type FunctionsAppLike } from "./functions";

const host: FunctionsAppLike = app;

registerFunctions(host, async () => {
  const config = loadConfig(process.env);
  if (!config.publicUrl)
    throw new ConfigError("On Azure Functions set CSM_PUBLIC_URL to the Function app's https address (without /api).");
  const fetch = (input: string, init: RequestInit): Promise<Response> => globalThis.fetch(input, init);
  const composed = await composeService(config, {
    publicUrl: config.publicUrl,
    tokens: await serviceTokens(config, fetch),
    fetch,
    ...(config.stateFile ? { state: new JsonFileState(config.stateFile) } : {}),
    log,
  });
  return composed.service;
});
