/** @jest-environment ./test/support/fixed-jsdom-env.js */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { messageContactId } from "../../../src/app/derived-id";
import { registered } from "../../app/ladder-fixture";
import { makeWorld } from "../../app/world";
import { aMessage, renderPanel } from "./harness";

const bar = () => screen.getByTestId("message-log");

describe("logging and reviewing the email being read (9.10)", () => {
  it("logs the email with the id derived from its Internet Message-ID, then reviews it; the bar shows each state", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    const message = aMessage({ internetMessageId: "<abc@example.org>" });
    const { container } = renderPanel({ world, personId, message });
    expect(bar().getAttribute("data-state")).toBe("not-logged");
    expect(await axe(container)).toHaveNoViolations();

    await user.click(within(bar()).getByRole("button", { name: "Log this email" }));
    await waitFor(() => expect(bar().getAttribute("data-state")).toBe("logged"));
    const contactId = messageContactId("<abc@example.org>");
    const contact = world.record.index.person(personId).contacts.get(contactId);
    expect(contact?.event.at).toBe("2026-11-04T08:00:00Z");
    expect(contact?.reviewed).toBe(false);
    expect(within(bar()).queryByRole("button", { name: "Log this email" })).toBeNull();

    await user.click(within(bar()).getByRole("button", { name: "Reviewed: nothing new" }));
    await waitFor(() => expect(bar().getAttribute("data-state")).toBe("reviewed"));
    expect(world.record.index.person(personId).contacts.get(contactId)?.reviewed).toBe(true);
    expect(within(bar()).queryAllByRole("button")).toHaveLength(0);
    expect(await axe(container)).toHaveNoViolations();
  });

  it("'Reviewed: nothing new' on an unlogged email logs it and reviews it in one click", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    renderPanel({ world, personId, message: aMessage() });
    await user.click(within(bar()).getByRole("button", { name: "Reviewed: nothing new" }));
    await waitFor(() => expect(bar().getAttribute("data-state")).toBe("reviewed"));
    const events = (await world.events()).filter((e) => e.personId === personId);
    expect(events.filter((e) => e.type === "ContactLogged")).toHaveLength(1);
    const reviews = events.filter((e) => e.type === "ContactReviewed");
    expect(reviews.map((e) => e.data)).toEqual([
      { contactId: messageContactId("AAMkAG-message-1"), outcome: "no-new-information" },
    ]);
  });
});

describe("reviewMessageNothingNew", () => {
  it("is idempotent: a second call (another member of staff, a retry) appends nothing", async () => {
    const world = makeWorld();
    const personId = await registered(world);
    const contact = { channel: "email" as const, at: "2026-11-04T08:00:00Z", from: "a.person@example.org", to: [] };
    const input = { messageId: "<m1@example.org>", contact, personId };
    const first = await A.reviewMessageNothingNew(world.ctx(), input);
    const before = (await world.events()).length;
    const second = await A.reviewMessageNothingNew(world.ctx(), input);
    expect(first.review).toBe("appended");
    expect(second).toMatchObject({ review: "already-recorded", logged: { outcome: "already-recorded" } });
    expect(await world.events()).toHaveLength(before);
  });
});
