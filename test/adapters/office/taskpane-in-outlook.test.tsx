/** @jest-environment ./test/support/fixed-jsdom-env.js */
// The taskpane as Outlook runs it: OutlookMailHost over office-addin-mock, the real Taskpane,
// the sample record. A pinned pane follows ItemChanged and never shows the previous sender.
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, within } from "@testing-library/react";
import { OfficeMockObject } from "office-addin-mock";
import { MemoryEventStore } from "../../../src/adapters/local";
import { OutlookMailHost } from "../../../src/adapters/office";
import { RecordService } from "../../../src/app/record-service";
import { importRecord } from "../../../src/app/record-transfer";
import { ServicesProvider } from "../../../src/ui/services";
import { Taskpane } from "../../../src/ui/Taskpane";
import { sampleRecordText } from "../../ui/sample";

jest.setTimeout(60_000);

const item = (id: string, from: string, name: string, to: string, subject: string) => ({
  itemType: "message",
  itemId: id,
  subject,
  dateTimeCreated: new Date("2026-11-27T08:05:00Z"),
  from: { displayName: name, emailAddress: from },
  to: [{ displayName: "", emailAddress: to }],
  cc: [],
  body: { getAsync: () => undefined },
});

it("follows the selected message in a pinned pane: stage and breaches change with it", async () => {
  let onItemChanged: () => void = () => undefined;
  const office = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded" },
    CoercionType: { Text: "text" },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
    MailboxEnums: { ItemType: { Message: "message" } },
    context: {
      requirements: { isSetSupported: () => true },
      mailbox: {
        item: item("A1", "alex.morgan@example.com", "Alex Morgan", "lee.hughes@opcc.example", "CPL-2026-0042 again"),
        diagnostics: { hostName: "OutlookWebApp" },
        userProfile: { displayName: "Casey Okafor", emailAddress: "casey.okafor@opcc.example" },
        addHandlerAsync(_t: string, handler: () => void, cb: (r: { status: string }) => void) {
          onItemChanged = handler;
          cb({ status: "succeeded" });
        },
      },
    },
  }) as unknown as typeof Office;

  const store = new MemoryEventStore();
  await importRecord(store, sampleRecordText(), { replace: true });
  const clock = { now: () => Date.parse("2026-11-27T12:00:00Z") };
  const record = new RecordService(store, clock);
  await record.load();
  const mail = await OutlookMailHost.create(office);
  render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={{ record, clock, ids: { next: (p) => `${p}-1` }, mail }}>
        <Taskpane />
      </ServicesProvider>
    </FluentProvider>,
  );
  const root = screen.getByTestId("taskpane");
  expect(root.getAttribute("data-stage")).toBe("restricted");
  expect(root.getAttribute("data-breaches")).toBe("single-point-of-contact"); // to Lee, not the single point of contact
  expect(within(screen.getByTestId("sender-card")).getByRole("heading", { name: "Alex Morgan" })).toBeTruthy();

  act(() => {
    (office.context.mailbox as unknown as { item: unknown }).item = item(
      "B2",
      "priya.nair@example.org",
      "Priya Nair",
      "lee.hughes@opcc.example",
      "Hello",
    );
    onItemChanged();
  });
  expect(root.getAttribute("data-message-id")).toBe("B2");
  expect(root.getAttribute("data-stage")).toBe("warned");
  expect(root.getAttribute("data-breaches")).toBe("");
  expect(screen.queryByText("Alex Morgan")).toBeNull();

  act(() => {
    (office.context.mailbox as unknown as { item: unknown }).item = null;
    onItemChanged();
  });
  expect(screen.getByText(/Select a message/)).toBeTruthy();
  expect(screen.queryByTestId("sender-card")).toBeNull();
});
