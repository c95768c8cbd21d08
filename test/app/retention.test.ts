/**
 * Retention (issue 13 Deliver 4): who is due for deletion and why, and the purge through the local
 * stores (memory and IndexedDB): records officer only, confirmed, due people only; every event of
 * the person goes together; the erasure log holds no personal data.
 */
import { RecordIndex, type RecordEvent } from "../../src/domain";
import { IndexedDbEventStore, MemoryEventStore } from "../../src/adapters/local";
import { RecordService, toLogged } from "../../src/app/record-service";
import {
  DEFAULT_RETENTION,
  describeRetention,
  dueForDeletion,
  parseRetentionPeriod,
  PurgeRefusedError,
  erasureEntry,
  tombstoneText,
  type ErasureEntry,
  type ErasureRequest,
} from "../../src/app/retention";
import { SharedRecordStore } from "../../src/app/shared-record";
import type { Outbox } from "../../src/app/outbox";
import type { SyncEngine } from "../../src/app/sync";
import { Access, RoleRefusedError } from "../../src/app/roles";
import { retentionPolicy, validateSettings, DEFAULT_SETTINGS } from "../../src/app/m365-settings";
import { recordBuilder } from "../contract/builders";
import { freshFactory } from "../adapters/local/fake-idb";

/** A valid imposition (7.2 causes, 9.1 warning, 9.12 review within three months) at `at`. */
function imposed(b: ReturnType<typeof recordBuilder>, at: string, strategyId = "S-1", id?: string): RecordEvent[] {
  const ms = Date.parse(at);
  const before = (days: number) => new Date(ms - days * 86_400_000).toISOString();
  return [
    b.causes({ at: before(2) }),
    b.warning({ at: before(1) }),
    b.strategy({
      ...(id ? { id } : {}),
      at,
      data: {
        strategyId,
        notifiedOn: at.slice(0, 10),
        reviewDue: new Date(ms + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    }),
  ];
}

const index = (events: readonly RecordEvent[]) => new RecordIndex(toLogged(events));
const SIX_YEARS = { months: 72 };

/** P-1: registered 2019, last contact 2 March 2020 10:00 (GMT); P-2 with an active strategy; P-3 lifted later. */
function sampleRecord() {
  const b1 = recordBuilder("P-1");
  const p1 = [
    b1.person({
      id: "p1-reg",
      at: "2019-06-01T09:00:00Z",
      data: { name: "Pat Erasable", emails: ["pat@example.org"], phones: ["07700900123"] },
    }),
    b1.incident({ id: "p1-inc", at: "2020-03-02T10:00:00Z" }),
  ];
  const b2 = recordBuilder("P-2");
  const p2 = [
    b2.person({
      id: "p2-reg",
      at: "2010-01-01T09:00:00Z",
      data: { name: "Sam Restricted", emails: ["sam@example.org"], phones: [] },
    }),
    b2.incident({ id: "p2-inc", at: "2010-02-01T09:00:00Z" }),
    ...imposed(b2, "2010-03-01T09:00:00Z", "S-1", "p2-str"),
  ];
  const b3 = recordBuilder("P-3");
  const p3 = [
    b3.person({
      id: "p3-reg",
      at: "2015-01-01T09:00:00Z",
      data: { name: "Jo Lifted", emails: ["jo@example.org"], phones: [] },
    }),
    b3.incident({ id: "p3-inc", at: "2015-02-01T09:00:00Z" }),
    ...imposed(b3, "2015-03-01T09:00:00Z", "S-3", "p3-str"),
    b3.lift({ id: "p3-lift", at: "2021-07-15T11:00:00Z", data: { strategyId: "S-3" } }),
  ];
  // Each builder numbers its ids e1, e2, …: make them unique across the three people.
  const tag = (events: RecordEvent[]): RecordEvent[] =>
    events.map((e) => (/^e\d+$/.test(e.id) ? ({ ...e, id: `${e.personId}-${e.id}` } as RecordEvent) : e));
  const [t1, t2, t3] = [tag(p1), tag(p2), tag(p3)];
  return { p1: t1, p2: t2, p3: t3, all: [...t1, ...t2, ...t3] };
}

describe("the retention period", () => {
  it("reads years and months, defaults to six years when unset, and refuses anything else with what to enter", () => {
    expect(parseRetentionPeriod("6 years")).toEqual({ months: 72 });
    expect(parseRetentionPeriod("18 months")).toEqual({ months: 18 });
    expect(parseRetentionPeriod("2y")).toEqual({ months: 24 });
    expect(parseRetentionPeriod("")).toEqual(DEFAULT_RETENTION);
    expect(parseRetentionPeriod("0 months")).toBeNull();
    expect(parseRetentionPeriod("six years")).toBeNull();
    expect(describeRetention({ months: 18 })).toBe("1 year 6 months");
    expect(describeRetention({ months: 72 })).toBe("6 years");
    const problems = validateSettings({ ...DEFAULT_SETTINGS, retentionPeriod: "forever" });
    expect(problems.find((p) => p.field === "retentionPeriod")?.message).toMatch(/"6 years" or "18 months"/);
    expect(retentionPolicy({ retentionPeriod: "3 years" })).toEqual({ months: 36 });
    expect(retentionPolicy({ retentionPeriod: "" })).toEqual({ months: 72 });
  });
});

describe("who is due for deletion", () => {
  it("a person is due the London day the period after their last contact begins, not a minute before", () => {
    const { p1 } = sampleRecord();
    const ix = index(p1);
    // 2 March 2026 00:00 in London is 00:00Z (GMT).
    expect(dueForDeletion(ix, SIX_YEARS, Date.parse("2026-03-01T23:59:59Z"))).toEqual([]);
    const [due, ...rest] = dueForDeletion(ix, SIX_YEARS, Date.parse("2026-03-02T00:00:00Z"));
    expect(rest).toEqual([]);
    expect(due).toEqual({
      personId: "P-1",
      name: "Pat Erasable",
      lastContact: "2020-03-02",
      lastLift: null,
      basis: "2020-03-02",
      dueOn: "2026-03-02",
      events: 2,
    });
    // A shorter period makes it due sooner; a longer one later.
    expect(dueForDeletion(ix, { months: 12 }, Date.parse("2021-03-02T00:00:00Z"))).toHaveLength(1);
    expect(dueForDeletion(ix, { months: 84 }, Date.parse("2026-06-01T00:00:00Z"))).toEqual([]);
  });

  it("counts the London date, so a contact late on a summer evening belongs to the next UK day", () => {
    const b = recordBuilder("P-9");
    // 23:30Z on 30 June is 00:30 on 1 July in London (BST).
    const ix = index([b.person({ at: "2019-01-01T09:00:00Z" }), b.incident({ at: "2020-06-30T23:30:00Z" })]);
    const [due] = dueForDeletion(ix, { months: 12 }, Date.parse("2021-07-01T12:00:00Z"));
    expect(due?.lastContact).toBe("2020-07-01");
    expect(dueForDeletion(ix, { months: 12 }, Date.parse("2021-06-30T12:00:00Z"))).toEqual([]);
  });

  it("a person with an active strategy is never due, however long ago they last made contact (9.12)", () => {
    const { p2 } = sampleRecord();
    expect(dueForDeletion(index(p2), { months: 1 }, Date.parse("2090-01-01T00:00:00Z"))).toEqual([]);
  });

  it("runs from the lift of the last strategy when that is later than the last contact", () => {
    const { p3 } = sampleRecord();
    const ix = index(p3);
    expect(dueForDeletion(ix, SIX_YEARS, Date.parse("2027-07-14T12:00:00Z"))).toEqual([]);
    const [due] = dueForDeletion(ix, SIX_YEARS, Date.parse("2027-07-15T12:00:00Z"));
    expect(due).toMatchObject({
      lastContact: "2015-02-01",
      lastLift: "2021-07-15",
      basis: "2021-07-15",
      dueOn: "2027-07-15",
    });
  });

  it("runs from the last contact when that is later than the lift", () => {
    const b = recordBuilder("P-4");
    const ix = index([
      b.person({ at: "2015-01-01T09:00:00Z" }),
      ...imposed(b, "2015-03-01T09:00:00Z"),
      b.lift({ at: "2016-01-01T09:00:00Z" }),
      b.incident({ at: "2019-05-05T09:00:00Z" }),
    ]);
    const [due] = dueForDeletion(ix, { months: 12 }, Date.parse("2020-05-05T12:00:00Z"));
    expect(due).toMatchObject({
      lastContact: "2019-05-05",
      lastLift: "2016-01-01",
      basis: "2019-05-05",
      dueOn: "2020-05-05",
    });
  });
});

const NOW = Date.parse("2030-01-01T12:00:00Z");

async function serviceOver(
  store: MemoryEventStore | IndexedDbEventStore,
  events: readonly RecordEvent[],
  roles: Access,
) {
  for (const e of events) await store.append(e);
  const service = new RecordService(store, { now: () => NOW });
  service.setAccess(roles);
  await service.load();
  return service;
}

/** Everything personal the sample holds: nothing of it may appear in the erasure log. */
function personalValues(events: readonly RecordEvent[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    out.add(e.personId);
    out.add(e.id);
    const d = e.data as { name?: string; emails?: string[]; phones?: string[] };
    if (d.name) out.add(d.name);
    for (const v of [...(d.emails ?? []), ...(d.phones ?? [])]) out.add(v);
  }
  return [...out];
}

function expectNoPersonalData(entries: readonly ErasureEntry[], events: readonly RecordEvent[]): void {
  const text = JSON.stringify(entries);
  for (const v of personalValues(events)) expect(text).not.toContain(v);
  for (const e of entries)
    expect(Object.keys(e).sort()).toEqual(["at", "byRole", "erasureId", "events", "itemIds", "reason"]);
}

describe.each([
  ["the memory store", async () => new MemoryEventStore()],
  ["the IndexedDB store", async () => IndexedDbEventStore.open({ name: "retention", indexedDB: freshFactory() })],
])("purge from %s", (_name, open) => {
  it("refuses anyone but the records officer, in plain English, and deletes nothing", async () => {
    const { all, p1 } = sampleRecord();
    const store = await open();
    const service = await serviceOver(store, all, new Access(["manager", "dpo", "admin", "caseworker"]));
    const err = await service.purge(["P-1"], { policy: SIX_YEARS, confirmed: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoleRefusedError);
    expect((err as RoleRefusedError).code).toBe("E_ROLE_NOT_ALLOWED");
    expect((err as Error).message).toMatch(/Only a records officer can delete/);
    expect((await store.readPerson("P-1")).map((e) => e.id)).toEqual(p1.map((e) => e.id));
    expect(await service.erasures()).toEqual([]);
  });

  it("refuses without confirmation, and refuses a person who is not due (an active strategy), deleting nothing", async () => {
    const { all } = sampleRecord();
    const store = await open();
    const service = await serviceOver(store, all, new Access(["records-officer"]));
    await expect(service.purge(["P-1"], { policy: SIX_YEARS, confirmed: false })).rejects.toMatchObject({
      code: "E_NOT_CONFIRMED",
    });
    const notDue = await service.purge(["P-1", "P-2"], { policy: SIX_YEARS, confirmed: true }).catch((e: unknown) => e);
    expect(notDue).toBeInstanceOf(PurgeRefusedError);
    expect((notDue as PurgeRefusedError).code).toBe("E_NOT_DUE");
    expect((await store.readAll()).length).toBe(all.length);
  });

  it("removes every event of the person together, keeps everyone else's, and logs the erasure without personal data", async () => {
    const { all, p1, p2, p3 } = sampleRecord();
    const store = await open();
    const service = await serviceOver(store, all, new Access(["records-officer"]));
    expect(dueForDeletion(service.index, SIX_YEARS, NOW).map((d) => d.personId)).toEqual(["P-1", "P-3"]);
    const entries = await service.purge(["P-1", "P-3"], { policy: SIX_YEARS, confirmed: true });
    expect(entries.map((e) => e.events)).toEqual([p1.length, p3.length]);
    expect(await store.readPerson("P-1")).toEqual([]);
    expect(await store.readPerson("P-3")).toEqual([]);
    expect((await store.readAll()).map((e) => e.id).sort()).toEqual(p2.map((e) => e.id).sort());
    // The read model follows: nobody erased is left, and nothing is due any more.
    expect(service.index.personIds()).toEqual(["P-2"]);
    expect(dueForDeletion(service.index, SIX_YEARS, NOW)).toEqual([]);
    const log = await service.erasures();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      byRole: "records-officer",
      reason: "retention",
      at: new Date(NOW).toISOString(),
      events: 2,
    });
    expectNoPersonalData(log, [...p1, ...p3]);
    expect(tombstoneText(log)).toBe("2 people's records erased under the retention policy");
    // The record still takes appends after an erasure (and the person id can be used again afresh).
    const b = recordBuilder("P-5");
    expect(await store.append(b.person({ id: "p5-reg", at: "2029-01-01T09:00:00Z" }))).toBe("appended");
  });
});

describe("purge seen by a second IndexedDB instance (another tab)", () => {
  it("reads the log again after an erasure elsewhere: the erased person is gone there too", async () => {
    const factory = freshFactory();
    const { all } = sampleRecord();
    const a = await IndexedDbEventStore.open({ name: "shared", indexedDB: factory });
    const b = await IndexedDbEventStore.open({ name: "shared", indexedDB: factory });
    for (const e of all) await a.append(e);
    expect((await b.readPerson("P-1")).length).toBe(2);
    await a.erasePerson("P-1", { erasureId: "x1", at: new Date(NOW).toISOString(), byRole: "records-officer" });
    expect(await b.readPerson("P-1")).toEqual([]);
    expect((await b.readAll()).length).toBe(all.length - 2);
    expect(await b.erasures()).toHaveLength(1);
    // And a reopened database keeps both the erasure and the log entry.
    a.close();
    const c = await IndexedDbEventStore.open({ name: "shared", indexedDB: factory });
    expect(await c.readPerson("P-1")).toEqual([]);
    expect((await c.erasures())[0]).toMatchObject({ events: 2, byRole: "records-officer" });
    expect(await c.readForIdentifiers(["pat@example.org"])).toMatchObject({ events: [] });
  });
});

describe("erasure through the shared record (this device's outbox)", () => {
  it("is refused while this device still has the person's events waiting to be sent, and passed on otherwise", async () => {
    const { p1, p2 } = sampleRecord();
    const calls: string[] = [];
    const eraser = {
      erasePerson: async (personId: string, r: ErasureRequest) => {
        calls.push(personId);
        return erasureEntry(r, 1);
      },
      erasures: async () => [],
    };
    let waiting = [{ id: p1[1]!.id, event: p1[1]! }];
    const outbox = {
      waiting: () => waiting,
      enqueue: async () => undefined,
      kick: () => undefined,
    } as unknown as Outbox;
    const sync = { open: async () => undefined, events: () => [], logged: () => [] } as unknown as SyncEngine;
    const shared = new SharedRecordStore(sync, outbox, () => undefined, [], eraser);
    const request = { erasureId: "x", at: new Date(NOW).toISOString(), byRole: "records-officer" as const };
    await expect(shared.erasePerson("P-1", request)).rejects.toThrow(/waiting to be sent/);
    expect(calls).toEqual([]);
    waiting = [{ id: p2[0]!.id, event: p2[0]! }];
    await expect(shared.erasePerson("P-1", request)).resolves.toMatchObject({ events: 1 });
    expect(calls).toEqual(["P-1"]);
    // Without an eraser (a store that cannot erase), nothing is attempted.
    await expect(new SharedRecordStore(sync, outbox).erasePerson("P-1", request)).rejects.toMatchObject({
      code: "E_NOT_SUPPORTED",
    });
  });
});
