/** @jest-environment ./test/support/fixed-jsdom-env.js */
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import { registerPerson } from "../../../src/app/actions";
import { makeWorld } from "../../app/world";
import { renderPanel } from "./harness";

describe("an unknown sender", () => {
  it("offers registration with the name and address from the message, then the person's steps", async () => {
    const user = userEvent.setup();
    const { world, container } = renderPanel();
    expect(screen.getByRole("heading", { name: "Actions" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Open this step" }));
    expect((screen.getByRole("textbox", { name: /^Name/ }) as HTMLInputElement).value).toBe("Alex Person");
    expect((screen.getByRole("textbox", { name: /^Email addresses/ }) as HTMLTextAreaElement).value).toBe(
      "a.person@example.org",
    );
    expect(await axe(container)).toHaveNoViolations();
    await user.click(screen.getByRole("button", { name: "Register" }));
    await screen.findByRole("heading", { name: "Actions for Alex Person" });
    const events = await world.events();
    expect(events.map((e) => e.type)).toEqual(["PersonRegistered"]);
    expect(events[0]?.data).toMatchObject({
      name: "Alex Person",
      emails: ["a.person@example.org"],
      caseRefs: ["CPL-2026-0042"],
    });
    // 8.1: ask about assistance at the outset.
    expect(screen.getByTestId("next-step").textContent).toMatch(/Ask about additional assistance/);
  });

  it("refuses a blank name beside the field, keeping what was typed elsewhere", async () => {
    const user = userEvent.setup();
    const { world } = renderPanel();
    await user.click(screen.getByRole("button", { name: "Open this step" }));
    const name = screen.getByRole("textbox", { name: /^Name/ });
    await user.clear(name);
    await user.type(screen.getByRole("textbox", { name: /^Phone numbers/ }), "07700 900123");
    await user.click(screen.getByRole("button", { name: "Register" }));
    await waitFor(() => expect(name.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = (name.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "");
    expect(describedBy.join(" ")).toMatch(/Please fill this in/);
    expect(document.activeElement).toBe(name);
    expect((screen.getByRole("textbox", { name: /^Phone numbers/ }) as HTMLTextAreaElement).value).toBe("07700 900123");
    expect(await world.events()).toEqual([]);
  });

  it("links the address to someone already on the record, found by name", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const existing = await registerPerson(world.ctx(), { name: "Alex Person", emails: ["alex@old.example"] });
    renderPanel({ world });
    await user.click(screen.getByRole("button", { name: "Open this step" }));
    await user.click(screen.getByRole("radio", { name: /Link this address/ }));
    await user.click(screen.getByRole("button", { name: "Link the address" }));
    // Nothing chosen yet: the choice is asked for beside the list.
    expect(await screen.findByText(/Choose the person this address belongs to/)).toBeTruthy();
    await user.click(screen.getByRole("radio", { name: /^Alex Person \(alex@old.example\)/ }));
    await user.click(screen.getByRole("button", { name: "Link the address" }));
    await screen.findByRole("heading", { name: "Actions for Alex Person" });
    expect(world.record.index.whoUses("a.person@example.org")).toEqual([existing.personId]);
  });
});
