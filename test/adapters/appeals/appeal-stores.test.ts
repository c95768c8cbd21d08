/**
 * Issue 13 Deliver 2: the appeals log's stores, each held to one contract: memory, the device's
 * key-value store (IndexedDB in production; here its in-memory twin), and the SharePoint list
 * against the Graph emulator over loopback HTTP.
 */
import { APPEALS_LIST, SharePointAppealStore } from "../../../src/adapters/graph/appeals-list";
import { SharePointList } from "../../../src/adapters/graph/sharepoint";
import { KeyValueAppealStore, MemoryAppealStore } from "../../../src/adapters/local/appeal-store";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import { appealStoreContract, received } from "../../contract/appeal-store-contract";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { makeClient, recordSite, SCOPES, seedTenant } from "../graph/tenant";

appealStoreContract("memory", () => Promise.resolve(new MemoryAppealStore()));
appealStoreContract("key-value (device)", () => Promise.resolve(new KeyValueAppealStore(new MemorySyncStorage())));

describe("key-value store", () => {
  it("keeps entries across a reopen of the same storage, and ignores a damaged one", async () => {
    const storage = new MemorySyncStorage();
    await new KeyValueAppealStore(storage).append(received());
    const raw = (await storage.get<unknown[]>(KeyValueAppealStore.KEY)) ?? [];
    await storage.set(KeyValueAppealStore.KEY, [...raw, { type: "AppealReceived", id: "broken" }]);
    expect((await new KeyValueAppealStore(storage).readPerson("P-1")).map((e) => e.id)).toEqual(["appeal-1"]);
  });

  it("two appends at once both land", async () => {
    const store = new KeyValueAppealStore(new MemorySyncStorage());
    await Promise.all([store.append(received()), store.append(received({ id: "appeal-2" }))]);
    expect(await store.readPerson("P-1")).toHaveLength(2);
  });
});

describe("SharePoint list", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startGraphEmulator();
    seedTenant(emu.emulator);
  });
  afterEach(async () => {
    await emu.close();
  });

  const store = async (): Promise<SharePointAppealStore> => {
    const { graph } = makeClient(emu.baseUrl, fetch);
    const site = recordSite(graph);
    const setup = await site.setUp(APPEALS_LIST);
    if (!setup.ok) throw new Error(setup.missing.join(" "));
    return new SharePointAppealStore(
      new SharePointList(graph, site, APPEALS_LIST, { read: SCOPES.record, write: SCOPES.record }),
    );
  };

  appealStoreContract("SharePoint (Graph emulator)", store);

  it("creates the list with a unique, indexed EntryId and an indexed PersonId", async () => {
    await store();
    const list = [...[...emu.emulator.sites.values()][0]!.lists.values()].find(
      (l) => l.displayName === APPEALS_LIST.displayName,
    )!;
    const col = (n: string) => list.columns.find((c) => c.name === n)!;
    expect(col("EntryId")).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(col("PersonId")).toMatchObject({ indexed: true });
    expect(col("Entry")).toMatchObject({ text: { allowMultipleLines: true } });
  });

  it("before setup, says to run the setup", async () => {
    const { graph } = makeClient(emu.baseUrl, fetch);
    const s = new SharePointAppealStore(
      new SharePointList(graph, recordSite(graph), APPEALS_LIST, { read: SCOPES.record, write: SCOPES.record }),
    );
    await expect(s.append(received())).rejects.toThrow(/run the setup/);
  });
});

describe("SharePoint list items edited by hand", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startGraphEmulator();
    seedTenant(emu.emulator);
  });
  afterEach(async () => {
    await emu.close();
  });

  it("an item whose PersonId column disagrees with its entry, or whose entry is not JSON, is not read as an appeal", async () => {
    const { graph } = makeClient(emu.baseUrl, fetch);
    const site = recordSite(graph);
    await site.setUp(APPEALS_LIST);
    const list = new SharePointList(graph, site, APPEALS_LIST, { read: SCOPES.record, write: SCOPES.record });
    await list.createItem({
      Title: "x",
      EntryId: "appeal-9",
      PersonId: "P-1",
      EntryType: "AppealReceived",
      Entry: JSON.stringify(received({ id: "appeal-9", personId: "P-2" })),
    });
    await list.createItem({
      Title: "y",
      EntryId: "appeal-8",
      PersonId: "P-1",
      EntryType: "AppealReceived",
      Entry: "{",
    });
    const store = new SharePointAppealStore(list);
    await store.append(received());
    expect((await store.readPerson("P-1")).map((e) => e.id)).toEqual(["appeal-1"]);
  });
});
