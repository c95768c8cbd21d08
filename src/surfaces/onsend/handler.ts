/**
 * The OnMessageSend handler (Smart Alerts). Reads the send digest from roaming settings and the
 * message's sender and recipients, asks src/app/send-check.ts, and completes the event.
 *
 * Rules this file keeps (m365-reference §1.2, the Outlook Smart Alerts samples):
 *   - exactly one `event.completed(...)` on every path (`complete` guards it);
 *   - on any error, missing data, or a client that does not answer in time, the message goes
 *     (`allowEvent: true`): the check helps staff keep to a strategy (9.11), it never stops mail;
 *   - no DOM, no localStorage/IndexedDB, no ES imports at run time (one bundled file), no syntax
 *     newer than ES2017: classic Outlook on Windows runs it in a JavaScript-only runtime;
 *   - `Office.onReady` is not relied on (it does not run there);
 *   - the organisation's send-check secret, which keys the digest's addresses, comes from this
 *     device (OfficeRuntime.storage, else the origin's storage: adapters/office/digest-secret-cache.ts);
 *     without it, or with another secret than the digest's, nothing is found and the message goes.
 */
import {
  decideSend,
  DIGEST_SECRET_STORAGE_KEY,
  parseDigest,
  SEND_DIGEST_SETTING,
  type OutgoingRecipient,
} from "../../app/send-check";

/** Outlook says "taking longer than expected" after 5 s: let the message go before that. */
export const WATCHDOG_MS = 4000;

type Completion = Parameters<Office.MailboxEvent["completed"]>[0];

/**
 * Where errors end: the caller lets the message go, and nothing is logged (a log line could carry
 * an address, and there is no one to read it in the event runtime).
 */
const dropped = (_error: unknown): false => false;

function supports(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("Mailbox", version);
  } catch (error) {
    return dropped(error);
  }
}

/** The options that stop the send with the alert, offering Send Anyway where the client can (Mailbox 1.14). */
export function blockOptions(message: string): Office.SmartAlertsEventCompletedOptions {
  const options: Office.SmartAlertsEventCompletedOptions = { allowEvent: false, errorMessage: message };
  const enums = Office.MailboxEnums as unknown as {
    SendModeOverride?: { PromptUser?: Office.MailboxEnums.SendModeOverride };
  };
  const promptUser = enums.SendModeOverride ? enums.SendModeOverride.PromptUser : undefined;
  // The manifest says SoftBlock (the message waits while we decide, and goes if the add-in is
  // unavailable); the alert itself offers the choice the policy leaves to staff.
  if (promptUser !== undefined && supports("1.14")) options.sendModeOverride = promptUser;
  return options;
}

interface SecretStores {
  OfficeRuntime?: { storage?: { getItem?: (key: string) => Promise<string | null> } };
  localStorage?: { getItem(key: string): string | null };
}

/** This device's copy of the secret, or null; never rejects. */
export function readDeviceSecret(done: (secret: string | null) => void): void {
  const g = globalThis as SecretStores;
  const fromOrigin = (): string | null => {
    try {
      return g.localStorage ? g.localStorage.getItem(DIGEST_SECRET_STORAGE_KEY) : null;
    } catch (error) {
      dropped(error);
      return null;
    }
  };
  const storage = g.OfficeRuntime && g.OfficeRuntime.storage;
  if (storage && typeof storage.getItem === "function") {
    storage.getItem(DIGEST_SECRET_STORAGE_KEY).then(
      (value) => done(typeof value === "string" && value !== "" ? value : fromOrigin()),
      (error: unknown) => {
        dropped(error);
        done(fromOrigin());
      },
    );
    return;
  }
  done(fromOrigin());
}

function toRecipients(value: unknown): OutgoingRecipient[] {
  const out: OutgoingRecipient[] = [];
  if (!Array.isArray(value)) return out;
  for (const r of value as { emailAddress?: unknown; displayName?: unknown }[]) {
    if (r && typeof r.emailAddress === "string") {
      out.push({ address: r.emailAddress, name: typeof r.displayName === "string" ? r.displayName : "" });
    }
  }
  return out;
}

export function onMessageSendHandler(event: Office.MailboxEvent): void {
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const complete = (options: Completion): void => {
    if (finished) return;
    finished = true;
    if (timer !== undefined) clearTimeout(timer);
    try {
      event.completed(options);
    } catch (error) {
      // Nothing more can be done: the client owns the event now.
      dropped(error);
    }
  };
  const allow = (): void => complete({ allowEvent: true });
  const allowAfter = (error: unknown): void => {
    dropped(error);
    allow();
  };

  try {
    if (typeof setTimeout === "function") timer = setTimeout(allow, WATCHDOG_MS);
    const digest = parseDigest(Office.context.roamingSettings.get(SEND_DIGEST_SETTING));
    const item = Office.context.mailbox.item as Office.MessageCompose | null | undefined;
    if (!digest || digest.people.length === 0 || !item) {
      allow();
      return;
    }
    const profile = Office.context.mailbox.userProfile;
    const user = profile && typeof profile.emailAddress === "string" ? profile.emailAddress : "";

    // Five reads in parallel (the secret and four fields); any failure of a recipient field means we cannot judge: let it go.
    const recipients: OutgoingRecipient[][] = [[], [], []];
    let from = "";
    let secret: string | null = null;
    let pending = 5;
    let failed = false;
    const settle = (): void => {
      pending -= 1;
      if (pending > 0 || finished) return;
      if (failed) {
        allow();
        return;
      }
      const all = recipients[0]!.concat(recipients[1]!, recipients[2]!);
      const decision = decideSend(digest, { from, user, recipients: all }, secret);
      if (decision.message === null) allow();
      else complete(blockOptions(decision.message));
    };
    const readField = (field: Office.Recipients | undefined, slot: number): void => {
      if (!field || typeof field.getAsync !== "function") {
        settle();
        return;
      }
      field.getAsync((result) => {
        try {
          if (result.status === Office.AsyncResultStatus.Succeeded) recipients[slot] = toRecipients(result.value);
          else failed = true;
          settle();
        } catch (error) {
          allowAfter(error);
        }
      });
    };
    readDeviceSecret((value) => {
      secret = value;
      settle();
    });
    readField(item.to, 0);
    readField(item.cc, 1);
    readField(item.bcc, 2);
    // From (Mailbox 1.7): the shared mailbox when sending as one. Without it, the user is the sender.
    if (item.from && typeof item.from.getAsync === "function") {
      item.from.getAsync((result) => {
        try {
          if (
            result.status === Office.AsyncResultStatus.Succeeded &&
            result.value &&
            typeof result.value.emailAddress === "string"
          ) {
            from = result.value.emailAddress;
          }
          settle();
        } catch (error) {
          allowAfter(error);
        }
      });
    } else {
      settle();
    }
  } catch (error) {
    allowAfter(error);
  }
}
