/**
 * `npm run service`: the enforcement service as a plain Node HTTP server (the embedded default;
 * loopback unless told otherwise). POST /api/notifications and /api/lifecycle take Graph's
 * notifications; GET /healthz answers 200. A timer renews subscriptions, catches up by delta and
 * reconciles the mailboxes' rules.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { EnforcementService, HttpAnswer } from "../../app/enforcement";
import { LIFECYCLE_PATH, NOTIFICATION_PATH } from "./compose";

const MAX_BODY = 1_000_000;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Routes one request to the service (shared with the Functions adapter's tests). */
export async function answer(
  service: EnforcementService | null,
  method: string,
  url: URL,
  body: () => Promise<string | null>,
): Promise<{ answer: HttpAnswer; done: Promise<void> }> {
  const now = (a: HttpAnswer): { answer: HttpAnswer; done: Promise<void> } => ({ answer: a, done: Promise.resolve() });
  if (method === "GET" && url.pathname === "/healthz")
    return now({ status: 200, contentType: "text/plain", body: "ok" });
  if (url.pathname !== NOTIFICATION_PATH && url.pathname !== LIFECYCLE_PATH) return now({ status: 404 });
  if (method !== "POST") return now({ status: 405 });
  if (!service) return now({ status: 503 });
  const text = await body();
  if (text === null) return now({ status: 413 });
  return service.handleNotification(url.searchParams.get("validationToken"), text);
}

export interface RunningService {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Listens first (the notification URL needs the port), serving the service once `current()` has one (503 before). */
export function listen(
  current: () => EnforcementService | null,
  port: number,
  host = "127.0.0.1",
): Promise<RunningService> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://service.invalid");
    answer(current(), req.method ?? "GET", url, () => readBody(req))
      .then(({ answer: a }) => {
        res.writeHead(a.status, a.contentType ? { "content-type": a.contentType } : {});
        res.end(a.body ?? "");
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const addr = server.address();
      const actual = typeof addr === "object" && addr ? addr.port : port;
      resolve({
        server,
        url: `http://${host}:${actual}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
