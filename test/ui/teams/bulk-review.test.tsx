/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Bulk review in the Teams tab (9.10): contacts awaiting review with a checkbox and an outcome
 * each, select all, one "Record reviews" that records one review per contact; what cannot be
 * recorded stays listed with its reason. Keyboard usable, labelled, no axe violations.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryEventStore } from "../../../src/adapters/local/memory-store";
import { previewMessageLinker, type MessageLinker } from "../../../src/app/message-link";
import { RecordService } from "../../../src/app/record-service";
import type { EventStore } from "../../../src/app/ports";
import type { RecordEvent } from "../../../src/domain";
import { ServicesProvider } from "../../../src/ui/services";
import { TeamsTab } from "../../../src/ui/teams/TeamsTab";
import { axeViolations } from "../../support/axe";
import { MANAGER, noMail, NOW_MS, sampleEvents, STAFF } from "./fixture";

/** Two more contacts awaiting review besides the fixture's C-1: a call from Chris, a letter from Alex. */
const extra: RecordEvent[] = [
  {
    id: "c-extra-1",
    type: "ContactLogged",
    personId: "P-3",
    at: "2026-10-21T10:00:00Z",
    by: STAFF,
    data: { contactId: "C-3", channel: "phone", from: "07700 900555", to: [STAFF], personId: "P-3" },
  },
  {
    id: "c-extra-2",
    type: "ContactLogged",
    personId: "P-1",
    at: "2026-10-22T10:00:00Z",
    by: STAFF,
    data: { contactId: "C-4", channel: "post", from: "Alex Example", to: [STAFF], personId: "P-1" },
  },
] as RecordEvent[];

async function setup(
  wrapStore?: (s: MemoryEventStore) => EventStore,
  more: RecordEvent[] = [],
  linker?: MessageLinker,
) {
  const memory = new MemoryEventStore();
  for (const e of [...sampleEvents(), ...extra, ...more]) await memory.append(e);
  const clock = { now: () => NOW_MS };
  const record = new RecordService(wrapStore ? wrapStore(memory) : memory, clock);
  await record.load();
  let n = 0;
  const ui = render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: { next: (p) => `${p}-t${++n}` }, mail: noMail }}>
        <TeamsTab user={MANAGER} saveFile={() => undefined} messageLink={linker ?? null} />
      </ServicesProvider>
    </FluentProvider>,
  );
  await act(async () => {
    fireEvent.click(screen.getByTestId("tab-contacts"));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  });
  return { memory, record, ui };
}

const rows = () => screen.queryAllByTestId("contact-row").map((r) => r.getAttribute("data-contact"));
const reviews = async (store: MemoryEventStore) =>
  (await store.readAll())
    .filter((e) => e.type === "ContactReviewed")
    .map((e) => e.data as { contactId: string; outcome: string });

test("select all, one outcome changed, Record reviews: one review each, the list empties, accessible", async () => {
  const user = userEvent.setup();
  const { memory, ui } = await setup();
  expect(rows()).toEqual(["C-1", "C-3", "C-4"]);
  expect(await axeViolations(ui.container)).toEqual([]);
  await user.click(screen.getByRole("checkbox", { name: "Select all (3)" }));
  expect(screen.getByTestId("record-reviews").textContent).toBe("Record reviews (3)");
  await user.selectOptions(
    screen.getByRole("combobox", { name: /^Outcome for the contact from Chris Case/ }),
    "A safeguarding issue",
  );
  await user.click(screen.getByTestId("record-reviews"));
  await waitFor(() => expect(rows()).toEqual([]));
  expect(await reviews(memory)).toEqual([
    { contactId: "C-2", outcome: "no-new-information" }, // the fixture's earlier review
    { contactId: "C-1", outcome: "no-new-information" },
    { contactId: "C-3", outcome: "safeguarding" },
    { contactId: "C-4", outcome: "no-new-information" },
  ]);
  const status = screen.getByTestId("review-status").textContent ?? "";
  expect(status).toMatch(/3 reviews recorded\./);
  expect(status).toMatch(/safeguarding issue under the relevant procedure/);
  expect(screen.getByText("Every logged contact has been reviewed.")).toBeTruthy();
  expect(await axeViolations(ui.container)).toEqual([]);
});

test("from the keyboard: tick one contact with Space, record it; the others stay", async () => {
  const user = userEvent.setup();
  const { memory } = await setup();
  const box = screen.getByRole("checkbox", { name: /^Review the contact from Alex Example, post/ });
  box.focus();
  await user.keyboard(" ");
  expect(screen.getByTestId("record-reviews").textContent).toBe("Record reviews (1)");
  expect((screen.getByRole("checkbox", { name: "Select all (3)" }) as HTMLInputElement).indeterminate).toBe(true);
  screen.getByTestId("record-reviews").focus();
  await user.keyboard("{Enter}");
  await waitFor(() => expect(rows()).toEqual(["C-1", "C-3"]));
  expect((await reviews(memory)).map((r) => r.contactId)).toEqual(["C-2", "C-4"]);
});

test("nothing chosen: says so, records nothing", async () => {
  const user = userEvent.setup();
  const { memory } = await setup();
  await user.click(screen.getByTestId("record-reviews"));
  expect(screen.getByRole("alert").textContent).toBe("Choose at least one contact to review.");
  expect(await reviews(memory)).toHaveLength(1);
});

test("a store that fails part-way: what was recorded leaves the list, the rest stays chosen with the reason", async () => {
  const user = userEvent.setup();
  let allowance = 1;
  const { memory, ui } = await setup((m) => ({
    append: (e: RecordEvent) => (allowance-- > 0 ? m.append(e) : Promise.reject(new Error("network down"))),
    readAll: () => m.readAll(),
    readPerson: (id: string) => m.readPerson(id),
  }));
  await user.click(screen.getByRole("checkbox", { name: "Select all (3)" }));
  await user.click(screen.getByTestId("record-reviews"));
  await waitFor(() => expect(rows()).toEqual(["C-3", "C-4"]));
  for (const row of screen.getAllByTestId("contact-row")) {
    expect(row.getAttribute("data-selected")).toBe("true");
    expect(within(row).getByTestId("review-failed").textContent).toMatch(
      /Not recorded: It could not be saved \(network down\)/,
    );
  }
  expect(screen.getByTestId("review-status").textContent).toMatch(/1 review recorded\. 2 reviews were not recorded/);
  expect((await reviews(memory)).map((r) => r.contactId)).toEqual(["C-2", "C-1"]);
  expect(await axeViolations(ui.container)).toEqual([]);
});

test("a contact logged from mail links to the message, in the queue and on Today; others have no link", async () => {
  const fromMail = {
    id: "c-mail-1",
    type: "ContactLogged",
    personId: "P-3",
    at: "2026-10-23T10:00:00Z",
    by: "enforcement-service@opcc.example",
    data: {
      contactId: "msg-1",
      channel: "email",
      from: "chris@example.org",
      to: ["complaints@opcc.example"],
      message: { itemId: "msg-chris-1", mailbox: "complaints@opcc.example" },
    },
  } as unknown as RecordEvent;
  const { ui } = await setup(undefined, [fromMail], previewMessageLinker("./"));
  const links = screen.getAllByTestId("message-link");
  expect(links).toHaveLength(1);
  expect(links[0]!.getAttribute("href")).toBe("./?select=msg-chris-1");
  expect(links[0]!.getAttribute("aria-label")).toMatch(/^Open the message from Chris Case, /);
  expect(links[0]!.closest('[data-testid="contact-row"]')?.getAttribute("data-contact")).toBe("msg-1");
  expect(await axeViolations(ui.container)).toEqual([]);
  await act(async () => {
    fireEvent.click(screen.getByTestId("tab-today"));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  });
  const today = screen.getAllByTestId("today-contact").filter((r) => within(r).queryByTestId("message-link"));
  expect(today).toHaveLength(1);
  expect(within(today[0]!).getByTestId("message-link").getAttribute("href")).toBe("./?select=msg-chris-1");
  expect(await axeViolations(ui.container)).toEqual([]);
});
