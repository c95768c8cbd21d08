/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Roles in the UI (issue 12 item 1): front-line staff with no role see a read-only state and no
 * step that records; the preview's "Acting as" chooser sets the roles the app layer checks.
 */
import "../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { Access, RoleRefusedError } from "../../src/app/roles";
import { ActingAs } from "../../src/surfaces/preview/ActingAs";
import { axeViolations } from "../support/axe";
import { makeWorld } from "../app/world";
import { restricted } from "../app/ladder-fixture";
import * as A from "../../src/app/actions";
import { renderPanel } from "./actions/harness";

const stepsShown = (container: HTMLElement) =>
  [...container.querySelectorAll("[data-step]")].map((e) => e.getAttribute("data-step"));

describe("the actions panel by role", () => {
  it("front-line staff with no role: a read-only state that says what to do, and only the history", async () => {
    const world = makeWorld();
    await restricted(world);
    world.record.setAccess(Access.none());
    const { container } = renderPanel({ world });
    const note = screen.getByTestId("read-only");
    expect(note.textContent).toMatch(/You can read the record, not add to it/);
    expect(note.textContent).toMatch(/tell a caseworker or your manager/);
    expect(stepsShown(container)).toEqual(["history"]);
    expect(screen.queryByTestId("next-step")).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("a DPO is told their role records no casework; a caseworker gets no read-only note", async () => {
    const world = makeWorld();
    await restricted(world);
    world.record.setAccess(new Access(["dpo"]));
    const first = renderPanel({ world });
    expect(screen.getByTestId("read-only").textContent).toMatch(/signed in as a Data Protection Officer/);
    first.unmount();
    world.record.setAccess(new Access(["caseworker"]));
    const { container } = renderPanel({ world });
    expect(screen.queryByTestId("read-only")).toBeNull();
    expect(stepsShown(container)).not.toContain("lift");
    expect(stepsShown(container)).toContain("incident");
  });
});

describe("the preview's Acting as chooser", () => {
  it("is labelled, axe-clean, offers every role and none, and the app layer refuses what the choice does not allow", async () => {
    const world = makeWorld();
    const { personId, strategyId } = await restricted(world);
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <ActingAs record={world.record} />
      </FluentProvider>,
    );
    const select = screen.getByLabelText("Acting as") as HTMLSelectElement;
    expect(select.value).toBe("every-role");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual([
      "Every role (demonstration)",
      "Caseworker",
      "Manager",
      "Data Protection Officer",
      "Records officer",
      "Administrator",
      "Front-line staff (no role)",
    ]);
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.change(select, { target: { value: "caseworker" } });
    expect(world.record.access.roles).toEqual(["caseworker"]);
    await expect(A.liftStrategy(world.ctx(), { personId, strategyId, reason: "Better." })).rejects.toBeInstanceOf(
      RoleRefusedError,
    );
    fireEvent.change(select, { target: { value: "no-role" } });
    expect(world.record.access.hasNoRole).toBe(true);
    fireEvent.change(select, { target: { value: "manager" } });
    await A.liftStrategy(world.ctx(), { personId, strategyId, reason: "Better." });
    expect(world.record.index.person(personId).strategies.get(strategyId)?.active).toBe(false);
  });
});
