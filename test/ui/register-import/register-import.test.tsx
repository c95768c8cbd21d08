/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * The register import dialog (issue 13 item 1, piece C): choose a file → a labelled select per
 * column → the dry run (what will be created, each refused row with its reason) → Import → the
 * result, with the people on the record. Accessible (jest-axe) at every step; keyboard reachable.
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryEventStore } from "../../../src/adapters/local";
import { RecordService } from "../../../src/app/record-service";
import { parseCsv } from "../../../src/app/register-import";
import { Access } from "../../../src/app/roles";
import { RegisterImportButton } from "../../../src/ui/register-import";
import { axeViolations } from "../../support/axe";

jest.setTimeout(60_000);

const NOW = Date.parse("2026-06-15T12:00:00Z");
const CSV = [
  "Name,Email,Matter,Restrictions,Behaviours,Warning date,Causes considered,Strategy start,Review date,Notified by,Notes",
  "Ann Example,ann@example.org,CPL-1,email only,verbal-abuse,01/03/2026,yes,01/04/2026,01/07/2026,email,calls a lot",
  "Bad Date,bd@example.org,CPL-2,email only,verbal-abuse,31/02/2026,yes,01/04/2026,01/07/2026,email,",
].join("\n");

function setup(roles: ConstructorParameters<typeof Access>[0] = ["admin"]) {
  const store = new MemoryEventStore();
  const record = new RecordService(store, { now: () => NOW });
  record.setAccess(new Access(roles));
  const read = jest.fn(async (file: File) => parseCsv(file.name, CSV));
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <RegisterImportButton record={record} by="admin@opcc.example" now={() => NOW} read={read} />
    </FluentProvider>,
  );
  return { store, record, read, view };
}

const dialog = () => screen.getByRole("dialog");

describe("RegisterImportButton", () => {
  it("walks from file to mapping to dry run to import, and the people are on the record", async () => {
    const { store, record } = setup();
    // Keyboard: every control is a native button, select or file input (focusable, operable by
    // keyboard); Tab order through the modal dialog is checked in the browser scenario
    // import-register.js (JSDOM has no focus trap).
    const opener = screen.getByRole("button", { name: "Import register (CSV, Excel)…" });
    fireEvent.click(opener);
    expect(within(dialog()).getByText("Import a register")).toBeTruthy();
    expect(await axeViolations(document.body)).toEqual([]);

    const input = within(dialog()).getByLabelText(/Register file/);
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File([CSV], "register.csv", { type: "text/csv" })] } });
    });
    await waitFor(() => expect(within(dialog()).getByText("What each column holds")).toBeTruthy());
    // One labelled select per column, guessed from the header; the unknown column is not imported.
    const name = within(dialog()).getByLabelText("Column “Name”") as HTMLSelectElement;
    expect(name.value).toBe("name");
    const notes = within(dialog()).getByLabelText("Column “Notes”") as HTMLSelectElement;
    expect(notes.value).toBe("");
    expect(await axeViolations(document.body)).toEqual([]);

    // No default for how warnings were given: the dry run refuses both rows, saying why.
    fireEvent.click(within(dialog()).getByRole("button", { name: "Check the rows" }));
    expect(within(dialog()).getByTestId("dry-run-refused").textContent).toMatch(/how the warning was given/);
    expect((within(dialog()).getByRole("button", { name: "Import 0 rows" }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(dialog()).getByRole("button", { name: "Back" }));
    fireEvent.change(within(dialog()).getByLabelText("How warnings were given"), { target: { value: "post" } });
    fireEvent.click(within(dialog()).getByRole("button", { name: "Check the rows" }));
    expect(within(dialog()).getByTestId("dry-run-summary").textContent).toMatch(
      /1 of 2 rows can be imported: 1 person, 1 warning, 1 strategy/,
    );
    expect(within(dialog()).getByTestId("dry-run-planned").textContent).toMatch(/Row 2: Ann Example: registered/);
    expect(within(dialog()).getByTestId("dry-run-refused").textContent).toMatch(
      /Row 3 \(Bad Date\): The warning date “31\/02\/2026” is not a date/,
    );
    expect(await store.readAll()).toEqual([]); // a dry run writes nothing
    expect(await axeViolations(document.body)).toEqual([]);

    await act(async () => {
      fireEvent.click(within(dialog()).getByRole("button", { name: "Import 1 row" }));
    });
    await waitFor(() =>
      expect(within(dialog()).getByTestId("import-result").textContent).toMatch(/4 events added.*1 row was left out/),
    );
    expect(await axeViolations(document.body)).toEqual([]);
    const people = record.index.events.filter((l) => l.event.type === "PersonRegistered");
    expect(people.map((l) => (l.event.data as { name: string }).name)).toEqual(["Ann Example"]);
    expect((await store.readAll()).length).toBe(4);
  });

  it("a mapping without the name column is stopped before the dry run, with what to do", async () => {
    setup();
    fireEvent.click(screen.getByRole("button", { name: "Import register (CSV, Excel)…" }));
    await act(async () => {
      fireEvent.change(within(dialog()).getByLabelText(/Register file/), {
        target: { files: [new File([CSV], "r.csv")] },
      });
    });
    await waitFor(() => expect(within(dialog()).getByLabelText("Column “Name”")).toBeTruthy());
    fireEvent.change(within(dialog()).getByLabelText("Column “Name”"), { target: { value: "" } });
    fireEvent.click(within(dialog()).getByRole("button", { name: "Check the rows" }));
    expect(within(dialog()).getByRole("alert").textContent).toMatch(/Choose the column that holds the person's name/);
  });

  it("tells someone who is not an administrator who can import, and offers nothing to import", async () => {
    const { store } = setup(["manager"]);
    fireEvent.click(screen.getByRole("button", { name: "Import register (CSV, Excel)…" }));
    expect(within(dialog()).getByText(/Only an administrator can import a register/)).toBeTruthy();
    expect(within(dialog()).queryByLabelText(/Register file/)).toBeNull();
    expect(await axeViolations(document.body)).toEqual([]);
    expect(await store.readAll()).toEqual([]);
  });

  it("shows why a file cannot be read, and stays on the first step", async () => {
    const { read } = setup();
    read.mockRejectedValueOnce(
      new Error("old.xls is an old Excel file (.xls). Save it as .xlsx or CSV, then import that."),
    );
    fireEvent.click(screen.getByRole("button", { name: "Import register (CSV, Excel)…" }));
    await act(async () => {
      fireEvent.change(within(dialog()).getByLabelText(/Register file/), {
        target: { files: [new File(["x"], "old.xls")] },
      });
    });
    await waitFor(() => expect(within(dialog()).getByText(/Save it as .xlsx or CSV/)).toBeTruthy());
    expect(within(dialog()).getByLabelText(/Register file/)).toBeTruthy();
  });

  it("offers the sample register: one press reads it (no file of one's own), a sample that cannot be loaded says so", async () => {
    const record = new RecordService(new MemoryEventStore(), { now: () => NOW });
    record.setAccess(new Access(["admin"]));
    const load = jest.fn(async () => new TextEncoder().encode(CSV).buffer as ArrayBuffer);
    const broken = jest.fn(async (): Promise<ArrayBuffer> => {
      throw new Error("sample/register.xlsx could not be loaded (HTTP 404).");
    });
    render(
      <FluentProvider theme={webLightTheme}>
        <RegisterImportButton
          record={record}
          by="admin@opcc.example"
          now={() => NOW}
          samples={[
            { label: "Use the sample register (Excel)", fileName: "register.xlsx", load: broken },
            { label: "Use the sample register (CSV)", fileName: "register.csv", load },
          ]}
        />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Import register (CSV, Excel)…" }));
    expect(await axeViolations(document.body)).toEqual([]);
    await act(async () => {
      fireEvent.click(within(dialog()).getByRole("button", { name: "Use the sample register (Excel)" }));
    });
    await waitFor(() =>
      expect(within(dialog()).getByRole("alert").textContent).toMatch(
        /The sample register could not be loaded: .*HTTP 404/,
      ),
    );
    await act(async () => {
      fireEvent.click(within(dialog()).getByRole("button", { name: "Use the sample register (CSV)" }));
    });
    await waitFor(() => expect(within(dialog()).getByText("What each column holds")).toBeTruthy());
    expect(load).toHaveBeenCalledTimes(1);
    expect(within(dialog()).getByText(/register\.csv: 2 rows/)).toBeTruthy();
  });
});
