/** @jest-environment ./test/support/fixed-jsdom-env.js */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import * as A from "../../../src/app/actions";
import { registered, restricted, warned } from "../../app/ladder-fixture";
import { makeWorld } from "../../app/world";
import { renderPanel } from "./harness";

/** The step's region (its accordion item), opened. */
async function openStep(user: ReturnType<typeof userEvent.setup>, title: RegExp) {
  const header = screen.getByRole("button", { name: title });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  const item = header.closest("[data-step]") as HTMLElement;
  return within(item);
}

const describedText = (el: HTMLElement) =>
  (el.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");

describe("incident (4.3–4.6, 6.3–6.4)", () => {
  it("shows the behaviours of the chosen kind in the policy's words, prompts the line-manager report when a call was ended, and records", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    const { container } = renderPanel({ world, personId });
    const step = await openStep(user, /^Record an incident/);
    await user.selectOptions(step.getByRole("combobox", { name: "What kind of behaviour?" }), "abusive");
    expect(
      step.getByRole("checkbox", { name: /Verbal abuse, derogatory, discriminatory or defamatory remarks \(4\.3\)/ }),
    ).toBeTruthy();
    expect(step.queryByRole("checkbox", { name: /demanding updates/i })).toBeNull();
    await user.click(step.getByRole("checkbox", { name: /Verbal abuse/ }));
    await user.selectOptions(step.getByRole("combobox", { name: "How did it come?" }), "phone");
    expect(step.getByText(/You may end the call \(4\.4\)/)).toBeTruthy();
    await user.click(step.getByRole("checkbox", { name: /I ended the call/ }));
    expect(step.getByText(/Report this to your line manager/)).toBeTruthy();
    await user.type(
      step.getByRole("textbox", { name: /^File note/ }),
      "Shouted abuse; warned; ended the call at 10:05.",
    );
    expect(await axe(container)).toHaveNoViolations();
    await user.click(step.getByRole("button", { name: "Record the incident" }));
    expect(await step.findByText(/report it to your line manager now and ask for advice/)).toBeTruthy();
    const incident = world.record.index.person(personId).incidents[0];
    expect(incident?.data).toMatchObject({
      kind: "abusive",
      behaviours: ["verbal-abuse"],
      channel: "phone",
      callEnded: true,
      matterRef: "CPL-2026-0042",
    });
  });

  it("shows each refusal beside its field, moves focus to the first, and keeps the file note", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    renderPanel({ world, personId });
    const step = await openStep(user, /^Record an incident/);
    await user.type(step.getByRole("textbox", { name: /^File note/ }), "Twelve calls today.");
    await user.click(step.getByRole("button", { name: "Record the incident" }));
    const kind = step.getByRole("combobox", { name: "What kind of behaviour?" });
    await waitFor(() => expect(kind.getAttribute("aria-invalid")).toBe("true"));
    expect(describedText(kind)).toMatch(/Please choose one/);
    expect(document.activeElement).toBe(kind);
    expect((step.getByRole("textbox", { name: /^File note/ }) as HTMLTextAreaElement).value).toBe(
      "Twelve calls today.",
    );
    expect(world.record.index.person(personId).incidents).toHaveLength(0);
  });
});

describe("causes (7.2–7.3)", () => {
  it("asks what will be done about a \u201cno\u201d, refusing beside that field until it is said", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    renderPanel({ world, personId });
    const step = await openStep(user, /^Consider underlying causes/);
    const groups = step.getAllByRole("radiogroup");
    expect(groups).toHaveLength(5);
    for (const [i, g] of groups.entries())
      await user.click(within(g).getByRole("radio", { name: i === 2 ? "No" : "Yes" }));
    const actions = step.getByRole("textbox", { name: /What will be done about each/ });
    await user.click(step.getByRole("button", { name: "Record the answers" }));
    await waitFor(() => expect(actions.getAttribute("aria-invalid")).toBe("true"));
    expect(describedText(actions)).toMatch(/\(7\.3\)/);
    await user.type(actions, "Send monthly updates.");
    await user.click(step.getByRole("button", { name: "Record the answers" }));
    expect(await step.findByText(/Put right the shortcomings/)).toBeTruthy();
    expect(world.record.index.person(personId).causes[0]?.data).toMatchObject({
      communicatedRegularly: false,
      actions: "Send monthly updates.",
    });
  });
});

describe("warning (9.1–9.3)", () => {
  it("records the warning and drafts the letter as a new message to the person", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    await A.recordIncident(world.ctx(), {
      personId,
      kind: "persistence",
      behaviours: ["demanding-updates"],
      channel: "email",
      summary: "x",
      matterRef: "CPL-2026-0042",
    });
    const { mail } = renderPanel({ world, personId, message: null });
    const step = await openStep(user, /^Issue a warning/);
    expect((step.getByRole("checkbox", { name: /Persistently demanding updates/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    await user.type(step.getByRole("textbox", { name: /^What should change\?/ }), "Please write once a week.");
    await user.click(step.getByRole("button", { name: "Record the warning" }));
    await user.click(await step.findByRole("button", { name: "Draft the warning letter as a new message" }));
    expect(mail.newMessages).toHaveLength(1);
    expect(mail.newMessages[0]).toMatchObject({
      to: ["a.person@example.org"],
      subject: "Your contact with us about CPL-2026-0042",
    });
    expect(mail.newMessages[0]?.htmlBody).toContain("Please write once a week.");
    expect(await step.findByText(/open as a new message/)).toBeTruthy();
  });
});

describe("sharing (9.15) and retraction", () => {
  it("refuses sharing without the DPO, beside the question", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId } = await restricted(world);
    renderPanel({ world, personId });
    const step = await openStep(user, /^Record sharing with a partner/);
    await user.type(step.getByRole("textbox", { name: /^Partner/ }), "Cleveland Police");
    await user.type(step.getByRole("textbox", { name: /^Purpose/ }), "Safeguarding");
    await user.type(step.getByRole("textbox", { name: /^Lawful basis/ }), "Legal obligation");
    await user.click(step.getByRole("radio", { name: "No" }));
    await user.click(step.getByRole("button", { name: "Record the sharing" }));
    expect(
      await step.findByText(
        /Consult the Data Protection Officer before sharing details of the strategy with a partner \(9\.15\)\./,
      ),
    ).toBeTruthy();
    expect(world.record.index.person(personId).sharing).toHaveLength(0);
  });

  it("withdraws an entry with a reason, after which it no longer counts", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await warned(world);
    const warningId = world.record.index.person(personId).warnings[0]?.id ?? "";
    renderPanel({ world, personId });
    const step = await openStep(user, /^History and corrections/);
    await user.selectOptions(step.getByRole("combobox", { name: "Entry to withdraw" }), warningId);
    await user.type(
      step.getByRole("textbox", { name: /^Why is it being withdrawn/ }),
      "Recorded against the wrong person.",
    );
    await user.click(step.getByRole("button", { name: "Withdraw the entry" }));
    // A confirmation first, naming the entry, with the focus on the safe button.
    const dialog = await screen.findByRole("alertdialog", { name: "Withdraw this entry?" });
    expect(dialog.textContent).toMatch(/Warning/);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" })));
    expect(await axe(document.body)).toHaveNoViolations();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(world.record.index.person(personId).warnings).toHaveLength(1);
    await user.click(step.getByRole("button", { name: "Withdraw the entry" }));
    const again = await screen.findByRole("alertdialog", { name: "Withdraw this entry?" });
    await user.click(within(again).getByRole("button", { name: "Withdraw the entry" }));
    expect(await step.findByText("Entry withdrawn.")).toBeTruthy();
    expect(world.record.index.person(personId).warnings).toHaveLength(0);
  });

  it("asks before lifting a strategy; Escape leaves it in force", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const { personId, strategyId } = await restricted(world);
    renderPanel({ world, personId, message: null });
    const step = await openStep(user, /^Lift the strategy/);
    await user.type(step.getByRole("textbox", { name: /^Reason/ }), "Contact has been reasonable.");
    await user.click(step.getByRole("button", { name: "Lift the strategy" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Lift this strategy?" });
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" })));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(world.record.index.person(personId).strategies.get(strategyId)?.active).toBe(true);
    await user.click(step.getByRole("button", { name: "Lift the strategy" }));
    await user.click(
      within(await screen.findByRole("alertdialog", { name: "Lift this strategy?" })).getByRole("button", {
        name: "Lift it",
      }),
    );
    expect(await step.findByText("Strategy lifted.")).toBeTruthy();
    expect(world.record.index.person(personId).strategies.get(strategyId)?.active).toBe(false);
  });

  it("unlinks an address that is not theirs: messages from it no longer count as theirs", async () => {
    const user = userEvent.setup();
    const world = makeWorld();
    const personId = await registered(world);
    await A.linkIdentifiers(world.ctx(), { personId, emails: ["their.sister@example.net"] });
    expect(world.record.index.whoUses("their.sister@example.net")).toEqual([personId]);
    const { container } = renderPanel({ world, personId });
    const step = await openStep(user, /^History and corrections/);
    const select = step.getByRole("combobox", { name: /^Address or number that is not theirs/ });
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Choose…", expect.stringMatching(/@/), "their.sister@example.net", "07700 900123"]);
    expect(await axe(container)).toHaveNoViolations();

    // Nothing chosen: said beside the field, nothing recorded.
    const before = world.record.index.events.length;
    await user.click(step.getByRole("button", { name: "Unlink it" }));
    expect(await step.findByText(/choose the address or number to unlink/i)).toBeTruthy();
    expect(world.record.index.events.length).toBe(before);

    await user.selectOptions(select, "email:their.sister@example.net");
    await user.click(step.getByRole("button", { name: "Unlink it" }));
    expect(await step.findByText("Unlinked.")).toBeTruthy();
    expect(world.record.index.whoUses("their.sister@example.net")).toEqual([]);
    expect(world.record.index.person(personId).emails).not.toContain("their.sister@example.net");
    expect(world.record.index.person(personId).phones).toEqual(["07700 900123"]);
  });
});
