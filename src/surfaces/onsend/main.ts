/**
 * The on-send surface's composition root: one self-contained script (launchevent.js) loaded by
 * commands.html in Outlook on the web, new Outlook and Mac, and on its own by classic Outlook on
 * Windows (the manifest's `<Override type="javascript">`). No React, no Fluent, no src/ui.
 *
 * The name must match `FunctionName` of the OnMessageSend LaunchEvent in manifest.xml. Without
 * this call a SoftBlock add-in blocks sending altogether, so it runs first and unconditionally.
 */
import { onMessageSendHandler } from "./handler";

export const ON_MESSAGE_SEND = "onMessageSendHandler";

Office.actions.associate(ON_MESSAGE_SEND, onMessageSendHandler);
