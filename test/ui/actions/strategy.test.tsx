/** @jest-environment ./test/support/fixed-jsdom-env.js */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { RESTRICTION_KINDS, RESTRICTION_LABELS } from "../../../src/domain";
import { continuedAfterWarning, restricted, REVIEWER, SPOC, warned } from "../../app/ladder-fixture";
import { makeWorld } from "../../app/world";
import { aMessage, renderPanel } from "./harness";

type User = ReturnType<typeof userEvent.setup>;

/**
 * Tabs forward (keyboard only) until focus reaches the control with this accessible name (a
 * button, or a field found by its label). Fails if it is not reachable by Tab.
 */
async function tabTo(user: User, name: RegExp, max = 80): Promise<HTMLElement> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await user.tab();
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) continue;
    const targets = [...screen.queryAllByRole("button", { name }), ...screen.queryAllByLabelText(name)];
    if (targets.includes(el)) return el;
    seen.push(el.getAttribute("name") ?? el.textContent?.slice(0, 30) ?? el.tagName);
  }
  throw new Error(`no focusable element named ${name} within ${max} tabs; met: ${seen.slice(0, 20).join(" | ")}`);
}

describe("impose a strategy (9.4–9.9), keyboard only", () => {
  it("walks the wizard with Tab, typing and Enter; a review date beyond three months is refused on its page with everything kept", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    await continuedAfterWarning(world, personId);
    const { container } = renderPanel({ world, personId, message: null });
    // The guide says the strategy is next once the behaviour continued after the warning (9.4).
    expect(screen.getByTestId("next-step").textContent).toMatch(/Impose a contact strategy/);
    await tabTo(user, /^Open this step$/);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/Impose a contact strategy/));
    // Page 1: matter (prefilled from the incident) and reason.
    const matter = await tabTo(user, /^Matter reference/);
    expect((matter as HTMLInputElement).value).toBe("CPL-2026-0042");
    await tabTo(user, /^Reason for the strategy/);
    await user.keyboard("Forty emails a week to six members of staff.");
    await tabTo(user, /^Next$/);
    await user.keyboard("{Enter}");
    // Page 2: restrictions.
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/Step 2 of 5: Restrictions/));
    const add = await tabTo(user, /^Add a restriction/);
    await user.selectOptions(add, "single-point-of-contact");
    await tabTo(user, /^Add$/);
    await user.keyboard("{Enter}");
    const spoc = screen.getByRole("textbox", { name: /Single point of contact \(staff email\)/ }) as HTMLInputElement;
    expect(spoc.value).toBe("officer.one@opcc.example");
    expect(await axe(container)).toHaveNoViolations();
    await tabTo(user, /^Next$/);
    await user.keyboard("{Enter}");
    // Page 3: proportionality.
    await tabTo(user, /^Why is this fair, reasonable and proportionate/);
    await user.keyboard("A single contact keeps the case moving and protects staff time.");
    await tabTo(user, /^Next$/);
    await user.keyboard("{Enter}");
    // Page 4: approval, notice, review (defaults to three months, the latest allowed).
    await tabTo(user, /^Approved by/);
    await user.keyboard("manager@opcc.example");
    const review = screen.getByLabelText(/^Review by/) as HTMLInputElement;
    expect(review.value).toBe("2027-02-03");
    expect(review.getAttribute("max")).toBe("2027-02-03");
    await user.clear(review);
    await user.type(review, "2027-03-01");
    await tabTo(user, /^Next$/);
    await user.keyboard("{Enter}");
    // The page is checked as it is left: the date is refused on page 4, focus on the page's error summary.
    const summary = await screen.findByTestId("page-errors");
    expect(screen.getByText(/Step 4 of 5/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByRole("link").textContent).toMatch(
      /review by 3 February 2027 at the latest \(9\.12\)\./,
    );
    const reviewAgain = screen.getByLabelText(/^Review by/) as HTMLInputElement;
    expect(reviewAgain.getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByRole("textbox", { name: /^Approved by/ }) as HTMLInputElement).value).toBe(
      "manager@opcc.example",
    );
    expect(await axe(container)).toHaveNoViolations();
    // The summary's link takes focus to the field; fix it and go on.
    await user.click(within(summary).getByRole("link"));
    expect(document.activeElement).toBe(reviewAgain);
    await user.clear(reviewAgain);
    await user.type(reviewAgain, "2027-01-31");
    expect(screen.queryByTestId("page-errors")).toBeNull();
    await tabTo(user, /^Next$/);
    await user.keyboard("{Enter}");
    // Page 5: check, then record.
    expect(await screen.findByText("Forty emails a week to six members of staff.")).toBeTruthy();
    await tabTo(user, /^Impose the strategy$/);
    await user.keyboard("{Enter}");
    expect(await screen.findByText(/is in force\./)).toBeTruthy();
    const [strategy] = world.record.index.person(personId).strategies.values();
    expect(strategy?.imposed.data).toMatchObject({
      matterRef: "CPL-2026-0042",
      reason: "Forty emails a week to six members of staff.",
      restrictions: [{ kind: "single-point-of-contact", staff: SPOC }],
      reviewDue: "2027-01-31",
      approvedBy: "manager@opcc.example",
      notifiedBy: "email",
    });
  });

  it("asks for equality advice where written-only contact meets a phone adjustment (8.4, 9.13)", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    await A.recordNeeds(world.ctx(), { personId, adjustments: [{ kind: "phone-contact" }], source: "self-declared" });
    renderPanel({ world, personId, message: null });
    await user.click(screen.getByRole("button", { name: /^Impose a contact strategy/ }));
    await user.type(screen.getByRole("textbox", { name: /^Reason for the strategy/ }), "Abusive calls.");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await user.selectOptions(screen.getByRole("combobox", { name: /^Add a restriction/ }), "written-only");
    await user.click(screen.getByRole("button", { name: "Add" }));
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByText(/conflicts with their recorded need to contact us by phone/)).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: /^Why is this fair/ }), "Calls have been abusive.");
    // Leaving the page without the advice is refused on this page, not after the last one.
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByText(/Step 3 of 5/)).toBeTruthy();
    const advice = await screen.findByRole("textbox", { name: /^Equality advice sought/ });
    await waitFor(() => expect(advice.getAttribute("aria-invalid")).toBe("true"));
    const message = document.getElementById(
      (advice.getAttribute("aria-describedby") ?? "").split(" ").find((id) => id.includes("validation")) ?? "",
    );
    expect(message?.textContent).toMatch(/seek equality advice and record it here \(8\.4, 9\.13–9\.14\)\.$/);
    expect(world.record.index.person(personId).strategies.size).toBe(0);
  });

  it("edits all eight kinds of restriction, each with labelled fields and no axe violations", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    const { container } = renderPanel({ world, personId, message: null });
    await user.click(screen.getByRole("button", { name: /^Impose a contact strategy/ }));
    await user.type(screen.getByRole("textbox", { name: /^Reason for the strategy/ }), "Abusive calls.");
    await user.click(screen.getByRole("button", { name: "Next" }));
    for (const kind of RESTRICTION_KINDS) {
      await user.selectOptions(screen.getByRole("combobox", { name: /^Add (a|another) restriction/ }), kind);
      await user.click(screen.getByRole("button", { name: "Add" }));
    }
    for (const [i, kind] of RESTRICTION_KINDS.entries()) {
      expect(screen.getByRole("group", { name: `Restriction ${i + 1}: ${RESTRICTION_LABELS[kind]}` })).toBeTruthy();
    }
    expect(screen.getByRole("combobox", { name: "Day (time 1)" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: /^Advocate's name/ })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: /^Closed matters that will not be reopened/ })).toBeTruthy();
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe("after a strategy", () => {
  it("records a breach from the selected message once, then drafts the reminder as a reply and records it", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId } = await restricted(world);
    // The message came in on the 4th; staff open it later that morning.
    world.clock.set("2026-11-04T09:15:00Z");
    const message = aMessage({ to: [{ name: "Officer Two", address: "officer.two@opcc.example" }] });
    const { mail, container } = renderPanel({ world, personId, message });
    const bar = screen.getByTestId("message-breach");
    expect(bar.getAttribute("data-state")).toBe("detected");
    await user.click(within(bar).getByRole("button", { name: "Record the breach" }));
    await waitFor(() => expect(screen.getByTestId("message-breach").getAttribute("data-state")).toBe("recorded"));
    expect([...world.record.index.person(personId).breaches.values()]).toHaveLength(1);
    expect(screen.getByTestId("next-step").textContent).toMatch(/Send a breach reminder/);
    await user.click(within(screen.getByTestId("message-breach")).getByRole("button", { name: "Go to the reminder" }));
    const reply = await screen.findByRole("button", { name: "Draft the reminder letter as a reply" });
    expect(await axe(container)).toHaveNoViolations();
    await user.click(reply);
    expect(mail.replies).toHaveLength(1);
    expect(mail.replies[0]).toContain("Persistent demands for updates.");
    await user.click(screen.getByRole("button", { name: "Record that the reminder was sent" }));
    expect(await screen.findByText("Reminder recorded.")).toBeTruthy();
    expect([...world.record.index.person(personId).breaches.values()][0]?.reminderSent).toBe(true);
  });

  it("the same message in a colleague's mailbox (another item id, the same Internet Message-ID) shows the breach as already recorded", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId } = await restricted(world);
    world.clock.set("2026-11-04T09:15:00Z");
    const to = [{ name: "Officer Two", address: "officer.two@opcc.example" }];
    const first = renderPanel({
      world,
      personId,
      message: aMessage({ id: "AAMkOfficerOne==", internetMessageId: "<x1@mail.example.org>", to }),
    });
    await user.click(within(screen.getByTestId("message-breach")).getByRole("button", { name: "Record the breach" }));
    await waitFor(() => expect(screen.getByTestId("message-breach").getAttribute("data-state")).toBe("recorded"));
    first.unmount();

    renderPanel({
      world,
      personId,
      message: aMessage({ id: "AAMkOfficerTwo==", internetMessageId: "<x1@mail.example.org>", to }),
    });
    expect(screen.getByTestId("message-breach").getAttribute("data-state")).toBe("recorded");
    expect([...world.record.index.person(personId).breaches.values()]).toHaveLength(1);
  });

  it("logs a call outside the agreed times and records the breach on the spot", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId } = await restricted(world, [
      { kind: "phone-window", windows: [{ day: "mon", from: "10:00", to: "11:00" }] },
    ]);
    renderPanel({ world, personId, message: null });
    await user.click(screen.getByRole("button", { name: /^Log a phone call or visit/ }));
    const when = screen.getByLabelText(/^When\? \(UK time\)/);
    await user.clear(when);
    await user.type(when, "2026-11-03T15:00");
    await user.click(screen.getByRole("button", { name: "Log it and check" }));
    expect(await screen.findByText(/Logged, and a breach recorded\./)).toBeTruthy();
    expect(screen.getByText(/outside the agreed call times/)).toBeTruthy();
    const breaches = [...world.record.index.person(personId).breaches.values()];
    expect(breaches.map((b) => b.restriction)).toEqual(["phone-window"]);
  });

  it("reviews the strategy: lift, and the letter ending it", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId, strategyId } = await restricted(world);
    // A manager who neither imposed nor approved the strategy reviews it (separation of duties, 9.12).
    const { mail } = renderPanel({ world, personId, message: null, user: { name: "Manager Two", address: REVIEWER } });
    await user.click(screen.getByRole("button", { name: /^Review the strategy/ }));
    await user.click(screen.getByRole("radio", { name: /^Lift/ }));
    expect(screen.queryByLabelText(/^Next review by/)).toBeNull();
    await user.type(
      screen.getByRole("textbox", { name: /^Rationale/ }),
      "Contact has been reasonable for three months.",
    );
    await user.click(screen.getByRole("button", { name: "Record the review" }));
    await user.click(await screen.findByRole("button", { name: "Draft the review outcome letter as a new message" }));
    expect(mail.newMessages[0]?.subject).toBe("The contact arrangements for CPL-2026-0042 have ended");
    expect(world.record.index.person(personId).strategies.get(strategyId)?.active).toBe(false);
  });

  it("refuses a review by the member of staff who imposed the strategy, in plain English, recording nothing", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId, strategyId } = await restricted(world); // imposed by officer.one, the pane's user
    const before = (await world.events()).length;
    const { container } = renderPanel({ world, personId, message: null });
    await user.click(screen.getByRole("button", { name: /^Review the strategy/ }));
    await user.click(screen.getByRole("radio", { name: /^Continue/ }));
    await user.type(screen.getByRole("textbox", { name: /^Rationale/ }), "Still needed.");
    await user.click(screen.getByRole("button", { name: "Record the review" }));
    expect(await screen.findByText(/You imposed this strategy, so you cannot review it/)).toBeTruthy();
    expect((await world.events()).length).toBe(before);
    expect(world.record.index.person(personId).strategies.get(strategyId)?.reviews).toBe(0);
    expect(await axe(container)).toHaveNoViolations();
  });
});
