/**
 * The emulator as a `fetch` function, in process: the same handling as over HTTP without sockets,
 * for simulations that make hundreds of thousands of requests (the no-loss proof).
 */
import type { GraphEmulator } from "./core";
import { handleControl, isControlRequest } from "./control";

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function emulatorFetch(emulator: GraphEmulator): FetchLike {
  return async (input, init) => {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : input.toString();
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request?.headers ?? {}).forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    const body = typeof init?.body === "string" ? init.body : request ? await request.text() : undefined;
    const req = { method, url, headers, ...(body ? { body } : {}) };
    const out = isControlRequest(url) ? handleControl(emulator, req) : await emulator.handle(req);
    return new Response(out.status === 204 ? null : (out.body ?? null), { status: out.status, headers: out.headers });
  };
}
