/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * Issue 14 Deliver 9 (rest): an incident recorded from an opened email is dated by the email's
 * arrival, not by now; a call's number can be marked withheld with a checkbox; the history names
 * what a withdrawal withdrew.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { eventLookup, HistoryTimeline } from "../../../src/ui/history/HistoryTimeline";
import { registered, warned } from "../../app/ladder-fixture";
import { makeWorld } from "../../app/world";
import { aMessage, renderPanel } from "./harness";

type User = ReturnType<typeof userEvent.setup>;

async function openStep(user: User, title: RegExp) {
  const header = screen.getByRole("button", { name: title });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  return within(header.closest("[data-step]") as HTMLElement);
}

async function recordPersistence(user: User, step: ReturnType<typeof within>) {
  await user.selectOptions(step.getByRole("combobox", { name: /^What kind of behaviour/ }), "persistence");
  await user.click(step.getAllByRole("checkbox")[0]!);
  await user.type(step.getByRole("textbox", { name: /^File note/ }), "Twelve emails in a day.");
  await user.click(step.getByRole("button", { name: "Record the incident" }));
}

describe("an incident from an opened email", () => {
  it("is dated when the email arrived (London time), not now, and says so; accessible", async () => {
    const user = userEvent.setup();
    const world = makeWorld("2026-11-03T09:30:00Z");
    const personId = await registered(world);
    // The email arrived at 07:42 (GMT); the caseworker records the incident at 09:30.
    const message = aMessage({ receivedAt: "2026-11-03T07:42:10Z" });
    const { container } = renderPanel({ world, personId, message });
    const step = await openStep(user, /^Record an incident/);
    const when = step.getByLabelText(/^When did it happen/) as HTMLInputElement;
    expect(when.value).toBe("2026-11-03T07:42");
    expect(step.getByText(/when the email arrived, 3 November 2026, 07:42/)).toBeTruthy();
    expect(await axe(container)).toHaveNoViolations();
    await recordPersistence(user, step);
    expect(await screen.findByText("Incident recorded.")).toBeTruthy();
    const incident = (await world.events()).find((e) => e.type === "IncidentRecorded")!;
    expect(Date.parse(incident.at)).toBe(Date.parse("2026-11-03T07:42:00Z"));
  });

  it("with no message open, is dated now", async () => {
    const user = userEvent.setup();
    const world = makeWorld("2026-11-03T09:30:00Z");
    const personId = await registered(world);
    renderPanel({ world, personId, message: null });
    const step = await openStep(user, /^Record an incident/);
    expect((step.getByLabelText(/^When did it happen/) as HTMLInputElement).value).toBe("2026-11-03T09:30");
    expect(step.queryByText(/when the email arrived/)).toBeNull();
  });
});

it("a call can be logged with the number withheld, chosen rather than typed; accessible", async () => {
  const user = userEvent.setup();
  const world = makeWorld();
  const personId = await registered(world);
  const { container } = renderPanel({ world, personId, message: null });
  const step = await openStep(user, /^Log a phone call or visit/);
  expect(step.getByRole("textbox", { name: /^Caller's number/ })).toBeTruthy();
  const withheld = step.getByRole("checkbox", { name: "Number withheld" });
  await user.click(withheld);
  // The number box goes: nothing to type.
  expect(step.queryByRole("textbox", { name: /^Caller's number/ })).toBeNull();
  expect(await axe(container)).toHaveNoViolations();
  await user.click(step.getByRole("button", { name: "Log it and check" }));
  expect(await screen.findByText(/Logged: no breach\./)).toBeTruthy();
  const logged = (await world.events()).find((e) => e.type === "ContactLogged")!;
  expect(logged.data).toMatchObject({ channel: "phone", from: "withheld" });
});

it("the history names what was withdrawn: 'Withdrawn: the warning of …'; accessible", async () => {
  const world = makeWorld("2026-03-03T10:00:00Z");
  const personId = await warned(world);
  const warning = (await world.events()).find((e) => e.type === "WarningIssued")!;
  await A.retractEvent(world.ctx(), { personId, eventId: warning.id, reason: "Recorded for the wrong person." });
  const person = world.record.index.person(personId);
  const { container } = render(
    <FluentProvider theme={webLightTheme}>
      <HistoryTimeline person={person} lookup={eventLookup(world.record.index, personId)} />
    </FluentProvider>,
  );
  const line = within(container).getByText("Withdrawn: the warning of 3 March 2026");
  expect(line.closest("li")?.textContent).toMatch(/Recorded for the wrong person\./);
  expect(within(container).queryByText("An entry was withdrawn")).toBeNull();
  expect(await axe(container)).toHaveNoViolations();
});
