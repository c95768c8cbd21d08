/**
 * Where the Teams tab runs: inside a host (TeamsJS answers: the user and the deep-linked
 * sub-page), or as the preview (top level, ?preview, or no answer in time), where it loads the
 * sample into an empty record and reads the sample's "today".
 */
import { MemoryEventStore } from "../../../src/adapters/local/memory-store";
import { OffsetClock } from "../../../src/app/random-ids";
import { bootPreview, detectHost, type TeamsJs } from "../../../src/surfaces/teams/host";
import { sampleEvents } from "./fixture";

const teams = (
  context: Awaited<ReturnType<TeamsJs["getContext"]>>,
  initialize: () => Promise<void> = async () => undefined,
): TeamsJs & { calls: number } => {
  const t = {
    calls: 0,
    initialize: () => {
      t.calls += 1;
      return initialize();
    },
    getContext: async () => context,
  };
  return t;
};

describe("detectHost", () => {
  test("in a frame where TeamsJS answers: the user's UPN, the sub-page, the host", async () => {
    const t = teams({
      user: { userPrincipalName: "line.manager@opcc.example", loginHint: "x" },
      page: { subPageId: "breach:B-1" },
      app: { host: { name: "Teams" } },
    });
    expect(await detectHost({ framed: true, forcePreview: false, teams: t })).toEqual({
      inTeams: true,
      user: "line.manager@opcc.example",
      subPageId: "breach:B-1",
      hostName: "Teams",
      nestedAppAuth: null,
    });
    expect(t.calls).toBe(1);
  });

  test("falls back to the login hint when the UPN is not given", async () => {
    const t = teams({ user: { loginHint: "hint@opcc.example" }, page: {} });
    expect((await detectHost({ framed: true, forcePreview: false, teams: t })).user).toBe("hint@opcc.example");
  });

  test.each([
    ["at the top level (not in a host)", { framed: false, forcePreview: false }],
    ["with ?preview", { framed: true, forcePreview: true }],
  ])("is the preview %s, without calling TeamsJS", async (_name, where) => {
    const t = teams({});
    expect((await detectHost({ ...where, teams: t })).inTeams).toBe(false);
    expect(t.calls).toBe(0);
  });

  test("is the preview when initialize fails, or does not answer in time", async () => {
    const failing = teams({}, () => Promise.reject(new Error("no host")));
    expect((await detectHost({ framed: true, forcePreview: false, teams: failing })).inTeams).toBe(false);
    const silent = teams({}, () => new Promise<void>(() => undefined));
    expect((await detectHost({ framed: true, forcePreview: false, teams: silent, timeoutMs: 20 })).inTeams).toBe(false);
  });
});

describe("bootPreview", () => {
  const mailbox = JSON.stringify({
    now: "2026-11-27T12:00:00Z",
    user: { name: "Casey Okafor", address: "casey.okafor@opcc.example" },
  });
  const sample = sampleEvents()
    .map((e) => JSON.stringify(e))
    .join("\n");
  const fetchText = (files: Record<string, string>) => async (url: string) => {
    const text = files[url];
    if (text === undefined) throw new Error(`${url}: HTTP 404`);
    return text;
  };

  test("an empty record gets the sample; the clock reads the sample's today; the user is the sample's", async () => {
    const store = new MemoryEventStore();
    const clock = new OffsetClock({ now: () => Date.parse("2030-01-01T00:00:00Z") });
    const boot = await bootPreview(
      store,
      clock,
      fetchText({ "sample/mailbox.json": mailbox, "sample/record.jsonl": sample }),
      "",
    );
    expect(boot).toEqual({ user: "casey.okafor@opcc.example", problems: [] });
    expect(new Date(clock.now()).toISOString()).toBe("2026-11-27T12:00:00.000Z");
    expect(await store.readAll()).toHaveLength(sampleEvents().length);
  });

  test("a record already on this device is kept; ?now and ?user win", async () => {
    const store = new MemoryEventStore();
    const [first] = sampleEvents();
    await store.append(first!);
    const clock = new OffsetClock({ now: () => 0 });
    const boot = await bootPreview(
      store,
      clock,
      fetchText({ "sample/mailbox.json": mailbox, "sample/record.jsonl": sample }),
      "?now=2026-12-01T09:00:00Z&user=lm@opcc.example",
    );
    expect(boot.user).toBe("lm@opcc.example");
    expect(new Date(clock.now()).toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(await store.readAll()).toHaveLength(1);
  });

  test("says what it could not load, and runs on", async () => {
    const store = new MemoryEventStore();
    const clock = new OffsetClock({ now: () => 5 });
    const boot = await bootPreview(store, clock, fetchText({}), "");
    expect(boot.user).toBeNull();
    expect(boot.problems.join(" ")).toMatch(/sample mailbox could not be read.*sample record could not be loaded/);
    expect(clock.now()).toBe(5);
  });
});
