/** The taskpane page inside Outlook: a main landmark, a page title for screen readers, the taskpane. */
import { makeStyles, tokens } from "@fluentui/react-components";
import { Taskpane } from "../../ui/Taskpane";
import { useVisuallyHiddenStyles } from "../../ui/styles";

const useStyles = makeStyles({ main: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 } });

export function TaskpaneApp() {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  return (
    <main className={styles.main}>
      <h1 className={hidden.hidden}>Contact Strategy Manager</h1>
      <Taskpane />
    </main>
  );
}
