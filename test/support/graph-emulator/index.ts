/**
 * A Microsoft Graph emulator for tests: a loopback HTTP server (server.ts) or an in-process fetch
 * (fetch.ts) over one state machine (core.ts), with fault injection (faults.ts) and a control API
 * (control.ts). See README.md in this folder.
 */
export {
  GraphEmulator,
  type EmuRequest,
  type EmuResponse,
  type GraphEmulatorOptions,
  type RequestLogEntry,
  type SiteRole,
} from "./core";
export { FaultInjector, seededRandom, type FaultDecision, type FaultPolicy, type FaultRule } from "./faults";
export { startGraphEmulator, type RunningEmulator } from "./server";
export { emulatorFetch, type FetchLike } from "./fetch";
export { handleControl, CONTROL_PREFIX } from "./control";
export { makeEmulatorToken, readEmulatorToken } from "./tokens";
export { TestTokenProvider, isLoopbackUrl, TEST_TOKEN_PROVIDER_MARKER } from "./test-token-provider";
