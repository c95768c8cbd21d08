/**
 * Mail rules and categories reconciled against the Graph emulator over HTTP (GraphMailbox +
 * MailboxReconciler + categories), and the per-kind mapping of desired rules.
 */
import { RecordIndex, type RecordEvent, type Restriction } from "../../../src/domain";
import { toLogged } from "../../../src/app/record-service";
import { applyVerdictCategories, CATEGORIES } from "../../../src/app/mailbox-categories";
import {
  desiredRules,
  isOwnedRule,
  MailboxReconciler,
  planRules,
  REVIEW_FOLDER,
} from "../../../src/app/mailbox-reconcile";
import { GraphMailbox } from "../../../src/adapters/graph/mailbox";
import { GraphDirectory } from "../../../src/adapters/graph/directory";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { recordBuilder } from "../../contract/builders";
import { makeClient, SCOPES, seedTenant, STAFF_A, STAFF_B } from "./tenant";

const PERSON_MAIL = "p-1@example.org";

function recordWith(
  restrictions: Restriction[],
  extra: (b: ReturnType<typeof recordBuilder>) => RecordEvent[] = () => [],
): RecordIndex {
  const b = recordBuilder();
  const events: RecordEvent[] = [
    b.person({ at: 0 }),
    b.causes({ at: 1 }),
    b.warning({ at: 2 }),
    b.strategy({ at: 3, data: { restrictions } }),
    ...extra(b),
  ];
  return new RecordIndex(toLogged(events));
}

describe("the rules a mailbox should have (mapping per restriction kind)", () => {
  const names = (index: RecordIndex, mailbox = STAFF_A) =>
    desiredRules(index, [mailbox]).map((r) => [
      r.purpose,
      r.from.join(","),
      r.forwardTo ?? "",
      (r.unlessSentTo ?? []).join(","),
      r.move,
      r.categories.join("|"),
    ]);

  it("blocked addresses: move + review category, for the blocked addresses", () => {
    expect(names(recordWith([{ kind: "blocked-addresses", addresses: ["Old@Example.org"] }]))).toEqual([
      ["blocked", "old@example.org", "", "", true, "Contact strategy review|Contact strategy in place"],
    ]);
  });

  it("dedicated address: forward to it unless already sent to it, and divert; in that mailbox, category only", () => {
    const index = recordWith([{ kind: "dedicated-address", address: "complaints@opcc.example" }]);
    expect(names(index)).toEqual([
      ["forward-dedicated", PERSON_MAIL, "complaints@opcc.example", "complaints@opcc.example", false, ""],
      ["divert", PERSON_MAIL, "", "", true, "Contact strategy review|Contact strategy in place"],
    ]);
    expect(names(index, "complaints@opcc.example")).toEqual([
      ["category", PERSON_MAIL, "", "", false, "Contact strategy in place"],
    ]);
  });

  it("single point of contact: forward to the SPOC (not in the SPOC's own mailbox) and divert", () => {
    const index = recordWith([{ kind: "single-point-of-contact", staff: STAFF_B }]);
    expect(names(index)).toEqual([
      ["forward-spoc", PERSON_MAIL, STAFF_B, STAFF_B, false, ""],
      ["divert", PERSON_MAIL, "", "", true, "Contact strategy review|Contact strategy in place"],
    ]);
    expect(names(index, STAFF_B)).toEqual([["category", PERSON_MAIL, "", "", false, "Contact strategy in place"]]);
  });

  it("advocate only: divert; the other kinds: category only", () => {
    expect(
      names(recordWith([{ kind: "advocate-only", advocate: { name: "A. Advocate", email: "adv@example.org" } }])),
    ).toEqual([["divert", PERSON_MAIL, "", "", true, "Contact strategy review|Contact strategy in place"]]);
    for (const r of [
      { kind: "written-only", allowed: ["email"] },
      { kind: "call-recording" },
      { kind: "no-reopening", matterRefs: ["CPL-1"] },
      { kind: "phone-window", windows: [{ day: "mon", from: "09:00", to: "10:00" }] },
    ] as Restriction[]) {
      expect(names(recordWith([r]))).toEqual([["category", PERSON_MAIL, "", "", false, "Contact strategy in place"]]);
    }
  });

  it("never a person rule without senders (it would match all mail), and none once the strategy is lifted", () => {
    const withEmail = recordWith([{ kind: "advocate-only", advocate: { name: "A" } }]);
    const b = recordBuilder();
    const phoneOnly = new RecordIndex(
      toLogged([
        b.person({ at: 0, data: { emails: [], phones: ["07700900123"] } }),
        b.causes({ at: 1 }),
        b.warning({ at: 2 }),
        b.strategy({ at: 3, data: { restrictions: [{ kind: "advocate-only", advocate: { name: "A" } }] } }),
      ]),
    );
    expect(desiredRules(phoneOnly, [STAFF_A])).toEqual([]);
    expect(desiredRules(withEmail, [STAFF_A])).toHaveLength(1);
    const lifted = recordWith([{ kind: "advocate-only", advocate: { name: "A" } }], (bb) => [bb.lift({ at: 10 })]);
    expect(desiredRules(lifted, [STAFF_A])).toEqual([]);
  });
});

describe("the organisation's own addresses in mail rules (issue 16)", () => {
  const rules = (index: RecordIndex, domains: string[] = []) =>
    desiredRules(index, [STAFF_A], domains).map((r) => [r.purpose, r.from.join(","), r.forwardTo ?? ""]);

  it("never forwards outside the organisation: an outside dedicated address or SPOC still diverts, with no forward rule", () => {
    expect(rules(recordWith([{ kind: "dedicated-address", address: "drop@evil.example" }]))).toEqual([
      ["divert", PERSON_MAIL, ""],
    ]);
    expect(rules(recordWith([{ kind: "single-point-of-contact", staff: "someone@evil.example" }]))).toEqual([
      ["divert", PERSON_MAIL, ""],
    ]);
    // A domain the settings name counts as the organisation's too.
    expect(
      rules(recordWith([{ kind: "dedicated-address", address: "c@opcc-mail.example" }]), ["opcc-mail.example"]),
    ).toEqual([
      ["forward-dedicated", PERSON_MAIL, "c@opcc-mail.example"],
      ["divert", PERSON_MAIL, ""],
    ]);
  });

  it("never matches the organisation's own addresses as a person's or a blocked address (no rule moves hr@ or ceo@ mail)", () => {
    const b = recordBuilder();
    const index = new RecordIndex(
      toLogged([
        b.person({ at: 0, data: { emails: ["hr@opcc.example", PERSON_MAIL] } }),
        b.causes({ at: 1 }),
        b.warning({ at: 2 }),
        b.strategy({
          at: 3,
          data: {
            restrictions: [
              { kind: "blocked-addresses", addresses: ["CEO@opcc.example", "old@example.org"] },
              { kind: "written-only", allowed: ["email"] },
            ],
          },
        }),
      ]),
    );
    expect(rules(index)).toEqual([
      ["blocked", "old@example.org", ""],
      ["category", PERSON_MAIL, ""],
    ]);
  });

  it("recognises its own rules for any valid person id (P.1, P 1): updated and removed, not re-created each run", () => {
    expect(isOwnedRule("[CSM] P.1 S-1 divert")).toBe(true);
    expect(isOwnedRule("[CSM] P 1 S-1 divert")).toBe(true);
    expect(isOwnedRule("[CSM]-ish rule of my own")).toBe(false);
    expect(isOwnedRule("Newsletters")).toBe(false);
    const owned = { id: "r1", displayName: "[CSM] P.1 S-1 divert" };
    expect(planRules([], [owned], null).remove).toEqual(["r1"]);
  });
});

describe("reconciling a mailbox over Graph", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startGraphEmulator();
    seedTenant(emu.emulator);
  });
  afterEach(async () => {
    await emu.close();
  });

  function reconciler(upn = STAFF_A) {
    const kit = makeClient(emu.baseUrl, fetch, upn);
    const mailbox = new GraphMailbox(kit.graph, { settings: SCOPES.mailboxSettings, mail: SCOPES.mail });
    return {
      kit,
      mailbox,
      reconciler: new MailboxReconciler(mailbox, mailbox, new MemorySyncStorage(), kit.clock, [upn]),
    };
  }
  const rulesOf = (upn = STAFF_A) => [...emu.emulator.mailbox(upn).rules.values()];

  it("creates the review folder, the categories and the rules; applies only the difference; never touches others' rules", async () => {
    const own = emu.emulator.mailbox(STAFF_A);
    own.rules.set("mine", {
      id: "mine",
      displayName: "Newsletters to folder",
      sequence: 1,
      isEnabled: true,
      hasError: false,
      isReadOnly: false,
      conditions: { senderContains: ["news"] },
      actions: { delete: true },
    });
    own.rules.set("lookalike", {
      id: "lookalike",
      displayName: "[CSM]-ish rule of my own",
      sequence: 2,
      isEnabled: true,
      hasError: false,
      isReadOnly: false,
      actions: { markAsRead: true },
    });
    const { reconciler: r, kit } = reconciler();
    const index = recordWith([
      { kind: "single-point-of-contact", staff: STAFF_B },
      { kind: "blocked-addresses", addresses: ["old@example.org"] },
    ]);

    const report = await r.run(index);
    expect(report).toEqual({
      created: 3,
      updated: 0,
      removed: 0,
      categoriesCreated: Object.values(CATEGORIES).map((c) => c.displayName),
      forwardsWithheld: [],
    });
    const folder = [...own.folders.values()].find((f) => f.displayName === REVIEW_FOLDER)!;
    expect(own.folders.get(folder.parentFolderId)?.wellKnownName).toBe("inbox");
    expect([...own.categories.values()].map((c) => [c.displayName, c.color])).toEqual(
      Object.values(CATEGORIES).map((c) => [c.displayName, c.color]),
    );
    const product = rulesOf().filter((x) => x.displayName.startsWith("[CSM] "));
    expect(product.map((x) => x.displayName).sort()).toEqual([
      "[CSM] P-1 S-1 blocked",
      "[CSM] P-1 S-1 divert",
      "[CSM] P-1 S-1 forward-spoc",
    ]);
    for (const rule of product) {
      expect(rule.actions["delete"]).toBeUndefined();
      expect(rule.actions["permanentDelete"]).toBeUndefined();
      if (rule.actions["moveToFolder"]) expect(rule.actions["moveToFolder"]).toBe(folder.id);
    }
    expect(rulesOf().find((x) => x.id === "mine")!.actions).toEqual({ delete: true });
    expect(rulesOf().find((x) => x.id === "lookalike")).toBeDefined();

    // Within 10 minutes and nothing changed: skipped, no Graph call.
    const before = emu.emulator.requests.length;
    expect(await r.run(index)).toBe("skipped");
    expect(emu.emulator.requests.length).toBe(before);

    // Someone deletes a product rule and edits another; after 10 minutes both come back as they were.
    const divert = product.find((x) => x.displayName.endsWith("divert"))!;
    own.rules.delete(divert.id);
    const blocked = product.find((x) => x.displayName.endsWith("blocked"))!;
    own.rules.get(blocked.id)!.actions = { ...blocked.actions, permanentDelete: true };
    kit.clock.advance(10 * 60_000);
    expect(await r.run(index)).toEqual({
      created: 1,
      updated: 1,
      removed: 0,
      categoriesCreated: [],
      forwardsWithheld: [],
    });
    expect(own.rules.get(blocked.id)!.actions["permanentDelete"]).toBeUndefined();
    expect(rulesOf().filter((x) => x.displayName.startsWith("[CSM] "))).toHaveLength(3);
  });

  it("runs at once when a strategy changes, and a lifted strategy's rules go", async () => {
    const { reconciler: r } = reconciler();
    const restrictions: Restriction[] = [{ kind: "advocate-only", advocate: { name: "A. Advocate" } }];
    await r.run(recordWith(restrictions));
    expect(rulesOf().map((x) => x.displayName)).toEqual(["[CSM] P-1 S-1 divert"]);
    const lifted = recordWith(restrictions, (b) => [b.lift({ at: 10 })]);
    expect(await r.run(lifted)).toMatchObject({ created: 0, removed: 1 });
    expect(rulesOf()).toEqual([]);
  });

  it("in the SPOC's own mailbox: category only, no forwarding to themselves", async () => {
    const { reconciler: r } = reconciler(STAFF_B);
    await r.run(recordWith([{ kind: "single-point-of-contact", staff: STAFF_B }]));
    const rules = rulesOf(STAFF_B);
    expect(rules.map((x) => x.displayName)).toEqual(["[CSM] P-1 S-1 category"]);
    expect(rules[0]!.actions).toEqual({ assignCategories: ["Contact strategy in place"], stopProcessingRules: false });
  });

  describe("forwards only to addresses the directory knows (issue 16)", () => {
    function checked(consented?: readonly string[]) {
      const kit = makeClient(emu.baseUrl, fetch, STAFF_A, consented ? { consented } : {});
      const mailbox = new GraphMailbox(kit.graph, { settings: SCOPES.mailboxSettings, mail: SCOPES.mail });
      const directory = new GraphDirectory(kit.graph, SCOPES.manager);
      return new MailboxReconciler(mailbox, mailbox, new MemorySyncStorage(), kit.clock, [STAFF_A], [], directory);
    }

    it("a SPOC in the directory gets the forward rule", async () => {
      const report = await checked().run(recordWith([{ kind: "single-point-of-contact", staff: STAFF_B }]));
      expect(report).toMatchObject({ forwardsWithheld: [] });
      expect(rulesOf().map((x) => x.displayName)).toContain("[CSM] P-1 S-1 forward-spoc");
    });

    it("an address on the organisation's domain that nobody owns gets no forward; the mail is still diverted", async () => {
      const report = await checked().run(
        recordWith([{ kind: "dedicated-address", address: "no.such.team@opcc.example" }]),
      );
      expect(report).toMatchObject({ forwardsWithheld: [{ to: "no.such.team@opcc.example", reason: "missing" }] });
      const names = rulesOf().map((x) => x.displayName);
      expect(names).toContain("[CSM] P-1 S-1 divert");
      expect(names.some((n) => n.includes("forward"))).toBe(false);
      for (const rule of rulesOf()) expect(rule.actions["forwardTo"]).toBeUndefined();
    });

    it("without the directory permission the forward is withheld, and tried again at the next run", async () => {
      emu.emulator.enforceScopes = true;
      const noDirectory = Object.values(SCOPES)
        .flat()
        .filter((s) => s !== "User.Read.All");
      const r = checked(noDirectory);
      const index = recordWith([{ kind: "single-point-of-contact", staff: STAFF_B }]);
      expect(await r.run(index)).toMatchObject({ forwardsWithheld: [{ to: STAFF_B, reason: "unchecked" }] });
      expect(rulesOf().some((x) => x.displayName.includes("forward"))).toBe(false);
      expect(await r.run(index)).not.toBe("skipped");
    });
  });

  it("waits out a 429 on the rules endpoint and finishes the job", async () => {
    const { reconciler: r, kit } = reconciler();
    emu.emulator.addFault({ method: "POST", path: "/messageRules", status: 429, retryAfter: 9 });
    await r.run(recordWith([{ kind: "written-only", allowed: ["email"] }]));
    expect(kit.clock.sleeps).toContain(9000);
    expect(rulesOf()).toHaveLength(1);
  });

  it("sets a message's categories from its verdict, keeping the owner's own categories", async () => {
    const kit = makeClient(emu.baseUrl, fetch);
    const mailbox = new GraphMailbox(kit.graph, { settings: SCOPES.mailboxSettings, mail: SCOPES.mail });
    const msg = emu.emulator.addMessage(STAFF_A, { subject: "Again", categories: ["Red team", "Warning issued"] });
    const verdict = {
      person: { id: "P-1", name: "Alex" },
      stage: "restricted" as const,
      breaches: [{ strategyId: "S-1", restriction: "written-only" as const, policyRef: "9.9" as const, reason: "x" }],
      notes: [],
    };
    const out = await applyVerdictCategories(mailbox, msg.id, verdict);
    expect(out.changed).toBe(true);
    expect(emu.emulator.mailbox(STAFF_A).messages.get(msg.id)!.categories).toEqual([
      "Red team",
      "Contact strategy breach",
      "Contact strategy in place",
    ]);
    expect((await applyVerdictCategories(mailbox, msg.id, verdict)).changed).toBe(false);
  });
});
