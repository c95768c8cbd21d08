/**
 * Requirement-set detection (m365-reference §2): what this Outlook can do, and one plain sentence
 * for each thing it cannot. The manifest keeps its minimum low so the add-in installs everywhere;
 * anything newer is detected here at run time.
 */
import type { MailFeatures } from "../../app/mail-host";

export interface RequirementProbe {
  isSetSupported(name: string, minVersion?: string): boolean;
}

const MOBILE_HOSTS = new Set(["OutlookIOS", "OutlookAndroid"]);

export function detectFeatures(requirements: RequirementProbe, hostName: string | undefined): MailFeatures {
  const mailbox = (v: string) => requirements.isSetSupported("Mailbox", v);
  const mobile = hostName !== undefined && MOBILE_HOSTS.has(hostName);
  const followsSelection = mailbox("1.5");
  const replyForm = mailbox("1.1") && !mobile;
  const newMessageForm = mailbox("1.6") && !mobile;
  const categories = mailbox("1.8");
  const missing: string[] = [];
  if (!followsSelection)
    missing.push(
      "The pane cannot follow the selected message (needs Mailbox 1.5): close and reopen it for each message.",
    );
  if (!replyForm) missing.push("Letters cannot be opened as a reply here: copy them from the pane instead.");
  if (!newMessageForm)
    missing.push(
      "Letters cannot be opened as a new message (needs Mailbox 1.6): use a reply, or copy them from the pane.",
    );
  if (!categories) missing.push("Outlook categories cannot be shown on messages (needs Mailbox 1.8).");
  return { followsSelection, replyForm, newMessageForm, categories, missing };
}
