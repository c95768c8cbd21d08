/**
 * Mail-rule targets and the organisation's own addresses (issue 16, Deliver 3): coded errors where
 * the organisation's domains are known, and the Microsoft 365 write path refuses with them.
 */
import { Outbox } from "../../src/app/outbox";
import { SharedRecordStore } from "../../src/app/shared-record";
import { SyncEngine } from "../../src/app/sync";
import { MemorySyncStorage } from "../../src/adapters/local/outbox-memory";
import {
  checkOrganisationAddresses,
  isOrganisationAddress,
  organisationDomains,
  RecordRejectedError,
} from "../../src/domain";
import {
  aPerson,
  aStrategy,
  aWarning,
  blockedAddresses,
  causesConsidered,
  dedicatedAddress,
  linked,
  spoc,
} from "../builders";

const ORG = organisationDomains(["Officer.One@OPCC.example", "opcc.example", "not a domain"]);

describe("the organisation's addresses", () => {
  it("domains from the mailbox's own addresses or settings; subdomains count; lookalikes do not", () => {
    expect(ORG).toEqual(["opcc.example"]);
    expect(isOrganisationAddress("hr@opcc.example", ORG)).toBe(true);
    expect(isOrganisationAddress("ceo@mail.opcc.example", ORG)).toBe(true);
    expect(isOrganisationAddress("x@evilopcc.example", ORG)).toBe(false);
    expect(isOrganisationAddress("x@opcc.example.evil.test", ORG)).toBe(false);
  });

  it("refuses an organisation address as a person's or a blocked address, and a forward outside the organisation", () => {
    expect(checkOrganisationAddresses(aPerson({ emails: ["a@example.org", "HR@opcc.example"] }), ORG)).toEqual([
      {
        code: "E_ORGANISATION_ADDRESS",
        field: "data.emails[1]",
        message: expect.stringContaining("organisation's own"),
      },
    ]);
    expect(checkOrganisationAddresses(linked({ emails: ["ceo@opcc.example"] }), ORG).map((e) => e.code)).toEqual([
      "E_ORGANISATION_ADDRESS",
    ]);
    const strategy = aStrategy({
      restrictions: [
        blockedAddresses(["old@example.org", "ceo@opcc.example"]),
        dedicatedAddress("drop@evil.example"),
        spoc("someone@gmail.example"),
      ],
    });
    expect(checkOrganisationAddresses(strategy, ORG).map((e) => [e.code, e.field])).toEqual([
      ["E_BLOCKED_ORGANISATION", "data.restrictions[0].addresses[1]"],
      ["E_OUTSIDE_ORGANISATION", "data.restrictions[1].address"],
      ["E_OUTSIDE_ORGANISATION", "data.restrictions[2].staff"],
    ]);
    expect(checkOrganisationAddresses(aStrategy({ restrictions: [spoc("officer.two@opcc.example")] }), ORG)).toEqual(
      [],
    );
    // Domains not known (the local store, csm): nothing to check.
    expect(checkOrganisationAddresses(strategy, [])).toEqual([]);
  });

  it("the shared record's write path refuses with the code and appends nothing", async () => {
    const storage = new MemorySyncStorage();
    const sync = new SyncEngine({ deltaPage: async () => ({ items: [], deleted: [], deltaLink: "d" }) }, storage);
    const outbox = await Outbox.open(
      storage,
      { append: async () => "appended" },
      {
        clock: { now: () => 0 },
        sleep: async () => undefined,
      },
    );
    const store = new SharedRecordStore(sync, outbox, () => undefined, ORG);
    await store.append(aPerson({}, { id: "p1" }));
    await store.append(causesConsidered({}, { at: "2026-10-29T09:01:00Z" }));
    await store.append(aWarning({}, { at: "2026-10-29T09:02:00Z" }));
    const bad = aStrategy({ restrictions: [dedicatedAddress("drop@evil.example")] }, { at: "2026-10-29T09:03:00Z" });
    const refused = await store.append(bad).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RecordRejectedError);
    expect((refused as RecordRejectedError).codes).toEqual(["E_OUTSIDE_ORGANISATION"]);
    expect(outbox.has(bad.id)).toBe(false);
    await expect(store.append(aPerson({ emails: ["hr@opcc.example"] }, { id: "p2", personId: "P-2" }))).rejects.toThrow(
      /E_ORGANISATION_ADDRESS/,
    );
  });
});
