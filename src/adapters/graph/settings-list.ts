/**
 * The shared record's settings list in SharePoint: one item per setting, under a unique key. Today it
 * holds one setting, the organisation's send-check secret (app/digest-secret.ts): on the record's
 * site, so it is exactly as protected as the record, and never in anyone's mailbox.
 */
import type { DigestSecretSource } from "../../app/digest-secret";
import type { DigestSecret } from "../../app/send-check";
import { isUniqueConflict, type ListSpec, type SharePointList } from "./sharepoint";

export const SETTINGS_LIST: ListSpec = {
  displayName: "Contact strategy settings",
  description: "Settings shared by every copy of Contact Strategy Manager (one item per setting).",
  columns: [
    {
      name: "SettingKey",
      kind: "text",
      indexed: true,
      unique: true,
      purpose: "the setting's name; unique, so a setting is made once whoever runs setup",
    },
    { name: "Value", kind: "note", purpose: "the setting's value" },
  ],
};

/** The send-check secret's key in the settings list. */
export const DIGEST_SECRET_SETTING = "send-check-key";

export class SharePointDigestSecret implements DigestSecretSource {
  constructor(private readonly list: SharePointList) {}

  async read(): Promise<DigestSecret | null> {
    const items = await this.list.findBy("SettingKey", DIGEST_SECRET_SETTING);
    const item = items.find((i) => i.fields["SettingKey"] === DIGEST_SECRET_SETTING);
    const value = item?.fields["Value"];
    return typeof value === "string" ? value.trim() : null;
  }

  async create(secret: DigestSecret): Promise<DigestSecret> {
    try {
      await this.list.createItem({ Title: DIGEST_SECRET_SETTING, SettingKey: DIGEST_SECRET_SETTING, Value: secret });
      return secret;
    } catch (e) {
      if (!isUniqueConflict(e)) throw e;
      // Another administrator's setup made it first: theirs is the one.
      const stored = await this.read();
      if (stored === null) throw e;
      return stored;
    }
  }
}
