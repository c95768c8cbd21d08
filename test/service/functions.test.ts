/**
 * The Azure Functions adapter (src/surfaces/service/functions.ts) under a stand-in for the Functions
 * host: requests reach the registered HTTP triggers as `@azure/functions`' own HttpRequest objects,
 * answers go back as the host would send them, and the timer trigger is fired by hand. Against the
 * Graph emulator: the subscription handshake succeeds through the trigger, a restricted person's
 * mail to the shared mailbox is recorded once and notified once, and the timer's round renews and
 * catches up a notification Graph dropped.
 */
import { createServer, type Server } from "node:http";
import { HttpRequest } from "@azure/functions";
import { SERVICE_APP_ROLES } from "../../src/surfaces/service/boot";
import { composeService, type ComposedService } from "../../src/surfaces/service/compose";
import { parseConfig } from "../../src/surfaces/service/config";
import {
  registerFunctions,
  type FunctionsAppLike,
  type FunctionsRequestLike,
  type FunctionsResponseLike,
} from "../../src/surfaces/service/functions";
import { emulatorAppTokens } from "../../src/surfaces/service/tokens";
import { PERSON_EMAIL } from "../app/ladder-fixture";
import { MANAGER_A, makeClient, seedTenant, setUpLists, SITE_REF } from "../adapters/graph/tenant";
import { startGraphEmulator, type RunningEmulator } from "../support/graph-emulator";
import { breachesOnRecord, restrictedPerson, SECRET, SHARED, TEAMS_APP, until } from "./fixture";

jest.setTimeout(20_000);

type Handler = (request: FunctionsRequestLike, context: unknown) => Promise<FunctionsResponseLike>;

/** The part of the Functions host this needs: routes under /api, and the registered timer. */
class StandInHost implements FunctionsAppLike {
  readonly routes = new Map<string, { methods: readonly string[]; authLevel: string; handler: Handler }>();
  readonly timers = new Map<
    string,
    { schedule: string; handler: (timer: unknown, context: unknown) => Promise<void> }
  >();
  server: Server | null = null;

  http(
    name: string,
    options: { methods: ("GET" | "POST")[]; authLevel: "anonymous" | "function"; route: string; handler: Handler },
  ): void {
    this.routes.set(options.route, options);
    expect(name).toBeTruthy();
  }

  timer(
    name: string,
    options: { schedule: string; handler: (timer: unknown, context: unknown) => Promise<void> },
  ): void {
    this.timers.set(name, options);
  }

  listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
        const route = this.routes.get(url.pathname.replace(/^\/api\//, ""));
        if (!route || !route.methods.includes(req.method ?? "")) {
          res.writeHead(404);
          res.end();
          return;
        }
        const request = new HttpRequest({
          method: req.method ?? "POST",
          url: url.toString(),
          body: { string: Buffer.concat(chunks).toString("utf8") },
        });
        route
          .handler(request, {})
          .then((a) => {
            res.writeHead(a.status, a.headers ?? {});
            res.end(a.body ?? "");
          })
          .catch(() => {
            res.writeHead(500);
            res.end();
          });
      });
    });
    return new Promise((resolve) => {
      this.server!.listen(0, "127.0.0.1", () => {
        const addr = this.server!.address();
        resolve(`http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

let emu: RunningEmulator;
let host: StandInHost;
let composed: ComposedService | null;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  emu.emulator.addUser({ userPrincipalName: SHARED, displayName: "Complaints (shared mailbox)" });
  await setUpLists(makeClient(emu.baseUrl, fetch).graph);
  emu.emulator.appMailboxScope = new Set([SHARED]);
  host = new StandInHost();
  composed = null;
});

afterEach(async () => {
  await emu.emulator.mailFlow.flush();
  await composed?.service.settled();
  await host.close();
  await emu.close();
});

async function registered(): Promise<void> {
  const url = await host.listen();
  const config = parseConfig(
    {
      site: SITE_REF,
      organisationDomains: ["opcc.example"],
      mailboxes: [{ id: SHARED, managerId: MANAGER_A }],
      teamsAppId: TEAMS_APP,
      tabUrl: "https://csm.example/teams.html",
      publicUrl: url,
    },
    { GRAPH_BASE_URL: emu.baseUrl, CSM_CLIENT_STATE: SECRET, CSM_RECORDED_BY: "csm-service@opcc.example" },
  );
  registerFunctions(
    host,
    async () => {
      composed = await composeService(config, {
        publicUrl: config.publicUrl!,
        tokens: emulatorAppTokens(emu.baseUrl, SERVICE_APP_ROLES, fetch),
        fetch,
        log: () => undefined,
      });
      return composed.service;
    },
    { waitMs: 5_000 },
  );
}

describe("the enforcement service on Azure Functions (v4 programming model)", () => {
  it("registers anonymous POST triggers for notifications and lifecycle, and a five-minute timer", async () => {
    await registered();
    expect([...host.routes.keys()].sort()).toEqual(["lifecycle", "notifications"]);
    for (const r of host.routes.values()) {
      expect(r.methods).toEqual(["POST"]);
      expect(r.authLevel).toBe("anonymous"); // Graph cannot send a function key; clientState is the check
    }
    expect([...host.timers.values()].map((t) => t.schedule)).toEqual(["0 */5 * * * *"]);
  });

  it("the first timer run subscribes through the trigger's handshake; mail is then recorded and notified once", async () => {
    await restrictedPerson(emu.baseUrl);
    await registered();
    await host.timers.get("renewAndCatchUp")!.handler({}, {});
    const validations = emu.emulator.mailFlow.sent.filter((s) => s.kind === "validation");
    expect(validations.length).toBeGreaterThan(0);
    expect(validations.every((s) => s.status === 200)).toBe(true);

    emu.emulator.mailFlow.hook("duplicate");
    emu.emulator.deliverMail(SHARED, { from: PERSON_EMAIL, to: [SHARED], subject: "Out of hours" });
    await until(() => emu.emulator.mailFlow.activities.length > 0);
    await emu.emulator.mailFlow.flush();
    await composed!.service.settled();
    await composed!.flush();
    expect(await breachesOnRecord(emu.baseUrl)).toHaveLength(1);
    expect(emu.emulator.mailFlow.activities).toHaveLength(1);
  });

  it("a notification Graph dropped is caught up by the next timer run", async () => {
    await restrictedPerson(emu.baseUrl);
    await registered();
    const timer = host.timers.get("renewAndCatchUp")!;
    await timer.handler({}, {});
    emu.emulator.mailFlow.hook("drop", 5);
    emu.emulator.deliverMail(SHARED, { from: PERSON_EMAIL, to: [SHARED], subject: "Dropped" });
    await emu.emulator.mailFlow.flush();
    expect(await breachesOnRecord(emu.baseUrl)).toHaveLength(0);
    await timer.handler({}, {});
    await composed!.service.settled();
    await composed!.flush();
    expect(await breachesOnRecord(emu.baseUrl)).toHaveLength(1);
    expect(emu.emulator.mailFlow.activities).toHaveLength(1);
  });
});
