/**
 * Categories on the current Outlook item through Office.js (Mailbox 1.8: item.categories), the
 * MessageCategories port where the host allows it; Graph (m365.mailbox) otherwise. Only the item
 * open in the pane: `messageId` is the host's item id and must be the current one.
 */
import type { MessageCategories } from "../../app/mailbox-categories";

type Callback<T> = (result: Office.AsyncResult<T>) => void;

function call<T>(run: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    run((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new Error(`Outlook refused the categories change (${result.error.message}).`));
    });
  });
}

export function officeItemCategories(mailbox: Office.Mailbox): MessageCategories {
  const item = () => {
    const current = mailbox.item as Office.MessageRead | null | undefined;
    if (!current || !current.categories) throw new Error("There is no message open whose categories can be set.");
    return current;
  };
  const check = (messageId: string) => {
    const current = item();
    if (current.itemId !== messageId) throw new Error("The message changed before its categories were set.");
    return current;
  };
  return {
    async get(messageId) {
      const current = check(messageId);
      const details = await call<Office.CategoryDetails[]>((cb) => current.categories.getAsync(cb));
      return (details ?? []).map((d) => d.displayName);
    },
    async set(messageId, categories) {
      const current = check(messageId);
      const have = (await call<Office.CategoryDetails[]>((cb) => current.categories.getAsync(cb))) ?? [];
      const names = have.map((d) => d.displayName);
      const remove = names.filter((n) => !categories.includes(n));
      const add = categories.filter((n) => !names.includes(n));
      if (remove.length > 0) await call<void>((cb) => current.categories.removeAsync(remove, cb));
      if (add.length > 0) await call<void>((cb) => current.categories.addAsync([...add], cb));
    },
  };
}
