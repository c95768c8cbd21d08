/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Issue 14 item 8: in the narrow pane only the current/next step is open at first, and opening a
 * step folds the finished ones away (keyboard as well as pointer); the wide pane keeps what was opened.
 */
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { makeWorld } from "../../app/world";
import { renderPanel } from "./harness";

async function aPersonWithAnIncident() {
  const world = makeWorld();
  const { personId } = await A.registerPerson(world.ctx(), { name: "Alex Person", emails: ["a.person@example.org"] });
  await A.recordAssistanceOffered(world.ctx(), { personId, accepted: false });
  await A.recordIncident(world.ctx(), {
    personId,
    kind: "persistence",
    behaviours: ["demanding-updates"],
    channel: "email",
    summary: "Twelve emails in a day.",
  });
  return { world, personId };
}

const header = (id: string) => document.getElementById(`csm-step-${id}`) as HTMLElement;
const expanded = () =>
  [...document.querySelectorAll("[data-step]")]
    .filter((el) => el.querySelector('[aria-expanded="true"]'))
    .map((el) => el.getAttribute("data-step"));
const status = (id: string) => document.querySelector(`[data-step="${id}"]`)?.getAttribute("data-status");

describe("the steps in a narrow pane", () => {
  it("open only the next step at first, and fold a finished step when another opens", async () => {
    const user = userEvent.setup();
    const { world, personId } = await aPersonWithAnIncident();
    const { container } = renderPanel({ world, personId, compact: true });
    const next = screen.getByTestId("actions").getAttribute("data-next-step");
    expect(next).toBe("causes");
    expect(expanded()).toEqual(["causes"]);
    expect(status("assistance")).toBe("done");
    expect(await axe(container)).toHaveNoViolations();

    // A finished step opened by keyboard…
    header("assistance").focus();
    await user.keyboard("{Enter}");
    expect(expanded()).toEqual(["assistance", "causes"]);
    // …folds when another step opens (Space on its header); the unfinished one stays open.
    header("warning").focus();
    await user.keyboard(" ");
    expect(expanded()).toEqual(["causes", "warning"]);
    // "Open this step" opens the next one without unfolding anything finished.
    await user.click(screen.getByRole("button", { name: "Open this step" }));
    expect(expanded()).toEqual(["causes", "warning"]);
  });

  it("in the wide pane nothing opens by itself and what was opened stays open", async () => {
    const user = userEvent.setup();
    const { world, personId } = await aPersonWithAnIncident();
    renderPanel({ world, personId });
    expect(expanded()).toEqual([]);
    await user.click(header("assistance"));
    await user.click(header("warning"));
    expect(expanded()).toEqual(["assistance", "warning"]);
  });
});
