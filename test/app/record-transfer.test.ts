/**
 * importRecord writes a checked file with the store's appendMany (one call, all or nothing) when
 * the store has it, and one append at a time when it does not; either way the record ends the same.
 */
import { MemoryEventStore } from "../../src/adapters/local";
import type { EventStore } from "../../src/app/ports";
import { importRecord, toJsonl } from "../../src/app/record-transfer";
import { anIncident, aPerson } from "../builders";
import { sampleRecordText } from "../ui/sample";

/** The store without its optional bulk methods (as the SharePoint store is today). */
function withoutBulk(store: MemoryEventStore): EventStore {
  return {
    append: (e) => store.append(e),
    readAll: () => store.readAll(),
    readPerson: (p) => store.readPerson(p),
    clear: () => store.clear(),
  };
}

const ids = async (store: EventStore): Promise<string[]> => (await store.readAll()).map((e) => e.id).sort();

describe("importRecord", () => {
  it("names the file's own line, never 'line 0', when a file event clashes with one already in the record", async () => {
    const store = new MemoryEventStore();
    await importRecord(store, sampleRecordText(), { replace: true });
    const first = JSON.parse(sampleRecordText().split("\n")[0]!) as { data: Record<string, unknown> };
    const clash = JSON.stringify({ ...first, data: { ...first.data, name: "Someone else" } });
    const result = await importRecord(store, `\n${clash}\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 2, code: "E_DUPLICATE_ID" });
    expect(result.errors[0]!.message).toMatch(/already used by an event already in the record with different content/);
    expect(JSON.stringify(result.errors)).not.toMatch(/line 0|"line":0/);
  });

  it("uses appendMany once when the store has it, and append otherwise, to the same record", async () => {
    const text = sampleRecordText();
    const bulk = new MemoryEventStore();
    const appendMany = jest.spyOn(bulk, "appendMany");
    const append = jest.spyOn(bulk, "append");
    const plainStore = new MemoryEventStore();
    const plain = withoutBulk(plainStore);

    const a = await importRecord(bulk, text, { replace: true });
    const b = await importRecord(plain, text, { replace: true });

    const lines = text.trim().split("\n").length;
    expect(a).toEqual({ ok: true, added: lines, alreadyThere: 0 });
    expect(b).toEqual(a);
    expect(appendMany).toHaveBeenCalledTimes(1);
    expect(append).not.toHaveBeenCalled();
    expect(await ids(bulk)).toEqual(await ids(plainStore));
    // Importing the same file again adds nothing either way.
    await expect(importRecord(bulk, text)).resolves.toEqual({ ok: true, added: 0, alreadyThere: lines });
    await expect(importRecord(plain, text)).resolves.toEqual({ ok: true, added: 0, alreadyThere: lines });
  });
});

describe("importRecord refuses hostile lines (issue 16), each with its line, and writes nothing", () => {
  it("a line nested 5,000 deep and a 300,000-character file note; export still works after", async () => {
    const store = new MemoryEventStore();
    const person = aPerson({}, { id: "p1" });
    await store.append(person);
    const deep = JSON.stringify(anIncident({}, { id: "deep" })).replace(
      '"summary":',
      `"extra":${"[".repeat(5000)}${"]".repeat(5000)},"summary":`,
    );
    const long = JSON.stringify(anIncident({ summary: "x".repeat(300_000) }, { id: "long" }));
    const fine = JSON.stringify(anIncident({}, { id: "fine" }));
    const result = await importRecord(store, [fine, deep, long].join("\n"));
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 2, id: null, code: "E_SCHEMA", message: expect.stringMatching(/^line 2: is nested more than 64/) },
        {
          line: 3,
          id: "long",
          code: "E_SCHEMA",
          message: expect.stringMatching(/^data\.summary: is 300,000 characters/),
        },
      ],
    });
    expect(await ids(store)).toEqual(["p1"]);
    expect(toJsonl(await store.readAll())).toBe(`${JSON.stringify(person)}\n`);
  });
});
