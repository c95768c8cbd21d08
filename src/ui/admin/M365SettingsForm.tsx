/**
 * The administrator's Microsoft 365 settings: the app registration, the cloud (national clouds
 * have their own Graph and sign-in addresses), the SharePoint site that holds the record, the
 * permission granted on it, and the notification fallback. Build-time values are the defaults;
 * what is saved here overrides them on this device's add-in (stored in IndexedDB).
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { CLOUDS, type M365Settings, type SettingsProblem } from "../../app/m365-settings";
import type { SiteScope } from "../../app/auth";

export interface M365SettingsFormProps {
  readonly initial: M365Settings;
  /** Saves; resolves with the problems (nothing saved) or [] when saved. */
  readonly onSave: (settings: M365Settings) => Promise<readonly SettingsProblem[]>;
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "36rem" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

const OTHER = "other";

export function M365SettingsForm({ initial, onSave }: M365SettingsFormProps) {
  const styles = useStyles();
  const [s, setS] = useState<M365Settings>(initial);
  const [problems, setProblems] = useState<readonly SettingsProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof M365Settings>(key: K, value: M365Settings[K]): void => {
    setS((prev) => ({ ...prev, [key]: value }));
    setSaved(false);
  };
  const problem = (field: keyof M365Settings): string | undefined => problems.find((p) => p.field === field)?.message;
  const cloud =
    CLOUDS.find((c) => c.graphBaseUrl === s.graphBaseUrl && c.authorityHost === s.authorityHost)?.name ?? OTHER;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      const found = await onSave(s);
      setProblems(found);
      setSaved(found.length === 0);
    } finally {
      setBusy(false);
    }
  };

  const text = (field: keyof M365Settings, label: string, hint?: string) => (
    <Field
      label={label}
      hint={hint}
      validationMessage={problem(field)}
      validationState={problem(field) ? "error" : "none"}
    >
      <Input value={String(s[field])} onChange={(_e, d) => set(field, d.value as never)} />
    </Field>
  );

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="m365-settings-heading" noValidate>
      <h2 id="m365-settings-heading" className={styles.heading}>
        Microsoft 365 settings
      </h2>
      {text("clientId", "Application (client) ID", "From the app registration in Microsoft Entra ID.")}
      {text("tenant", "Tenant", 'Your tenant ID or domain, or "organizations".')}
      <Field label="Cloud">
        <Select
          value={cloud}
          onChange={(_e, d) => {
            const c = CLOUDS.find((x) => x.name === d.value);
            if (c) setS((prev) => ({ ...prev, graphBaseUrl: c.graphBaseUrl, authorityHost: c.authorityHost }));
          }}
        >
          {CLOUDS.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
          <option value={OTHER}>Other (enter the addresses)</option>
        </Select>
      </Field>
      {text("graphBaseUrl", "Microsoft Graph address")}
      {text("authorityHost", "Sign-in address")}
      {text("site", "SharePoint site for the record", "For example contoso.sharepoint.com:/sites/casework.")}
      <Field label="Permission granted on the site">
        <RadioGroup value={s.siteScope} onChange={(_e, d) => set("siteScope", d.value as SiteScope)}>
          <Radio value="Sites.Selected" label="Sites.Selected: only the record's site (recommended)" />
          <Radio value="Sites.ReadWrite.All" label="Sites.ReadWrite.All: every site the member of staff can reach" />
        </RadioGroup>
      </Field>
      {text(
        "caseworkManagerUpn",
        "Casework manager",
        "Receives breach notifications for staff with no line manager in the directory.",
      )}
      {text("recordLink", "Link to a person's record", "Used in Teams notifications; {personId} is replaced.")}
      <Field
        label="Send breach notifications from"
        hint="Set by the deployment (settings.json), not on this device; earlier breaches are not notified."
      >
        <Input value={s.notifySince} readOnly />
      </Field>
      <Field
        label="Security groups for roles"
        hint="Set by the deployment (settings.json), not on this device. Empty: roles come from the app roles in Microsoft Entra ID."
      >
        <Input value={s.roleGroups} readOnly />
      </Field>
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>Settings saved. They take effect when the add-in is next opened.</MessageBarBody>
        </MessageBar>
      )}
      {problems.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            Nothing was saved: {problems.length === 1 ? "one setting needs" : `${problems.length} settings need`}{" "}
            correcting.
          </MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
