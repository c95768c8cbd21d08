import { breachIdFor, derivedId, messageContactId, messageKey } from "../../src/app/derived-id";
import { isoToLondonLocal, londonLocalToIso } from "../../src/app/local-time";
import { searchPeople } from "../../src/app/people";
import * as A from "../../src/app/actions";
import { makeWorld } from "./world";

describe("deterministic ids (record-format §1)", () => {
  it("are stable, valid event ids, and differ for different things", () => {
    const id = messageContactId("AAMkAGI2TG93AAA=/+long-outlook-item-id".repeat(5));
    expect(id).toMatch(/^msg-[0-9a-f]{28}$/);
    expect(id).toBe(messageContactId("AAMkAGI2TG93AAA=/+long-outlook-item-id".repeat(5)));
    expect(id).not.toBe(messageContactId("AAMkAGI2TG93AAB=/+long-outlook-item-id".repeat(5)));
    expect(breachIdFor("c1", "S-1", "written-only")).not.toBe(breachIdFor("c1", "S-1", "phone-window"));
  });

  it("join their parts unambiguously", () => {
    expect(derivedId("x", "ab", "c")).not.toBe(derivedId("x", "a", "bc"));
  });
});

describe("London wall-clock time (record-format §1)", () => {
  it("reads a typed time as UK time, GMT in winter and BST in summer", () => {
    expect(londonLocalToIso("2026-11-03T09:30")).toBe("2026-11-03T09:30:00.000Z");
    expect(londonLocalToIso("2026-07-03T09:30")).toBe("2026-07-03T08:30:00.000Z");
    expect(isoToLondonLocal(Date.parse("2026-07-03T08:30:00Z"))).toBe("2026-07-03T09:30");
  });

  it("takes the first reading in the repeated hour and GMT in the skipped one", () => {
    expect(londonLocalToIso("2026-10-25T01:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(londonLocalToIso("2026-03-29T01:30")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses what is not a date and time", () => {
    expect(londonLocalToIso("yesterday")).toBeNull();
    expect(londonLocalToIso("2026-02-30T10:00")).toBeNull();
  });
});

describe("finding a person", () => {
  it("by every word of the name, by address (any case) and by phone digits", async () => {
    const w = makeWorld();
    await A.registerPerson(w.ctx(), {
      name: "Alex Morgan",
      emails: ["alex.morgan@example.com"],
      phones: ["07700 900456"],
    });
    await A.registerPerson(w.ctx(), { name: "Morgan Lee", emails: ["ml@example.net"] });
    const index = w.record.index;
    expect(searchPeople(index, "morgan").map((p) => p.name)).toEqual(["Alex Morgan", "Morgan Lee"]);
    expect(searchPeople(index, "morgan alex").map((p) => p.name)).toEqual(["Alex Morgan"]);
    expect(searchPeople(index, "ALEX.MORGAN@EXAMPLE.COM").map((p) => p.name)).toEqual(["Alex Morgan"]);
    expect(searchPeople(index, "+44 7700 900456").map((p) => p.name)).toEqual(["Alex Morgan"]);
    expect(searchPeople(index, "  ")).toEqual([]);
    expect(searchPeople(index, "nobody")).toEqual([]);
  });
});

describe("messageKey", () => {
  it("uses the Internet Message-ID, the same in every mailbox, so two staff who received one message share its ids", () => {
    const inOfficerOnesMailbox = { id: "AAMkAGI2One==", internetMessageId: "<CAF1@mail.example.org>" };
    const inOfficerTwosMailbox = { id: "AAMkAGI2Two==", internetMessageId: "<CAF1@mail.example.org>" };
    expect(messageContactId(messageKey(inOfficerOnesMailbox))).toBe(messageContactId(messageKey(inOfficerTwosMailbox)));
  });

  it("falls back to the host id when the host does not know the Internet Message-ID", () => {
    expect(messageKey({ id: "m-1" })).toBe("m-1");
    expect(messageContactId(messageKey({ id: "m-1" }))).not.toBe(messageContactId(messageKey({ id: "m-2" })));
  });
});
