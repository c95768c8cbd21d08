// The Office.js adapter against office-addin-mock (m365-reference §6.1): the selected message as
// a MailMessage, ItemChanged following the selection with no stale body, requirement-set
// detection, and the reply / new-message forms.
import { OfficeMockObject } from "office-addin-mock";
import { detectFeatures, domainsFromUrl, MAX_FORM_BODY_BYTES, OutlookMailHost } from "../../../src/adapters/office";

type Callback = (r: { status: string; value?: unknown; error?: unknown }) => void;

interface Seed {
  supported?: string;
  hostName?: string;
  item?: Record<string, unknown> | null;
}

function anItem(over: Record<string, unknown> = {}) {
  const pending: Callback[] = [];
  return {
    item: {
      itemType: "message",
      itemId: "AAMkItem1",
      internetMessageId: "<m1@example.org>",
      subject: "RE: CPL-2026-0042 my complaint",
      dateTimeCreated: new Date("2026-11-27T08:05:00Z"),
      from: { displayName: "Alex Morgan", emailAddress: "alex.morgan@example.com" },
      sender: { displayName: "Alex Morgan", emailAddress: "alex.morgan@example.com" },
      to: [{ displayName: "Complaints", emailAddress: "complaints@opcc.example" }],
      cc: [{ displayName: "Lee", emailAddress: "lee.hughes@opcc.example" }],
      body: {
        getAsync(_type: string, cb: Callback) {
          pending.push(cb);
        },
      },
      replies: [] as unknown[],
      displayReplyForm(data: unknown) {
        (this as { replies: unknown[] }).replies.push(data);
      },
      ...over,
    },
    /** Completes the oldest outstanding body.getAsync with this text. */
    deliverBody(text: string) {
      pending.shift()?.({ status: "succeeded", value: text });
    },
  };
}

function officeWith(seed: Seed) {
  const supported = seed.supported ?? "1.16";
  const handlers: Record<string, () => void> = {};
  const newForms: unknown[] = [];
  const mock = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Text: "text", Html: "html" },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
    MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" } },
    context: {
      requirements: {
        isSetSupported: (name: string, v: string) =>
          name === "Mailbox" && Number(v.split(".")[1]) <= Number(supported.split(".")[1]),
      },
      mailbox: {
        item: seed.item === undefined ? anItem().item : seed.item,
        diagnostics: { hostName: seed.hostName ?? "OutlookWebApp" },
        userProfile: { displayName: "Casey Okafor", emailAddress: "casey.okafor@opcc.example" },
        addHandlerAsync(type: string, handler: () => void, cb: Callback) {
          handlers[type] = handler;
          cb({ status: "succeeded" });
        },
        displayNewMessageForm(form: unknown) {
          newForms.push(form);
        },
        displayMessageForm(itemId: string) {
          newForms.push({ opened: itemId });
        },
      },
    },
  });
  return { office: mock as unknown as typeof Office, handlers, newForms, mock };
}

/** Selects another item in the mock, as Outlook does before it fires ItemChanged. */
function selectItem(env: ReturnType<typeof officeWith>, item: unknown) {
  (env.office.context.mailbox as unknown as { item: unknown }).item = item;
  env.handlers["olkItemSelectedChanged"]?.();
}

describe("OutlookMailHost", () => {
  it("reads the selected message: sender, To and Cc, subject, received time, matter reference", async () => {
    const env = officeWith({});
    const host = await OutlookMailHost.create(env.office);
    expect(host.currentMessage()).toEqual({
      id: "AAMkItem1",
      internetMessageId: "<m1@example.org>",
      from: { name: "Alex Morgan", address: "alex.morgan@example.com" },
      to: [{ name: "Complaints", address: "complaints@opcc.example" }],
      cc: [{ name: "Lee", address: "lee.hughes@opcc.example" }],
      subject: "RE: CPL-2026-0042 my complaint",
      receivedAt: "2026-11-27T08:05:00.000Z",
      bodyPreview: "",
      matterRef: "CPL-2026-0042",
    });
    expect(host.user).toEqual({ name: "Casey Okafor", address: "casey.okafor@opcc.example" });
  });

  it("takes the organisation domains from the admin's setting, else the user's own domain", async () => {
    expect((await OutlookMailHost.create(officeWith({}).office)).organisationDomains).toEqual(["opcc.example"]);
    expect(
      (await OutlookMailHost.create(officeWith({}).office, { organisationDomains: ["a.example", "b.example"] }))
        .organisationDomains,
    ).toEqual(["a.example", "b.example"]);
    expect(domainsFromUrl("?domains=OPCC.example,%20b.example,not a domain")).toEqual(["opcc.example", "b.example"]);
  });

  it("follows ItemChanged (pinned pane) and never applies one message's body to another", async () => {
    const first = anItem();
    const env = officeWith({ item: first.item });
    const host = await OutlookMailHost.create(env.office);
    const seen: (string | null)[] = [];
    host.onMessageChanged(() => seen.push(host.currentMessage()?.id ?? null));

    const second = anItem({
      itemId: "AAMkItem2",
      subject: "Another message",
      from: { displayName: "Priya", emailAddress: "priya.nair@example.org" },
    });
    selectItem(env, second.item);
    expect(host.currentMessage()?.id).toBe("AAMkItem2");
    expect(host.currentMessage()?.from.address).toBe("priya.nair@example.org");

    first.deliverBody("the FIRST message's body"); // arrives late, after the selection moved on
    expect(host.currentMessage()?.bodyPreview).toBe("");
    second.deliverBody("the second message's body");
    expect(host.currentMessage()?.bodyPreview).toBe("the second message's body");

    selectItem(env, null); // nothing selected (or a multi-selection)
    expect(host.currentMessage()).toBeNull();
    expect(seen).toEqual(["AAMkItem2", "AAMkItem2", null]);
  });

  it("treats a selected appointment as no message", async () => {
    const host = await OutlookMailHost.create(officeWith({ item: anItem({ itemType: "appointment" }).item }).office);
    expect(host.currentMessage()).toBeNull();
  });

  it("opens a reply and a new message through Outlook, refusing bodies over 32 KB", async () => {
    const env = officeWith({});
    const host = await OutlookMailHost.create(env.office);
    await host.displayReplyForm("<p>Dear Alex</p>");
    expect((env.office.context.mailbox.item as unknown as { replies: unknown[] }).replies).toEqual([
      { htmlBody: "<p>Dear Alex</p>" },
    ]);
    await host.displayNewMessageForm({
      to: ["alex.morgan@example.com"],
      subject: "Your contact strategy",
      htmlBody: "<p>Letter</p>",
    });
    expect(env.newForms).toEqual([
      { toRecipients: ["alex.morgan@example.com"], subject: "Your contact strategy", htmlBody: "<p>Letter</p>" },
    ]);
    await expect(host.displayReplyForm("x".repeat(MAX_FORM_BODY_BYTES + 1))).rejects.toThrow(/32 KB/);
  });

  it("opens a message from the review queue by its item id, a Graph id turned into Outlook's EWS form", async () => {
    const env = officeWith({});
    const host = await OutlookMailHost.create(env.office);
    await host.displayMessage("AAMkAGI2_THh-AAA=");
    await host.displayMessage("AAMkAGI2+THh/AAB=");
    expect(env.newForms).toEqual([{ opened: "AAMkAGI2+THh/AAA=" }, { opened: "AAMkAGI2+THh/AAB=" }]);
  });

  it("on Mailbox 1.4 does not follow the selection or open new messages, and says so", async () => {
    const env = officeWith({ supported: "1.4" });
    const host = await OutlookMailHost.create(env.office);
    expect(env.handlers["olkItemSelectedChanged"]).toBeUndefined();
    expect(host.features).toMatchObject({
      followsSelection: false,
      replyForm: true,
      newMessageForm: false,
      categories: false,
    });
    expect(host.features.missing.join(" ")).toMatch(/Mailbox 1\.5/);
    await expect(host.displayNewMessageForm({ to: [], subject: "", htmlBody: "" })).rejects.toThrow(/Mailbox 1\.6/);
  });
});

describe("detectFeatures", () => {
  const upTo = (max: number) => ({
    isSetSupported: (name: string, v?: string) => name === "Mailbox" && Number((v ?? "1.1").split(".")[1]) <= max,
  });

  it("has everything on a current Outlook on the web", () => {
    expect(detectFeatures(upTo(16), "OutlookWebApp")).toEqual({
      followsSelection: true,
      replyForm: true,
      newMessageForm: true,
      categories: true,
      missing: [],
    });
  });

  it("has no reply or new-message forms on mobile", () => {
    const f = detectFeatures(upTo(16), "OutlookIOS");
    expect(f.replyForm).toBe(false);
    expect(f.newMessageForm).toBe(false);
    expect(f.missing).toHaveLength(2);
  });

  it("names each missing feature with the requirement set it needs", () => {
    const f = detectFeatures(upTo(5), "Outlook");
    expect(f).toMatchObject({ followsSelection: true, newMessageForm: false, categories: false });
    expect(f.missing).toEqual([expect.stringMatching(/Mailbox 1\.6/), expect.stringMatching(/Mailbox 1\.8/)]);
  });
});
