/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * "Needs attention" in the Teams tab (issue 12 Deliver 4): the quarantined items of the shared
 * list, with what changed, who and when; shown only to roles that may review them; keyboard-usable
 * and axe-clean.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { QuarantineSource } from "../../../src/app/needs-attention";
import { Access, type Role } from "../../../src/app/roles";
import type { Quarantined } from "../../../src/app/sync";
import { ServicesProvider } from "../../../src/ui/services";
import { TeamsTab } from "../../../src/ui/teams/TeamsTab";
import { axeViolations } from "../../support/axe";
import { MANAGER, noMail, NOW_MS, sampleRecord } from "./fixture";

const FORGED: Quarantined = {
  itemId: "7",
  eventId: "inc-9",
  personId: "P-1",
  type: "IncidentRecorded",
  by: "officer.one@opcc.example",
  reason: "forged-by",
  summary:
    "It says it was recorded by officer.one@opcc.example, but SharePoint says officer.two@opcc.example created it.",
  changes: [],
  who: "officer.two@opcc.example",
  when: "2026-04-20T09:00:00Z",
};
const EDITED: Quarantined = {
  itemId: "3",
  eventId: "inc-2",
  personId: "P-2",
  type: "IncidentRecorded",
  by: "officer.one@opcc.example",
  reason: "edited",
  summary: "The item was changed after it was recorded: data.summary changed.",
  changes: [{ field: "data.summary", before: "Shouted at staff.", after: "Nothing happened." }],
  who: "officer.two@opcc.example",
  when: "2026-04-21T10:30:00Z",
};
const DELETED: Quarantined = {
  itemId: "4",
  eventId: "w-1",
  personId: "P-2",
  type: "WarningIssued",
  by: "manager.one@opcc.example",
  reason: "deleted",
  summary:
    "The item was deleted from the shared list (noticed 2026-04-19T08:00:00.000Z); SharePoint's audit log says who deleted it.",
  changes: [],
  who: null,
  when: "2026-04-19T08:00:00.000Z",
};

class FakeQuarantine implements QuarantineSource {
  private items: readonly Quarantined[];
  private readonly listeners = new Set<() => void>();
  constructor(items: readonly Quarantined[]) {
    this.items = items;
  }
  quarantined = () => this.items;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  set(items: readonly Quarantined[]): void {
    this.items = items;
    for (const l of this.listeners) l();
  }
}

async function setup(roles: readonly Role[], items: readonly Quarantined[] = [FORGED, EDITED, DELETED]) {
  const { record } = await sampleRecord();
  record.setAccess(new Access(roles));
  const source = new FakeQuarantine(items);
  const clock = { now: () => NOW_MS };
  const wrap = (children: ReactNode) => (
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: { next: (p) => `${p}-1` }, mail: noMail }}>
        {children}
      </ServicesProvider>
    </FluentProvider>
  );
  const view = render(wrap(<TeamsTab user={MANAGER} saveFile={() => undefined} quarantine={source} />));
  return { source, ...view };
}

const rows = () => screen.getAllByTestId("attention-row");

describe("Needs attention", () => {
  test("a manager sees each quarantined item, most recent first, with what changed, who and when; axe-clean", async () => {
    const user = userEvent.setup();
    const { container } = await setup(["manager"]);
    const tab = screen.getByRole("tab", { name: "Needs attention (3)" });
    // Keyboard: focus the tab list and move along it to the last tab.
    await act(async () => {
      tab.focus();
      await user.keyboard("{Enter}");
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    });
    expect(screen.getByTestId("teams-tab").getAttribute("data-view")).toBe("attention");
    expect(rows().map((r) => [r.getAttribute("data-event"), r.getAttribute("data-reason")])).toEqual([
      ["inc-2", "edited"],
      ["inc-9", "forged-by"],
      ["w-1", "deleted"],
    ]);
    const edited = rows()[0]!;
    expect(within(edited).getByText("Changed after it was recorded")).toBeTruthy();
    expect(within(edited).getByRole("list", { name: "Changes to inc-2" }).textContent).toBe(
      "details: summary: Shouted at staff. → Nothing happened.",
    );
    expect(edited.textContent).toContain("officer.two@opcc.example");
    expect(edited.querySelector("time")?.getAttribute("dateTime")).toBe("2026-04-21T10:30:00Z");
    expect(rows()[1]!.textContent).toMatch(
      /Not written by who it says.*SharePoint says officer\.two@opcc\.example created it/,
    );
    expect(rows()[2]!.textContent).toMatch(/Deleted from the shared list.*SharePoint does not say/);
    expect(rows()[2]!.textContent).toMatch(/What to do: Ask the records officer whether this was erasure/);
    expect(await axeViolations(container)).toEqual([]);
  });

  test("follows the sync engine: a newly quarantined item appears, and the count says so", async () => {
    const { source } = await setup(["records-officer"], []);
    await act(async () => {
      screen.getByRole("tab", { name: "Needs attention (0)" }).click();
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    });
    expect(screen.getByTestId("needs-attention").textContent).toMatch(/Nothing needs attention/);
    act(() => source.set([FORGED]));
    expect(screen.getByRole("tab", { name: "Needs attention (1)" })).toBeTruthy();
    expect(rows()).toHaveLength(1);
  });

  test.each([[["caseworker"]], [["dpo"]], [["admin"]], [[]]] as [Role[]][])(
    "%j does not see it (no permission to review the quarantine)",
    async (roles) => {
      await setup(roles);
      expect(screen.queryByRole("tab", { name: /Needs attention/ })).toBeNull();
      expect(screen.getByTestId("teams-tab").getAttribute("data-counts")).not.toMatch(/attention/);
    },
  );

  test("the record on this device (no shared list) has no such view, even for a manager", async () => {
    const { record } = await sampleRecord();
    record.setAccess(new Access(["manager"]));
    render(
      <FluentProvider theme={webLightTheme}>
        <ServicesProvider
          services={{ record, clock: { now: () => NOW_MS }, ids: { next: (p) => `${p}-1` }, mail: noMail }}
        >
          <TeamsTab user={MANAGER} saveFile={() => undefined} />
        </ServicesProvider>
      </FluentProvider>,
    );
    expect(screen.queryByRole("tab", { name: /Needs attention/ })).toBeNull();
  });
});
