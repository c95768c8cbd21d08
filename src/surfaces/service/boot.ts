/**
 * What both entries share (the Node server in main.ts and the Azure Functions app in
 * functions-main.ts): the configuration from CSM_SERVICE_CONFIG (a JSON file) and the environment,
 * the app-only token provider (the emulator's on loopback, the certificate credential otherwise)
 * and a log that writes JSON lines without personal data.
 */
import { readFileSync } from "node:fs";
import type { TokenProvider } from "../../app/auth";
import { SERVICE_ROLES } from "../../adapters/graph/enforcement";
import type { FetchLike } from "../../adapters/graph/graph-client";
import { ConfigError, isLoopback, parseConfig, type ServiceConfig } from "./config";
import { certificateCredential, credentialTokens, emulatorAppTokens } from "./tokens";

export type ServiceLog = (event: string, fields?: Readonly<Record<string, string | number>>) => void;

export const jsonLineLog: ServiceLog = (event, fields = {}) => {
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
};

export function loadConfig(env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  const file = env["CSM_SERVICE_CONFIG"];
  let json: Record<string, unknown> = {};
  if (file) {
    try {
      json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(
        `CSM_SERVICE_CONFIG (${file}) could not be read as JSON: ${e instanceof Error ? e.message : String(e)}. Fix the file (docs/service.md shows one).`,
      );
    }
  }
  return parseConfig(json, env);
}

export const SERVICE_APP_ROLES: readonly string[] = [
  ...SERVICE_ROLES.mail,
  ...SERVICE_ROLES.settings,
  ...SERVICE_ROLES.activity,
  ...SERVICE_ROLES.record,
];

export async function serviceTokens(config: ServiceConfig, fetch: FetchLike): Promise<TokenProvider> {
  return isLoopback(config.graphBaseUrl)
    ? emulatorAppTokens(config.graphBaseUrl, SERVICE_APP_ROLES, fetch, config.appId)
    : credentialTokens(
        await certificateCredential(config.tenantId, config.clientId, config.certificatePath),
        config.graphBaseUrl,
      );
}
