/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Issue 14 item 11: the taskpane's Settings entry is for administrators only, by the role table
 * (app/roles.ts): shown for the admin role (and on the record on this device, where nobody signs
 * in and every role applies), gone for a caseworker, a manager or no role; it follows a change
 * of access without a reload.
 */
import "../../support/dom-stubs";
import { act, render, screen } from "@testing-library/react";
import { Access } from "../../../src/app/roles";
import { M365Frame } from "../../../src/surfaces/taskpane/M365Panel";
import type { TaskpaneSettings } from "../../../src/surfaces/taskpane/m365";
import { axeViolations } from "../../support/axe";
import { sampleFixture } from "../services-fixture";

jest.setTimeout(60_000);

it("shows Settings to administrators only, and follows the access as it changes; accessible", async () => {
  const f = await sampleFixture();
  const value = { config: {} as TaskpaneSettings, m365: null, signIn: null };
  const { container } = render(
    f.wrap(
      <M365Frame value={value}>
        <p>pane</p>
      </M365Frame>,
    ),
  );
  // The record on this device: every role, so whoever sets the pane up can reach Settings.
  expect(screen.getByRole("button", { name: "Settings" })).toBeTruthy();
  expect(await axeViolations(container)).toEqual([]);
  for (const roles of [["caseworker"], ["manager", "dpo"], []] as const) {
    act(() => f.record.setAccess(new Access(roles)));
    expect(screen.queryByRole("button", { name: "Settings" })).toBeNull();
    expect(screen.getByText("pane")).toBeTruthy();
  }
  act(() => f.record.setAccess(new Access(["admin"])));
  expect(screen.getByRole("button", { name: "Settings" })).toBeTruthy();
  expect(await axeViolations(container)).toEqual([]);
});
