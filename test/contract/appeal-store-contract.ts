/**
 * One contract for every AppealStore (app/appeals.ts): memory, the device's key-value store and the
 * SharePoint list. Append-only, idempotent by id, a conflicting id refused, read per person.
 */
import { AppealConflictError, type AppealDecided, type AppealReceived, type AppealStore } from "../../src/app/appeals";

export const received = (over: Partial<AppealReceived> = {}): AppealReceived => ({
  type: "AppealReceived",
  id: "appeal-1",
  personId: "P-1",
  decisionEventId: "imposed",
  decisionType: "StrategyImposed",
  askedBy: "Alex Person",
  grounds: "I only phoned because nobody answered.",
  receivedOn: "2026-11-01",
  recordedBy: "officer.one@opcc.example",
  recordedAt: "2026-11-01T10:00:00.000Z",
  ...over,
});

export const decided = (over: Partial<AppealDecided> = {}): AppealDecided => ({
  type: "AppealDecided",
  id: "appeal-decided-1",
  appealId: "appeal-1",
  personId: "P-1",
  outcome: "varied",
  rationale: "Calls may continue; the single point of contact stays.",
  decidedBy: "manager.two@opcc.example",
  decidedOn: "2026-11-03",
  recordedAt: "2026-11-03T10:00:00.000Z",
  recordEventId: "appeal-vary-x",
  restrictions: [{ kind: "single-point-of-contact", staff: "officer.one@opcc.example" }],
  ...over,
});

export function appealStoreContract(name: string, make: () => Promise<AppealStore>): void {
  describe(`AppealStore contract: ${name}`, () => {
    it("stores entries and reads them back per person, exactly", async () => {
      const store = await make();
      expect(await store.append(received())).toBe("appended");
      expect(await store.append(decided())).toBe("appended");
      expect(await store.append(received({ id: "appeal-2", personId: "P-2" }))).toBe("appended");
      const mine = await store.readPerson("P-1");
      expect(mine.sort((a, b) => a.id.localeCompare(b.id))).toEqual([received(), decided()]);
      expect((await store.readPerson("P-2")).map((e) => e.id)).toEqual(["appeal-2"]);
      expect(await store.readPerson("P-3")).toEqual([]);
    });

    it("the same entry again (a retry, recordedAt aside) is a duplicate and stores nothing more", async () => {
      const store = await make();
      await store.append(received());
      expect(await store.append(received({ recordedAt: "2026-11-01T10:00:05.000Z" }))).toBe("duplicate");
      expect(await store.readPerson("P-1")).toHaveLength(1);
    });

    it("a different entry with an id already stored is refused and the stored one stays", async () => {
      const store = await make();
      await store.append(decided());
      await expect(store.append(decided({ outcome: "overturned" }))).rejects.toBeInstanceOf(AppealConflictError);
      expect((await store.readPerson("P-1")).map((e) => (e as AppealDecided).outcome)).toEqual(["varied"]);
    });
  });
}
