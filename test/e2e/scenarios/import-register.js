/* global document */
// Importing an existing register in the preview (issue 13 item 1): as an administrator, the import
// dialog's "Use the sample register" reads sample/register.xlsx (exceljs, loaded only then) or the
// CSV; the mapping is guessed; the dry run lists rows 8–10 as refused, each with its reason; Import
// adds rows 2–7 in one go; the imported people are then on the record (the taskpane knows the sender,
// the Teams tab's register lists their strategies) and the refused one is not. Anyone else is told
// only an administrator can import. Keyboard: Tab reaches every control of each step and stays in the
// dialog; Escape closes it and gives focus back to the button. axe at every step.
const MAILBOX = "/fixtures/import-register-mailbox.json";

const opener = (t) => t.page.getByRole("button", { name: "Import register (CSV, Excel)…" });

async function actAs(t, role) {
  await t.page.selectOption('[data-testid="acting-as"]', role);
}

async function openDialog(t) {
  await opener(t).click();
  const dialog = t.page.getByRole("dialog");
  await dialog.waitFor();
  await t.settle();
  return dialog;
}

/**
 * Presses Tab once more than the dialog has controls and checks that every enabled control was
 * focused, in the order the dialog shows them, and that focus never left the dialog.
 */
async function tabThroughEveryControl(t, label) {
  const count = await t.page.evaluate(() => {
    const dialog = document.querySelector('[role="dialog"]');
    const controls = [...dialog.querySelectorAll("button, select, input, textarea, a[href], [tabindex]")].filter(
      (el) =>
        !el.disabled &&
        el.tabIndex >= 0 &&
        !el.hasAttribute("data-tabster-dummy") &&
        el.getClientRects().length > 0 &&
        !el.closest("[aria-hidden=true]"),
    );
    controls.forEach((el, i) => el.setAttribute("data-tab-probe", String(i)));
    return controls.length;
  });
  t.assert.ok(count > 0, `${label}: the dialog has controls`);
  const seen = [];
  for (let i = 0; i <= count; i++) {
    await t.page.keyboard.press("Tab");
    const at = await t.page.evaluate(() => {
      const el = document.activeElement;
      return {
        inDialog: Boolean(el && el.closest('[role="dialog"]')),
        probe: el ? el.getAttribute("data-tab-probe") : null,
      };
    });
    t.assert.ok(at.inDialog, `${label}: Tab number ${i + 1} left the dialog`);
    if (at.probe !== null) seen.push(Number(at.probe));
  }
  const reached = new Set(seen);
  const missed = [...Array(count).keys()].filter((i) => !reached.has(i));
  t.assert.deepEqual(missed, [], `${label}: controls Tab never reached (of ${count})`);
  // In order: from wherever the first press landed, each press moves to the next control (wrapping).
  const start = seen[0];
  t.assert.deepEqual(
    seen.slice(0, count),
    [...Array(count).keys()].map((i) => (start + i) % count),
    `${label}: Tab order follows the dialog`,
  );
}

/** Opens the dialog as an administrator, reads a sample, runs the dry run; returns the dialog. */
async function dryRunSample(t, button, fileName) {
  const dialog = await openDialog(t);
  await dialog.getByRole("button", { name: button }).click();
  await dialog.getByRole("heading", { name: "What each column holds" }).waitFor({ timeout: 20_000 });
  await dialog.getByText(`${fileName}: 9 rows`).waitFor();
  t.assert.equal(await dialog.getByLabel("Column “Name”").inputValue(), "name");
  t.assert.equal(await dialog.getByLabel("Column “Review date”").inputValue(), "reviewDate");
  t.assert.equal(await dialog.getByLabel("Column “Notes”").inputValue(), "", "Notes is not imported");
  await t.axe(`mapping (${fileName})`);
  await tabThroughEveryControl(t, `mapping (${fileName})`);
  await dialog.getByRole("button", { name: "Check the rows" }).click();
  await dialog.getByRole("heading", { name: "Check before importing" }).waitFor();
  return dialog;
}

async function expectDryRun(t, dialog) {
  t.assert.equal(
    (await dialog.getByTestId("dry-run-summary").innerText()).trim(),
    "6 of 9 rows can be imported: 5 people, 5 warnings, 3 strategies, 1 review.",
  );
  const planned = await dialog.getByTestId("dry-run-planned").locator("li").allInnerTexts();
  t.assert.deepEqual(
    planned.map((p) => p.split(":")[0]),
    ["Row 2", "Row 3", "Row 4", "Row 5", "Row 6", "Row 7"],
  );
  t.assert.match(planned[4], /Robin Ashworth \(as on an earlier row\)/);
  const refused = await dialog.getByTestId("dry-run-refused").locator("li").allInnerTexts();
  t.assert.equal(refused.length, 3);
  t.assert.match(
    refused[0],
    /^Row 8 \(Harper Quinn\): The next review \(01\/02\/2027\) is more than three months.*9\.12/,
  );
  t.assert.match(refused[1], /^Row 9 \(Sasha Brent\): A strategy relates to one matter \(policy 9\.8\)/);
  t.assert.match(refused[2], /^Row 10 \(Jamie Collier\): There is no email address or phone number/);
  await t.axe("dry run");
}

module.exports = [
  {
    name: "only an administrator may import: anyone else is told who can, and Escape closes the dialog",
    async run(t) {
      await t.openPreview();
      await opener(t).waitFor();
      await actAs(t, "caseworker");
      const dialog = await openDialog(t);
      await dialog.getByText(/Only an administrator can import a register/).waitFor();
      t.assert.equal(await dialog.getByRole("button", { name: /Use the sample register/ }).count(), 0);
      await t.axe("not an administrator");
      await t.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      t.assert.equal(await opener(t).evaluate((el) => el === document.activeElement), true, "focus back on the button");
    },
  },
  {
    name: "the sample .xlsx: mapping, dry run with the refused rows and reasons, all-or-nothing import, people on the record",
    async run(t) {
      await t.openPreview(`?mailbox=${MAILBOX}&select=imp-msg-robin`);
      await t.expectVerdict({ stage: "none", breaches: [], personId: null }, "Robin before the import");
      await opener(t).waitFor();
      await actAs(t, "admin");

      // The first step, from the keyboard: every control reached, Escape closes, focus comes back.
      let dialog = await openDialog(t);
      await dialog.getByRole("heading", { name: "Import a register" }).waitFor();
      await t.axe("choose a file");
      await tabThroughEveryControl(t, "choose a file");
      await t.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      t.assert.equal(await opener(t).evaluate((el) => el === document.activeElement), true, "focus back on the button");

      dialog = await dryRunSample(t, "Use the sample register (Excel)", "register.xlsx");
      await expectDryRun(t, dialog);
      await tabThroughEveryControl(t, "dry run");
      await dialog.getByRole("button", { name: "Import 6 rows" }).click();
      const result = dialog.getByTestId("import-result");
      await result.waitFor();
      t.assert.match(await result.innerText(), /^register\.xlsx: \d+ events added\. 3 rows were left out\./);
      await t.axe("imported");
      await dialog.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "detached" });

      // The taskpane now knows Robin (an active strategy), and still not Jamie (refused, row 10).
      // An administrator with no case role sees the front-line card (issue 12 Deliver 5): a
      // caseworker sees the sender card.
      await actAs(t, "caseworker");
      await t.page.waitForSelector('[data-testid="taskpane"][data-person-id]:not([data-person-id=""])', {
        timeout: 15_000,
      });
      t.assert.equal((await t.state()).stage, "restricted", "Robin's imported strategy is in force");
      await t.page.locator('[data-testid="sender-card"]').getByRole("heading", { name: "Robin Ashworth" }).waitFor();
      await t.axe("taskpane after the import");
      await t.selectMessage("imp-msg-jamie");
      t.assert.equal((await t.state()).personId, null, "the refused row added no one");

      // The Teams tab on the same record lists the three imported strategies.
      await t.page.goto(`${t.baseUrl}/teams.html`);
      await t.page.waitForSelector('[data-testid="teams-tab"][data-ready="true"]', { timeout: 30_000 });
      await t.page.click('[data-testid="tab-register"]');
      const rows = t.page.locator('[data-testid="register-row"]');
      for (const name of ["Robin Ashworth", "Kit Fairbanks", "Noor Whitfield"])
        t.assert.equal(await rows.filter({ hasText: name }).count(), 1, `${name} in the register`);
      t.assert.equal(await rows.filter({ hasText: "Harper Quinn" }).count(), 0, "a refused row is not imported");
    },
  },
  {
    name: "the sample CSV gives the same dry run; importing it after the .xlsx adds nothing (every row is someone on the record)",
    async run(t) {
      await t.openPreview();
      await opener(t).waitFor();
      await actAs(t, "admin");
      let dialog = await dryRunSample(t, "Use the sample register (CSV)", "register.csv");
      await expectDryRun(t, dialog);
      await dialog.getByRole("button", { name: "Import 6 rows" }).click();
      await dialog.getByTestId("import-result").waitFor();
      await dialog.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "detached" });

      dialog = await openDialog(t);
      await dialog.getByRole("button", { name: "Use the sample register (Excel)" }).click();
      await dialog.getByRole("button", { name: "Check the rows" }).click();
      t.assert.match(await dialog.getByTestId("dry-run-summary").innerText(), /^0 of 9 rows can be imported/);
      t.assert.match(
        await dialog.getByTestId("dry-run-refused").innerText(),
        /Row 2 \(Robin Ashworth\): The email address robin\.ashworth@example\.org is already on the record for Robin Ashworth/,
      );
      t.assert.equal(await dialog.getByRole("button", { name: "Import 0 rows" }).isDisabled(), true);
      await t.axe("dry run of a register already imported");
    },
  },
];
