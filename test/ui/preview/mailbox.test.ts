import { MailboxFormatError, parseMailbox } from "../../../src/surfaces/preview/mailbox";
import { MailboxHost } from "../../../src/surfaces/preview/mailbox-host";

const message = (over: Record<string, unknown> = {}) => ({
  id: "m1",
  from: { name: "A", address: "a@example.org" },
  to: [{ name: "C", address: "c@opcc.example" }],
  subject: "Hello",
  receivedAt: "2026-11-02T09:00:00Z",
  body: "Text",
  ...over,
});

describe("parseMailbox (issue 3 item 5 format)", () => {
  it("reads the documented format; cc defaults to none; body becomes the preview", () => {
    const m = parseMailbox({ organisationDomains: ["opcc.example"], messages: [message({ matterRef: "CPL-1" })] });
    expect(m.messages[0]).toEqual({
      id: "m1",
      from: { name: "A", address: "a@example.org" },
      to: [{ name: "C", address: "c@opcc.example" }],
      cc: [],
      subject: "Hello",
      receivedAt: "2026-11-02T09:00:00Z",
      bodyPreview: "Text",
      matterRef: "CPL-1",
    });
  });

  it("keeps an Internet Message-ID when given (the same message in two mailboxes)", () => {
    const m = parseMailbox({
      organisationDomains: ["opcc.example"],
      messages: [
        message({ internetMessageId: "<a1@example.org>" }),
        message({ id: "m2", internetMessageId: "<a1@example.org>" }),
      ],
    });
    expect(m.messages.map((x) => x.internetMessageId)).toEqual(["<a1@example.org>", "<a1@example.org>"]);
    expect(
      parseMailbox({ organisationDomains: ["opcc.example"], messages: [message()] }).messages[0],
    ).not.toHaveProperty("internetMessageId");
  });

  it.each([
    [{ messages: [] }, /organisationDomains/],
    [{ organisationDomains: ["x.example"] }, /messages must be a list/],
    [
      { organisationDomains: ["x.example"], messages: [message({ receivedAt: "2026-11-02 09:00" })] },
      /messages\[0\]\.receivedAt/,
    ],
    [{ organisationDomains: ["x.example"], messages: [message({ from: { name: "A" } })] }, /messages\[0\]\.from/],
    [{ organisationDomains: ["x.example"], messages: [message(), message()] }, /used twice/],
    [{ organisationDomains: ["x.example"], messages: [message({ cc: "c@x.example" })] }, /messages\[0\]\.cc/],
    [
      { organisationDomains: ["x.example"], messages: [message({ internetMessageId: " " })] },
      /messages\[0\]\.internetMessageId/,
    ],
  ])("refuses %j with a message naming the field", (raw, pattern) => {
    expect(() => parseMailbox(raw)).toThrow(MailboxFormatError);
    expect(() => parseMailbox(raw)).toThrow(pattern);
  });
});

describe("MailboxHost", () => {
  const host = () =>
    new MailboxHost(
      parseMailbox({
        organisationDomains: ["opcc.example"],
        messages: [message(), message({ id: "m2", subject: "RE: Earlier" })],
      }),
    );

  it("selects messages and tells listeners; an unknown id selects nothing", () => {
    const h = host();
    const seen: (string | null)[] = [];
    h.onMessageChanged(() => seen.push(h.currentMessage()?.id ?? null));
    h.select("m2");
    h.select("m2");
    h.select("zzz");
    expect(seen).toEqual(["m2", null]);
  });

  it("opens a message from the review queue by its id (selects it); an id not in the mailbox is refused", async () => {
    const h = host();
    await h.displayMessage("m2");
    expect(h.currentMessage()?.id).toBe("m2");
    await expect(h.displayMessage("zzz")).rejects.toThrow(/not in this mailbox/);
    expect(h.currentMessage()?.id).toBe("m2");
  });

  it("drafts a reply to the selected message and a new message, newest first", async () => {
    const h = host();
    await expect(h.displayReplyForm("<p>x</p>")).rejects.toThrow(/Select a message/);
    h.select("m1");
    await h.displayReplyForm("<p>Dear A</p>");
    h.select("m2");
    await h.displayReplyForm("<p>Again</p>");
    await h.displayNewMessageForm({ to: ["z@example.org"], subject: "Notice", htmlBody: "<p>N</p>" });
    expect(h.drafts().map((d) => [d.kind, d.to.join(), d.subject])).toEqual([
      ["new", "z@example.org", "Notice"],
      ["reply", "a@example.org", "RE: Earlier"],
      ["reply", "a@example.org", "RE: Hello"],
    ]);
    h.discardDraft(h.drafts()[0]!.id);
    expect(h.drafts()).toHaveLength(2);
  });
});
