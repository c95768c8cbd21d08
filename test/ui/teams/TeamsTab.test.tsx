/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * The Teams tab's views over the sample record: register (sort, filter, export), breaches with
 * Acknowledge (BreachAcknowledged through RecordService), reviews due, contacts awaiting review,
 * the deep-linked breach; no axe violations in any of them.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { acknowledgementEvent } from "../../../src/app/register";
import { RecordService as RecordServiceClass, type RecordService } from "../../../src/app/record-service";
import type { BreachAcknowledgedEvent } from "./types";
import { ServicesProvider } from "../../../src/ui/services";
import { TeamsTab } from "../../../src/ui/teams/TeamsTab";
import { axeViolations } from "../../support/axe";
import { MANAGER, noMail, NOW_MS, sampleRecord } from "./fixture";

async function setup(options: { load?: boolean } = {}) {
  const loaded = await sampleRecord();
  const clock = { now: () => NOW_MS };
  const { store } = loaded;
  // Not loaded: a RecordService over the same store that has not read it yet.
  const record = options.load === false ? new RecordServiceClass(store, clock) : loaded.record;
  const wrap = (children: ReactNode) => (
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: { next: (p) => `${p}-1` }, mail: noMail }}>
        {children}
      </ServicesProvider>
    </FluentProvider>
  );
  return { record, store, wrap };
}

/** Switches view, and lets the tab's animated indicator (a requestAnimationFrame) settle inside act. */
async function selectTab(view: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId(`tab-${view}`));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  });
}

const rowsShown = () => screen.getAllByTestId("register-row").map((r) => r.getAttribute("data-person"));

describe("the register", () => {
  test("lists every active strategy, soonest review first, and is accessible", async () => {
    const { wrap } = await setup();
    const { container } = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await selectTab("register");
    expect(screen.getByTestId("teams-tab").getAttribute("data-counts")).toBe(
      "today:4,register:3,breaches:1,reviews:2,contacts:1",
    );
    expect(rowsShown()).toEqual(["P-2", "P-1", "P-3"]);
    const sam = screen.getAllByTestId("register-row")[0]!;
    expect(within(sam).getByText("Overdue by 3 days")).toBeTruthy();
    expect(sam.textContent).toMatch(/contact only through their advocate, Jo Advocate/);
    expect(screen.getAllByTestId("register-row")[1]!.textContent).toMatch(/officer\.one@opcc\.example/);
    expect(await axeViolations(container)).toEqual([]);
  });

  test("a person's name opens their page (history, and the reports the role allows), and Back returns to Today", async () => {
    const { wrap } = await setup();
    const { container } = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await selectTab("register");
    const row = screen.getAllByTestId("register-row").find((r) => r.getAttribute("data-person") === "P-3")!;
    const link = within(row).getByTestId("register-person-link");
    expect(link.tagName).toBe("BUTTON"); // keyboard-operable: a Link with onClick renders a button
    const name = link.textContent!;
    await act(async () => {
      fireEvent.click(link);
      await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    });
    const page = await screen.findByTestId("person-page");
    expect(page.getAttribute("data-person")).toBe("P-3");
    expect(page.querySelector("#person-heading")?.textContent).toBe(name);
    expect(document.activeElement?.id).toBe("person-heading");
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(within(page).getByRole("button", { name: "Back to Today" }));
    expect(screen.queryByTestId("person-page")).toBeNull();
  });

  test("sorts by a column, then the other way, saying so in aria-sort", async () => {
    const { wrap } = await setup();
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await selectTab("register");
    const person = () => screen.getByTestId("sort-person");
    fireEvent.click(within(person()).getByRole("button"));
    expect(rowsShown()).toEqual(["P-1", "P-3", "P-2"]);
    expect(person().getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(within(person()).getByRole("button"));
    expect(rowsShown()).toEqual(["P-2", "P-3", "P-1"]);
    expect(person().getAttribute("aria-sort")).toBe("descending");
  });

  test("filters by words, restriction kind and overdue reviews", async () => {
    const user = userEvent.setup();
    const { wrap } = await setup();
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await selectTab("register");
    await user.type(screen.getByLabelText("Filter the register"), "casework");
    expect(rowsShown()).toEqual(["P-1"]);
    expect(screen.getByTestId("register-count").textContent).toMatch(/Showing 1 of 3 active strategies/);
    await user.clear(screen.getByLabelText("Filter the register"));
    await user.selectOptions(screen.getByLabelText("Restriction"), "written-only");
    expect(rowsShown()).toEqual(["P-3"]);
    await user.selectOptions(screen.getByLabelText("Restriction"), "");
    await user.click(screen.getByLabelText("Overdue reviews only"));
    expect(rowsShown()).toEqual(["P-2"]);
    await user.type(screen.getByLabelText("Filter the register"), "nobody");
    expect(screen.getByText("No strategy matches the filter.")).toBeTruthy();
  });

  test("exports the whole register as CSV, without names", async () => {
    const saveFile = jest.fn();
    const { wrap } = await setup();
    render(wrap(<TeamsTab user={MANAGER} saveFile={saveFile} />));
    await selectTab("register");
    await userEvent.setup().type(screen.getByLabelText("Filter the register"), "casework");
    fireEvent.click(screen.getByRole("button", { name: "Export the register as CSV" }));
    expect(saveFile).toHaveBeenCalledTimes(1);
    const [name, text, type] = saveFile.mock.calls[0] as [string, string, string];
    expect(name).toBe("contact-strategy-register-2026-11-03.csv");
    expect(type).toMatch(/^text\/csv/);
    expect(text.trimEnd().split("\r\n")).toHaveLength(4);
    expect(text).not.toMatch(/Alex Example|Sam Sample|Chris Case/);
  });

  test("opened from a notification's record link: the register filtered to that person", async () => {
    const { wrap } = await setup();
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} focusPersonId="P-2" />));
    expect(rowsShown()).toEqual(["P-2"]);
    expect(screen.getByTestId("person-filter").textContent).toMatch(/strategies of Sam Sample only/);
    fireEvent.click(screen.getByRole("button", { name: "Show every strategy" }));
    expect(rowsShown()).toEqual(["P-2", "P-1", "P-3"]);
  });

  test("says it is reading until the record is loaded", async () => {
    const { wrap } = await setup({ load: false });
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    expect(screen.getByTestId("teams-tab").getAttribute("data-ready")).toBe("false");
    expect(screen.getByText("Reading the record…")).toBeTruthy();
  });
});

describe("breaches awaiting acknowledgement", () => {
  const openBreaches = () => selectTab("breaches");

  test("acknowledging with a note records BreachAcknowledged by the line manager", async () => {
    const user = userEvent.setup();
    const { wrap, store } = await setup();
    const { container } = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await openBreaches();
    const breach = screen.getByTestId("breach");
    expect(within(breach).getByRole("heading", { name: "A single point of contact: Alex Example" })).toBeTruthy();
    expect(breach.textContent).not.toMatch(/P-1|S-1|B-1/);
    expect(breach.textContent).toMatch(/Emailed another officer/);
    expect(breach.textContent).toMatch(/Not yet sent/);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(within(breach).getByRole("button", { name: "Acknowledge" }));
    expect(await axeViolations(container)).toEqual([]);
    await user.type(screen.getByLabelText(/Note/), "Spoken to Officer Two.");
    await user.click(screen.getByRole("button", { name: "Record acknowledgement" }));
    await waitFor(() =>
      expect(screen.getByTestId("breaches-status").textContent).toBe(
        "Acknowledged the breach for Alex Example. It is recorded.",
      ),
    );
    expect(screen.queryByTestId("breach")).toBeNull();
    expect(screen.getByText("No breach is waiting for acknowledgement.")).toBeTruthy();
    expect(screen.getByTestId("teams-tab").getAttribute("data-counts")).toBe(
      "today:3,register:3,breaches:0,reviews:2,contacts:1",
    );
    const acks = (await store.readAll()).filter(
      (e) => e.type === "BreachAcknowledged" && e.personId === "P-1",
    ) as BreachAcknowledgedEvent[];
    expect(acks.map((e) => [e.by, e.data])).toEqual([[MANAGER, { breachId: "B-1", note: "Spoken to Officer Two." }]]);
  });

  test("when a colleague acknowledged it a moment before, theirs stands and the tab says so", async () => {
    const user = userEvent.setup();
    const { wrap, store } = await setup();
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await openBreaches();
    await user.click(screen.getByRole("button", { name: "Acknowledge" }));
    // The colleague's acknowledgement reaches the store first (same derived id, another note).
    await store.append(
      acknowledgementEvent({
        breachId: "B-1",
        personId: "P-1",
        note: "Mine.",
        by: "other.manager@opcc.example",
        at: "2026-11-03T09:00:00Z",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Record acknowledgement" }));
    await waitFor(() =>
      expect(screen.getByTestId("breaches-status").textContent).toBe(
        "The breach for Alex Example had already been acknowledged.",
      ),
    );
    const acks = (await store.readAll()).filter((e) => e.type === "BreachAcknowledged" && e.personId === "P-1");
    expect(acks).toHaveLength(1);
  });

  test("a refusal from the record is shown beside the form", async () => {
    const user = userEvent.setup();
    const { wrap, record } = await setup();
    jest.spyOn(record as RecordService, "record").mockRejectedValueOnce(new Error("network down"));
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await openBreaches();
    await user.click(screen.getByRole("button", { name: "Acknowledge" }));
    await user.click(screen.getByRole("button", { name: "Record acknowledgement" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/could not be recorded: network down/);
    expect(screen.getByTestId("acknowledge-form")).toBeTruthy();
  });

  test("without a known user, Acknowledge is unavailable and says why", async () => {
    const { wrap } = await setup();
    render(wrap(<TeamsTab user={null} saveFile={() => undefined} />));
    await openBreaches();
    expect(screen.getByRole("button", { name: "Acknowledge" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByText(/sign-in name is not known/)).toBeTruthy();
  });

  test("opened from a breach card's link: the breaches view, that breach marked and focused", async () => {
    const { wrap } = await setup();
    const { container } = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} focusBreachId="B-1" />));
    expect(screen.getByTestId("teams-tab").getAttribute("data-view")).toBe("breaches");
    const breach = screen.getByTestId("breach");
    expect(breach.getAttribute("data-focused")).toBe("true");
    expect(document.activeElement).toBe(within(breach).getByRole("heading", { level: 3 }));
    expect(await axeViolations(container)).toEqual([]);
  });

  test("a link to a breach that is no longer waiting says so", async () => {
    const { wrap } = await setup();
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} focusBreachId="B-2" />));
    expect(screen.getByTestId("focus-missing").textContent).toMatch(/not waiting/);
  });
});

test("reviews due and overdue, and contacts awaiting review, are accessible", async () => {
  const { wrap } = await setup();
  const { container } = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
  await selectTab("reviews");
  const reviews = screen.getAllByTestId("review-row");
  expect(reviews.map((r) => r.getAttribute("data-overdue"))).toEqual(["true", "false"]);
  expect(reviews[0]!.textContent).toMatch(/31 October 2026.*Overdue by 3 days/);
  expect(reviews[1]!.textContent).toMatch(/10 November 2026.*Due in 7 days/);
  expect(await axeViolations(container)).toEqual([]);
  await selectTab("contacts");
  const contacts = screen.getAllByTestId("contact-row");
  expect(contacts).toHaveLength(1);
  expect(contacts[0]!.textContent).toMatch(/Alex Example/);
  expect(await axeViolations(container)).toEqual([]);
});

describe("Today", () => {
  test("opens on Today: breaches, reviews and contacts, each headed by its count, accessible", async () => {
    const { wrap } = await setup();
    const { container } = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    expect(screen.getByTestId("teams-tab").getAttribute("data-view")).toBe("today");
    expect(screen.getByRole("heading", { name: "1 breach to acknowledge" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "2 reviews due or overdue" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "1 contact awaiting review" })).toBeTruthy();
    expect(screen.getAllByTestId("today-review").map((r) => r.textContent)).toEqual([
      expect.stringMatching(/31 October 2026.*Overdue by 3 days/),
      expect.stringMatching(/10 November 2026.*Due in 7 days/),
    ]);
    expect(within(screen.getByTestId("today-breach")).getByRole("button", { name: "Alex Example" })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  test("a row opens the person's page with their history, from the keyboard, and Back returns", async () => {
    const user = userEvent.setup();
    const { wrap } = await setup();
    const { container } = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    within(screen.getByTestId("today-contact")).getByRole("button", { name: "Alex Example" }).focus();
    await user.keyboard("{Enter}");
    const page = screen.getByTestId("person-page");
    expect(page.getAttribute("data-person")).toBe("P-1");
    expect(document.activeElement).toBe(within(page).getByRole("heading", { name: "Alex Example" }));
    // The history timeline (the pane's, read-only) lists the person's events.
    expect(within(page).getAllByRole("listitem").length).toBeGreaterThan(1);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Back to Today" }));
    expect(screen.getByTestId("today")).toBeTruthy();
  });

  test("counts follow the record: acknowledging a breach elsewhere empties that list", async () => {
    const { wrap, record } = await setup();
    render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} />));
    await act(async () => {
      await record.record([
        acknowledgementEvent({ breachId: "B-1", personId: "P-1", note: "", by: MANAGER, at: "2026-11-03T09:00:00Z" }),
      ]);
    });
    expect(screen.getByRole("heading", { name: "0 breaches to acknowledge" })).toBeTruthy();
    expect(screen.getByText("Every breach has been acknowledged.")).toBeTruthy();
  });
});
