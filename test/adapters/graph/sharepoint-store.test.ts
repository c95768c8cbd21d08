/**
 * The SharePoint store and list setup against the Graph emulator over loopback HTTP.
 */
import { RecordRejectedError } from "../../../src/domain";
import { RECORD_LIST } from "../../../src/adapters/graph/sharepoint";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { recordBuilder } from "../../contract/builders";
import { makeClient, recordSite, seedTenant, setUpLists, sharePointStore, STAFF_B } from "./tenant";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
});

afterEach(async () => {
  await emu.close();
});

const http = (): typeof fetch => fetch;

describe("setting up and checking the record's list", () => {
  it("says exactly what is missing before setup, creates the list with its columns, then reports nothing missing", async () => {
    const { graph } = makeClient(emu.baseUrl, http());
    const site = recordSite(graph);
    const before = await site.check(RECORD_LIST);
    expect(before.ok).toBe(false);
    expect(before.missing).toEqual([
      `The list "Contact strategy record" does not exist on the site. An administrator can create it from the setup screen.`,
    ]);

    const after = await site.setUp(RECORD_LIST);
    expect(after).toMatchObject({ ok: true, missing: [] });

    const list = [...[...emu.emulator.sites.values()][0]!.lists.values()][0]!;
    const col = (n: string) => list.columns.find((c) => c.name === n)!;
    expect(col("EventId")).toMatchObject({
      indexed: true,
      enforceUniqueValues: true,
      text: { allowMultipleLines: false },
    });
    expect(col("PersonId")).toMatchObject({ indexed: true });
    expect(col("Data")).toMatchObject({ text: { allowMultipleLines: true } });
    for (const n of ["Type", "At", "RecordedAt", "By"]) expect(col(n).text).toBeDefined();
  });

  it("names each missing column and each missing index, and setup repairs them", async () => {
    const { graph } = makeClient(emu.baseUrl, http());
    const site = recordSite(graph);
    await site.setUp(RECORD_LIST);
    const list = [...[...emu.emulator.sites.values()][0]!.lists.values()][0]!;
    list.columns = list.columns.filter((c) => c.name !== "By");
    const eventId = list.columns.find((c) => c.name === "EventId")!;
    eventId.enforceUniqueValues = false;
    eventId.indexed = false;
    const check = await site.check(RECORD_LIST);
    expect(check.ok).toBe(false);
    expect(check.missing).toEqual([
      'Column "EventId" is not indexed.',
      'Column "EventId" does not enforce unique values (needed so that each event is stored once).',
      'Column "By" is missing (the member of staff who recorded it).',
    ]);
    expect((await site.setUp(RECORD_LIST)).ok).toBe(true);
  });

  it("finds the list by listing the site's lists when the service refuses to filter them", async () => {
    const { graph } = makeClient(emu.baseUrl, http());
    const site = recordSite(graph);
    await site.setUp(RECORD_LIST);
    emu.emulator.addFault({ method: "GET", path: "/lists$/", status: 400 });
    expect(await site.check(RECORD_LIST)).toMatchObject({ ok: true, missing: [] });
  });

  it("reports a site the app was not granted (Sites.Selected without a site permission)", async () => {
    const site0 = [...emu.emulator.sites.values()][0]!;
    site0.grant = null;
    const { graph } = makeClient(emu.baseUrl, http());
    const check = await recordSite(graph).check(RECORD_LIST);
    expect(check.ok).toBe(false);
    expect(check.missing[0]).toMatch(/has not been given access to the SharePoint site/);
  });
});

describe("the SharePoint store", () => {
  beforeEach(async () => {
    await setUpLists(makeClient(emu.baseUrl, http()).graph);
  });

  it("stores an event as one item with its fields, and reads it back identical", async () => {
    const b = recordBuilder();
    const { store } = sharePointStore(makeClient(emu.baseUrl, http()).graph);
    const person = b.person({ recordedAt: "2026-03-02T09:01:00+00:00" });
    await expect(store.append(person)).resolves.toBe("appended");
    const list = [...[...emu.emulator.sites.values()][0]!.lists.values()].find(
      (l) => l.displayName === RECORD_LIST.displayName,
    )!;
    const item = [...list.items.values()][0]!;
    expect(item.fields).toMatchObject({
      EventId: "e1",
      PersonId: "P-1",
      Type: "PersonRegistered",
      At: person.at,
      RecordedAt: "2026-03-02T09:01:00+00:00",
      By: person.by,
    });
    expect(JSON.parse(item.fields["Data"] as string)).toEqual(person.data);
    const { store: other } = sharePointStore(makeClient(emu.baseUrl, http(), STAFF_B).graph);
    expect(await other.readAll()).toEqual([person]);
  });

  it("treats a unique conflict with identical content as duplicate and different content as E_DUPLICATE_ID", async () => {
    const b = recordBuilder();
    const person = b.person();
    const one = sharePointStore(makeClient(emu.baseUrl, http()).graph);
    const two = sharePointStore(makeClient(emu.baseUrl, http(), STAFF_B).graph);
    // Both have synced before either writes, so only the list's unique column can tell them apart.
    await one.store.readAll();
    await two.store.readAll();
    await expect(one.store.append(person)).resolves.toBe("appended");
    const pull = jest.spyOn(two.sync, "pull").mockResolvedValue({ changed: 0, resynced: false });
    await expect(two.store.append({ ...person, recordedAt: "2026-03-02T10:00:00Z" })).resolves.toBe("duplicate");
    const changed = { ...person, data: { ...person.data, name: "Someone Else" } };
    const err = await two.store.append(changed).catch((e: unknown) => e);
    pull.mockRestore();
    expect(err).toBeInstanceOf(RecordRejectedError);
    expect((err as RecordRejectedError).codes).toEqual(["E_DUPLICATE_ID"]);
    // The first conflict was read back and kept in the replica: the second is decided without a create.
    expect(emu.emulator.requests.filter((r) => r.status === 409)).toHaveLength(1);
  });

  it("refuses a racing create of the same id with different content as E_DUPLICATE_ID (409 read back)", async () => {
    const b = recordBuilder();
    const person = b.person();
    const one = sharePointStore(makeClient(emu.baseUrl, http()).graph);
    const three = sharePointStore(makeClient(emu.baseUrl, http(), STAFF_B).graph);
    await three.store.readAll();
    await one.store.append(person);
    jest.spyOn(three.sync, "pull").mockResolvedValue({ changed: 0, resynced: false });
    const err = await three.store.append({ ...person, by: STAFF_B }).catch((e: unknown) => e);
    expect((err as RecordRejectedError).codes).toEqual(["E_DUPLICATE_ID"]);
    expect(emu.emulator.requests.filter((r) => r.status === 409)).toHaveLength(1);
  });

  it("turns a create whose response was lost into duplicate on the retry (the item was made)", async () => {
    const b = recordBuilder();
    const person = b.person();
    const { store } = sharePointStore(makeClient(emu.baseUrl, http()).graph);
    emu.emulator.addFault({ method: "POST", path: "/items", status: 503, afterHandler: true });
    await expect(store.append(person)).resolves.toBe("duplicate");
    const list = [...[...emu.emulator.sites.values()][0]!.lists.values()].find(
      (l) => l.displayName === RECORD_LIST.displayName,
    )!;
    expect(list.items.size).toBe(1);
  });

  it("applies the §8 checks against the synced log, including other writers' events", async () => {
    const b = recordBuilder();
    const one = sharePointStore(makeClient(emu.baseUrl, http()).graph);
    const two = sharePointStore(makeClient(emu.baseUrl, http(), STAFF_B).graph);
    const incident = b.incident();
    const err = await two.store.append(incident).catch((e: unknown) => e);
    expect((err as RecordRejectedError).codes).toEqual(["E_UNKNOWN_PERSON"]);
    await one.store.append(b.person({ at: 0 }));
    await expect(two.store.append(incident)).resolves.toBe("appended");
  });
});
