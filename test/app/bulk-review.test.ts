/**
 * Bulk review (9.10): one ContactReviewed per contact in one batch; what cannot be recorded is
 * reported with its reason and the rest is still recorded.
 */
import * as A from "../../src/app/actions";
import { reviewContacts, type BulkReviewItem } from "../../src/app/bulk-review";
import { RecordService } from "../../src/app/record-service";
import type { RecordEvent } from "../../src/domain";
import { registered } from "./ladder-fixture";
import { makeWorld, type World } from "./world";

async function calls(w: World, personId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: `2026-11-02T1${i}:00:00Z`,
      from: "07700 900123",
      to: ["officer.one@opcc.example"],
    });
    ids.push(r.contactId);
  }
  return ids;
}

const reviewsIn = (events: RecordEvent[]) =>
  events.filter((e) => e.type === "ContactReviewed").map((e) => (e.data as { contactId: string }).contactId);

describe("reviewContacts", () => {
  it("records one review per contact with its own outcome and note, in one refresh of the read model", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const [c1, c2, c3] = await calls(w, personId, 3);
    let loads = 0;
    const load = w.record.load.bind(w.record);
    w.record.load = () => {
      loads++;
      return load();
    };
    const items: BulkReviewItem[] = [
      { personId, contactId: c1!, outcome: "no-new-information" },
      { personId, contactId: c2!, outcome: "safeguarding", note: "  Mentioned a child at risk. " },
      { personId, contactId: c3!, outcome: "new-issue" },
    ];
    const result = await reviewContacts(w.ctx("line.manager@opcc.example"), items);
    expect(result.recorded).toEqual(items);
    expect(result.failed).toEqual([]);
    expect(loads).toBe(1);
    const reviews = (await w.events()).filter((e) => e.type === "ContactReviewed");
    expect(reviews.map((e) => e.data)).toEqual([
      { contactId: c1, outcome: "no-new-information" },
      { contactId: c2, outcome: "safeguarding", note: "Mentioned a child at risk." },
      { contactId: c3, outcome: "new-issue" },
    ]);
    expect(reviews.every((e) => e.by === "line.manager@opcc.example")).toBe(true);
    const person = w.record.index.person(personId);
    expect([...person.contacts.values()].every((c) => c.reviewed)).toBe(true);
  });

  it("keeps what it could record when one review is refused, and says why for that one", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const [c1, c2] = await calls(w, personId, 2);
    const result = await reviewContacts(w.ctx(), [
      { personId, contactId: c1!, outcome: "no-new-information" },
      { personId, contactId: "C-not-logged", outcome: "no-new-information" },
      { personId, contactId: c2!, outcome: "criminal-matter" },
    ]);
    expect(result.recorded.map((i) => i.contactId)).toEqual([c1, c2]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.item.contactId).toBe("C-not-logged");
    expect(result.failed[0]!.reason).toMatch(/^No contact "C-not-logged" is logged for this person/);
    expect(reviewsIn(await w.events())).toEqual([c1, c2]);
  });

  it("skips a contact someone has already reviewed, appending nothing for it", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const [c1, c2] = await calls(w, personId, 2);
    await A.reviewContact(w.ctx("officer.two@opcc.example"), {
      personId,
      contactId: c1!,
      outcome: "no-new-information",
    });
    const result = await reviewContacts(w.ctx(), [
      { personId, contactId: c1!, outcome: "new-issue" },
      { personId, contactId: c2!, outcome: "no-new-information" },
      { personId, contactId: c2!, outcome: "no-new-information" },
    ]);
    expect(result.alreadyReviewed.map((i) => i.contactId)).toEqual([c1]);
    expect(result.recorded.map((i) => i.contactId)).toEqual([c2]);
    expect(reviewsIn(await w.events())).toEqual([c1, c2]);
  });

  it("dates a review no earlier than the contact it reviews", async () => {
    const w = makeWorld("2026-11-03T09:30:00Z");
    const personId = await registered(w);
    const r = await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: "2026-11-03T12:00:00Z", // later than the clock (a host clock behind the phone system)
      from: "07700 900123",
      to: ["officer.one@opcc.example"],
    });
    const result = await reviewContacts(w.ctx(), [{ personId, contactId: r.contactId, outcome: "no-new-information" }]);
    expect(result.failed).toEqual([]);
    const review = (await w.events()).find((e) => e.type === "ContactReviewed")!;
    expect(Date.parse(review.at)).toBeGreaterThanOrEqual(Date.parse("2026-11-03T12:00:00Z"));
  });

  it("when the store fails part-way, what was saved stays saved and the rest is reported unsaved", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const ids = await calls(w, personId, 3);
    // A store that accepts one more append, then loses its connection.
    let allowance = 1;
    const flaky = {
      append: (e: RecordEvent) => {
        if (allowance-- <= 0) return Promise.reject(new Error("network down"));
        return w.store.append(e);
      },
      readAll: () => w.store.readAll(),
      readPerson: (id: string) => w.store.readPerson(id),
    };
    const record = new RecordService(flaky, w.clock);
    await record.load();
    const result = await reviewContacts(
      { record, clock: w.clock, ids: w.ids, by: "officer.one@opcc.example" },
      ids.map((contactId) => ({ personId, contactId, outcome: "no-new-information" as const })),
    );
    expect(result.recorded.map((i) => i.contactId)).toEqual([ids[0]]);
    expect(result.failed.map((f) => f.item.contactId)).toEqual([ids[1], ids[2]]);
    expect(result.failed[0]!.reason).toMatch(/could not be saved \(network down\)/);
    expect(reviewsIn(await w.events())).toEqual([ids[0]]);
    expect(record.index.person(personId).contacts.get(ids[0]!)?.reviewed).toBe(true);
  });
});
