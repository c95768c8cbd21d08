/* global window */
// Hostile items in Chromium (issue 16, Deliver 8): someone with the site grant writes items into the
// shared record through Graph, bypassing the product: one whose Data nests 5,000 deep (it used to stop
// structuredClone and IndexedDB on every client, and staff saw "Working offline" for good), one whose
// Data is not JSON, and one whose name is an HTML payload. The taskpane in
// Microsoft 365 mode against the Graph emulator must quarantine the first two on their own with a
// visible reason, keep syncing (a later change reaches SharePoint), show the payload as text, and keep
// the verdict. axe on the warning.
"use strict";
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
require(path.join(ROOT, "test", "support", "graph-emulator", "ts-register.js"));
const { startGraphEmulator } = require(path.join(ROOT, "test", "support", "graph-emulator", "server.ts"));
const harness = require("../m365-harness");
const { control, until, serveDir, route } = harness;

const STAFF = "officer.one@opcc.example";
const INTRUDER = "officer.two@opcc.example";
const MESSAGE_ID = "m365-hostile-1";
const PAYLOAD = '<img src=x onerror="document.body.dataset.pwned=1">Sam';

const mailbox = {
  organisationDomains: ["opcc.example"],
  user: { name: "Officer One", address: STAFF },
  messages: [
    {
      id: MESSAGE_ID,
      from: { name: "Alex Example", address: "old@example.org" },
      to: [{ name: "Officer One", address: STAFF }],
      cc: [],
      subject: "CPL-2026-0042: still waiting",
      receivedAt: "2026-11-20T09:00:00Z",
      body: "Writing again from my old address.",
      matterRef: "CPL-2026-0042",
    },
    {
      id: "m365-hostile-2",
      from: { name: "Sam", address: "sam@example.org" },
      to: [{ name: "Officer One", address: STAFF }],
      cc: [],
      subject: "Hello",
      receivedAt: "2026-11-20T10:00:00Z",
      body: "A message from the person whose name is a payload.",
    },
  ],
};

const iso = (m) => new Date(Date.parse("2026-11-02T09:00:00Z") + m * 60_000).toISOString();
const seed = [
  {
    id: "reg-1",
    type: "PersonRegistered",
    personId: "P-1",
    at: iso(0),
    by: STAFF,
    data: { name: "Alex Example", emails: ["alex@example.org", "old@example.org"], phones: [] },
  },
  {
    id: "causes-1",
    type: "CausesConsidered",
    personId: "P-1",
    at: iso(1),
    by: STAFF,
    data: {
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: true,
      supportOffered: true,
      rationaleGiven: true,
    },
  },
];

/** An item as the intruder writes it through Graph (the list's own columns, as any client could). */
function item(id, type, data) {
  return {
    EventId: id,
    PersonId: "P-9",
    Type: type,
    At: iso(30),
    RecordedAt: iso(30),
    By: INTRUDER,
    Data: typeof data === "string" ? data : JSON.stringify(data),
  };
}

async function graph(emu, token, method, url, body) {
  const res = await fetch(`${emu.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

module.exports = [
  {
    name: "hostile items written past the product are quarantined with a reason, sync goes on, a payload stays text",
    async run(t) {
      const { assert, page } = t;
      const dir = harness.buildPage(mailbox);
      const emu = await startGraphEmulator();
      const site = await serveDir(dir);
      try {
        await control(emu, "POST", "users", { userPrincipalName: STAFF, displayName: "Officer One" });
        await control(emu, "POST", "users", { userPrincipalName: INTRUDER, displayName: "Officer Two" });
        const { id: siteId } = await control(emu, "POST", "sites", {
          hostname: "contoso.sharepoint.com",
          path: "sites/casework",
          grant: "manage",
        });
        await control(emu, "POST", "messages", { upn: STAFF, id: MESSAGE_ID, subject: mailbox.messages[0].subject });
        await route(t, [emu.origin, site.origin]);
        await harness.openPage(t, emu, site, STAFF);
        await page.locator('[data-testid="sign-in"]').getByRole("button", { name: "Sign in" }).click();
        await page.waitForSelector('[data-testid="sign-in"][data-status="signed-in"]');
        await page.getByRole("button", { name: "Settings", exact: true }).click();
        await page.getByRole("button", { name: "Create or repair the lists" }).click();
        await page.getByText("The shared record is set up").waitFor({ timeout: 15_000 });
        await page.getByRole("button", { name: "Close settings" }).click();
        await page.evaluate((events) => window.csmTest.seed(events), seed);
        await until("the seed to reach SharePoint", async () => ({
          ok: (await page.evaluate(() => window.csmTest.waiting())) === 0,
        }));

        // The intruder writes straight into the list through Graph.
        const { token } = await control(emu, "POST", "token", { upn: INTRUDER, scopes: ["Sites.Selected"] });
        const lists = await graph(emu, token, "GET", `/sites/${siteId}/lists`);
        const list = lists.value.find((l) => l.displayName === "Contact strategy record");
        assert.ok(list, "the record list exists");
        const deep = `{"name":"Deep","emails":[],"phones":[],"x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
        const broken = '{"name":"Broken","emails":[';
        for (const fields of [
          item("evil-deep", "PersonRegistered", deep),
          item("evil-broken", "PersonRegistered", broken),
          item("evil-html", "PersonRegistered", { name: PAYLOAD, emails: ["sam@example.org"], phones: [] }),
        ]) {
          await graph(emu, token, "POST", `/sites/${siteId}/lists/${list.id}/items`, { fields });
        }

        // The page pulls them: the two that cannot be part of the record are named with a reason.
        await page.evaluate(() => window.csmTest.settle());
        const warning = page.getByRole("list", { name: "Items not read" });
        await warning.waitFor({ timeout: 20_000 });
        const reasons = await warning.innerText();
        assert.match(reasons, /nested more than 64 levels/, `the deep item's reason: ${reasons}`);
        assert.match(reasons, /evil-broken/, `the malformed item is named: ${reasons}`);
        assert.equal(await page.getByText(/Working offline/).count(), 0, "the pane is not stuck offline");
        await t.axe("Microsoft 365 mode with quarantined items");

        // Sync goes on past them: a change made now reaches SharePoint.
        await page.evaluate(
          (events) => window.csmTest.seed(events),
          [
            {
              id: "warn-1",
              type: "WarningIssued",
              personId: "P-1",
              at: iso(40),
              by: STAFF,
              data: {
                behaviours: ["demanding-updates"],
                expectedChange: "One email a week.",
                consequences: "A strategy may follow.",
                method: "email",
              },
            },
          ],
        );
        await until("the later change to reach SharePoint", async () => ({
          ok: (await page.evaluate(() => window.csmTest.waiting())) === 0,
        }));
        const items = await graph(emu, token, "GET", `/sites/${siteId}/lists/${list.id}/items?$expand=fields`);
        assert.ok(
          items.value.some((i) => i.fields.EventId === "warn-1"),
          "the warning written after the hostile items is in the shared record",
        );

        // The verdict still stands, and the HTML payload never ran.
        await page.evaluate((id) => window.csmTest.select(id), MESSAGE_ID);
        await t.waitForMessage(MESSAGE_ID);
        await t.expectVerdict({ stage: "warned", breaches: [], personId: "P-1" }, "after the hostile items");
        await page.evaluate(() => window.csmTest.select("m365-hostile-2"));
        await t.waitForMessage("m365-hostile-2");
        const heading = page.locator('[data-testid="sender-card"]').getByRole("heading", { level: 2 }).first();
        await heading.waitFor();
        assert.equal(await heading.innerText(), PAYLOAD, "the name is shown as the text it is");
        assert.equal(await page.evaluate(() => window.document.body.dataset.pwned), undefined, "no payload ran");
        assert.equal(await page.locator("img[src=x]").count(), 0, "no element from the payload");
      } finally {
        await site.close();
        await emu.close();
      }
    },
  },
];
