/**
 * The emulator over loopback HTTP: node:http on 127.0.0.1 and an ephemeral port. The base URL
 * for the product's Graph client is `${origin}/v1.0` (a "national cloud" as far as the client knows).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphEmulator, type GraphEmulatorOptions } from "./core";
import { handleControl, isControlRequest } from "./control";

export interface RunningEmulator {
  readonly emulator: GraphEmulator;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** http://127.0.0.1:PORT/v1.0 */
  readonly baseUrl: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startGraphEmulator(
  options: GraphEmulatorOptions & { emulator?: GraphEmulator } = {},
): Promise<RunningEmulator> {
  const emulator = options.emulator ?? new GraphEmulator(options);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k.toLowerCase()] = v;
        // Browsers call the emulator cross-origin (the taskpane is served elsewhere in the e2e test).
        const cors: Record<string, string> = {
          "access-control-allow-origin": "*",
          "access-control-allow-headers":
            "authorization, content-type, if-match, prefer, consistencylevel, client-request-id",
          "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
          "access-control-expose-headers": "retry-after, location, request-id",
        };
        if ((req.method ?? "GET") === "OPTIONS") {
          res.writeHead(204, cors);
          res.end();
          return;
        }
        const emuReq = { method: req.method ?? "GET", url: req.url ?? "/", headers, ...(body ? { body } : {}) };
        const out = isControlRequest(emuReq.url) ? handleControl(emulator, emuReq) : await emulator.handle(emuReq);
        res.writeHead(out.status, { ...cors, ...out.headers });
        res.end(out.body ?? undefined);
      } catch (e) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ error: { code: "generalException", message: e instanceof Error ? e.message : String(e) } }),
        );
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    emulator,
    origin,
    baseUrl: `${origin}/v1.0`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
