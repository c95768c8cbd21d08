/** @jest-environment ./test/support/fixed-jsdom-env.js */
import "../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { toLogged } from "../../src/app/record-service";
import { foldPerson, type RecordEvent } from "../../src/domain";
import { ContactChart, summariseWeeks } from "../../src/ui/chart/ContactChart";
import { weeklyVolume } from "../../src/ui/chart/contact-volume";
import { axeViolations } from "../support/axe";

jest.setTimeout(60_000);

const by = "s@opcc.example";
const reg: RecordEvent = {
  id: "r",
  type: "PersonRegistered",
  personId: "P",
  at: "2026-01-01T09:00:00Z",
  by,
  data: { name: "P", emails: ["p@example.org"], phones: [] },
};
const contactAt = (id: string, at: string): RecordEvent => ({
  id,
  type: "ContactLogged",
  personId: "P",
  at,
  by,
  data: { contactId: id, channel: "email", from: "p@example.org", to: [by] },
});

function person(events: RecordEvent[]) {
  return foldPerson(
    "P",
    toLogged([reg, ...events]),
    new Set(events.filter((e) => e.type === "EventRetracted").map((e) => (e.data as { eventId: string }).eventId)),
  );
}

describe("weeklyVolume (London weeks, record-format §1)", () => {
  it("gives 26 weeks ending with this week, Mondays in London time", () => {
    const weeks = weeklyVolume(person([]), Date.parse("2026-11-27T12:00:00Z"));
    expect(weeks).toHaveLength(26);
    expect(weeks.at(-1)?.weekStart).toBe("2026-11-23");
    expect(weeks[0]?.weekStart).toBe("2026-06-01");
  });

  it("counts Monday 00:30 BST (Sunday 23:30 UTC) in the new week, and Sunday 23:30 GMT in the old one", () => {
    const weeks = weeklyVolume(
      person([
        contactAt("a", "2026-06-07T22:30:00Z"),
        contactAt("b", "2026-06-07T23:30:00Z"),
        contactAt("c", "2026-06-08T00:30:00Z"),
      ]),
      Date.parse("2026-11-27T12:00:00Z"),
    );
    // 2026-06-07T23:30Z is Monday 00:30 in London (BST): it belongs to the week of 8 June.
    expect(weeks.find((w) => w.weekStart === "2026-06-01")?.contacts).toBe(1);
    expect(weeks.find((w) => w.weekStart === "2026-06-08")?.contacts).toBe(2);
    const winter = weeklyVolume(person([contactAt("d", "2026-11-22T23:30:00Z")]), Date.parse("2026-11-27T12:00:00Z"));
    expect(winter.find((w) => w.weekStart === "2026-11-16")?.contacts).toBe(1);
  });

  it("counts incidents and breaches in their weeks, leaves out retracted contacts and anything older than 26 weeks", () => {
    const incident: RecordEvent = {
      id: "i",
      type: "IncidentRecorded",
      personId: "P",
      at: "2026-11-24T10:00:00Z",
      by,
      data: { kind: "persistence", behaviours: ["excessive-volume"], channel: "email", summary: "Many emails." },
    };
    const weeks = weeklyVolume(
      person([
        contactAt("old", "2026-01-05T10:00:00Z"),
        contactAt("x", "2026-11-24T09:00:00Z"),
        contactAt("y", "2026-11-25T09:00:00Z"),
        incident,
        {
          id: "rx",
          type: "EventRetracted",
          personId: "P",
          at: "2026-11-26T09:00:00Z",
          by,
          data: { eventId: "y", reason: "Logged twice." },
        },
      ]),
      Date.parse("2026-11-27T12:00:00Z"),
    );
    expect(weeks.at(-1)).toEqual({ weekStart: "2026-11-23", contacts: 1, incidents: 1, breaches: 0 });
    expect(weeks.reduce((n, w) => n + w.contacts, 0)).toBe(1);
  });
});

describe("ContactChart", () => {
  const weeks = Array.from({ length: 26 }, (_, i) => ({
    weekStart: `2026-${String(6 + Math.floor(i / 5)).padStart(2, "0")}-0${1 + (i % 5)}`,
    contacts: i % 3,
    incidents: i === 4 ? 1 : 0,
    breaches: i === 20 ? 2 : 0,
  }));

  it("hides the SVG from screen readers and gives the same figures as a summary and a table", async () => {
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <ContactChart weeks={weeks} />
      </FluentProvider>,
    );
    expect(container.querySelector("svg")?.getAttribute("aria-hidden")).toBe("true");
    expect(screen.getByText(summariseWeeks(weeks))).toBeTruthy();
    const table = screen.getByRole("table", { name: /Contacts, incidents and breaches per week/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(26);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => Number(c.textContent)),
      ),
    ).toEqual(weeks.map((w) => [w.contacts, w.incidents, w.breaches]));
    expect(await axeViolations(container)).toEqual([]);
  });

  it("shows the table on screen with a button that says whether it is open", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <ContactChart weeks={weeks} />
      </FluentProvider>,
    );
    const button = screen.getByRole("button", { name: "Show the figures" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    expect(screen.getByRole("button", { name: "Hide the figures" }).getAttribute("aria-expanded")).toBe("true");
  });

  it("summarises in plain English", () => {
    expect(summariseWeeks([{ weekStart: "2026-11-23", contacts: 1, incidents: 0, breaches: 1 }])).toBe(
      "1 contact logged in the last 1 week; the busiest week began 23 November 2026 with 1 contact; 0 incidents and 1 breach recorded.",
    );
  });
});
