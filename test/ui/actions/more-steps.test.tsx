/** @jest-environment ./test/support/fixed-jsdom-env.js */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { registered, restricted } from "../../app/ladder-fixture";
import { makeWorld } from "../../app/world";
import { renderPanel } from "./harness";

type User = ReturnType<typeof userEvent.setup>;

async function openStep(user: User, title: RegExp) {
  const header = screen.getByRole("button", { name: title });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  return within(header.closest("[data-step]") as HTMLElement);
}

describe("needs and reasonable adjustments (8.2–8.5)", () => {
  it("records the full set with details, and letters then follow them", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId, strategyId } = await restricted(world);
    const { mail, container } = renderPanel({ world, personId, message: null });
    const step = await openStep(user, /^Needs and reasonable adjustments/);
    await user.click(step.getByRole("checkbox", { name: "Large print" }));
    await user.type(step.getByRole("textbox", { name: "Details: Large print (optional)" }), "Sight loss");
    await user.click(step.getByRole("radio", { name: "The person themselves" }));
    expect(await axe(container)).toHaveNoViolations();
    await user.click(step.getByRole("button", { name: "Record needs" }));
    expect(await step.findByText("Needs recorded.")).toBeTruthy();
    expect(world.record.index.person(personId).adjustments).toEqual([{ kind: "large-print", detail: "Sight loss" }]);
    // A letter drafted now is in large print.
    await A.recordBreach(world.ctx(), {
      personId,
      strategyId,
      restriction: "single-point-of-contact",
      detail: "Rang the front desk.",
    });
    const reminder = await openStep(user, /^Send a breach reminder/);
    await user.click(reminder.getByRole("button", { name: "Draft the reminder letter as a new message" }));
    expect(mail.newMessages[0]?.htmlBody).toContain("font-size:18pt");
  });
});

describe("strategy in force", () => {
  it("varies the restrictions (the full new set) and drafts the variation notice", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId, strategyId } = await restricted(world);
    const { mail } = renderPanel({ world, personId, message: null });
    const step = await openStep(user, /^Vary the strategy/);
    // The current restriction is there to edit.
    expect(step.getByRole("group", { name: "Restriction 1: A single point of contact" })).toBeTruthy();
    await user.selectOptions(step.getByRole("combobox", { name: /^Add another restriction/ }), "call-recording");
    await user.click(step.getByRole("button", { name: "Add" }));
    await user.click(step.getByRole("button", { name: "Remove restriction 1" }));
    await user.type(
      step.getByRole("textbox", { name: /^Reason for the change/ }),
      "Calls are calmer; one contact no longer needed.",
    );
    await user.click(step.getByRole("button", { name: "Record the variation" }));
    await user.click(await step.findByRole("button", { name: "Draft the variation notice as a new message" }));
    expect(world.record.index.person(personId).strategies.get(strategyId)?.restrictions).toEqual([
      { kind: "call-recording" },
    ]);
    expect(mail.newMessages[0]?.subject).toBe("Changes to the contact arrangements for CPL-2026-0042");
  });

  it("records a breach by hand for a logged contact, then reviews that contact (9.10)", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId } = await restricted(world);
    const { contactId } = await A.logContact(world.ctx(), {
      personId,
      channel: "in-person",
      at: "2026-11-03T09:45:00Z",
      from: "Alex Person",
      to: ["officer.one@opcc.example"],
    });
    world.clock.set("2026-11-03T12:00:00Z");
    const { container } = renderPanel({ world, personId, message: null });
    expect(screen.getByTestId("next-step").textContent).toMatch(/Review a contact/);
    const breach = await openStep(user, /^Record a breach by hand/);
    await user.selectOptions(breach.getByRole("combobox", { name: "Which restriction?" }), "single-point-of-contact");
    await user.selectOptions(breach.getByRole("combobox", { name: /^The contact that breached it/ }), contactId);
    await user.type(
      breach.getByRole("textbox", { name: /^What happened\?/ }),
      "Came to reception and asked for the manager.",
    );
    await user.click(breach.getByRole("button", { name: "Record the breach" }));
    expect(await breach.findByText("Breach recorded.")).toBeTruthy();
    const [b] = world.record.index.person(personId).breaches.values();
    expect(b?.event.data).toMatchObject({ contactId, restriction: "single-point-of-contact" });
    expect(b?.event.at).toBe("2026-11-03T09:45:00Z");
    const review = await openStep(user, /^Review a contact/);
    await user.click(review.getByRole("radio", { name: "A safeguarding issue" }));
    expect(await axe(container)).toHaveNoViolations();
    await user.click(review.getByRole("button", { name: "Record the review" }));
    expect(await review.findByText(/Act on it now under the relevant procedure/)).toBeTruthy();
    expect(world.record.index.person(personId).contacts.get(contactId)?.reviewed).toBe(true);
  });

  it("further action is not offered before a breach (10.1), and is recorded after one", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId, strategyId } = await restricted(world);
    await A.recordBreach(world.ctx(), { personId, strategyId, restriction: "single-point-of-contact", detail: "x" });
    renderPanel({ world, personId, message: null });
    const step = await openStep(user, /^Consider further action/);
    await user.type(
      step.getByRole("textbox", { name: /^Advice sought/ }),
      "Legal services: an injunction is possible.",
    );
    await user.click(step.getByRole("radio", { name: "Do not proceed" }));
    await user.click(step.getByRole("button", { name: "Record the decision" }));
    expect(await step.findByText("Decision on further action recorded.")).toBeTruthy();
    expect(world.record.index.person(personId).furtherAction[0]?.data.outcome).toBe("not-proceeding");
  });

  it("a step not yet open to the person says why, with no form", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    renderPanel({ world, personId, message: null });
    const step = await openStep(user, /^Consider further action/);
    expect(step.getByText("Only where a contact strategy has been breached (10.1).")).toBeTruthy();
    expect(step.queryByRole("button", { name: "Record the decision" })).toBeNull();
  });
});
