/**
 * Breach notifications in Teams against the Graph emulator over HTTP: the card to the line
 * manager, the casework-manager fallback, exactly once across retries, reloads, lost responses,
 * throttling and a crashed claim holder; Chat.Read asked for only when a send's outcome is unknown.
 */
import { type EventOf } from "../../../src/domain";
import { BreachNotifier, cardAttachmentId, cardText } from "../../../src/app/notify";
import { GraphTeams, SharePointLedger } from "../../../src/adapters/graph/teams";
import { startGraphEmulator, type GraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { FakeClock } from "../../support/graph-emulator/fake-time";
import { recordBuilder } from "../../contract/builders";
import {
  CASEWORK,
  ledgerList,
  makeClient,
  MANAGER_A,
  NO_MANAGER,
  SCOPES,
  seedTenant,
  setUpLists,
  STAFF_A,
  STAFF_B,
} from "./tenant";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  await setUpLists(makeClient(emu.baseUrl, fetch).graph);
});

afterEach(async () => {
  await emu.close();
});

const NOW = Date.parse("2026-03-02T10:00:00Z");

function breach(by = STAFF_A): EventOf<"BreachRecorded"> {
  const b = recordBuilder();
  return b.breach({
    id: "breach-abc",
    at: 60,
    by,
    recordedAt: "2026-03-02T10:00:00Z",
    data: { restriction: "single-point-of-contact", detail: "Secret incident detail that must not leave the record." },
  }) as EventOf<"BreachRecorded">;
}

function notifier(
  upn = STAFF_A,
  options: { clock?: FakeClock; token?: string; casework?: string | null; consented?: readonly string[] } = {},
) {
  const clock = options.clock ?? new FakeClock(NOW);
  const kit = makeClient(emu.baseUrl, fetch, upn, {
    clock,
    ...(options.consented ? { consented: options.consented } : {}),
  });
  const teams = new GraphTeams(kit.graph, SCOPES);
  const n = new BreachNotifier(new SharePointLedger(ledgerList(kit.graph)), teams, {
    clock,
    sleep: clock.sleep,
    instanceToken: options.token ?? "page-1",
    caseworkManagerUpn: options.casework === undefined ? CASEWORK : options.casework,
    recordLink: (personId) => `https://addin.opcc.example/record?person=${encodeURIComponent(personId)}`,
    notifySinceMs: NOW - 24 * 3600_000,
  });
  return { n, kit, clock };
}

function cardsIn(
  emulator: GraphEmulator,
): { chatId: string; members: string[]; attachmentIds: string[]; card: Record<string, unknown> }[] {
  const out = [];
  for (const chat of emulator.chats.values()) {
    const members = chat.memberIds
      .map((id) => [...emulator.users.values()].find((u) => u.id === id)!.userPrincipalName)
      .sort();
    for (const m of chat.messages) {
      const att = m.attachments as { id: string; content: string }[];
      out.push({
        chatId: chat.id,
        members,
        attachmentIds: att.map((a) => a.id),
        card: JSON.parse(att[0]!.content) as Record<string, unknown>,
      });
    }
  }
  return out;
}

const ledgerItems = () =>
  [...[...emu.emulator.sites.values()][0]!.lists.values()].find(
    (l) => l.displayName === "Contact strategy notifications",
  )!.items;

describe("breach notifications in Teams", () => {
  it("sends the recorder's line manager one card: what, when, by whom, the person's reference and a link; no incident detail", async () => {
    const { n, kit } = notifier();
    await expect(n.notify(breach())).resolves.toBe("sent");
    const cards = cardsIn(emu.emulator);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.members).toEqual([MANAGER_A, STAFF_A].sort());
    expect(cards[0]!.attachmentIds).toEqual([cardAttachmentId("breach-abc")]);
    const text = JSON.stringify(cards[0]!.card);
    expect(cards[0]!.card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(text).toContain("A single point of contact (strategy S-1)");
    expect(text).toContain("Monday 2 March 2026 at 10:00");
    expect(text).toContain(STAFF_A);
    expect(text).toContain('"Person reference","value":"P-1"');
    expect(text).toContain("https://addin.opcc.example/record?person=P-1");
    expect(text).not.toContain("Secret incident detail");
    expect([...ledgerItems().values()].map((i) => i.fields["State"])).toEqual(["sent"]);
    // The happy path never asks for Chat.Read.
    expect(kit.tokens.requests.some((r) => r.scopes.includes("Chat.Read"))).toBe(false);
  });

  it("is sent once whatever the retries and reloads: the ledger says it was sent", async () => {
    const first = notifier();
    await first.n.notify(breach());
    await expect(first.n.notify(breach())).resolves.toBe("already-sent");
    const reloaded = notifier(STAFF_A, { token: "page-2" });
    await expect(reloaded.n.notify(breach())).resolves.toBe("already-sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
  });

  it("falls back to the configured casework manager when the directory has no line manager; says so when neither exists", async () => {
    const { n } = notifier(NO_MANAGER);
    await expect(n.notify(breach(NO_MANAGER))).resolves.toBe("sent");
    expect(cardsIn(emu.emulator)[0]!.members).toEqual([CASEWORK, NO_MANAGER].sort());
    const none = notifier(NO_MANAGER, { casework: null, token: "other" });
    const b = { ...breach(NO_MANAGER), id: "breach-def" };
    await expect(none.n.notify(b)).resolves.toBe("no-recipient");
  });

  it("only the recorder notifies (someone else's breach is not theirs to send)", async () => {
    const { n } = notifier(STAFF_B);
    await expect(n.notify(breach(STAFF_A))).resolves.toBe("not-mine");
    expect(cardsIn(emu.emulator)).toHaveLength(0);
  });

  it("after a 503 whose post did land, checks the chat (Chat.Read) and does not send again", async () => {
    const { n, kit } = notifier();
    emu.emulator.addFault({ method: "POST", path: "/messages", status: 503, afterHandler: true });
    await expect(n.notify(breach())).rejects.toMatchObject({ status: 503 });
    await expect(n.notify(breach())).resolves.toBe("already-sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
    expect([...ledgerItems().values()].map((i) => i.fields["State"])).toEqual(["sent"]);
    expect(kit.tokens.requests.some((r) => r.scopes.includes("Chat.Read"))).toBe(true);
  });

  it("when the card went but the ledger could not be told, the next attempt only marks it (found by the no-loss proof)", async () => {
    const { n } = notifier();
    emu.emulator.addFault({ method: "PATCH", path: "/fields", status: 503, times: 5 });
    await expect(n.notify(breach())).rejects.toMatchObject({ status: 503 });
    expect(cardsIn(emu.emulator)).toHaveLength(1);
    await expect(n.notify(breach())).resolves.toBe("sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
    expect([...ledgerItems().values()].map((i) => i.fields["State"])).toEqual(["sent"]);
  });

  it("waits for Retry-After when the send is throttled, then sends once", async () => {
    const { n, clock } = notifier();
    emu.emulator.addFault({ method: "POST", path: "/messages", status: 429, retryAfter: 45 });
    await expect(n.notify(breach())).resolves.toBe("sent");
    expect(clock.sleeps).toContain(45_000);
    expect(cardsIn(emu.emulator)).toHaveLength(1);
  });

  it("a claim left by a page that crashed is taken over after the lease; the chat is checked first", async () => {
    const clock = new FakeClock(NOW);
    const crashed = notifier(STAFF_A, { clock, token: "crashed-page" });
    // The crashed page claimed and posted, but never marked it sent.
    emu.emulator.addFault({ method: "PATCH", path: "/fields", status: 503, times: 10 });
    await expect(crashed.n.notify(breach())).rejects.toMatchObject({ status: 503 });
    emu.emulator.clearFaults();
    expect(cardsIn(emu.emulator)).toHaveLength(1);

    const next = notifier(STAFF_A, { clock, token: "new-page" });
    await expect(next.n.notify(breach())).resolves.toBe("claimed-elsewhere");
    clock.advance(10 * 60_000);
    await expect(next.n.notify(breach())).resolves.toBe("already-sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
    expect([...ledgerItems().values()].map((i) => [i.fields["State"], i.fields["ClaimToken"]])).toEqual([
      ["sent", "new-page"],
    ]);
  });

  /** A page that claimed and posted but never marked it sent; the clock past the lease. */
  async function crashedAfterPosting(clock: FakeClock): Promise<void> {
    const crashed = notifier(STAFF_A, { clock, token: "crashed-page" });
    emu.emulator.addFault({ method: "PATCH", path: "/fields", status: 503, times: 10 });
    await expect(crashed.n.notify(breach())).rejects.toMatchObject({ status: 503 });
    emu.emulator.clearFaults();
    expect(cardsIn(emu.emulator)).toHaveLength(1);
    clock.advance(11 * 60_000);
  }

  it("a takeover whose answer was lost still checks the chat next time, though the claim is now its own (found by the no-loss proof)", async () => {
    const clock = new FakeClock(NOW);
    await crashedAfterPosting(clock);
    const next = notifier(STAFF_A, { clock, token: "new-page" });
    // The takeover is written, but its answer is lost: the client's replay then meets 412.
    emu.emulator.addFault({ method: "PATCH", path: "/fields", status: 503, afterHandler: true, times: 1 });
    await expect(next.n.notify(breach())).resolves.toBe("already-sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
  });

  it("a takeover whose chat check failed checks again on the next attempt (found by the no-loss proof)", async () => {
    const clock = new FakeClock(NOW);
    await crashedAfterPosting(clock);
    const next = notifier(STAFF_A, { clock, token: "new-page" });
    emu.emulator.addFault({ method: "GET", path: "/messages", status: 503, times: 20 });
    await expect(next.n.notify(breach())).rejects.toMatchObject({ status: 503 });
    emu.emulator.clearFaults();
    await expect(next.n.notify(breach())).resolves.toBe("already-sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
  });

  it("a stale claim whose holder never sent is taken over and sent exactly once", async () => {
    const clock = new FakeClock(NOW);
    const { kit } = notifier(STAFF_A, { clock });
    await new SharePointLedger(ledgerList(kit.graph)).claim("breach-abc", "vanished-page", NOW);
    clock.advance(11 * 60_000);
    const { n } = notifier(STAFF_A, { clock, token: "new-page" });
    await expect(n.notify(breach())).resolves.toBe("sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
  });

  it("notifies only this user's breaches recorded since notifications started, skipping retracted ones", async () => {
    const { n } = notifier();
    const b = recordBuilder();
    const mine = breach();
    const old = { ...breach(), id: "breach-old", recordedAt: "2026-02-01T10:00:00Z" };
    const theirs = { ...breach(STAFF_B), id: "breach-theirs" };
    const retracted = { ...breach(), id: "breach-retracted" };
    const results = await n.notifyAll([b.person(), mine, old, theirs, retracted], (id) => id === "breach-retracted");
    expect([...results.entries()]).toEqual([["breach-abc", "sent"]]);
  });
});

describe("hostile text and addresses in notifications (issue 16)", () => {
  it("record text in the card is escaped for markdown: a strategy id cannot become a link", async () => {
    const { n } = notifier();
    const b = breach();
    const hostile = {
      ...b,
      personId: "[Open](https://evil.example)",
      data: { ...b.data, strategyId: "**S**](https://evil.example/x) <b>" },
    } as EventOf<"BreachRecorded">;
    await expect(n.notify(hostile)).resolves.toBe("sent");
    const card = cardsIn(emu.emulator)[0]!.card as { body: { facts?: { title: string; value: string }[] }[] };
    const facts = card.body.flatMap((x) => x.facts ?? []);
    const value = (title: string) => facts.find((f) => f.title === title)!.value;
    expect(value("Person reference")).toBe("\\[Open\\]\\(https://evil.example\\)");
    expect(value("What was breached")).toBe(
      "A single point of contact (strategy \\*\\*S\\*\\*\\]\\(https://evil.example/x\\) \\<b\\>)",
    );
    expect(value("Recorded by")).toBe(STAFF_A);
    expect(cardText("- list")).toBe("\\- list");
    expect(cardText("12. heading")).toBe("12\\. heading");
    expect(cardText("a\nb")).toBe("a b");
  });

  it("a casework manager whose UPN has an apostrophe is reached (OData literal with the apostrophe doubled)", async () => {
    const obrien = "mary.o'brien@opcc.example";
    emu.emulator.addUser({ userPrincipalName: obrien, displayName: "Mary O'Brien" });
    const { n } = notifier(NO_MANAGER, { casework: obrien });
    await expect(n.notify(breach(NO_MANAGER))).resolves.toBe("sent");
    expect(cardsIn(emu.emulator)[0]!.members).toEqual([obrien, NO_MANAGER].sort());
  });
});

describe("a ledger item written in advance by someone else (issue 16)", () => {
  it("does not suppress the notification: it is removed, the claim made again, and the card sent once", async () => {
    // Another user with access to the site pre-writes "sent" for the predictable breach id.
    const squatter = makeClient(emu.baseUrl, fetch, STAFF_B);
    await ledgerList(squatter.graph).createItem({
      Title: "breach-abc",
      NotificationKey: "breach-abc",
      State: "sent",
      ClaimToken: "x",
      ClaimedAt: "0",
    });
    const { n } = notifier();
    await expect(n.notify(breach())).resolves.toBe("sent");
    expect(cardsIn(emu.emulator)).toHaveLength(1);
    const items = [...ledgerItems().values()];
    expect(items.map((i) => [i.fields["State"], i.createdByEmail])).toEqual([["sent", STAFF_A]]);
    await expect(notifier(STAFF_A, { token: "page-2" }).n.notify(breach())).resolves.toBe("already-sent");
  });
});
