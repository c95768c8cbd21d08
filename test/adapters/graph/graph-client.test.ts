/**
 * The Graph client against the emulator over loopback HTTP: Retry-After honoured (seconds and
 * HTTP date), back-off without it, the mailbox-wide throttle gate, 401 refresh, error shape, the
 * base-URL guard, and logs without tokens, addresses or names. Waits are simulated (FakeClock).
 */
import {
  GraphDeadlineError,
  GraphOfflineError,
  GraphRequestError,
  parseRetryAfter,
  redactPath,
} from "../../../src/adapters/graph/graph-client";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { makeClient, MANAGER_A, SCOPES, seedTenant, STAFF_A } from "./tenant";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
});

afterEach(async () => {
  await emu.close();
});

describe("retries", () => {
  it("waits for Retry-After after a 429 before trying again, and the retry succeeds", async () => {
    const { graph, clock } = makeClient(emu.baseUrl, fetch);
    emu.emulator.addFault({ path: "/me/manager", status: 429, retryAfter: 7, times: 2 });
    const t0 = clock.now();
    const manager = await graph.get<{ userPrincipalName: string }>("/me/manager", SCOPES.manager);
    expect(manager.userPrincipalName).toBe(MANAGER_A);
    expect(clock.sleeps).toEqual([7000, 7000]);
    expect(clock.now() - t0).toBe(14_000);
    const calls = emu.emulator.requests.filter((r) => r.path.endsWith("/me/manager")).map((r) => r.status);
    expect(calls).toEqual([429, 429, 200]);
  });

  it("reads Retry-After given as an HTTP date", () => {
    const now = Date.parse("2026-03-02T09:00:00Z");
    expect(parseRetryAfter("Mon, 02 Mar 2026 09:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("12", now)).toBe(12_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });

  it("backs off exponentially on 503 without Retry-After, then gives up with the status and code", async () => {
    const { graph, clock } = makeClient(emu.baseUrl, fetch, STAFF_A, { maxRetries: 3 });
    emu.emulator.addFault({ path: "/me", status: 503, times: 10 });
    const err = await graph.get("/me", SCOPES.profile).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({ status: 503, code: "serviceNotAvailable" });
    expect(clock.sleeps).toHaveLength(3);
    // 1 s, 2 s, 4 s ceilings with jitter in [50%, 100%]
    const ceilings = [1000, 2000, 4000];
    clock.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(ms).toBeLessThanOrEqual(ceilings[i]!);
    });
  });

  it("never replays a non-idempotent POST after a 503 (it may have been processed), but does after a 429", async () => {
    const { graph } = makeClient(emu.baseUrl, fetch);
    const chat = await graph.post<{ id: string }>("/chats", SCOPES.teams, {
      chatType: "oneOnOne",
      members: [STAFF_A, MANAGER_A].map((u) => ({
        "@odata.type": "#microsoft.graph.aadUserConversationMember",
        roles: ["owner"],
        "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${u}')`,
      })),
    });
    const message = { body: { contentType: "text", content: "hello" } };
    emu.emulator.addFault({ method: "POST", path: "/messages", status: 503 });
    await expect(graph.post(`/chats/${chat.id}/messages`, SCOPES.teams, message)).rejects.toMatchObject({
      status: 503,
    });
    emu.emulator.addFault({ method: "POST", path: "/messages", status: 429, retryAfter: 1 });
    await expect(graph.post(`/chats/${chat.id}/messages`, SCOPES.teams, message)).resolves.toMatchObject({
      body: { content: "hello" },
    });
    expect(emu.emulator.chats.get(chat.id)!.messages).toHaveLength(1);
  });

  it("holds every request of the mailbox until a 429's Retry-After has passed", async () => {
    const { graph, clock } = makeClient(emu.baseUrl, fetch, STAFF_A, { maxRetries: 0 });
    emu.emulator.addFault({ path: "/me/manager", status: 429, retryAfter: 20 });
    await expect(graph.get("/me/manager", SCOPES.manager)).rejects.toMatchObject({ status: 429, retryAfterMs: 20_000 });
    const t = clock.now();
    await graph.get("/me", SCOPES.profile);
    expect(clock.now() - t).toBe(20_000);
  });

  it("does not send a request whose deadline passed while the gate held it (a lease's end): GraphDeadlineError, nothing sent", async () => {
    const { graph, clock } = makeClient(emu.baseUrl, fetch, STAFF_A, { maxRetries: 0 });
    emu.emulator.addFault({ path: "/me/manager", status: 429, retryAfter: 600 });
    await expect(graph.get("/me/manager", SCOPES.manager)).rejects.toMatchObject({ status: 429 });
    const before = emu.emulator.requests.length;
    const err = await graph
      .request("POST", "/chats", { scopes: SCOPES.teams, body: {}, maxRetries: 0, notAfterMs: clock.now() + 300_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphDeadlineError);
    expect((err as GraphDeadlineError).notSent).toBe(true);
    expect(emu.emulator.requests.length).toBe(before);
    // Within its deadline it goes.
    await expect(
      graph.request("GET", "/me", { scopes: SCOPES.profile, notAfterMs: clock.now() + 60_000 }),
    ).resolves.toMatchObject({ status: 200 });
  });

  it("retries a 401 once with a refreshed token", async () => {
    const { graph, tokens } = makeClient(emu.baseUrl, fetch);
    emu.emulator.addFault({ path: "/me", status: 401 });
    await expect(graph.get("/me", SCOPES.profile)).resolves.toMatchObject({ userPrincipalName: STAFF_A });
    expect(tokens.requests).toHaveLength(2);
  });
});

describe("errors and safety", () => {
  it("turns Graph's {error:{code,message}} into a GraphRequestError whose message has no Graph text", async () => {
    const { graph } = makeClient(emu.baseUrl, fetch);
    emu.emulator.users.get(STAFF_A)!.managerUpn = undefined;
    const err = (await graph.get("/me/manager", SCOPES.manager).catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toMatchObject({ status: 404, code: "Request_ResourceNotFound" });
    expect(err.graphMessage).toMatch(/manager/);
    expect(err.message).toBe("Microsoft Graph answered 404 (Request_ResourceNotFound)");
  });

  it("refuses requests without a bearer token (the emulator as Graph does) and the client always sends one", async () => {
    const res = await fetch(`${emu.baseUrl}/me`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: expect.objectContaining({ code: "InvalidAuthenticationToken" }) });
    const { graph } = makeClient(emu.baseUrl, fetch);
    await expect(graph.get("/me", SCOPES.profile)).resolves.toMatchObject({ userPrincipalName: STAFF_A });
  });

  it("refuses to follow a link outside the configured base URL, so a token never leaves it", async () => {
    const { graph, tokens } = makeClient(emu.baseUrl, fetch);
    await expect(graph.get("https://evil.example/v1.0/me", SCOPES.profile)).rejects.toThrow(
      /outside the configured Microsoft Graph base URL/,
    );
    expect(tokens.requests).toHaveLength(0);
  });

  it("reports a network failure as offline", async () => {
    const { graph } = makeClient(emu.baseUrl, () => Promise.reject(new TypeError("fetch failed")));
    await expect(graph.get("/me", SCOPES.profile)).rejects.toBeInstanceOf(GraphOfflineError);
  });

  it("logs method, redacted route, status and waits only: no token, query, address or name", async () => {
    const { graph, log } = makeClient(emu.baseUrl, fetch);
    emu.emulator.addFault({ path: "/me/manager", status: 429, retryAfter: 1 });
    await graph.get("/me/manager?$select=id,mail", SCOPES.manager);
    await graph.get(`/users/${encodeURIComponent(MANAGER_A)}`, SCOPES.manager).catch(() => undefined);
    const text = JSON.stringify(log);
    expect(log[0]).toEqual({ method: "GET", route: "/v1.0/me/manager", status: 429, attempt: 0, waitMs: 1000 });
    expect(text).not.toMatch(/opcc\.example|Manager One|Bearer|emu\.|\$select|manager\.one/);
    expect(redactPath("/v1.0/users/someone@opcc.example/manager")).toBe("/v1.0/users/{…}/manager");
  });
});
