/**
 * The taskpane page inside Outlook: a main landmark, a page title for screen readers, the taskpane.
 * With `m365` (Microsoft 365 mode, or local mode with the administrator's Settings entry point),
 * the shared record's status, sign-in and Settings sit above the taskpane.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { Taskpane } from "../../ui/Taskpane";
import { useVisuallyHiddenStyles } from "../../ui/styles";
import { M365Frame, type TaskpaneM365 } from "./M365Panel";

const useStyles = makeStyles({ main: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 } });

export function TaskpaneApp({ m365 }: { readonly m365?: TaskpaneM365 } = {}) {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  return (
    <main className={styles.main}>
      <h1 className={hidden.hidden}>Contact Strategy Manager</h1>
      {m365 ? (
        <M365Frame value={m365}>
          <Taskpane />
        </M365Frame>
      ) : (
        <Taskpane />
      )}
    </main>
  );
}
