/**
 * RecordService.importEvents (issue 13 item 1, piece B): only an administrator may import; the
 * batch is appended all or nothing (the store's appendMany when it has one, otherwise checked as a
 * whole first and appended only if every event passes); importing the same events again adds nothing.
 */
import { MemoryEventStore } from "../../src/adapters/local";
import type { EventStore } from "../../src/app/ports";
import { RecordService, RecordRejectedError } from "../../src/app/record-service";
import { dryRunImport, guessMapping, parseCsv } from "../../src/app/register-import";
import { Access, MAY_IMPORT, RoleRefusedError, ROLES } from "../../src/app/roles";
import type { RecordEvent } from "../../src/domain";

const NOW = Date.parse("2026-06-15T12:00:00Z");
const clock = { now: () => NOW };

const REGISTER = [
  "Name,Email,Matter ref,Restrictions,Behaviours,Warning date,Warning method,Causes considered,Strategy start,Review date,Notified by",
  "Ann Example,ann@example.org,CPL-1,email only,verbal-abuse,01/03/2026,email,yes,01/04/2026,01/07/2026,email",
  "Bob Example,bob@example.org,CPL-2,call recording,demanding-updates,02/03/2026,post,yes,02/04/2026,01/07/2026,post",
].join("\n");

function plannedEvents(): readonly RecordEvent[] {
  const sheet = parseCsv("register.csv", REGISTER);
  const dry = dryRunImport({
    sheet,
    mapping: guessMapping(sheet.headers),
    existing: [],
    by: "admin@opcc.example",
    nowMs: NOW,
  });
  expect(dry.refused).toEqual([]);
  return dry.events;
}

/** The store without its optional bulk methods (as the SharePoint store is today). */
function withoutBulk(store: MemoryEventStore): EventStore {
  return { append: (e) => store.append(e), readAll: () => store.readAll(), readPerson: (p) => store.readPerson(p) };
}

describe("RecordService.importEvents", () => {
  it("is for administrators only, by the roles table; anyone else is refused and nothing is written", async () => {
    expect(MAY_IMPORT).toEqual(["admin"]);
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const store = new MemoryEventStore();
      const record = new RecordService(store, clock);
      record.setAccess(new Access([role]));
      await expect(record.importEvents(plannedEvents())).rejects.toThrow(RoleRefusedError);
      await expect(record.importEvents(plannedEvents())).rejects.toThrow(/Only an administrator can/);
      expect(await store.readAll()).toEqual([]);
    }
  });

  it("appends the batch with the store's appendMany in one call, and the people appear", async () => {
    const store = new MemoryEventStore();
    const appendMany = jest.spyOn(store, "appendMany");
    const append = jest.spyOn(store, "append");
    const record = new RecordService(store, clock);
    record.setAccess(new Access(["admin"]));
    const events = plannedEvents();
    await expect(record.importEvents(events)).resolves.toEqual({ added: events.length, alreadyThere: 0 });
    expect(appendMany).toHaveBeenCalledTimes(1);
    expect(append).not.toHaveBeenCalled();
    const names = record.index.events.filter((l) => l.event.type === "PersonRegistered").map((l) => l.event.data);
    expect(names.map((d) => (d as { name: string }).name).sort()).toEqual(["Ann Example", "Bob Example"]);
    for (const l of record.index.events) expect(l.event.recordedAt).toBe(new Date(NOW).toISOString());
    // The same file again: nothing added twice.
    await expect(record.importEvents(events)).resolves.toEqual({ added: 0, alreadyThere: events.length });
  });

  it.each([
    ["with appendMany", (s: MemoryEventStore): EventStore => s],
    ["without appendMany", withoutBulk],
  ])("%s: one refused event refuses the whole batch and nothing is written", async (_label, wrap) => {
    const inner = new MemoryEventStore();
    const store = wrap(inner);
    const append = jest.spyOn(store, "append");
    const record = new RecordService(store, clock);
    record.setAccess(new Access(["admin"]));
    const events = [...plannedEvents()];
    // Bob's warning taken out: his strategy now has no earlier warning (E_NO_WARNING, 9.3).
    const bobWarning = events.findIndex(
      (e) => e.type === "WarningIssued" && e.data.behaviours[0] === "demanding-updates",
    );
    events.splice(bobWarning, 1);
    const refusal = record.importEvents(events);
    await expect(refusal).rejects.toThrow(RecordRejectedError);
    await expect(refusal.catch((e: RecordRejectedError) => e.codes)).resolves.toContain("E_NO_WARNING");
    expect(await inner.readAll()).toEqual([]);
    expect(append).not.toHaveBeenCalled();
    expect(record.index.events).toEqual([]);
  });

  it("without appendMany, appends one at a time once the whole batch has passed", async () => {
    const inner = new MemoryEventStore();
    const store = withoutBulk(inner);
    const record = new RecordService(store, clock);
    record.setAccess(new Access(["admin", "caseworker"]));
    const events = plannedEvents();
    await expect(record.importEvents(events)).resolves.toEqual({ added: events.length, alreadyThere: 0 });
    expect((await inner.readAll()).map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
  });
});
