/**
 * The enforcement service on Azure Functions (Node.js v4 programming model, `@azure/functions`):
 * an HTTP trigger for Graph's change and lifecycle notifications (routes api/notifications and
 * api/lifecycle) and a timer for renewal, catch-up and reconcile, calling the same handlers as the
 * Node server. A thin adapter over the app's shape of `app`, so it is tested without the host;
 * functions-main.ts registers it with the real `app` from `@azure/functions`.
 */
import type { EnforcementService } from "../../app/enforcement";
import { answer } from "./http";

export interface FunctionsRequestLike {
  readonly method: string;
  readonly url: string;
  text(): Promise<string>;
}

export interface FunctionsResponseLike {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/** The part of `@azure/functions`' `app` this uses. */
export interface FunctionsAppLike {
  http(
    name: string,
    options: {
      methods: ("GET" | "POST")[];
      authLevel: "anonymous" | "function";
      route: string;
      handler: (request: FunctionsRequestLike, context: unknown) => Promise<FunctionsResponseLike>;
    },
  ): void;
  timer(
    name: string,
    options: { schedule: string; handler: (timer: unknown, context: unknown) => Promise<void> },
  ): void;
}

/** Graph wants an answer within 3 seconds; what is not done by then the timer's delta round picks up. */
const WAIT_MS = 2_500;

export function registerFunctions(
  app: FunctionsAppLike,
  service: () => Promise<EnforcementService>,
  options: { schedule?: string; waitMs?: number } = {},
): void {
  // Composed once per instance. Triggers wait only for the composition, never for start(): start()
  // creates subscriptions, and Graph's validation request for them arrives on these very triggers.
  let composed: Promise<EnforcementService> | null = null;
  let started: Promise<EnforcementService> | null = null;
  const service_ = (): Promise<EnforcementService> => (composed ??= service());
  const ready = (): Promise<EnforcementService> => {
    started ??= service_().then(async (s) => {
      await s.start();
      return s;
    });
    return started;
  };
  const handler = async (request: FunctionsRequestLike): Promise<FunctionsResponseLike> => {
    const s = await service_();
    const { answer: a, done } = await answer(s, request.method, new URL(request.url), () => request.text());
    // The Functions host may freeze the instance after the response: finish the work first, within Graph's limit.
    await Promise.race([done, new Promise((r) => setTimeout(r, options.waitMs ?? WAIT_MS))]);
    return {
      status: a.status,
      ...(a.body !== undefined ? { body: a.body } : {}),
      ...(a.contentType ? { headers: { "content-type": a.contentType } } : {}),
    };
  };
  app.http("notifications", { methods: ["POST"], authLevel: "anonymous", route: "notifications", handler });
  app.http("lifecycle", { methods: ["POST"], authLevel: "anonymous", route: "lifecycle", handler });
  app.timer("renewAndCatchUp", {
    schedule: options.schedule ?? "0 */5 * * * *",
    handler: async () => {
      await (await ready()).tick();
    },
  });
}
