/** @jest-environment ./test/support/fixed-jsdom-env.js */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ComposePanel } from "../../../src/surfaces/preview/ComposePanel";
import { MailList, newestFirst } from "../../../src/surfaces/preview/MailList";
import { MailboxHost } from "../../../src/surfaces/preview/mailbox-host";
import { RecordToolbar } from "../../../src/surfaces/preview/RecordToolbar";
import { axeViolations } from "../../support/axe";
import { sampleMailbox } from "../sample";

jest.setTimeout(60_000);

const wrap = (ui: React.ReactNode) => <FluentProvider theme={webLightTheme}>{ui}</FluentProvider>;

describe("MailList", () => {
  // As listed: newest first.
  const messages = newestFirst(sampleMailbox().messages);

  it("lists the newest message first, whatever order the mailbox holds them in", () => {
    const shuffled = [...sampleMailbox().messages].reverse();
    render(wrap(<MailList messages={shuffled} selectedId={null} onSelect={() => undefined} />));
    const times = screen
      .getAllByRole("button")
      .map((b) => Date.parse(b.querySelector("time")?.getAttribute("datetime") ?? ""));
    expect(times).toHaveLength(shuffled.length);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(screen.getAllByRole("button")[0]!.getAttribute("data-message-id")).toBe("msg-new-sender");
  });

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

describe("RecordToolbar", () => {
  // JSDOM does no layout; Fluent's focus manager needs elements to look visible to focus one
  // (as test/ui/actions/harness.tsx does).
  beforeAll(() => {
    document.body.getBoundingClientRect = () =>
      ({
        width: 1024,
        height: 768,
        top: 0,
        left: 0,
        right: 1024,
        bottom: 768,
        x: 0,
        y: 0,
        toJSON: () => ({}),
      }) as DOMRect;
    Object.defineProperty(HTMLElement.prototype, "offsetParent", {
      configurable: true,
      get(this: HTMLElement) {
        return this.parentElement;
      },
    });
  });
  const importFile = async (text: string) => {
    const file = new File([text], "events.jsonl", { type: "application/x-ndjson" });
    // JSDOM's File has no text(); the browser's does.
    Object.defineProperty(file, "text", { value: async () => text });
    await act(async () => {
      fireEvent.change(screen.getByTestId("import-file"), { target: { files: [file] } });
    });
  };

  it("counts what an import added in words: 1 event, 2 events", async () => {
    let added = 1;
    render(
      wrap(
        <RecordToolbar
          onImport={async () => ({ ok: true, added, alreadyThere: 0 })}
          onExport={async () => ""}
          onReset={async () => undefined}
        />,
      ),
    );
    await importFile("{}");
    await waitFor(() => expect(document.body.textContent).toMatch(/events\.jsonl: 1 event added\./));
    added = 2;
    await importFile("{}");
    await waitFor(() => expect(document.body.textContent).toMatch(/events\.jsonl: 2 events added\./));
  });

  it("the Reset dialog opens with Cancel focused, not the destructive button; accessible", async () => {
    const onReset = jest.fn(async () => undefined);
    render(
      wrap(
        <RecordToolbar
          onImport={async () => ({ ok: true, added: 0, alreadyThere: 0 })}
          onExport={async () => ""}
          onReset={onReset}
        />,
      ),
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Reset sample data" }));
    });
    const dialog = await screen.findByRole("dialog");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Cancel"));
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(await axeViolations(dialog)).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    });
    expect(onReset).not.toHaveBeenCalled();
  });
});
