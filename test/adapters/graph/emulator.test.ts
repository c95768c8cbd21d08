/**
 * The Graph emulator itself, over loopback HTTP: the control API, fault injection (409, 412,
 * latency, probability), Graph's error shape, scope checks, and SharePoint-like list behaviour.
 */
import {
  GraphEmulator,
  makeEmulatorToken,
  startGraphEmulator,
  type RunningEmulator,
} from "../../support/graph-emulator";
import { FakeClock } from "../../support/graph-emulator/fake-time";

let emu: RunningEmulator;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock();
  emu = await startGraphEmulator({ emulator: new GraphEmulator({ now: clock.now, sleep: clock.sleep }) });
});

afterEach(async () => {
  await emu.close();
});

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.origin}/_emulator/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const graph = async (
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(`${emu.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
  };
};

describe("the control API", () => {
  it("seeds users, sites and messages, issues tokens, and reports state and requests", async () => {
    expect((await control("POST", "users", { userPrincipalName: "manager.one@opcc.example" })).status).toBe(201);
    expect(
      (
        await control("POST", "users", {
          userPrincipalName: "officer.one@opcc.example",
          managerUpn: "manager.one@opcc.example",
        })
      ).status,
    ).toBe(201);
    const site = await control("POST", "sites", { hostname: "contoso.sharepoint.com", path: "sites/casework" });
    expect(site.body["id"]).toMatch(/^contoso\.sharepoint\.com,/);
    const msg = await control("POST", "messages", {
      upn: "officer.one@opcc.example",
      subject: "Hello",
      categories: ["Blue"],
    });
    const { body } = await control("POST", "token", {
      upn: "officer.one@opcc.example",
      scopes: ["User.Read.All", "Mail.Read"],
    });
    const token = body["token"] as string;
    expect((await graph("GET", "/me/manager", token)).body).toMatchObject({
      userPrincipalName: "manager.one@opcc.example",
      "@odata.type": "#microsoft.graph.user",
    });
    expect((await graph("GET", `/me/messages/${String(msg.body["id"])}`, token)).body).toMatchObject({
      subject: "Hello",
      categories: ["Blue"],
    });
    const state = await control("GET", "state");
    expect((state.body["users"] as unknown[]).length).toBe(2);
    const requests = (await control("GET", "requests")).body["value"] as { path: string; status: number }[];
    expect(requests.map((r) => r.status)).toEqual([200, 200]);
    await control("POST", "reset");
    expect(((await control("GET", "state")).body["users"] as unknown[]).length).toBe(0);
  });

  it("injects faults from the control API: 409 and 412 with Graph's error shape, and 429 with Retry-After", async () => {
    await control("POST", "users", { userPrincipalName: "officer.one@opcc.example" });
    await control("PUT", "auth", { requireAuth: false });
    await control("POST", "faults", { path: "/me", method: "GET", status: 409, times: 1 });
    await control("POST", "faults", { path: "/me", method: "GET", status: 412, times: 1 });
    await control("POST", "faults", { path: "/me", method: "GET", status: 429, retryAfter: 12, times: 1 });
    const a = await graph("GET", "/me", null);
    const b = await graph("GET", "/me", null);
    const c = await graph("GET", "/me", null);
    expect([a.status, b.status, c.status]).toEqual([409, 412, 429]);
    expect(a.body).toEqual({
      error: {
        code: "nameAlreadyExists",
        message: "Injected fault 409.",
        innerError: expect.objectContaining({ "request-id": expect.any(String) }),
      },
    });
    expect((b.body["error"] as { code: string }).code).toBe("preconditionFailed");
    expect(c.headers.get("retry-after")).toBe("12");
    expect((await graph("GET", "/me", null)).status).toBe(200);
    await control("POST", "faults", { path: "/me", status: 503, times: "forever" });
    expect([(await graph("GET", "/me", null)).status, (await graph("GET", "/me", null)).status]).toEqual([503, 503]);
    await control("DELETE", "faults");
    expect((await graph("GET", "/me", null)).status).toBe(200);
  });
});

describe("faults and checks", () => {
  beforeEach(() => {
    emu.emulator.addUser({ userPrincipalName: "officer.one@opcc.example" });
  });
  const token = (scopes?: string[]) => makeEmulatorToken("officer.one@opcc.example", scopes);

  it("adds latency with the emulator's sleep (simulated here), and applies a rule with its probability", async () => {
    emu.emulator.addFault({ path: "/me", latencyMs: 2500 });
    await graph("GET", "/me", token());
    expect(clock.sleeps).toEqual([2500]);
    emu.emulator.addFault({ path: "/me", status: 503, probability: 0, times: Infinity });
    expect((await graph("GET", "/me", token())).status).toBe(200);
  });

  it("refuses a token without the route's permission (403) and a request without a token (401)", async () => {
    expect((await graph("GET", "/me/manager", token(["User.Read"]))).body).toMatchObject({
      error: { code: "accessDenied" },
    });
    expect((await graph("GET", "/me", null)).status).toBe(401);
    expect((await graph("GET", "/me", "not-a-token")).body).toMatchObject({
      error: { code: "InvalidAuthenticationToken" },
    });
  });

  it("behaves like SharePoint: unique values ignore case, filters need an index, If-Match is enforced", async () => {
    const site = emu.emulator.addSite("contoso.sharepoint.com", "sites/casework");
    const t = token(["Sites.Selected"]);
    const list = await graph("POST", `/sites/${site.id}/lists`, t, {
      displayName: "L",
      list: { template: "genericList" },
      columns: [
        { name: "Key", text: {}, indexed: true, enforceUniqueValues: true },
        { name: "Note", text: {} },
      ],
    });
    const base = `/sites/${site.id}/lists/${String(list.body["id"])}/items`;
    const item = await graph("POST", base, t, { fields: { Key: "abc", Note: "x" } });
    expect(item.status).toBe(201);
    expect((await graph("POST", base, t, { fields: { Key: "ABC" } })).status).toBe(409);
    expect((await graph("GET", `${base}?$filter=${encodeURIComponent("fields/Note eq 'x'")}`, t)).status).toBe(400);
    expect(
      (
        await graph("GET", `${base}?$filter=${encodeURIComponent("fields/Note eq 'x'")}`, t, undefined, {
          prefer: "HonorNonIndexedQueriesWarningMayFailRandomly",
        })
      ).status,
    ).toBe(200);
    expect(
      (await graph("PATCH", `${base}/${String(item.body["id"])}/fields`, t, { Note: "y" }, { "if-match": '"stale,0"' }))
        .status,
    ).toBe(412);
    expect(
      (
        await graph(
          "PATCH",
          `${base}/${String(item.body["id"])}/fields`,
          t,
          { Note: "y" },
          { "if-match": String(item.body["eTag"]) },
        )
      ).status,
    ).toBe(200);
    expect((await graph("POST", base, t, { fields: { Note: "z".repeat(256) } })).status).toBe(400);
  });

  it("answers an unknown route in Graph's error shape", async () => {
    expect(await graph("GET", "/me/nothing-here", token())).toMatchObject({
      status: 400,
      body: { error: { code: "BadRequest" } },
    });
  });
});
