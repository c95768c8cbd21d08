/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * The front-line view in the taskpane and the Teams tab (issue 12 Deliver 5, policy 9.15): staff
 * without a case role see the restrictions, what to do with this message, the adjustments to
 * honour and "Ask a caseworker for more"; never the history, steps, actions or any free text
 * staff typed. A caseworker still sees the full record.
 */
import "../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { Access } from "../../src/app/roles";
import type { RecordEvent } from "../../src/domain";
import { setActionsPanelLoader } from "../../src/ui/ActionsSlot";
import { ServicesProvider } from "../../src/ui/services";
import { Taskpane } from "../../src/ui/Taskpane";
import { TeamsTab } from "../../src/ui/teams/TeamsTab";
import { axeViolations } from "../support/axe";
import { sampleEvents } from "./sample";
import { sampleFixture } from "./services-fixture";
import { noMail, NOW_MS, sampleEvents as teamsEvents, sampleRecord } from "./teams/fixture";

jest.setTimeout(60_000);

const ALEX = "P-1004";
const FREE_TEXT_KEYS = new Set([
  "summary",
  "detail",
  "reason",
  "proportionality",
  "rationale",
  "note",
  "expectedChange",
  "consequences",
  "purpose",
  "partner",
  "lawfulBasis",
  "adviceSought",
  "actions",
  "equalityAdvice",
  "warningWaived",
]);

/** Every free-text value staff typed into Alex Morgan's record (incidents, warnings, breaches, adjustments …). */
function freeTextOf(personId: string | null, events: readonly RecordEvent[] = sampleEvents()): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string | null) => {
    if (typeof v === "string") {
      if (key !== null && FREE_TEXT_KEYS.has(key) && v.trim().length > 8) out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const e of events.filter((e) => personId === null || e.personId === personId)) walk(e.data, null);
  return out;
}

const pane = () => screen.getByTestId("taskpane");

/** A stand-in actions panel, so the test can see whether the pane offers actions at all. */
beforeEach(() =>
  setActionsPanelLoader(async () => ({ ActionsPanel: () => <section data-testid="actions">Actions</section> })),
);
afterEach(() => setActionsPanelLoader(null));

describe("the taskpane's front-line view", () => {
  it("the sample really holds free text about Alex (so its absence below means something)", () => {
    const texts = freeTextOf(ALEX);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Prefers email to letters",
        "Emailed Lee Hughes instead of the single point of contact.",
        expect.stringMatching(/^Emailed four different officers/),
      ]),
    );
  });

  it.each([
    ["front-line staff with no role", Access.none()],
    ["an administrator", new Access(["admin"])],
  ])(
    "%s: restrictions, what to do, adjustments and 'ask a caseworker'; no history, steps, actions or detail",
    async (_who, access) => {
      const f = await sampleFixture();
      f.record.setAccess(access);
      f.host.select("msg-alex-breach");
      const { container } = render(f.wrap(<Taskpane />));
      expect(pane().getAttribute("data-view")).toBe("front-line");
      const card = screen.getByTestId("front-line");
      expect(within(card).getByRole("heading", { level: 2, name: "Alex Morgan" })).toBeTruthy();
      expect(within(card).getByText("Contact strategy in force")).toBeTruthy();
      const message = within(card).getByTestId("front-line-message");
      expect(message.textContent).toMatch(/It goes against the contact strategy/);
      expect(message.textContent).toMatch(/Do not reply yourself: pass it to casey\.okafor@opcc\.example\./);
      expect(message.textContent).toMatch(/A caseworker records the breach/);
      expect(within(card).getByTestId("front-line-restrictions").textContent).toMatch(
        /Only casey\.okafor@opcc\.example deals with them \(the single point of contact\)/,
      );
      expect(within(card).getByTestId("front-line-adjustments").textContent).toMatch(
        /Needs contact in writing: They need contact in writing/,
      );
      expect(within(card).getByTestId("ask-caseworker").textContent).toMatch(/Ask a caseworker for more/);

      // Give the lazy parts every chance to appear: they must not.
      await act(async () => new Promise((r) => setTimeout(r, 50)));
      for (const id of ["sender-card", "verdict", "strategies", "history", "actions", "contact-chart"])
        expect(screen.queryByTestId(id)).toBeNull();
      const text = pane().textContent ?? "";
      for (const secret of freeTextOf(ALEX)) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/Review due|incident|warning/i);
      // No ids either (issue 14 Deliver 7): the person's, the strategy's or a breach's.
      expect(text).not.toMatch(/P-1004|S-1004|B-1004/);
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it("an unknown sender: 'not on the record' and no actions for front-line staff", async () => {
    const f = await sampleFixture();
    f.record.setAccess(Access.none());
    f.host.select("msg-new-sender");
    render(f.wrap(<Taskpane />));
    expect(screen.getByTestId("not-on-record")).toBeTruthy();
    expect(pane().getAttribute("data-view")).toBe("front-line");
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByTestId("actions")).toBeNull();
    expect(screen.queryByTestId("history")).toBeNull();
  });

  it("a caseworker still sees the full record: card, verdict, strategies, actions and history", async () => {
    const f = await sampleFixture();
    f.record.setAccess(new Access(["caseworker"]));
    f.host.select("msg-alex-breach");
    const { container } = render(f.wrap(<Taskpane />));
    expect(pane().getAttribute("data-view")).toBe("full");
    expect(screen.queryByTestId("front-line")).toBeNull();
    expect(within(screen.getByTestId("sender-card")).getByText(/Prefers email to letters/)).toBeTruthy();
    expect(screen.getByTestId("verdict").textContent).toMatch(/policy 9\.9/i);
    expect((await screen.findByTestId("strategies")).textContent).toMatch(/Review due by 12 February 2027/);
    expect(await screen.findByTestId("actions")).toBeTruthy();
    expect((await screen.findByTestId("history")).textContent).toMatch(/Emailed four different officers/);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("follows a change of role while open (sign-in, or the preview's Acting as)", async () => {
    const f = await sampleFixture();
    f.host.select("msg-alex-breach");
    render(f.wrap(<Taskpane />));
    expect(pane().getAttribute("data-view")).toBe("full");
    act(() => f.record.setAccess(Access.none()));
    expect(pane().getAttribute("data-view")).toBe("front-line");
    expect(screen.queryByTestId("sender-card")).toBeNull();
    act(() => f.record.setAccess(new Access(["manager"])));
    expect(screen.getByTestId("sender-card")).toBeTruthy();
  });
});

describe("the Teams tab's front-line view", () => {
  async function setup(access: Access) {
    const { record } = await sampleRecord();
    record.setAccess(access);
    const clock = { now: () => NOW_MS };
    const wrap = (children: ReactNode) => (
      <FluentProvider theme={webLightTheme}>
        <ServicesProvider services={{ record, clock, ids: { next: (p) => `${p}-1` }, mail: noMail }}>
          {children}
        </ServicesProvider>
      </FluentProvider>
    );
    return { record, wrap };
  }
  const tabs = () => screen.getAllByRole("tab").map((t) => t.getAttribute("data-testid"));

  it("no role: only the register (restrictions, no detail), even when opened for a breach; axe-clean", async () => {
    const { wrap } = await setup(Access.none());
    const { container } = render(wrap(<TeamsTab user={null} saveFile={() => undefined} focusBreachId="B-1" />));
    expect(tabs()).toEqual(["tab-register"]);
    expect(screen.getByTestId("teams-tab").getAttribute("data-view")).toBe("register");
    expect(screen.getByTestId("front-line-note").textContent).toMatch(/Ask a caseworker for more/);
    expect(screen.getByTestId("register")).toBeTruthy();
    expect(screen.queryByTestId("history")).toBeNull();
    const text = screen.getByTestId("teams-tab").textContent ?? "";
    const secrets = freeTextOf(null, teamsEvents());
    expect(secrets).toContain("Emailed another officer instead of the single point of contact.");
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("a caseworker keeps every view (Today, breaches with their detail, reviews, contacts)", async () => {
    const { wrap } = await setup(new Access(["caseworker"]));
    render(wrap(<TeamsTab user={null} saveFile={() => undefined} focusBreachId="B-1" />));
    expect(tabs()).toEqual(["tab-today", "tab-register", "tab-breaches", "tab-reviews", "tab-contacts"]);
    expect(screen.queryByTestId("front-line-note")).toBeNull();
    expect(screen.getByTestId("teams-tab").getAttribute("data-view")).toBe("breaches");
  });
});
