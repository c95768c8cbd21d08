/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Issue 13 Deliver 2 on the Teams person page: "Record an appeal" and "Decide appeal" (labelled,
 * keyboard-usable, errors beside the field that say what to do), the separation-of-duties refusal
 * as staff see it, the appeal in the person's page and the outcome letter; axe-clean throughout.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryAppealStore } from "../../../src/adapters/local/appeal-store";
import { AppealService } from "../../../src/app/appeals";
import type { RecordService } from "../../../src/app/record-service";
import { Access, type Role } from "../../../src/app/roles";
import { ServicesProvider } from "../../../src/ui/services";
import { PersonView } from "../../../src/ui/teams/PersonView";
import { axeViolations } from "../../support/axe";
import { MANAGER, noMail, NOW_MS, sampleRecord, STAFF } from "./fixture";

async function page(user: string, roles: readonly Role[] = ["manager"]) {
  const { record } = await sampleRecord();
  record.setAccess(new Access(roles));
  const clock = { now: () => NOW_MS };
  let n = 0;
  const ids = { next: (p: string) => `${p}-${++n}` };
  const store = new MemoryAppealStore();
  const appeals = new AppealService(store, record, clock, ids);
  const opened: string[] = [];
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids, mail: noMail, appeals }}>
        <PersonView
          personId="P-1"
          onBack={() => undefined}
          user={user}
          openDocument={(html) => {
            opened.push(html);
            return true;
          }}
        />
      </ServicesProvider>
    </FluentProvider>,
  );
  return { ...view, record, store, appeals, opened };
}

async function recordOne(user = userEvent.setup()) {
  await user.click(await screen.findByRole("button", { name: "Record an appeal" }));
  const form = screen.getByRole("form", { name: "Record an appeal" });
  await user.type(within(form).getByRole("textbox", { name: /Grounds/ }), "I was told to phone.");
  await user.click(within(form).getByRole("button", { name: "Record the appeal" }));
  await screen.findByText(/The appeal is recorded/);
}

describe("appeals on the person page", () => {
  it("records an appeal from the keyboard; a missing field says what to do and keeps what was typed; axe-clean", async () => {
    const { container, store } = await page(STAFF, ["caseworker"]);
    const user = userEvent.setup();
    expect(await screen.findByText("No appeals recorded.")).toBeTruthy();
    screen.getByRole("button", { name: "Record an appeal" }).focus();
    await user.keyboard("{Enter}");
    const form = screen.getByRole("form", { name: "Record an appeal" });
    expect(within(form).getByRole("combobox", { name: /Decision to reconsider/ })).toBeTruthy();
    const asked = within(form).getByRole("textbox", { name: /Who asked/ });
    await user.clear(asked);
    await user.type(asked, "Jo Advocate");
    expect(await axeViolations(container)).toEqual([]);
    await user.click(within(form).getByRole("button", { name: "Record the appeal" }));
    expect(await within(form).findByText(/Enter the grounds/)).toBeTruthy();
    expect(
      within(form)
        .getAllByRole("alert")
        .map((a) => a.textContent)
        .join(" "),
    ).toMatch(/correct the fields/);
    expect((asked as HTMLInputElement).value).toBe("Jo Advocate");
    expect(store.all()).toHaveLength(0);
    expect(await axeViolations(container)).toEqual([]);
    await user.type(within(form).getByRole("textbox", { name: /Grounds/ }), "I was told to phone.");
    await user.click(within(form).getByRole("button", { name: "Record the appeal" }));
    expect(await screen.findByText(/The appeal is recorded/)).toBeTruthy();
    const item = screen.getByTestId("appeal");
    expect(item.textContent).toContain("asked by Jo Advocate on Tuesday 3 November 2026");
    expect(item.textContent).toContain("Waiting for a decision");
    // A caseworker records appeals but does not decide them.
    expect(screen.queryByRole("button", { name: "Decide appeal" })).toBeNull();
  });

  it("refuses the member of staff who imposed the strategy as the decider, in plain English, and records nothing", async () => {
    const { store } = await page(STAFF);
    const user = userEvent.setup();
    await recordOne(user);
    await user.click(screen.getByRole("button", { name: "Decide appeal" }));
    const form = screen.getByRole("form", { name: "Decide appeal" });
    await user.type(within(form).getByRole("textbox", { name: /Reasons/ }), "The calls continued.");
    await user.click(within(form).getByRole("button", { name: "Record the decision" }));
    expect((await within(form).findAllByRole("alert")).map((a) => a.textContent).join(" ")).toMatch(
      /You made the decision under appeal, so you cannot decide the appeal.*Ask another manager/,
    );
    expect(store.all().filter((e) => e.type === "AppealDecided")).toHaveLength(0);
  });

  it("a manager not involved overturns the strategy: it is lifted on the record and the letter names the Ombudsman; axe-clean", async () => {
    const { container, record, opened } = await page(MANAGER);
    const user = userEvent.setup();
    await recordOne(user);
    await user.click(screen.getByRole("button", { name: "Decide appeal" }));
    const form = screen.getByRole("form", { name: "Decide appeal" });
    await user.click(within(form).getByRole("radio", { name: /Overturned/ }));
    await user.type(within(form).getByRole("textbox", { name: /Reasons/ }), "The phone calls were invited.");
    expect(await axeViolations(container)).toEqual([]);
    await user.click(within(form).getByRole("button", { name: "Record the decision" }));
    expect(await screen.findByText(/the decision is withdrawn on the record/)).toBeTruthy();
    expect((record as RecordService).index.person("P-1").strategies.get("S-1")?.active).toBe(false);
    const letter = screen.getByRole("region", { name: "Outcome letter" });
    expect(letter.textContent).toMatch(/complain to the Ombudsman/);
    expect(letter.textContent).toContain("The phone calls were invited.");
    expect(screen.getByTestId("appeal").textContent).toMatch(/Overturned.*decided by line\.manager@opcc\.example/);
    await user.click(within(letter).getByRole("button", { name: "Open the letter to print" }));
    expect(opened[0]).toMatch(/Ombudsman/);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("varied: the restrictions to keep are checkboxes; keeping none says what to do", async () => {
    const { record } = await page(MANAGER);
    const user = userEvent.setup();
    await recordOne(user);
    await user.click(screen.getByRole("button", { name: "Decide appeal" }));
    const form = screen.getByRole("form", { name: "Decide appeal" });
    await user.click(within(form).getByRole("radio", { name: /Varied/ }));
    await user.type(within(form).getByRole("textbox", { name: /Reasons/ }), "One route is enough.");
    await user.click(within(form).getByRole("button", { name: "Record the decision" }));
    expect((await within(form).findByTestId("keep-error")).textContent).toMatch(/Tick the restrictions to keep/);
    const boxes = within(form).getAllByRole("checkbox");
    expect(boxes.length).toBe(2);
    await user.click(boxes[0]!);
    await user.click(within(form).getByRole("button", { name: "Record the decision" }));
    expect(await screen.findByText(/the strategy is varied on the record/)).toBeTruthy();
    expect(record.index.person("P-1").strategies.get("S-1")?.restrictions).toHaveLength(1);
  });
});
