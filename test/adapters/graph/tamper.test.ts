/**
 * Tamper evidence (issue 12 Deliver 4 and 6), against the Graph emulator over HTTP: sync compares
 * each list item's creator (createdBy.user / createdBy.application) with the event's `by`, and
 * notices items edited or deleted past the product. Such items are quarantined: out of the log,
 * listed with what changed, who and when, and kept in the replica.
 */
import { SyncEngine, type TrustedWriter } from "../../../src/app/sync";
import { eventToFields, SharePointRemoteLog } from "../../../src/adapters/graph/sharepoint-store";
import { RECORD_LIST } from "../../../src/adapters/graph/sharepoint";
import { attentionRows } from "../../../src/app/needs-attention";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { recordBuilder } from "../../contract/builders";
import { makeClient, recordList, seedTenant, setUpLists, sharePointStore, STAFF_A, STAFF_B } from "./tenant";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  await setUpLists(makeClient(emu.baseUrl, fetch).graph);
});

afterEach(async () => {
  await emu.close();
});

const site = () => [...emu.emulator.sites.values()][0]!;
const list = () => [...site().lists.values()].find((l) => l.displayName === RECORD_LIST.displayName)!;
const itemOf = (eventId: string) => [...list().items.values()].find((i) => i.fields["EventId"] === eventId)!;

function reader(
  upn = STAFF_A,
  storage = new MemorySyncStorage(),
  trustedWriters: readonly TrustedWriter[] = [],
): SyncEngine {
  const { graph } = makeClient(emu.baseUrl, fetch, upn);
  return new SyncEngine(new SharePointRemoteLog(recordList(graph)), storage, {
    trustedWriters,
    now: () => Date.parse("2026-05-01T12:00:00Z"),
  });
}

/** Officer one puts a person and an incident on the record, through the product. */
async function officerOneWrites() {
  const b = recordBuilder();
  const person = b.person({ at: 0 });
  const incident = b.incident({ at: 1 });
  const { store } = sharePointStore(makeClient(emu.baseUrl, fetch, STAFF_A).graph);
  await store.append(person);
  await store.append(incident);
  return { b, person, incident };
}

describe("tamper evidence in sync", () => {
  it("what a member of staff wrote in their own name is part of the log; nothing is quarantined", async () => {
    const { person, incident } = await officerOneWrites();
    const sync = reader(STAFF_B);
    await sync.pull();
    expect(sync.events().map((e) => e.id)).toEqual([person.id, incident.id]);
    expect(sync.quarantined()).toEqual([]);
  });

  it("an item whose `by` is not who created it (a forged by) is quarantined, not folded in", async () => {
    const { b } = await officerOneWrites();
    // Officer two writes an incident claiming officer one recorded it (a client that skips the checks).
    const forged = b.incident({ at: 2, by: STAFF_A });
    const { store } = sharePointStore(makeClient(emu.baseUrl, fetch, STAFF_B).graph);
    await store.append(forged);
    const sync = reader();
    await sync.pull();
    expect(sync.events().map((e) => e.id)).not.toContain(forged.id);
    const [q, ...rest] = sync.quarantined();
    expect(rest).toEqual([]);
    expect(q).toMatchObject({
      eventId: forged.id,
      reason: "forged-by",
      by: STAFF_A,
      who: STAFF_B,
      type: "IncidentRecorded",
      personId: forged.personId,
    });
    expect(q!.summary).toBe(`It says it was recorded by ${STAFF_A}, but SharePoint says ${STAFF_B} created it.`);
    // The by is compared case-insensitively: the same address in capitals is no forgery.
    const sameUpper = b.incident({ at: 3, by: STAFF_B.toUpperCase() });
    await store.append(sameUpper);
    await sync.pull();
    expect(sync.events().map((e) => e.id)).toContain(sameUpper.id);
  });

  it("an item edited by another client after this device read it is quarantined with each field before and after, who and when", async () => {
    const { incident } = await officerOneWrites();
    const sync = reader();
    await sync.pull();
    expect(sync.events().map((e) => e.id)).toContain(incident.id);
    const item = itemOf(incident.id);
    const data = JSON.parse(item.fields["Data"] as string) as Record<string, unknown>;
    const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
    await graph.patch(`/sites/${site().id}/lists/${list().id}/items/${item.id}/fields`, ["Sites.Selected"], {
      Data: JSON.stringify({ ...data, summary: "Nothing happened." }),
      At: "2026-03-02T08:00:00.000Z",
    });
    await sync.pull();
    expect(sync.events().map((e) => e.id)).not.toContain(incident.id);
    const [q] = sync.quarantined();
    expect(q).toMatchObject({ eventId: incident.id, reason: "edited", who: STAFF_B });
    expect(q!.when).toBe(itemOf(incident.id).lastModifiedDateTime);
    expect(q!.changes).toEqual(
      expect.arrayContaining([
        { field: "at", before: incident.at, after: "2026-03-02T08:00:00.000Z" },
        { field: "data.summary", before: data["summary"], after: "Nothing happened." },
      ]),
    );
    expect(q!.changes).toHaveLength(2);
    expect(q!.summary).toMatch(/changed after it was recorded: .*at.*data\.summary/);
  });

  it("an item already edited when this device first reads it is quarantined (modified after created, by someone else)", async () => {
    const { incident } = await officerOneWrites();
    emu.emulator.editItem(
      site().id,
      list().id,
      itemOf(incident.id).id,
      { By: STAFF_A },
      {
        name: "Officer Two",
        userId: "u-2",
        email: STAFF_B,
      },
    );
    const sync = reader(STAFF_B);
    await sync.pull();
    expect(sync.events().map((e) => e.id)).not.toContain(incident.id);
    const [q] = sync.quarantined();
    expect(q).toMatchObject({ eventId: incident.id, reason: "edited", who: STAFF_B, changes: [] });
    expect(q!.summary).toMatch(/already been changed when this device first read it/);
  });

  it("an item saved again without a visible change still counts as edited (its modified time moved on)", async () => {
    const { incident } = await officerOneWrites();
    const sync = reader();
    await sync.pull();
    emu.emulator.editItem(site().id, list().id, itemOf(incident.id).id, {}, { name: "Officer One", email: STAFF_A });
    await sync.pull();
    expect(sync.quarantined().map((q) => [q.eventId, q.reason, q.summary])).toEqual([
      [
        incident.id,
        "edited",
        "The item was changed after it was recorded: it was saved again without a visible change.",
      ],
    ]);
  });

  it("an item deleted from the list is quarantined as deleted, its data not kept (erasure)", async () => {
    const { incident, person } = await officerOneWrites();
    const storage = new MemorySyncStorage();
    const sync = reader(STAFF_A, storage);
    await sync.pull();
    const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
    await graph.delete(`/sites/${site().id}/lists/${list().id}/items/${itemOf(incident.id).id}`, ["Sites.Selected"]);
    expect(await sync.pull()).toEqual({ changed: 1, resynced: false });
    expect(sync.events().map((e) => e.id)).toEqual([person.id]);
    expect(sync.quarantined()).toEqual([
      {
        itemId: "2",
        eventId: incident.id,
        personId: incident.personId,
        type: "IncidentRecorded",
        by: STAFF_A,
        reason: "deleted",
        summary:
          "The item was deleted from the shared list (noticed 2026-05-01T12:00:00.000Z); SharePoint's audit log says who deleted it.",
        changes: [],
        who: null,
        when: "2026-05-01T12:00:00.000Z",
      },
    ]);
    const kept = (await storage.load()).items.find((i) => i.itemId === "2")!;
    expect(JSON.stringify(kept)).not.toContain(JSON.stringify(incident.data).slice(1, -1));
    // A conflict is something else: the deletion is not listed there.
    expect(sync.conflicts()).toEqual([]);
  });

  it("a deletion the feed could not report (410, fresh enumeration) is still noticed", async () => {
    const { incident } = await officerOneWrites();
    const sync = reader();
    await sync.pull();
    list().items.delete(itemOf(incident.id).id);
    emu.emulator.expireDeltaTokens();
    expect((await sync.pull()).resynced).toBe(true);
    expect(sync.quarantined().map((q) => [q.eventId, q.reason])).toEqual([[incident.id, "deleted"]]);
  });

  it("the quarantine is kept in the replica: a reload shows it without a network round trip", async () => {
    const { b, incident } = await officerOneWrites();
    const forged = b.incident({ at: 2, by: STAFF_A });
    await sharePointStore(makeClient(emu.baseUrl, fetch, STAFF_B).graph).store.append(forged);
    const storage = new MemorySyncStorage();
    const sync = reader(STAFF_A, storage);
    await sync.pull();
    const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
    await graph.patch(
      `/sites/${site().id}/lists/${list().id}/items/${itemOf(incident.id).id}/fields`,
      ["Sites.Selected"],
      { Type: "WarningIssued" },
    );
    await sync.pull();
    const before = sync.quarantined();
    expect(before.map((q) => [q.eventId, q.reason])).toEqual([
      [incident.id, "edited"],
      [forged.id, "forged-by"],
    ]);
    const reloaded = new SyncEngine({ deltaPage: () => Promise.reject(new Error("offline")) }, storage);
    await reloaded.open();
    expect(reloaded.quarantined()).toEqual(before);
    // Edited again later: the before stays what this device first read.
    await graph.patch(
      `/sites/${site().id}/lists/${list().id}/items/${itemOf(incident.id).id}/fields`,
      ["Sites.Selected"],
      { Type: "ContactLogged" },
    );
    await sync.pull();
    expect(sync.quarantined()[0]!.changes).toEqual([
      { field: "type", before: "IncidentRecorded", after: "ContactLogged" },
    ]);
  });
});

describe("app-only writes (the enforcement service)", () => {
  const SERVICE_APP = "9d0c7e55-0000-4000-8000-00000000a991";
  const SERVICE_BY = "csm-service@opcc.example";
  const trusted = [{ appId: SERVICE_APP, by: SERVICE_BY }];

  async function serviceWrites(by: string, appId = SERVICE_APP) {
    const { b, person } = await officerOneWrites();
    const contact = b.incident({ at: 2, by });
    emu.emulator.seedItem(site().id, list().id, eventToFields(contact), { name: "SharePoint App", appId });
    return { contact, person };
  }

  it("an item created by a trusted application with its own `by` is part of the log", async () => {
    const { contact } = await serviceWrites(SERVICE_BY);
    const sync = reader(STAFF_B, new MemorySyncStorage(), trusted);
    await sync.pull();
    expect(sync.events().map((e) => e.id)).toContain(contact.id);
    expect(sync.quarantined()).toEqual([]);
  });

  it("a reader that does not trust the application quarantines it, naming the application", async () => {
    const { contact } = await serviceWrites(SERVICE_BY);
    const sync = reader(STAFF_B);
    await sync.pull();
    expect(sync.events().map((e) => e.id)).not.toContain(contact.id);
    expect(sync.quarantined().map((q) => [q.eventId, q.reason, q.who, q.summary])).toEqual([
      [
        contact.id,
        "forged-by",
        `the application ${SERVICE_APP}`,
        `It says it was recorded by ${SERVICE_BY}, but the application ${SERVICE_APP} created it, which this deployment does not trust to write the record.`,
      ],
    ]);
  });

  it("a trusted application writing in a member of staff's name, and an unknown application, are quarantined", async () => {
    const { contact } = await serviceWrites(STAFF_A);
    const other = recordBuilder().incident({ id: "c-other-app", at: 3, by: SERVICE_BY });
    emu.emulator.seedItem(site().id, list().id, eventToFields(other), {
      name: "SharePoint App",
      appId: "someone-else",
    });
    const sync = reader(STAFF_B, new MemorySyncStorage(), trusted);
    await sync.pull();
    expect(sync.quarantined().map((q) => [q.eventId, q.summary])).toEqual([
      [
        contact.id,
        `It says it was recorded by ${STAFF_A}, but the application ${SERVICE_APP} created it, and that application records as ${SERVICE_BY}.`,
      ],
      [
        "c-other-app",
        `It says it was recorded by ${SERVICE_BY}, but the application someone-else created it, which this deployment does not trust to write the record.`,
      ],
    ]);
  });

  it("an item SharePoint names no creator for cannot be checked, so it is quarantined", async () => {
    const { b } = await officerOneWrites();
    const anon = b.incident({ at: 2 });
    emu.emulator.seedItem(site().id, list().id, eventToFields(anon), { name: "seed" });
    const sync = reader();
    await sync.pull();
    expect(sync.quarantined().map((q) => [q.eventId, q.summary])).toEqual([
      [
        anon.id,
        `It says it was recorded by ${anon.by}, but SharePoint does not say who created it, so that cannot be checked.`,
      ],
    ]);
  });

  it("the emulator names an app-only writer as Graph does: createdBy.application, and lastModifiedBy", async () => {
    await serviceWrites(SERVICE_BY);
    const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
    const res = await graph.get<{ value: { createdBy: unknown; lastModifiedBy: unknown }[] }>(
      `/sites/${site().id}/lists/${list().id}/items`,
      ["Sites.Selected"],
    );
    expect(res.value[2]).toMatchObject({
      createdBy: { application: { id: SERVICE_APP }, user: { displayName: "SharePoint App" } },
      lastModifiedBy: { application: { id: SERVICE_APP } },
    });
    expect(res.value[0]).toMatchObject({
      createdBy: { user: { email: STAFF_A } },
      lastModifiedBy: { user: { email: STAFF_A } },
    });
  });
});

describe("visible in Needs attention (issue 12 Deliver 6)", () => {
  it("a forged, an edited and a deleted item, all from the emulator, are rows a manager sees with what changed", async () => {
    const { b, person, incident } = await officerOneWrites();
    const warning = b.warning({ at: 2 });
    await sharePointStore(makeClient(emu.baseUrl, fetch, STAFF_A).graph).store.append(warning);
    const forged = b.incident({ at: 3, by: STAFF_A });
    await sharePointStore(makeClient(emu.baseUrl, fetch, STAFF_B).graph).store.append(forged);
    const sync = reader();
    await sync.pull();
    const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
    const base = `/sites/${site().id}/lists/${list().id}/items`;
    await graph.patch(`${base}/${itemOf(incident.id).id}/fields`, ["Sites.Selected"], { PersonId: "P-9" });
    await graph.delete(`${base}/${itemOf(warning.id).id}`, ["Sites.Selected"]);
    await sync.pull();
    expect(sync.events().map((e) => e.id)).toEqual([person.id]);
    const rows = attentionRows(sync.quarantined());
    expect(rows.map((r) => [r.eventId, r.reasonLabel, r.who])).toEqual(
      expect.arrayContaining([
        [incident.id, "Changed after it was recorded", STAFF_B],
        [forged.id, "Not written by who it says", STAFF_B],
        [warning.id, "Deleted from the shared list", "SharePoint does not say"],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.eventId === incident.id)!.changes).toEqual([
      { field: "person", before: incident.personId, after: "P-9" },
    ]);
  });
});
