/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * The setup screen's append-only step (issue 12 Deliver 3): labelled group field, the make and
 * check buttons, the check's lines, a clear error for an empty group and for SharePoint's 403;
 * keyboard-usable and axe-clean.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AppendOnlyCheck } from "../../../src/app/append-only";
import { AppendOnlySetup } from "../../../src/ui/admin";
import { axeViolations } from "../../support/axe";

const notYet: AppendOnlyCheck = {
  ok: false,
  staffCanAdd: true,
  staffCanEdit: true,
  staffCanDelete: true,
  lines: ['"casework Members" can edit items of the list (the record must be append-only).'],
};
const done: AppendOnlyCheck = {
  ok: true,
  staffCanAdd: true,
  staffCanEdit: false,
  staffCanDelete: false,
  lines: ['"casework Members" can add and read items of the list, and cannot edit or delete them.'],
};

function wrap(check: (g: string) => Promise<AppendOnlyCheck>, make: (g: string) => Promise<AppendOnlyCheck>) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <AppendOnlySetup defaultGroup="casework Members" check={check} make={make} />
    </FluentProvider>,
  );
}

test("checks, then makes the record append-only, by keyboard; says what it found; axe-clean", async () => {
  const user = userEvent.setup();
  const check = jest.fn(async () => notYet);
  const make = jest.fn(async () => done);
  const { container } = wrap(check, make);
  expect(await axeViolations(container)).toEqual([]);
  const field = screen.getByLabelText("SharePoint group of the casework staff");
  await user.clear(field);
  await user.type(field, "Casework Staff ");
  await user.tab();
  await user.tab();
  await user.keyboard("{Enter}"); // "Check the permissions"
  expect(check).toHaveBeenCalledWith("Casework Staff");
  expect((await screen.findByTestId("append-only-result")).textContent).toMatch(
    /Staff can still change the record.*can edit items/,
  );
  await user.click(screen.getByRole("button", { name: "Make the record append-only" }));
  expect(make).toHaveBeenCalledWith("Casework Staff");
  expect((await screen.findByText("The record is append-only")).textContent).toBeTruthy();
  expect(await axeViolations(container)).toEqual([]);
});

test("an empty group is refused with what to enter; SharePoint's 403 says who can do it", async () => {
  const user = userEvent.setup();
  const make = jest.fn(async () => {
    throw Object.assign(new Error("403"), { status: 403 });
  });
  wrap(async () => done, make);
  await user.clear(screen.getByLabelText("SharePoint group of the casework staff"));
  await user.click(screen.getByRole("button", { name: "Make the record append-only" }));
  expect(make).not.toHaveBeenCalled();
  expect(screen.getByText(/Enter the SharePoint group the casework staff are in/)).toBeTruthy();
  await user.type(screen.getByLabelText("SharePoint group of the casework staff"), "casework Members");
  await user.click(screen.getByRole("button", { name: "Make the record append-only" }));
  expect(await screen.findByText(/only a site owner \(or a SharePoint administrator\) can change/)).toBeTruthy();
});
