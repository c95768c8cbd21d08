/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * The impose-strategy wizard checks each page as staff leave it (issue 14, Deliver 6), says at the
 * start which earlier steps are missing, pre-fills nothing that clashes, and refuses restriction
 * combinations on the restrictions page (Deliver 2).
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { MATTER, PERSON_EMAIL, registered, warned } from "../../app/ladder-fixture";
import { makeWorld } from "../../app/world";
import { renderPanel } from "./harness";

type User = ReturnType<typeof userEvent.setup>;

async function openWizard(user: User) {
  await user.click(screen.getByRole("button", { name: /^Impose a contact strategy/ }));
}

async function toRestrictions(user: User) {
  await user.type(screen.getByRole("textbox", { name: /^Reason for the strategy/ }), "Abusive calls.");
  await user.click(screen.getByRole("button", { name: "Next" }));
  await screen.findByText(/Step 2 of 5: Restrictions/);
}

async function add(user: User, kind: string) {
  await user.selectOptions(screen.getByRole("combobox", { name: /^Add (a|another) restriction/ }), kind);
  await user.click(screen.getByRole("button", { name: "Add" }));
}

describe("the wizard checks each page as it goes", () => {
  it("keeps staff on the first page when the reason is blank, with the error summary focused and no axe violations", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    const { container } = renderPanel({ world, personId, message: null });
    await openWizard(user);
    await user.click(screen.getByRole("button", { name: "Next" }));
    const summary = await screen.findByTestId("page-errors");
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(screen.getByText(/Step 1 of 5/)).toBeTruthy();
    expect(within(summary).getByRole("link").textContent).toBe("Please fill this in (9.4–9.9).");
    expect(screen.getByRole("textbox", { name: /^Reason for the strategy/ }).getAttribute("aria-invalid")).toBe("true");
    expect(await axe(container)).toHaveNoViolations();
    // Typing the reason takes the error away; Next then moves on.
    await user.type(screen.getByRole("textbox", { name: /^Reason for the strategy/ }), "Abusive calls.");
    expect(screen.queryByTestId("page-errors")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/Step 2 of 5/)).toBeTruthy();
  });

  it("asks for a restriction on the restrictions page, and the error goes once one is added", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    renderPanel({ world, personId, message: null });
    await openWizard(user);
    await toRestrictions(user);
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByTestId("page-errors")).toBeTruthy();
    expect(screen.getAllByText(/Choose or add at least one/).length).toBeGreaterThan(0);
    await add(user, "single-point-of-contact");
    expect(screen.queryByText(/Choose or add at least one/)).toBeNull();
    expect(screen.queryByTestId("page-errors")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/Step 3 of 5/)).toBeTruthy();
  });

  it("refuses call times with written contact only on the restrictions page, naming both and 9.9", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    const { container } = renderPanel({ world, personId, message: null });
    await openWizard(user);
    await toRestrictions(user);
    await add(user, "phone-window");
    await add(user, "written-only");
    await user.click(screen.getByRole("button", { name: "Next" }));
    const summary = await screen.findByTestId("page-errors");
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const text = within(summary).getByRole("link").textContent ?? "";
    expect(text).toMatch(/^“Phone calls only at agreed times” cannot go with “Written contact only \(email or post\)”/);
    expect(text).toMatch(/\(9\.6, 9\.9\)\.$/);
    // The error is also on the second of the two restrictions.
    const second = container.querySelector('[data-field="data.restrictions[1]"]') as HTMLElement;
    expect(within(second).getByText(/cannot go with/)).toBeTruthy();
    expect(await axe(container)).toHaveNoViolations();
    // The summary's link takes focus to that restriction.
    await user.click(within(summary).getByRole("link"));
    expect(second.contains(document.activeElement)).toBe(true);
    await user.click(screen.getByRole("button", { name: "Remove restriction 1" }));
    expect(screen.queryByText(/cannot go with/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/Step 3 of 5/)).toBeTruthy();
    expect(world.record.index.person(personId).strategies.size).toBe(0);
  });

  it("pre-fills neither the person's addresses as blocked nor the strategy's matter as closed, and says why in the hints", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    renderPanel({ world, personId, message: null });
    await openWizard(user);
    await toRestrictions(user);
    await add(user, "blocked-addresses");
    await add(user, "no-reopening");
    const blocked = screen.getByRole("textbox", { name: /^Blocked email addresses/ }) as HTMLTextAreaElement;
    expect(blocked.value).toBe("");
    expect(screen.getByText(new RegExp(`On record for them: ${PERSON_EMAIL.replace(/\./g, "\\.")}`))).toBeTruthy();
    const closed = screen.getByRole("textbox", {
      name: /^Closed matters that will not be reopened/,
    }) as HTMLTextAreaElement;
    expect(closed.value).toBe("");
    expect(screen.getByText(new RegExp(`${MATTER} is the matter this strategy manages`))).toBeTruthy();
  });

  it("blocking their only email while they need contact in writing asks for equality advice on page 3", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    await A.recordNeeds(world.ctx(), { personId, adjustments: [{ kind: "written-contact" }], source: "self-declared" });
    renderPanel({ world, personId, message: null });
    await openWizard(user);
    await toRestrictions(user);
    await add(user, "blocked-addresses");
    await user.type(screen.getByRole("textbox", { name: /^Blocked email addresses/ }), PERSON_EMAIL);
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/Step 3 of 5/)).toBeTruthy();
    expect(screen.getByText(/conflicts with their recorded need for contact in writing/)).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: /^Why is this fair/ }), "Abusive emails.");
    await user.click(screen.getByRole("button", { name: "Next" }));
    const summary = await screen.findByTestId("page-errors");
    expect(within(summary).getByRole("link").textContent).toMatch(
      /“Needs contact in writing”.*record it here \(8\.4, 9\.13–9\.14\)\.$/,
    );
    await user.type(screen.getByRole("textbox", { name: /^Equality advice sought/ }), "Equality lead: post meets it.");
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/Step 4 of 5/)).toBeTruthy();
  });
});

describe("the wizard says at the start what earlier step is missing", () => {
  it("names the incident, the causes and the warning for someone only registered, and nothing once the ladder is climbed", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    const first = renderPanel({ world, personId, message: null });
    await openWizard(user);
    const notice = screen.getByTestId("missing-steps");
    const items = within(notice)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(items).toEqual([
      expect.stringMatching(/^No incident is recorded.*\(4\.5–4\.6, 9\.4\)\.$/),
      expect.stringMatching(/^The underlying causes have not been considered.*\(7\.2–7\.3\)\.$/),
      expect.stringMatching(/^No warning has been given.*\(9\.1–9\.3\)\.$/),
    ]);
    expect(await axe(first.container)).toHaveNoViolations();
    first.unmount();

    const world2 = makeWorld();
    const warnedId = await warned(world2);
    renderPanel({ world: world2, personId: warnedId, message: null });
    await openWizard(user);
    expect(screen.queryByTestId("missing-steps")).toBeNull();
  });
});
