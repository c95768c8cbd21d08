/* global window, document */
// Microsoft 365 mode in Chromium against the Graph emulator (issue 4 "Done when"): the taskpane's
// own Microsoft 365 wiring (src/surfaces/taskpane/m365*.ts, TaskpaneApp with the status line and
// Settings), Graph's base URL the emulator's on loopback, sign-in replaced by the test token
// provider (test/e2e/scenarios/m365-page.tsx, bundled here into a temporary folder: never dist/).
// An administrator creates the shared record's lists from Settings (keyboard); a person with a
// blocked-addresses strategy is on the record; a message from the blocked address is selected and
// the breach recorded through the UI. The emulator's control API then shows exactly one rule set
// for the person, the breach category on the message once, and one Teams card to the line manager,
// still one after a reload and a second sync. axe on each screen.
"use strict";
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
require(path.join(ROOT, "test", "support", "graph-emulator", "ts-register.js"));
const { startGraphEmulator } = require(path.join(ROOT, "test", "support", "graph-emulator", "server.ts"));

const STAFF = "officer.one@opcc.example";
const MANAGER = "manager.one@opcc.example";
const MESSAGE_ID = "m365-msg-1";

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
  {
    id: "warn-1",
    type: "WarningIssued",
    personId: "P-1",
    at: iso(2),
    by: STAFF,
    data: {
      behaviours: ["demanding-updates"],
      expectedChange: "One email a week.",
      consequences: "A strategy may follow.",
      method: "email",
    },
  },
  {
    id: "strategy-1",
    type: "StrategyImposed",
    personId: "P-1",
    at: iso(3),
    by: STAFF,
    data: {
      strategyId: "S-1",
      matterRef: "CPL-2026-0042",
      reason: "Persistent demands.",
      restrictions: [{ kind: "blocked-addresses", addresses: ["old@example.org"] }],
      proportionality: "Least restrictive option.",
      approvedBy: "head.of.service@opcc.example",
      notifiedOn: "2026-11-02",
      notifiedBy: "email",
      reviewDue: "2027-01-15",
    },
  },
];

const harness = require("../m365-harness");
const { control, until, serveDir, route } = harness;
const buildPage = () => harness.buildPage(mailbox);
const openPage = (t, emu, site) => harness.openPage(t, emu, site, STAFF);

/** What the emulator holds, through its control API. */
async function observed(emu) {
  const state = await control(emu, "GET", "state");
  const box = state.mailboxes[STAFF] || { rules: [], messages: [], categories: [] };
  const message = box.messages.find((m) => m.id === MESSAGE_ID);
  return {
    rules: box.rules.map((r) => r.displayName).filter((n) => n.includes("P-1")),
    messageCategories: message ? message.categories : [],
    masterCategories: box.categories.map((c) => c.displayName),
    cards: state.chats.flatMap((c) => c.messages),
    chats: state.chats,
  };
}

module.exports = [
  {
    name: "a breach recorded in the taskpane gives one rule set, the breach category and one Teams card; axe clean",
    async run(t) {
      const { assert, page } = t;
      const dir = buildPage();
      const emu = await startGraphEmulator();
      const site = await serveDir(dir);
      try {
        await control(emu, "POST", "users", { userPrincipalName: MANAGER, displayName: "Manager One" });
        await control(emu, "POST", "users", {
          userPrincipalName: STAFF,
          displayName: "Officer One",
          managerUpn: MANAGER,
        });
        await control(emu, "POST", "sites", {
          hostname: "contoso.sharepoint.com",
          path: "sites/casework",
          grant: "manage",
        });
        await control(emu, "POST", "messages", { upn: STAFF, id: MESSAGE_ID, subject: mailbox.messages[0].subject });
        await route(t, [emu.origin, site.origin]);
        await openPage(t, emu, site);

        // Signed out: the pane says so and offers sign-in (the test token provider stands in for MSAL).
        await page.waitForSelector('[data-testid="m365-bar"][data-mode="m365"]');
        await page.waitForSelector('[data-testid="sign-in"][data-status="signed-out"]');
        await t.axe("Microsoft 365 mode, signed out");
        await page.locator('[data-testid="sign-in"]').getByRole("button", { name: "Sign in" }).click();
        await page.waitForSelector('[data-testid="sign-in"][data-status="signed-in"]');
        // Settings, by keyboard: the administrator creates the lists.
        const toggle = page.getByRole("button", { name: "Settings", exact: true });
        await toggle.focus();
        await page.keyboard.press("Enter");
        assert.equal(await page.getByTestId("settings-toggle").getAttribute("aria-expanded"), "true", "Settings opens");
        await page.getByRole("region", { name: "Settings for administrators" }).waitFor();
        const create = page.getByRole("button", { name: "Create or repair the lists" });
        await create.waitFor();
        await page.waitForFunction(() => {
          const b = [...document.querySelectorAll("button")].find(
            (x) => x.textContent === "Create or repair the lists",
          );
          return b && !b.disabled;
        });
        await create.focus();
        await page.keyboard.press("Enter");
        await page.getByText("The shared record is set up").waitFor({ timeout: 15_000 });
        await t.axe("Microsoft 365 settings");
        await page.getByRole("button", { name: "Close settings" }).click();

        // The person and their strategy are on the shared record (written through the outbox).
        await page.evaluate((events) => window.csmTest.seed(events), seed);
        await until("the seed to reach SharePoint", async () => ({
          ok: (await page.evaluate(() => window.csmTest.waiting())) === 0,
        }));
        await page.evaluate((id) => window.csmTest.select(id), MESSAGE_ID);
        await t.waitForMessage(MESSAGE_ID);
        await t.expectVerdict({ stage: "restricted", breaches: ["blocked-addresses"], personId: "P-1" }, "blocked");

        // The breach, through the UI.
        const bar = page.locator('[data-testid="message-breach"]');
        await bar.getByRole("button", { name: "Record the breach" }).click();
        await page.waitForSelector('[data-testid="message-breach"][data-state="recorded"]');
        await page.waitForSelector('[data-testid="sync-status"][data-waiting="0"]', { timeout: 30_000 });

        const result = await until("one rule set, the breach category and one Teams card", async () => {
          const o = await observed(emu);
          return {
            ok: o.rules.length > 0 && o.messageCategories.includes("Contact strategy breach") && o.cards.length > 0,
            ...o,
          };
        });
        await t.axe("taskpane in Microsoft 365 mode after the breach");

        // Again after a second sync and a reload: still exactly one of each.
        await page.evaluate(() => window.csmTest.settle());
        await page.reload();
        await openPage(t, emu, site);
        await page.waitForSelector('[data-testid="sync-status"][data-waiting="0"]');
        await page.evaluate(() => window.csmTest.settle());
        const after = await observed(emu);
        for (const o of [result, after]) {
          assert.deepEqual(o.rules, ["[CSM] P-1 S-1 blocked"], "exactly one rule set for the person");
          assert.equal(
            o.messageCategories.filter((c) => c === "Contact strategy breach").length,
            1,
            `the breach category once on the message: ${JSON.stringify(o.messageCategories)}`,
          );
          assert.ok(o.masterCategories.includes("Contact strategy review"), "the master categories exist");
          assert.equal(o.cards.length, 1, "one Teams card");
          assert.equal(o.chats.length, 1, "one chat");
        }
        const card = JSON.stringify(after.cards[0]);
        assert.ok(card.includes("P-1"), "the card names the person's reference");
        assert.ok(!card.includes("Alex Example"), "the card has no name");
        assert.ok(!card.includes("old@example.org"), "the card has no address");
        assert.deepEqual(await page.evaluate(() => window.csmTest.categoryErrors), [], "no category errors");
        const requests = (await control(emu, "GET", "requests")).value;
        const foreign = requests.filter((r) => r.status === 401 || r.status === 403);
        assert.deepEqual(foreign, [], "every Graph call was authorised and within the consented scopes");
      } finally {
        await site.close();
        await emu.close();
      }
    },
  },
];
