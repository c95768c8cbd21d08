/** @jest-environment ./test/support/fixed-jsdom-env.js */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { ComposePanel } from "../../../src/surfaces/preview/ComposePanel";
import { MailList } from "../../../src/surfaces/preview/MailList";
import { MailboxHost } from "../../../src/surfaces/preview/mailbox-host";
import { axeViolations } from "../../support/axe";
import { sampleMailbox } from "../sample";

jest.setTimeout(60_000);

const wrap = (ui: React.ReactNode) => <FluentProvider theme={webLightTheme}>{ui}</FluentProvider>;

describe("MailList", () => {
  const messages = sampleMailbox().messages;

  it("marks the selected message and selects on click", async () => {
    const onSelect = jest.fn();
    const { container } = render(
      wrap(<MailList messages={messages} selectedId={messages[1]!.id} onSelect={onSelect} />),
    );
    const buttons = screen.getAllByRole("button");
    expect(buttons).toHaveLength(messages.length);
    expect(buttons[1]!.getAttribute("aria-current")).toBe("true");
    expect(buttons.filter((b) => b.hasAttribute("aria-current"))).toHaveLength(1);
    fireEvent.click(buttons[3]!);
    expect(onSelect).toHaveBeenCalledWith(messages[3]!.id);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("moves focus with the arrow keys, Home and End", () => {
    render(wrap(<MailList messages={messages} selectedId={null} onSelect={() => undefined} />));
    const buttons = screen.getAllByRole("button");
    buttons[0]!.focus();
    fireEvent.keyDown(buttons[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(buttons[1]!, { key: "End" });
    expect(document.activeElement).toBe(buttons.at(-1));
    fireEvent.keyDown(buttons.at(-1)!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(buttons.at(-1));
    fireEvent.keyDown(buttons.at(-1)!, { key: "Home" });
    expect(document.activeElement).toBe(buttons[0]);
  });
});

describe("ComposePanel", () => {
  it("shows drafts as the host receives them, in a sandboxed frame with a title", async () => {
    const host = new MailboxHost(sampleMailbox());
    const { container } = render(wrap(<ComposePanel host={host} />));
    expect(screen.getByText(/Letters you draft/)).toBeTruthy();
    host.select("msg-alex-breach");
    await act(() => host.displayReplyForm("<p>Dear Alex Morgan</p><script>alert(1)</script>"));
    const frame = container.querySelector("iframe");
    expect(frame?.getAttribute("sandbox")).toBe("");
    expect(frame?.getAttribute("title")).toMatch(/^Draft: RE: CPL-2026-0042/);
    expect(screen.getByText(/Reply to alex\.morgan@example\.com/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Discard draft" }));
    expect(container.querySelector("iframe")).toBeNull();
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Drafts"); // focus not lost
  });
});
