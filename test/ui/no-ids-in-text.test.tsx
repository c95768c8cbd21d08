/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Issue 14 item 7: staff read names, strategy names and one date style ("27 February 2027"),
 * never internal ids or ISO dates. The taskpane for every sample message (with the steps that
 * choose a strategy, a breach or an entry opened) and every view of the Teams tab are rendered
 * over the sample record, and their visible text (text, option labels, aria-labels) is searched.
 * Ids may stay in data-* attributes and exports.
 */
import "../support/dom-stubs";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { setActionsPanelLoader } from "../../src/ui/ActionsSlot";
import { Taskpane } from "../../src/ui/Taskpane";
import { TeamsTab } from "../../src/ui/teams/TeamsTab";
import { sampleFixture } from "./services-fixture";
import { sampleEvents, sampleMailboxRaw } from "./sample";

jest.setTimeout(120_000);
// Outside webpack the pane's actions are not found by themselves; give the slot the real panel.
beforeAll(() => setActionsPanelLoader(() => import("../../src/ui/actions/ActionsPanel")));
afterAll(() => setActionsPanelLoader(null));

/** Ids as the product makes them (P-mwyxj7ie-…) and as the sample has them (P-1004, S-1004-1, B-1004-2). */
const GENERATED_ID = /\b[PSBC]-[a-z0-9]{6,}/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

function sampleIds(): string[] {
  const ids = new Set<string>();
  for (const e of sampleEvents()) {
    ids.add(e.personId);
    const d = e.data as Record<string, unknown>;
    for (const k of ["strategyId", "breachId", "contactId"]) if (typeof d[k] === "string") ids.add(d[k]);
  }
  return [...ids];
}

/** What a sighted reader or a screen reader meets: text nodes and labels, not data-* attributes. */
function visibleText(root: Element): string {
  const labels = [...root.querySelectorAll("[aria-label],[title],[placeholder]")].map((el) =>
    ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a) ?? "").join(" "),
  );
  return `${root.textContent ?? ""}\n${labels.join("\n")}`;
}

function expectNoIdsOrIsoDates(where: string, root: Element = document.body): void {
  const text = visibleText(root);
  expect({ where, id: GENERATED_ID.exec(text)?.[0] ?? null }).toEqual({ where, id: null });
  expect({ where, iso: ISO_DATE.exec(text)?.[0] ?? null }).toEqual({ where, iso: null });
  const shown = sampleIds().filter((id) => new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`).test(text));
  expect({ where, shown }).toEqual({ where, shown: [] });
}

async function openStep(title: string): Promise<boolean> {
  const header = screen.queryByRole("button", { name: new RegExp(`^${title}`) });
  if (!header) return false;
  await act(async () => {
    fireEvent.click(header);
  });
  return true;
}

describe("no ids or ISO dates where staff read", () => {
  it("proves the check can fail: an id or an ISO date in the text is caught", () => {
    const div = document.createElement("div");
    div.textContent = "Strategy S-1004-1, review by 2027-02-27";
    expect(() => expectNoIdsOrIsoDates("probe", div)).toThrow();
    div.textContent = "P-mwyxj7ie-f8e836818203dd72";
    expect(() => expectNoIdsOrIsoDates("probe", div)).toThrow();
  });

  it.each(sampleMailboxRaw().messages.map((m) => m.id))("the taskpane for %s", async (messageId) => {
    const f = await sampleFixture();
    f.host.select(messageId);
    const { unmount } = render(f.wrap(<Taskpane />));
    // The details (chart, history) arrive after the first paint.
    if (screen.queryByTestId("sender-card")) await screen.findByTestId("history", {}, { timeout: 15_000 });
    await screen.findByTestId("actions", {}, { timeout: 15_000 });
    expectNoIdsOrIsoDates(`${messageId}: the pane`);
    const opened: string[] = [];
    for (const step of [
      "Lift the strategy",
      "Review the strategy",
      "Vary the strategy",
      "Send a breach reminder",
      "Record a breach by hand",
      "Review a contact",
      "History and corrections",
    ]) {
      if (await openStep(step)) {
        opened.push(step);
        expectNoIdsOrIsoDates(`${messageId}: ${step}`);
      }
    }
    // Alex Morgan's pane has every step that names a strategy, a breach or an entry.
    if (messageId === "msg-alex-breach") expect(opened.length).toBeGreaterThanOrEqual(5);
    unmount();
  });

  it("every view of the Teams tab, and a person's page", async () => {
    const f = await sampleFixture();
    render(f.wrap(<TeamsTab user="line.manager@opcc.example" saveFile={() => undefined} />));
    for (const view of ["today", "register", "breaches", "reviews", "contacts"]) {
      await act(async () => {
        fireEvent.click(screen.getByTestId(`tab-${view}`));
        await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      });
      expectNoIdsOrIsoDates(`Teams: ${view}`);
    }
    // A person's page, opened from a row of Today: Alex Morgan's history.
    await act(async () => {
      fireEvent.click(screen.getByTestId("tab-today"));
      await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    });
    await act(async () => {
      fireEvent.click(screen.getAllByRole("button", { name: /Alex Morgan/ })[0]!);
    });
    expect(screen.getByTestId("person-page").getAttribute("data-person")).toBe("P-1004");
    expectNoIdsOrIsoDates("Teams: Alex Morgan's page");
  });
});
