/**
 * The Office host as sign-in needs it: is nested app authentication available, and the Office
 * dialog for the fallback (m365-reference §3.1). Only this file touches `Office` for sign-in.
 */
import type { OfficeAuthHost } from "./auth-msal";

/** Error 12006: the user closed the dialog. */
const DIALOG_CLOSED = 12006;

export class OfficeJsAuthHost implements OfficeAuthHost {
  naaSupported(): boolean {
    try {
      return Office.context.requirements.isSetSupported("NestedAppAuth", "1.1");
    } catch {
      return false;
    }
  }

  openDialog(url: string): Promise<string> {
    return new Promise((resolve, reject) => {
      // Not displayInIframe: sign-in pages refuse to be framed.
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          reject(new Error(`The sign-in dialog could not open (Office error ${result.error.code}).`));
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          if ("message" in arg) resolve(arg.message);
          else reject(new Error("The sign-in dialog sent no message."));
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          const code = "error" in arg ? arg.error : 0;
          reject(
            new Error(
              code === DIALOG_CLOSED
                ? "The sign-in dialog was closed."
                : `The sign-in dialog stopped (Office error ${code}).`,
            ),
          );
        });
      });
    });
  }
}
