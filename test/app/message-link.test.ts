/**
 * The review queue's links to messages and the call note (issue 9 Deliver 4, issue 14 Deliver 3
 * and 10): where a message is and what was said are extra fields of ContactLogged, which the
 * record format ignores (record-format §1), so `csm` reads such a record exactly as before.
 */
import * as A from "../../src/app/actions";
import { messageContactId } from "../../src/app/derived-id";
import { messageLocationOf, outlookWebMessageLink, previewMessageLinker, toEwsId } from "../../src/app/message-link";
import { contactsAwaitingReview } from "../../src/app/register";
import { runCli } from "../../src/cli/run";
import { describeEvent } from "../../src/ui/history/describe-event";
import { registered, PERSON_EMAIL } from "./ladder-fixture";
import { makeWorld } from "./world";

const email = (at: string) => ({
  channel: "email" as const,
  at,
  from: PERSON_EMAIL,
  to: ["complaints@opcc.example"],
});

describe("links to the message", () => {
  it("Outlook on the web: the EWS id, URL-encoded, in the read form's query string", () => {
    expect(outlookWebMessageLink({ itemId: "AAMkAGI2+THh/AAA=" })).toBe(
      "https://outlook.office.com/owa/?ItemID=AAMkAGI2%2BTHh%2FAAA%3D&exvsurl=1&viewmodel=ReadMessageItem",
    );
    // A Graph (REST) id is the same identifier in URL-safe base64: the same link.
    expect(toEwsId("AAMkAGI2_THh-AAA=")).toBe("AAMkAGI2+THh/AAA=");
    expect(outlookWebMessageLink({ itemId: "AAMkAGI2_THh-AAA=" })).toBe(
      outlookWebMessageLink({ itemId: "AAMkAGI2+THh/AAA=" }),
    );
  });

  it("the preview: its page with the message selected", () => {
    expect(previewMessageLinker("./")({ itemId: "msg alex&1" })).toBe("./?select=msg%20alex%261");
  });

  it("reads a stored location defensively (an extra field may hold anything in an imported record)", () => {
    expect(messageLocationOf({ message: { itemId: "m1", mailbox: "complaints@opcc.example" } })).toEqual({
      itemId: "m1",
      mailbox: "complaints@opcc.example",
    });
    expect(messageLocationOf({ message: { itemId: "m1", mailbox: 3 } })).toEqual({ itemId: "m1" });
    for (const bad of [{}, { message: "m1" }, { message: { itemId: " " } }, { message: null }, null])
      expect(messageLocationOf(bad)).toBeNull();
  });

  it("a message logged from the pane is in the review queue with where it is; a reviewed one leaves it", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    await A.logMessage(w.ctx(), {
      messageId: "<a1@mail.example.org>",
      contact: email("2026-11-03T08:00:00Z"),
      personId,
      message: { itemId: "AAMk-item_1", mailbox: " officer.one@opcc.example " },
    });
    await A.logMessage(w.ctx(), {
      messageId: "<a2@mail.example.org>",
      contact: email("2026-11-03T08:30:00Z"),
      personId,
    });
    const queue = contactsAwaitingReview(w.record.index);
    expect(queue.map((c) => [c.contactId, c.message])).toEqual([
      [messageContactId("<a1@mail.example.org>"), { itemId: "AAMk-item_1", mailbox: "officer.one@opcc.example" }],
      [messageContactId("<a2@mail.example.org>"), null],
    ]);
    await A.reviewContact(w.ctx(), { personId, contactId: queue[0]!.contactId, outcome: "no-new-information" });
    expect(contactsAwaitingReview(w.record.index).map((c) => c.contactId)).toEqual([queue[1]!.contactId]);
  });
});

describe("the call note", () => {
  it("is kept on the ContactLogged as `note` (trimmed; left out when blank) and shown in the history", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    const call = { personId, channel: "phone" as const, from: "07700 900123", to: ["officer.one@opcc.example"] };
    const a = await A.logContact(w.ctx(), {
      ...call,
      at: "2026-11-03T09:00:00Z",
      note: "  Asked again for an update on the complaint. ",
    });
    const b = await A.logContact(w.ctx(), { ...call, at: "2026-11-03T09:10:00Z", note: "   " });
    const events = await w.events();
    const logged = (id: string) => events.find((e) => e.type === "ContactLogged" && e.id === id)!;
    expect(logged(a.contactId).data).toMatchObject({ note: "Asked again for an update on the complaint." });
    expect(logged(b.contactId).data).not.toHaveProperty("note");
    expect(describeEvent(logged(a.contactId)).detail).toMatch(
      /^From 07700 900123 to .*\. What was said: Asked again for an update on the complaint\.$/,
    );
    expect(describeEvent(logged(b.contactId)).detail).not.toMatch(/What was said/);
  });

  it("leaves csm's output as it was: validate and summary read the record exactly as without the extra fields", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: "2026-11-03T09:00:00Z",
      from: "07700 900123",
      to: ["officer.one@opcc.example"],
      note: "Said they would write instead.",
    });
    await A.logMessage(w.ctx(), {
      messageId: "<a1@mail.example.org>",
      contact: email("2026-11-03T08:00:00Z"),
      personId,
      message: { itemId: "AAMk1" },
    });
    const withExtras = await w.events();
    const without = withExtras.map((e) => {
      if (e.type !== "ContactLogged") return e;
      const { note: _n, message: _m, ...data } = e.data;
      return { ...e, data };
    });
    const run = (events: unknown[], argv: string[]) =>
      runCli(argv, {
        readFile: () => events.map((e) => JSON.stringify(e)).join("\n") + "\n",
        now: () => Date.parse("2026-11-04T09:00:00Z"),
      });
    for (const argv of [
      ["validate", "--events", "f"],
      ["summary", "--events", "f", "--person", personId],
    ]) {
      const a = run(withExtras, argv);
      const b = run(without, argv);
      expect(a).toEqual(b);
      expect(a.exitCode).toBe(0);
    }
  });
});
