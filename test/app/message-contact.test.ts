import type { MailMessage } from "../../src/app/mail-host";
import { isOrganisationAddress, messageToContact } from "../../src/app/message-contact";

const message = (over: Partial<MailMessage> = {}): MailMessage => ({
  id: "m1",
  from: { name: "A Person", address: " a.person@example.org " },
  to: [
    { name: "Officer One", address: "officer.one@opcc.example" },
    { name: "Other Body", address: "complaints@other.example" },
  ],
  cc: [
    { name: "Officer Two", address: "Officer.Two@OPCC.example" },
    { name: "Officer One again", address: "OFFICER.ONE@opcc.example" },
    { name: "Sub", address: "x@sub.opcc.example" },
  ],
  subject: "My complaint",
  receivedAt: "2026-11-03T09:30:00Z",
  bodyPreview: "",
  ...over,
});

describe("messageToContact (record-format §6)", () => {
  it("takes To and Cc recipients on the organisation's domains only, once each", () => {
    expect(messageToContact(message(), ["opcc.example"])).toEqual({
      channel: "email",
      at: "2026-11-03T09:30:00Z",
      from: "a.person@example.org",
      to: ["officer.one@opcc.example", "Officer.Two@OPCC.example"],
    });
  });

  it("carries the matter reference when the message has one", () => {
    expect(messageToContact(message({ matterRef: "CPL-2026-0042" }), ["opcc.example"]).matterRef).toBe("CPL-2026-0042");
  });

  it("gives an empty `to` when no recipient is on an organisation domain", () => {
    expect(messageToContact(message(), ["elsewhere.example"]).to).toEqual([]);
  });

  it("compares domains case-insensitively and does not treat subdomains as the organisation", () => {
    expect(isOrganisationAddress("a@OPCC.Example", [" opcc.example "])).toBe(true);
    expect(isOrganisationAddress("a@sub.opcc.example", ["opcc.example"])).toBe(false);
    expect(isOrganisationAddress("not-an-address", ["opcc.example"])).toBe(false);
  });
});
