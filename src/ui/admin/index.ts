/**
 * Microsoft 365 screens: sign-in, the shared record's status line, and the admin screens (settings,
 * list setup). The taskpane surface wires them (see the folder README).
 */
export { AppendOnlySetup, type AppendOnlySetupProps } from "./AppendOnlySetup";
export { M365SettingsForm, type M365SettingsFormProps } from "./M365SettingsForm";
export { SharedRecordSetup, type SharedRecordSetupProps } from "./SharedRecordSetup";
export { SignInPanel, type SignInPanelProps } from "./SignInPanel";
export { SignOutConfirm, type SignOutConfirmProps } from "./SignOutConfirm";
export { statusLine, SyncStatus, waitingText, type AttentionItem, type SyncStatusProps } from "./SyncStatus";
export { conflictLines, describeChange, useAttention, useM365Status, useSignInState } from "./hooks";
