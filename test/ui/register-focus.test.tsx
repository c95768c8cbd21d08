/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Issue 14 item 11: after "Register" in the taskpane the form is gone; the focus goes to the new
 * person's heading on their card, not to the page body. A registration that arrives from elsewhere
 * (the Teams tab, another member of staff) while the focus is in use leaves the focus where it is.
 */
import "../support/dom-stubs";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { registerPerson } from "../../src/app/actions";
import { setActionsPanelLoader } from "../../src/ui/ActionsSlot";
import { Taskpane } from "../../src/ui/Taskpane";
import { sampleFixture } from "./services-fixture";

jest.setTimeout(60_000);
// Outside webpack the pane's actions are not found by themselves; give the slot the real panel.
beforeAll(() => setActionsPanelLoader(() => import("../../src/ui/actions/ActionsPanel")));
afterAll(() => setActionsPanelLoader(null));

describe("registering the sender of the message", () => {
  it("moves the focus to the new person's heading", async () => {
    const user = userEvent.setup();
    const f = await sampleFixture();
    f.host.select("msg-new-sender");
    render(f.wrap(<Taskpane />));
    const actions = await screen.findByTestId("actions", {}, { timeout: 30_000 });
    await user.click(within(actions).getByRole("button", { name: "Open this step" }));
    await user.click(await within(actions).findByRole("button", { name: "Register" }));
    const card = await screen.findByTestId("sender-card");
    const heading = within(card).getByRole("heading", { name: "Morgan Reese" });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByTestId("taskpane").getAttribute("data-person-id")).not.toBe("");
  });

  it("leaves the focus alone when the registration comes from elsewhere", async () => {
    const f = await sampleFixture();
    f.host.select("msg-new-sender");
    render(
      f.wrap(
        <>
          <input aria-label="Somewhere else" />
          <Taskpane />
        </>,
      ),
    );
    await screen.findByTestId("actions", {}, { timeout: 30_000 });
    const elsewhere = screen.getByRole("textbox", { name: "Somewhere else" });
    elsewhere.focus();
    await act(async () => {
      await registerPerson(
        { record: f.record, clock: f.services.clock, ids: f.services.ids, by: "officer.two@opcc.example" },
        { name: "Morgan Reese", emails: ["morgan.reese@example.com"] },
      );
    });
    await screen.findByTestId("sender-card");
    expect(document.activeElement).toBe(elsewhere);
  });
});
