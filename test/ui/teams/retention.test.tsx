/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * "Retention" in the Teams tab (issue 13 Deliver 4): the records officer alone sees the people due
 * for deletion with why, chooses them, confirms in a dialog whose Cancel has the focus, and sees
 * the tombstone count; keyboard-usable and axe-clean.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Access, type Role } from "../../../src/app/roles";
import { ServicesProvider } from "../../../src/ui/services";
import { TeamsTab } from "../../../src/ui/teams/TeamsTab";
import { axeViolations } from "../../support/axe";
import { MemoryEventStore } from "../../../src/adapters/local/memory-store";
import { RecordService } from "../../../src/app/record-service";
import { MANAGER, noMail, NOW_MS, sampleRecord } from "./fixture";

/** The fixture's events in a store of our own (to give it an unfinished erasure). */
async function fixtureStore(): Promise<{ store: MemoryEventStore; events: number }> {
  const { record } = await sampleRecord();
  const store = new MemoryEventStore();
  const all = record.index.events.map((l) => l.event);
  for (const e of all) await store.append(e);
  return { store, events: all.length };
}

/** Two months: P-4 (strategy lifted 20 Aug 2026) is due from 20 Oct; everyone else is restricted. */
const TWO_MONTHS = { months: 2 };

async function setup(roles: readonly Role[]) {
  const { record } = await sampleRecord();
  record.setAccess(new Access(roles));
  const clock = { now: () => NOW_MS };
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: { next: (p) => `${p}-1` }, mail: noMail }}>
        <TeamsTab user={MANAGER} saveFile={() => undefined} retention={TWO_MONTHS} />
      </ServicesProvider>
    </FluentProvider>,
  );
  return { record, ...view };
}

// The component tests click through a Fluent dialog: allow a loaded machine.
jest.setTimeout(30_000);

/** waitFor with room for a loaded machine (the suite runs beside others). */
const eventually = (check: () => void) => waitFor(check, { timeout: 10_000 });

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

describe("Retention", () => {
  test("only the records officer has the tab", async () => {
    await setup(["manager", "dpo", "admin", "caseworker"]);
    expect(screen.queryByRole("tab", { name: /Retention/ })).toBeNull();
  });

  test("the records officer sees who is due and why, confirms behind Cancel, and the record is erased; axe-clean", async () => {
    const user = userEvent.setup();
    const { record, container } = await setup(["records-officer"]);
    await user.click(screen.getByRole("tab", { name: "Retention (1)" }));
    await settle();
    const section = screen.getByTestId("retention");
    expect(screen.getByTestId("tombstones").textContent).toBe("0 people's records erased under the retention policy");
    const rows = screen.getAllByTestId("retention-row");
    expect(rows.map((r) => r.getAttribute("data-person"))).toEqual(["P-4"]);
    expect(rows[0]!.textContent).toContain("Pat Past");
    expect(rows[0]!.textContent).toMatch(/20 Aug(ust)? 2026/); // lifted, and so kept from
    expect(rows[0]!.textContent).toMatch(/20 Oct(ober)? 2026/); // due since
    expect(section.textContent).toContain("kept for 2 months after their last contact or the lift");
    expect(await axeViolations(container)).toEqual([]);

    const del = screen.getByRole("button", { name: "Delete permanently" });
    expect((del as HTMLButtonElement).disabled).toBe(true);
    // Keyboard: tick the box with Space.
    const box = screen.getByRole("checkbox", { name: "Delete the record of Pat Past" });
    box.focus();
    await user.keyboard(" ");
    const go = screen.getByRole("button", { name: "Delete permanently (1)" });
    await user.click(go);
    const dialog = await screen.findByRole("alertdialog", {}, { timeout: 10_000 });
    await eventually(() => expect(document.activeElement?.textContent).toBe("Cancel"));
    expect(await axeViolations(document.body)).toEqual([]);
    // Enter straight away cancels: nothing is deleted.
    await user.keyboard("{Enter}");
    await eventually(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(record.index.personIds()).toContain("P-4");

    await user.click(await screen.findByRole("button", { name: "Delete permanently (1)" }, { timeout: 10_000 }));
    const again = await screen.findByRole("alertdialog", {}, { timeout: 10_000 });
    expect(again).not.toBe(dialog);
    await user.click(within(again).getByRole("button", { name: "Delete permanently" }));
    await eventually(() =>
      expect(screen.getByTestId("retention-outcome").textContent).toMatch(/Deleted permanently: 1 person's record/),
    );
    expect(screen.getByTestId("retention-outcome").getAttribute("role")).toBe("status");
    expect(record.index.personIds()).not.toContain("P-4");
    expect(record.index.events.some((e) => e.event.personId === "P-4")).toBe(false);
    await eventually(() =>
      expect(screen.getByTestId("tombstones").textContent).toBe("1 person's record erased under the retention policy"),
    );
    expect(screen.queryAllByTestId("retention-row")).toEqual([]);
    // Once the confirmation dialog has gone (it hides the rest of the page from assistive
    // technology while it closes).
    await eventually(() => expect(screen.getByRole("tab", { name: "Retention (0)" })).toBeTruthy());
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("Retention: an erasure interrupted part-way", () => {
  test("says so and finishes it on request; axe-clean", async () => {
    const user = userEvent.setup();
    const { store, events } = await fixtureStore();
    let left = 2;
    const shared = Object.assign(Object.create(store) as MemoryEventStore, {
      unfinishedErasures: async () => left,
      finishErasures: async () => {
        const n = left;
        left = 0;
        return n;
      },
    });
    const record = new RecordService(shared, { now: () => NOW_MS });
    await record.load();
    record.setAccess(new Access(["records-officer"]));
    expect(events).toBeGreaterThan(0);
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <ServicesProvider
          services={{ record, clock: { now: () => NOW_MS }, ids: { next: (p) => `${p}-1` }, mail: noMail }}
        >
          <TeamsTab user={MANAGER} saveFile={() => undefined} retention={TWO_MONTHS} />
        </ServicesProvider>
      </FluentProvider>,
    );
    await user.click(screen.getByRole("tab", { name: /^Retention/ }));
    const alert = await screen.findByTestId("retention-unfinished", {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/2 entries are still in the shared record/);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(within(alert).getByRole("button", { name: "Finish the erasure" }));
    await eventually(() =>
      expect(screen.getByTestId("retention-outcome").textContent).toBe(
        "The earlier erasure is finished: 2 more entries deleted.",
      ),
    );
    await eventually(() => expect(screen.queryByTestId("retention-unfinished")).toBeNull());
  });
});
