/**
 * Delta sync of the record's list into the local replica, against the emulator over HTTP:
 * paging, the kept deltaLink, 410 resync, deletions (erasure), and refused items as conflicts.
 */
import { SyncEngine } from "../../../src/app/sync";
import { SharePointRemoteLog } from "../../../src/adapters/graph/sharepoint-store";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import { GraphEmulator, startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { recordBuilder } from "../../contract/builders";
import { makeClient, recordList, seedTenant, setUpLists, sharePointStore, STAFF_B } from "./tenant";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await startGraphEmulator({ emulator: new GraphEmulator({ pageSize: 3 }) });
  seedTenant(emu.emulator);
  await setUpLists(makeClient(emu.baseUrl, fetch).graph);
});

afterEach(async () => {
  await emu.close();
});

const deltaCalls = (): { status: number; path: string }[] =>
  emu.emulator.requests.filter((r) => r.path.endsWith("/items/delta"));

async function writeEvents(n: number): Promise<string[]> {
  const b = recordBuilder();
  const { store } = sharePointStore(makeClient(emu.baseUrl, fetch).graph);
  const ids: string[] = [];
  await store.append(b.person({ at: 0 }));
  ids.push("e1");
  for (let i = 1; i < n; i++) {
    const e = b.incident({ at: i });
    await store.append(e);
    ids.push(e.id);
  }
  return ids;
}

function reader(storage = new MemorySyncStorage()): { sync: SyncEngine; storage: MemorySyncStorage } {
  const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
  return { sync: new SyncEngine(new SharePointRemoteLog(recordList(graph)), storage), storage };
}

describe("delta sync", () => {
  it("reads every page of the first enumeration, keeps the deltaLink, then fetches only changes", async () => {
    const ids = await writeEvents(7);
    const { sync, storage } = reader();
    const before = deltaCalls().length;
    const first = await sync.pull();
    expect(first).toEqual({ changed: 7, resynced: false });
    expect(deltaCalls().length - before).toBe(3); // 3 + 3 + 1 items
    expect(
      sync
        .events()
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ids].sort());
    const saved = await storage.load();
    expect(saved.deltaLink).toMatch(/\/items\/delta\?token=/);

    const again = await sync.pull();
    expect(again).toEqual({ changed: 0, resynced: false });
    await writeEvents(0).catch(() => undefined);
    const { store } = sharePointStore(makeClient(emu.baseUrl, fetch).graph);
    await store.append(recordBuilder().incident({ id: "later", at: 50 }));
    const third = await sync.pull();
    expect(third).toEqual({ changed: 1, resynced: false });
    expect(sync.events().some((e) => e.id === "later")).toBe(true);
  });

  it("survives a reload: a new engine over the same storage starts from the kept deltaLink", async () => {
    await writeEvents(4);
    const storage = new MemorySyncStorage();
    await reader(storage).sync.pull();
    const reloaded = reader(storage).sync;
    await reloaded.open();
    expect(reloaded.events()).toHaveLength(4);
    const before = deltaCalls().length;
    expect(await reloaded.pull()).toEqual({ changed: 0, resynced: false });
    expect(deltaCalls().length - before).toBe(1);
  });

  it("on 410 enumerates again from the Location and replaces the replica (nothing lost, erasures applied)", async () => {
    const ids = await writeEvents(5);
    const { sync } = reader();
    await sync.pull();
    // An item erased while the token was too old to report it, and one added.
    const list = [...[...emu.emulator.sites.values()][0]!.lists.values()].find(
      (l) => l.displayName === "Contact strategy record",
    )!;
    list.items.delete("5");
    const { store } = sharePointStore(makeClient(emu.baseUrl, fetch).graph);
    await store.append(recordBuilder().incident({ id: "after-expiry", at: 60 }));
    emu.emulator.expireDeltaTokens();
    const result = await sync.pull();
    expect(result).toEqual({ changed: 5, resynced: true });
    expect(sync.resyncs).toBe(1);
    const statuses = deltaCalls()
      .slice(-3)
      .map((c) => c.status);
    expect(statuses).toEqual([410, 200, 200]);
    expect(
      sync
        .events()
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ids.filter((id) => id !== ids[4]), "after-expiry"].sort());
  });

  it("a 410 injected on a page (fault) also resyncs", async () => {
    await writeEvents(4);
    const { sync } = reader();
    await sync.pull();
    emu.emulator.addFault({ path: "/items/delta", status: 410 });
    expect(await sync.pull()).toEqual({ changed: 4, resynced: true });
  });

  it("applies deletions reported by the feed (erasure at the end of retention)", async () => {
    await writeEvents(3);
    const { sync } = reader();
    await sync.pull();
    const { graph } = makeClient(emu.baseUrl, fetch);
    const site = [...emu.emulator.sites.values()][0]!;
    const list = [...site.lists.values()].find((l) => l.displayName === "Contact strategy record")!;
    await graph.delete(`/sites/${site.id}/lists/${list.id}/items/3`, ["Sites.Selected"]);
    expect(await sync.pull()).toEqual({ changed: 1, resynced: false });
    expect(sync.events()).toHaveLength(2);
  });

  it("keeps items the record's checks refuse in log order out of the log, and lists them as conflicts", async () => {
    const b = recordBuilder();
    const { store } = sharePointStore(makeClient(emu.baseUrl, fetch).graph);
    await store.append(b.person({ at: 0 }));
    // Written by something that did not check (a concurrent writer's stale view, or by hand).
    const { graph } = makeClient(emu.baseUrl, fetch);
    const site = [...emu.emulator.sites.values()][0]!;
    const list = [...site.lists.values()].find((l) => l.displayName === "Contact strategy record")!;
    const orphan = b.incident({ personId: "P-404", at: 3 });
    await graph.post(`/sites/${site.id}/lists/${list.id}/items`, ["Sites.Selected"], {
      fields: {
        EventId: orphan.id,
        PersonId: orphan.personId,
        Type: orphan.type,
        At: orphan.at,
        RecordedAt: "",
        By: orphan.by,
        Data: JSON.stringify(orphan.data),
      },
    });
    await graph.post(`/sites/${site.id}/lists/${list.id}/items`, ["Sites.Selected"], {
      fields: { Title: "typed by hand" },
    });
    const { sync } = reader();
    await sync.pull();
    expect(sync.events().map((e) => e.id)).toEqual(["e1"]);
    expect(sync.conflicts().map((c) => [c.eventId, c.errors.map((e) => e.code)])).toEqual([
      [null, ["E_SCHEMA"]],
      [orphan.id, ["E_UNKNOWN_PERSON"]],
    ]);
  });
});

describe("hostile items in the shared list (issue 16)", () => {
  const post = async (fields: Record<string, string>): Promise<void> => {
    const { graph } = makeClient(emu.baseUrl, fetch);
    const site = [...emu.emulator.sites.values()][0]!;
    const list = [...site.lists.values()].find((l) => l.displayName === "Contact strategy record")!;
    await graph.post(`/sites/${site.id}/lists/${list.id}/items`, ["Sites.Selected"], { fields });
  };

  it("an item whose Data is nested 5,000 deep (10 KB) is quarantined with its reason; sync moves past it and later items arrive", async () => {
    const b = recordBuilder();
    const { store } = sharePointStore(makeClient(emu.baseUrl, fetch).graph);
    await store.append(b.person({ at: 0 }));
    const hostile = b.incident({ id: "hostile", at: 1 });
    await post({
      EventId: hostile.id,
      PersonId: hostile.personId,
      Type: hostile.type,
      At: hostile.at,
      RecordedAt: "",
      By: hostile.by,
      Data: JSON.stringify({ ...hostile.data, extra: "X" }).replace('"X"', "[".repeat(5000) + "]".repeat(5000)),
    });
    const { sync, storage } = reader();
    await expect(sync.pull()).resolves.toEqual({ changed: 2, resynced: false });
    expect(sync.events().map((e) => e.id)).toEqual(["e1"]);
    expect(sync.conflicts()).toEqual([
      {
        itemId: "2",
        eventId: null,
        errors: [{ code: "E_SCHEMA", message: expect.stringMatching(/^the Data of hostile is nested more than 64/) }],
      },
    ]);
    // The position moved past it: the next pull asks only for what is new, and a later append works.
    expect((await storage.load()).deltaLink).toMatch(/token=/);
    await store.append(b.incident({ id: "after", at: 2 }));
    await expect(sync.pull()).resolves.toEqual({ changed: 1, resynced: false });
    expect(sync.events().map((e) => e.id)).toEqual(["e1", "after"]);
  });
});
