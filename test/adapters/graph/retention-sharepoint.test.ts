/**
 * Retention erasure in the SharePoint store (issue 13 Deliver 4), against the Graph emulator over
 * HTTP: the records officer's purge deletes every list item about the person, logs the erasure in
 * the erasure list first (no personal data: when, how many, which role, the item ids), and other
 * replicas syncing by delta DROP the erased items instead of quarantining them as tampering.
 */
import { SyncEngine } from "../../../src/app/sync";
import { RecordService } from "../../../src/app/record-service";
import { Access } from "../../../src/app/roles";
import { SharePointEventStore, SharePointRemoteLog } from "../../../src/adapters/graph/sharepoint-store";
import { ERASURE_LIST, RECORD_LIST, SharePointList } from "../../../src/adapters/graph/sharepoint";
import { SharePointErasureLog } from "../../../src/adapters/graph/erasure-list";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import type { RecordEvent } from "../../../src/domain";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { recordBuilder } from "../../contract/builders";
import { makeClient, recordList, recordSite, SCOPES, seedTenant, setUpLists, STAFF_A, STAFF_B } from "./tenant";

let emu: RunningEmulator;
const RECORDS_OFFICER = "records.officer@opcc.example";
const NOW = Date.parse("2030-01-01T12:00:00Z");

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  emu.emulator.addUser({ userPrincipalName: RECORDS_OFFICER, displayName: "Records Officer" });
  const { graph } = makeClient(emu.baseUrl, fetch);
  await setUpLists(graph);
  const erasures = await recordSite(graph).setUp(ERASURE_LIST);
  if (!erasures.ok) throw new Error(erasures.missing.join(" "));
});

afterEach(async () => {
  await emu.close();
});

const site = () => [...emu.emulator.sites.values()][0]!;
const listNamed = (name: string) => [...site().lists.values()].find((l) => l.displayName === name)!;

/** One device: its own replica of the record list, reading the erasure log before quarantining. */
function device(upn: string, storage = new MemorySyncStorage()) {
  const { graph } = makeClient(emu.baseUrl, fetch, upn);
  const s = recordSite(graph);
  const erasureLog = new SharePointErasureLog(
    new SharePointList(graph, s, ERASURE_LIST, { read: SCOPES.record, write: SCOPES.record }),
  );
  const list = recordList(graph, s);
  const sync = new SyncEngine(new SharePointRemoteLog(list), storage, {
    erasedItems: () => erasureLog.erasedItemIds(),
    now: () => NOW,
  });
  return { graph, sync, storage, erasureLog, store: new SharePointEventStore(list, sync, erasureLog) };
}

/** P-1 (last contact 2020, due under six years by 2030) and P-2 (contact in 2029, not due). */
async function officerOneWrites(): Promise<{ p1: RecordEvent[]; p2: RecordEvent[] }> {
  const b1 = recordBuilder("P-1");
  const p1 = [
    b1.person({
      id: "p1-reg",
      at: "2019-06-01T09:00:00Z",
      data: { name: "Pat Erasable", emails: ["pat@example.org"], phones: ["07700900123"] },
    }),
    b1.incident({ id: "p1-inc", at: "2020-03-02T10:00:00Z" }),
    b1.incident({ id: "p1-inc2", at: "2020-03-03T10:00:00Z" }),
  ];
  const b2 = recordBuilder("P-2");
  const p2 = [
    b2.person({ id: "p2-reg", at: "2029-01-01T09:00:00Z", data: { name: "Sam Kept", emails: ["sam@example.org"] } }),
    b2.incident({ id: "p2-inc", at: "2029-02-01T09:00:00Z" }),
  ];
  const { store } = device(STAFF_A);
  for (const e of [...p1, ...p2]) await store.append(e);
  return { p1, p2 };
}

async function purgeAsRecordsOfficer(personIds: string[]) {
  const officer = device(RECORDS_OFFICER);
  const service = new RecordService(officer.store, { now: () => NOW });
  service.setAccess(new Access(["records-officer"]));
  await service.load();
  return { entries: await service.purge(personIds, { policy: { months: 72 }, confirmed: true }), service, officer };
}

describe("retention erasure in the SharePoint list", () => {
  it("deletes every item of the person, logs the erasure without personal data, and another replica drops them, quarantining nothing", async () => {
    const { p1, p2 } = await officerOneWrites();
    const other = device(STAFF_B);
    await other.sync.pull();
    expect(other.sync.events().map((e) => e.personId)).toContain("P-1");

    const { entries } = await purgeAsRecordsOfficer(["P-1"]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ events: 3, byRole: "records-officer", reason: "retention" });

    // The shared record holds nothing of P-1 any more; P-2 is untouched.
    const remaining = [...listNamed(RECORD_LIST.displayName).items.values()].map((i) => i.fields["PersonId"]);
    expect(remaining.sort()).toEqual(["P-2", "P-2"]);

    // The erasure list: one item, and nothing in it that identifies the person.
    const logged = [...listNamed(ERASURE_LIST.displayName).items.values()];
    expect(logged).toHaveLength(1);
    const text = JSON.stringify(logged[0]!.fields);
    for (const v of ["P-1", "Pat Erasable", "pat@example.org", "07700900123", ...p1.map((e) => e.id)])
      expect(text).not.toContain(v);
    expect(JSON.parse(logged[0]!.fields["ItemIds"] as string)).toHaveLength(3);

    // The other replica follows by delta: P-1's events gone, NOT quarantined, nothing kept of them.
    await other.sync.pull();
    expect(
      other.sync
        .events()
        .map((e) => e.id)
        .sort(),
    ).toEqual(p2.map((e) => e.id).sort());
    expect(other.sync.quarantined()).toEqual([]);
    expect(other.sync.conflicts()).toEqual([]);
    const stored = await other.storage.load();
    expect(JSON.stringify(stored.items)).not.toContain("P-1");
    expect(stored.items).toHaveLength(2);
  });

  it("a deletion that no erasure logged is still quarantined as tampering (the erasure log is what tells them apart)", async () => {
    await officerOneWrites();
    const other = device(STAFF_B);
    await other.sync.pull();
    await purgeAsRecordsOfficer(["P-1"]);
    // Someone deletes one of P-2's items past the product.
    const p2Item = [...listNamed(RECORD_LIST.displayName).items.values()].find(
      (i) => i.fields["EventId"] === "p2-inc",
    )!;
    const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
    await graph.delete(`/sites/${site().id}/lists/${listNamed(RECORD_LIST.displayName).id}/items/${p2Item.id}`, [
      "Sites.Selected",
    ]);
    await other.sync.pull();
    const q = other.sync.quarantined();
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ eventId: "p2-inc", reason: "deleted", personId: "P-2" });
  });

  it("a replica that must enumerate again (410) and one reading the list for the first time keep nothing of the erased person", async () => {
    const { p2 } = await officerOneWrites();
    const other = device(STAFF_B);
    await other.sync.pull();
    await purgeAsRecordsOfficer(["P-1"]);
    emu.emulator.expireDeltaTokens();
    await other.sync.pull();
    expect(other.sync.resyncs).toBe(1);
    expect(other.sync.quarantined()).toEqual([]);
    expect(
      other.sync
        .events()
        .map((e) => e.id)
        .sort(),
    ).toEqual(p2.map((e) => e.id).sort());
    expect(JSON.stringify((await other.storage.load()).items)).not.toContain("P-1");

    const fresh = device(STAFF_B);
    await fresh.sync.pull();
    expect(fresh.sync.quarantined()).toEqual([]);
    expect(fresh.sync.events().map((e) => e.personId)).not.toContain("P-1");
  });

  it("the purging device keeps nothing of the person either, and the erasure log lists the erasure for the tombstone count", async () => {
    await officerOneWrites();
    const { service, officer } = await purgeAsRecordsOfficer(["P-1"]);
    expect(officer.sync.quarantined()).toEqual([]);
    expect(service.index.personIds()).toEqual(["P-2"]);
    expect(await service.erasures()).toHaveLength(1);
  });

  it("refuses a member of staff who is not the records officer: nothing deleted, nothing logged", async () => {
    await officerOneWrites();
    const manager = device(STAFF_B);
    const service = new RecordService(manager.store, { now: () => NOW });
    service.setAccess(new Access(["manager"]));
    await expect(service.purge(["P-1"], { policy: { months: 72 }, confirmed: true })).rejects.toMatchObject({
      code: "E_ROLE_NOT_ALLOWED",
    });
    expect(listNamed(RECORD_LIST.displayName).items.size).toBe(5);
    expect(listNamed(ERASURE_LIST.displayName).items.size).toBe(0);
  });

  it("an erasure refused at its first delete withdraws its entry; run again, it is finished and logged once", async () => {
    await officerOneWrites();
    emu.emulator.addFault({ path: "/items/", method: "DELETE", status: 403, times: 1 });
    const officer = device(RECORDS_OFFICER);
    const service = new RecordService(officer.store, { now: () => NOW });
    service.setAccess(new Access(["records-officer"]));
    await service.load();
    await expect(service.purge(["P-1"], { policy: { months: 72 }, confirmed: true })).rejects.toBeTruthy();
    // Nothing was deleted, so the entry is withdrawn: it cannot excuse a later deletion of those items.
    expect(listNamed(ERASURE_LIST.displayName).items.size).toBe(0);
    expect(listNamed(RECORD_LIST.displayName).items.size).toBe(5);
    await service.purge(["P-1"], { policy: { months: 72 }, confirmed: true });
    expect(listNamed(ERASURE_LIST.displayName).items.size).toBe(1);
    const remaining = [...listNamed(RECORD_LIST.displayName).items.values()].map((i) => i.fields["PersonId"]);
    expect(remaining).not.toContain("P-1");
    expect(officer.sync.quarantined()).toEqual([]);
  });

  it("an erasure interrupted after some deletes keeps its entry and is finished as such, logged once", async () => {
    await officerOneWrites();
    const other = device(STAFF_B);
    await other.sync.pull();
    const officer = device(RECORDS_OFFICER);
    const service = new RecordService(officer.store, { now: () => NOW });
    service.setAccess(new Access(["records-officer"]));
    await service.load();
    // The first delete succeeds; the second is refused once (throttling past the retries, a lost connection).
    let deletes = 0;
    emu.emulator.faults.setPolicy((req) => (req.method === "DELETE" && ++deletes === 2 ? { status: 403 } : null));
    await expect(service.purge(["P-1"], { policy: { months: 72 }, confirmed: true })).rejects.toBeTruthy();
    emu.emulator.faults.setPolicy(null);
    expect(listNamed(ERASURE_LIST.displayName).items.size).toBe(1);
    // Meanwhile another replica syncs: the one item deleted is dropped, not quarantined.
    await other.sync.pull();
    expect(other.sync.quarantined()).toEqual([]);
    // What is left of P-1 is a fragment the log does not count (the registration went first), so P-1
    // is no longer listed as due: the erasure is finished as such, by the records officer only.
    expect(await service.unfinishedErasures()).toBe(2);
    const manager = new RecordService(officer.store, { now: () => NOW });
    manager.setAccess(new Access(["manager"]));
    await expect(manager.finishErasures()).rejects.toMatchObject({ code: "E_ROLE_NOT_ALLOWED" });
    expect(await service.finishErasures()).toBe(2);
    expect(await service.unfinishedErasures()).toBe(0);
    expect(listNamed(ERASURE_LIST.displayName).items.size).toBe(1);
    expect([...listNamed(RECORD_LIST.displayName).items.values()].map((i) => i.fields["PersonId"])).not.toContain(
      "P-1",
    );
    await other.sync.pull();
    expect(other.sync.quarantined()).toEqual([]);
    expect(other.sync.events().map((e) => e.personId)).not.toContain("P-1");
  });
});
