/** @jest-environment ./test/support/fixed-jsdom-env.js */
/**
 * The Microsoft 365 screens (src/ui/admin): settings form with validation, list setup saying what
 * is missing, the status line ("N changes waiting"), and sign-in. Accessible (jest-axe).
 */
import "../../support/dom-stubs";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactElement } from "react";
import { DEFAULT_SETTINGS, validateSettings, type M365Settings } from "../../../src/app/m365-settings";
import type { M365Status } from "../../../src/app/m365-session";
import {
  conflictLines,
  M365SettingsForm,
  SharedRecordSetup,
  SignInPanel,
  SignOutConfirm,
  SyncStatus,
  statusLine,
  waitingText,
} from "../../../src/ui/admin";
import { axeViolations } from "../../support/axe";
import { Outbox } from "../../../src/app/outbox";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import { describeChange } from "../../../src/ui/admin/hooks";
import { anIncident } from "../../builders";

jest.setTimeout(60_000);

const wrap = (ui: ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

const status = (patch: Partial<M365Status> = {}): M365Status => ({
  setup: "ok",
  missing: [],
  waiting: 0,
  needsAttention: 0,
  conflicts: 0,
  lastSyncAt: null,
  offline: false,
  accessRevoked: false,
  signInNeeded: null,
  ...patch,
});

describe("Microsoft 365 settings form", () => {
  it("shows each problem on its field and saves nothing until they are fixed; picking a cloud fills its addresses", async () => {
    const saves: M365Settings[] = [];
    const onSave = async (s: M365Settings) => {
      const problems = validateSettings(s);
      if (problems.length === 0) saves.push(s);
      return problems;
    };
    const { container } = wrap(<M365SettingsForm initial={DEFAULT_SETTINGS} onSave={onSave} />);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    });
    expect(screen.getByText(/Nothing was saved: 2 settings need correcting/)).toBeTruthy();
    expect(screen.getByText(/Enter the application \(client\) ID/)).toBeTruthy();
    expect(screen.getByText(/Enter the SharePoint site as host:\/sites\/name/)).toBeTruthy();
    expect(saves).toEqual([]);

    fireEvent.change(screen.getByLabelText("Cloud"), { target: { value: "US Government L4 (GCC High)" } });
    expect((screen.getByLabelText("Microsoft Graph address") as HTMLInputElement).value).toBe(
      "https://graph.microsoft.us/v1.0",
    );
    fireEvent.change(screen.getByLabelText(/Application \(client\) ID/), {
      target: { value: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" },
    });
    fireEvent.change(screen.getByLabelText(/SharePoint site for the record/), {
      target: { value: "contoso.sharepoint.com:/sites/casework" },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    });
    expect(screen.getByText(/Settings saved/)).toBeTruthy();
    expect(saves[0]).toMatchObject({
      graphBaseUrl: "https://graph.microsoft.us/v1.0",
      authorityHost: "https://login.microsoftonline.us",
      siteScope: "Sites.Selected",
    });
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("shared record setup", () => {
  it("says exactly what is missing, then creates the lists", async () => {
    const missing = {
      ok: false,
      missing: [
        'The list "Contact strategy record" does not exist on the site. An administrator can create it from the setup screen.',
      ],
    };
    const setUp = jest.fn(async () => ({ ok: true, missing: [] }));
    const { container } = wrap(<SharedRecordSetup check={async () => missing} setUp={setUp} />);
    await waitFor(() => expect(screen.getByText("The shared record is not ready")).toBeTruthy());
    expect(screen.getByText(missing.missing[0]!)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create or repair the lists" }));
    });
    await waitFor(() => expect(screen.getByText(/The shared record is set up/)).toBeTruthy());
    expect(setUp).toHaveBeenCalledTimes(1);
  });

  it("says plainly when Microsoft 365 cannot be reached", async () => {
    wrap(
      <SharedRecordSetup
        check={() => Promise.reject(new Error("offline"))}
        setUp={async () => ({ ok: true, missing: [] })}
      />,
    );
    await waitFor(() => expect(screen.getByText(/Microsoft 365 could not be reached/)).toBeTruthy());
  });
});

describe("status line", () => {
  it("says only what is true: never 'All changes are saved' beside 'Sign in' (issue 14 item 11)", () => {
    // Signed out, lists missing: not "saved".
    expect(statusLine(status({ setup: "missing" }), false)).toBe(
      "Not signed in to Microsoft 365: the shared record is not being updated.",
    );
    expect(statusLine(status({ waiting: 2 }), false)).toBe(
      "Not signed in to Microsoft 365: the shared record is not being updated. 2 changes are kept on this device until then.",
    );
    expect(statusLine(status({ signInNeeded: ["Sites.Selected"] }), true)).toMatch(/^Not signed in/);
    // Signed in, lists missing.
    expect(statusLine(status({ setup: "missing", waiting: 1 }), true)).toBe(
      "Signed in. The shared record's lists are missing, so nothing can be saved to it yet. 1 change is kept on this device until then.",
    );
    expect(statusLine(status({ setup: "checking" }), true)).toBe("Signed in. Checking the shared record…");
    expect(statusLine(status(), true)).toBe("Signed in. Synced: all changes are saved to the shared record.");
    expect(statusLine(status({ waiting: 3 }), true)).toBe(
      "Signed in. 3 changes waiting to be saved to the shared record.",
    );
    expect(statusLine(status({ offline: true }), true)).toBe("Signed in. Nothing is waiting to be saved.");
    for (const s of [status({ setup: "missing" }), status({ signInNeeded: ["x"] }), status({ offline: true })])
      for (const signedIn of [true, false, null]) expect(statusLine(s, signedIn)).not.toMatch(/All changes are saved/);
  });

  it("counts the changes waiting in words", () => {
    expect(waitingText(0)).toBe("All changes are saved to the shared record.");
    expect(waitingText(1)).toBe("1 change waiting to be saved to the shared record.");
    expect(waitingText(3)).toBe("3 changes waiting to be saved to the shared record.");
  });

  it("shows waiting changes, offline, refused changes with their reasons, and asks to sign in with the scopes needed", async () => {
    const onDismiss = jest.fn();
    const onSignIn = jest.fn();
    const { container, rerender } = wrap(
      <SyncStatus
        status={status({ waiting: 2, offline: true })}
        attention={[
          {
            id: "breach-1",
            summary: 'breach of "A single point of contact" for P-1',
            reasons: ['id: "breach-1" already exists with different content'],
          },
        ]}
        onDismiss={onDismiss}
        onSignIn={onSignIn}
        onSyncNow={() => undefined}
      />,
    );
    expect(screen.getByRole("status").textContent).toBe("2 changes waiting to be saved to the shared record.");
    expect(screen.getByText(/Working offline/)).toBeTruthy();
    expect(screen.getByText(/Not saved: breach of "A single point of contact" for P-1/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "I have read this" }));
    expect(onDismiss).toHaveBeenCalledWith("breach-1");
    expect(await axeViolations(container)).toEqual([]);

    rerender(
      <FluentProvider theme={webLightTheme}>
        <SyncStatus
          status={status({ signInNeeded: ["Sites.Selected"] })}
          attention={[]}
          onDismiss={onDismiss}
          onSignIn={onSignIn}
          onSyncNow={() => undefined}
        />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(onSignIn).toHaveBeenCalledWith(["Sites.Selected"]);
  });
});

describe("a change the server refused for good (issue 16)", () => {
  it("shows the reason and what to do, offers Try again when it can help, and passes axe", async () => {
    const outbox = await Outbox.open(
      new MemorySyncStorage(),
      {
        append: async () => {
          throw Object.assign(new Error("Microsoft Graph answered 403 (accessDenied)"), { status: 403 });
        },
      },
      { clock: { now: () => 0 }, sleep: async () => undefined },
    );
    await outbox.enqueue(anIncident({}, { id: "inc-x" }));
    await outbox.flush();
    const attention = outbox.needsAttention().map((e) => ({
      id: e.id,
      summary: describeChange(e.event),
      reasons: [e.refusal?.reason ?? ""],
      whatToDo: e.refusal?.whatToDo ?? "",
      canRetry: e.refusal?.canRetry ?? false,
    }));
    const onRetry = jest.fn();
    const { container } = wrap(
      <SyncStatus
        status={status({ needsAttention: 1 })}
        attention={attention}
        onDismiss={() => undefined}
        onRetry={onRetry}
        onSignIn={() => undefined}
        onSyncNow={() => undefined}
      />,
    );
    expect(screen.getByText(/Not saved: incident for P-1/)).toBeTruthy();
    expect(screen.getByText(/not allowed to write to the shared record \(Microsoft 365 answered 403\)/)).toBeTruthy();
    expect(screen.getByText(/What to do: Ask your administrator/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledWith("inc-x");
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("sign-out and access taken away (issue 16)", () => {
  it("asks before signing out with unsaved changes, Stay signed in first; passes axe", async () => {
    const onConfirm = jest.fn();
    const onCancel = jest.fn();
    wrap(<SignOutConfirm pending={{ waiting: 2, needsAttention: 1 }} onConfirm={onConfirm} onCancel={onCancel} />);
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.textContent).toMatch(/2 changes on this device are not yet saved/);
    expect(dialog.textContent).toMatch(/1 change the shared record refused still needs your attention/);
    expect(dialog.textContent).toMatch(/deletes the record and these changes from this device/);
    const buttons = screen.getAllByRole("button").map((b) => b.textContent);
    expect(buttons.indexOf("Stay signed in")).toBeLessThan(buttons.indexOf("Sign out and delete them"));
    fireEvent.click(screen.getByRole("button", { name: "Sign out and delete them" }));
    expect(onConfirm).toHaveBeenCalled();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it("says plainly that access was removed and the copy deleted (not 'working offline')", () => {
    wrap(
      <SyncStatus
        status={status({ accessRevoked: true, waiting: 1 })}
        attention={[]}
        onDismiss={() => undefined}
        onSignIn={() => undefined}
        onSyncNow={() => undefined}
      />,
    );
    expect(screen.getByText("You no longer have access to the shared record")).toBeTruthy();
    expect(screen.getByText(/copy of the record on this device has been deleted/)).toBeTruthy();
    expect(screen.queryByText(/Working offline/)).toBeNull();
  });
});

describe("a quarantined list item (issue 16)", () => {
  it("shows why each item was not read, and that the rest is up to date", async () => {
    const lines = conflictLines([
      {
        itemId: "2",
        eventId: null,
        errors: [
          {
            code: "E_SCHEMA",
            message:
              "the Data of hostile is nested more than 64 levels deep; an event of the record never is (record-format §1)",
          },
        ],
      },
    ]);
    expect(lines).toEqual([expect.stringMatching(/^List item 2: the Data of hostile is nested more than 64/)]);
    const { container } = wrap(
      <SyncStatus
        status={status({ conflicts: 1 })}
        attention={[]}
        conflictReasons={lines}
        onDismiss={() => undefined}
        onSignIn={() => undefined}
        onSyncNow={() => undefined}
      />,
    );
    expect(screen.getByText(/The rest of the record is up to date/)).toBeTruthy();
    expect(screen.getByRole("list", { name: "Items not read" }).textContent).toMatch(
      /List item 2: the Data of hostile/,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("sign-in panel", () => {
  it("offers sign-in when signed out, shows errors plainly, and who is signed in", () => {
    const onSignIn = jest.fn();
    const { rerender } = wrap(
      <SignInPanel state={{ status: "signed-out" }} onSignIn={onSignIn} onSignOut={() => undefined} />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(onSignIn).toHaveBeenCalled();
    rerender(
      <FluentProvider theme={webLightTheme}>
        <SignInPanel
          state={{ status: "error", message: "Sign-in did not complete. Try again, or ask your administrator." }}
          onSignIn={onSignIn}
          onSignOut={() => undefined}
        />
      </FluentProvider>,
    );
    expect(screen.getByText("Sign-in did not complete. Try again, or ask your administrator.")).toBeTruthy();
    rerender(
      <FluentProvider theme={webLightTheme}>
        <SignInPanel
          state={{ status: "signed-in", username: "officer.one@opcc.example" }}
          onSignIn={onSignIn}
          onSignOut={() => undefined}
        />
      </FluentProvider>,
    );
    expect(screen.getByText("Signed in as officer.one@opcc.example.")).toBeTruthy();
  });
});
