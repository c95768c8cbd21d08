/**
 * The sign-in dialog page (auth-dialog.html): the fallback where Outlook has no nested app
 * authentication (m365-reference §3.1). Opened by MsalSignIn through Office's dialog API; it signs
 * in with a redirect and sends the token to the pane with messageParent. Register its URL as an
 * SPA redirect URI (docs/deploy.md).
 */
import { runAuthDialog } from "../../adapters/graph";
import { mergeSettings, SettingsStore } from "../../app/m365-settings";
import { IdbSyncStorage } from "../../adapters/local/outbox-idb";
import { loadDeploymentSettings, sameOriginText } from "./m365";

async function start(): Promise<void> {
  await Office.onReady();
  const storage = await IdbSyncStorage.open();
  const settings = mergeSettings(
    await loadDeploymentSettings(sameOriginText(document.baseURI)),
    await new SettingsStore(storage).load(),
  );
  await runAuthDialog(settings, Office.context.ui);
}

void start();
