/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Reports in the Teams tab (issue 13 items 3, 5, 6): the board report for a chosen quarter (chart,
 * tables, CSV), a person's subject access export and evidence bundle, shown only to the roles that
 * may make them (roles.ts MAY_REPORT); no axe violations.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { Access, type Role } from "../../../src/app/roles";
import { ServicesProvider } from "../../../src/ui/services";
import { TeamsTab } from "../../../src/ui/teams/TeamsTab";
import { axeViolations } from "../../support/axe";
import { MANAGER, noMail, NOW_MS, sampleRecord } from "./fixture";

interface Saved {
  name: string;
  text: string;
  type: string;
}

async function setup(roles: readonly Role[] | "everyone" = "everyone", opened = true) {
  const { record } = await sampleRecord();
  if (roles !== "everyone") record.setAccess(new Access(roles));
  const clock = { now: () => NOW_MS };
  const saved: Saved[] = [];
  const printed: string[] = [];
  const wrap = (children: ReactNode) => (
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: { next: (p) => `${p}-1` }, mail: noMail }}>
        {children}
      </ServicesProvider>
    </FluentProvider>
  );
  const ui = render(
    wrap(
      <TeamsTab
        user={MANAGER}
        saveFile={(name, text, type) => saved.push({ name, text, type })}
        openDocument={(html) => {
          printed.push(html);
          return opened;
        }}
      />,
    ),
  );
  return { ...ui, saved, printed };
}

async function selectTab(view: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId(`tab-${view}`));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  });
}

const figure = (key: string) =>
  screen
    .getAllByTestId("board-figure")
    .find((r) => r.getAttribute("data-figure") === key)
    ?.querySelector("td")?.textContent;

async function openAlex() {
  await act(async () => {
    fireEvent.click(within(screen.getByTestId("today-contact")).getByRole("button", { name: "Alex Example" }));
  });
  return screen.getByTestId("person-page");
}

describe("the board report", () => {
  test("shows this quarter's figures as at today, with a chart whose figures are in tables, and is accessible", async () => {
    const { container } = await setup();
    await selectTab("reports");
    const report = screen.getByTestId("board-report");
    expect(report.getAttribute("data-quarter")).toBe("2026-Q4");
    expect(screen.getByTestId("board-status").textContent).toMatch(
      /October to December 2026: the quarter is still running; figures as at 3 November 2026/,
    );
    // S-3 imposed 5 October; S-1, S-2, S-3 in force; S-2's review (31 October) overdue; B-1 on 20 October.
    expect(figure("Contact strategies (9.4–9.9)|Imposed in the quarter")).toBe("1");
    expect(figure("Contact strategies (9.4–9.9)|In force on 3 November 2026")).toBe("3");
    expect(figure("Reviews (9.12)|Overdue on 3 November 2026")).toBe("1");
    expect(figure("Breaches (9.11)|Recorded in the quarter")).toBe("1");
    expect(figure("Breaches (9.11)|Acknowledged by a line manager")).toBe("0");
    expect(figure("Warnings (9.1–9.3)|Too soon to tell (3 months not yet passed)")).toBe("1");
    // The chart's SVG is hidden from assistive technology; its sentence and the tables carry the figures.
    const chart = screen.getByTestId("board-chart");
    expect(chart.querySelector("svg")?.getAttribute("aria-hidden")).toBe("true");
    expect(chart.textContent).toMatch(/most common in force on 3 November 2026/);
    expect(screen.getAllByTestId("board-table").every((t) => t.querySelector("caption"))).toBe(true);
    expect(await axeViolations(container)).toEqual([]);
  });

  test("another quarter, then Download CSV: a header row and that quarter's figures, no names", async () => {
    const { saved } = await setup();
    await selectTab("reports");
    fireEvent.change(screen.getByLabelText("Quarter"), { target: { value: "2026-Q3" } });
    expect(screen.getByTestId("board-report").getAttribute("data-quarter")).toBe("2026-Q3");
    // S-1 (10 Sept) and S-2 (10 Aug) imposed; S-4 lifted 20 August.
    expect(figure("Contact strategies (9.4–9.9)|Imposed in the quarter")).toBe("2");
    expect(figure("Contact strategies (9.4–9.9)|Lifted in the quarter")).toBe("1");
    fireEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe("board-report-2026-Q3.csv");
    expect(saved[0]?.type).toBe("text/csv;charset=utf-8");
    const lines = saved[0]!.text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Quarter,Section,Figure,Count");
    expect(lines).toContain("2026-Q3,Contact strategies (9.4–9.9),Imposed in the quarter,2");
    expect(saved[0]!.text).not.toMatch(/Alex Example|Sam Sample|Chris Case|Pat Past|P-\d/);
  });
});

describe("a person's reports", () => {
  test("subject access export: HTML and JSONL downloads and a print view, accessible", async () => {
    const { container, saved, printed } = await setup();
    const page = await openAlex();
    const reports = within(page).getByTestId("person-reports");
    fireEvent.click(within(reports).getByRole("button", { name: "Download subject access export (HTML)" }));
    expect(saved[0]?.name).toBe("subject-access-P-1-2026-11-03.html");
    expect(saved[0]?.type).toBe("text/html;charset=utf-8");
    expect(saved[0]?.text).toContain("<h1>Subject access: Alex Example</h1>");
    expect(saved[0]?.text).not.toMatch(/Sam Sample|Chris Case|Pat Past/);
    expect(screen.getByTestId("person-reports-status").textContent).toMatch(
      /^Saved subject-access-P-1-2026-11-03\.html\. \d+ fields are marked for review before release\.$/,
    );
    fireEvent.click(within(reports).getByRole("button", { name: "Download subject access export (JSONL)" }));
    const jsonl = saved[1]!.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { event: { personId: string } });
    expect(jsonl.length).toBeGreaterThan(5);
    expect(jsonl.every((l) => l.event.personId === "P-1")).toBe(true);
    fireEvent.click(within(reports).getByRole("button", { name: "Open subject access print view" }));
    expect(printed[0]).toContain("@media print");
    expect(screen.getByTestId("person-reports-status").textContent).toMatch(/Save as PDF/);
    expect(await axeViolations(container)).toEqual([]);
  });

  test("evidence bundle for the person's matter", async () => {
    const { saved } = await setup();
    const page = await openAlex();
    expect(within(page).getByLabelText("Matter")).toBeTruthy();
    fireEvent.click(within(page).getByRole("button", { name: "Download evidence bundle" }));
    expect(saved[0]?.name).toBe("evidence-bundle-P-1-CPL-2026-0042-2026-11-03.html");
    expect(saved[0]?.text).toContain("Emailed another officer instead of the single point of contact.");
    expect(screen.getByTestId("person-reports-status").textContent).toMatch(/entries for CPL-2026-0042\.$/);
  });

  test("a refused print window says what to do instead", async () => {
    await setup("everyone", false);
    const page = await openAlex();
    fireEvent.click(within(page).getByRole("button", { name: "Open evidence bundle print view" }));
    expect(screen.getByTestId("person-reports-status").textContent).toMatch(
      /did not open a new window .* Allow pop-ups for this page, or download the HTML and open it\./,
    );
  });
});

describe("who sees the reports", () => {
  test.each<[string, Role[], boolean, boolean, boolean]>([
    ["a caseworker", ["caseworker"], false, false, false],
    ["the Data Protection Officer", ["dpo"], false, true, false],
    ["a records officer", ["records-officer"], true, true, true],
    ["a manager", ["manager"], true, true, true],
  ])("%s", async (_who, roles, board, sar, bundle) => {
    await setup(roles);
    expect(screen.queryByTestId("tab-reports") !== null).toBe(board);
    const page = await openAlex();
    expect(within(page).queryByTestId("subject-access") !== null).toBe(sar);
    expect(within(page).queryByTestId("evidence-bundle") !== null).toBe(bundle);
    expect(within(page).queryByTestId("person-reports") !== null).toBe(sar || bundle);
  });

  // An administrator has no case role (roles.ts CASE_ROLES): the front-line view, only the register
  // (issue 12 Deliver 5), so no report and no person page to make one from.
  test("an administrator", async () => {
    await setup(["admin"]);
    expect(screen.queryByTestId("tab-reports")).toBeNull();
    expect(screen.queryByTestId("today-contact")).toBeNull();
    expect(screen.queryByTestId("person-reports")).toBeNull();
    expect(screen.getByTestId("front-line-note")).toBeTruthy();
  });
});
