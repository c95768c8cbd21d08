/** @jest-environment ./test/support/fixed-jsdom-env.js */
/** A logged call keeps "what was said" (the call note) on its ContactLogged, and the history shows it (issue 14 Deliver 3). */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { HistoryTimeline } from "../../../src/ui/history/HistoryTimeline";
import { registered } from "../../app/ladder-fixture";
import { makeWorld } from "../../app/world";
import { renderPanel } from "./harness";

type User = ReturnType<typeof userEvent.setup>;

async function openStep(user: User, title: RegExp) {
  const header = screen.getByRole("button", { name: title });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  return within(header.closest("[data-step]") as HTMLElement);
}

it("logs a call with what was said; the note is on the record and in the history; the form is accessible", async () => {
  const user = userEvent.setup();
  const world = makeWorld();
  const personId = await registered(world);
  const { container } = renderPanel({ world, personId, message: null });
  const step = await openStep(user, /^Log a phone call or visit/);
  const note = step.getByRole("textbox", { name: /^What was said \(optional\)/ });
  expect(await axe(container)).toHaveNoViolations();
  await user.type(note, "Asked for the complaint to be reopened; told them it is closed.");
  await user.click(step.getByRole("button", { name: "Log it and check" }));
  expect(await screen.findByText(/Logged: no breach\./)).toBeTruthy();
  const logged = (await world.events()).find((e) => e.type === "ContactLogged")!;
  expect(logged.data).toMatchObject({ note: "Asked for the complaint to be reopened; told them it is closed." });
  // The pane's history shows it without "Include routine contacts": a call with a note is not routine.
  const timeline = render(
    <FluentProvider theme={webLightTheme}>
      <HistoryTimeline person={world.record.index.person(personId)} />
    </FluentProvider>,
  );
  const entry = within(timeline.container).getByText(
    /What was said: Asked for the complaint to be reopened; told them it is closed\./,
  );
  expect(entry.closest("li")?.getAttribute("data-kind")).toBe("contact");
});

it("the pane's review step opens the message of a contact logged from mail (9.10), and only then", async () => {
  const user = userEvent.setup();
  const world = makeWorld();
  const personId = await registered(world);
  await A.logMessage(world.ctx(), {
    messageId: "<r1@mail.example.org>",
    contact: { channel: "email", at: "2026-11-03T08:00:00Z", from: "a.person@example.org", to: [] },
    personId,
    message: { itemId: "AAMk-diverted-1", mailbox: "complaints@opcc.example" },
  });
  await A.logContact(world.ctx(), {
    personId,
    channel: "phone",
    at: "2026-11-03T08:30:00Z",
    from: "07700 900123",
    to: ["officer.one@opcc.example"],
  });
  const { mail, container } = renderPanel({ world, personId, message: null });
  const step = await openStep(user, /^Review a contact/);
  await user.click(step.getByTestId("open-message"));
  expect(mail.opened).toEqual(["AAMk-diverted-1"]);
  expect(await axe(container)).toHaveNoViolations();
  // The phone call has no message to open.
  await user.selectOptions(
    step.getByRole("combobox", { name: /^Contact/ }),
    step.getByRole("option", { name: /phone/ }),
  );
  expect(step.queryByTestId("open-message")).toBeNull();
});
