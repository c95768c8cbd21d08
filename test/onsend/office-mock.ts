/**
 * An Outlook compose item for the on-send handler, as office-addin-mock builds it (m365-reference
 * §6.1): the seed says what each getAsync answers, and the test reads back every call to
 * event.completed.
 */
import { OfficeMockObject } from "office-addin-mock";

export interface Address {
  emailAddress: string;
  displayName?: string;
}

/** What a getAsync answers: a value, a failure, nothing ever (a client that hangs), or a throw. */
export type Answer<T> = { value: T; delayMs?: number } | "fail" | "never" | "throw";

export interface ComposeSeed {
  to?: Answer<Address[]>;
  cc?: Answer<Address[]>;
  bcc?: Answer<Address[]>;
  /** undefined: the client has no item.from (older than Mailbox 1.7). */
  from?: Answer<Address>;
  user?: string;
  /** The raw roaming-settings value, or "throw". */
  digest?: unknown;
  /** Highest Mailbox requirement set the client supports. */
  mailbox?: number;
  /** No current item. */
  noItem?: boolean;
  /** Call every callback twice (a misbehaving client). */
  doubleCallbacks?: boolean;
}

function getAsync<T>(answer: Answer<T>, twice: boolean) {
  return (callback: (r: { status: string; value?: T; error?: { message: string } }) => void) => {
    if (answer === "never") return;
    if (answer === "throw") throw new Error("getAsync blew up");
    const result =
      answer === "fail"
        ? { status: "failed", error: { message: "nope" } }
        : { status: "succeeded", value: answer.value };
    // Office calls back asynchronously.
    setTimeout(
      () => {
        callback(result);
        if (twice) callback(result);
      },
      answer === "fail" ? 0 : (answer.delayMs ?? 0),
    );
  };
}

export function installOffice(seed: ComposeSeed): { handlers: Record<string, (e: unknown) => void> } {
  const handlers: Record<string, (e: unknown) => void> = {};
  const twice = seed.doubleCallbacks === true;
  const item: Record<string, unknown> = {
    to: { getAsync: getAsync(seed.to ?? { value: [] }, twice) },
    cc: { getAsync: getAsync(seed.cc ?? { value: [] }, twice) },
    bcc: { getAsync: getAsync(seed.bcc ?? { value: [] }, twice) },
  };
  if (seed.from !== undefined) item.from = { getAsync: getAsync(seed.from, twice) };
  const mock = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
    actions: {
      associate: (name: string, fn: (e: unknown) => void) => {
        handlers[name] = fn;
      },
    },
    context: {
      requirements: {
        isSetSupported: (name: string, v: string) => name === "Mailbox" && Number(v) <= (seed.mailbox ?? 1.15),
      },
      roamingSettings: {
        get: (key: string) => {
          if (seed.digest === "throw") throw new Error("roaming settings unavailable");
          return key === "csm.sendDigest" ? seed.digest : undefined;
        },
      },
      mailbox: {
        userProfile: { emailAddress: seed.user ?? "officer.two@opcc.example", displayName: "Officer Two" },
        item,
      },
    },
  });
  // The mock cannot be seeded with null: no item (nothing selected) is set afterwards.
  if (seed.noItem) (mock as unknown as { context: { mailbox: { item: unknown } } }).context.mailbox.item = null;
  (globalThis as unknown as { Office: unknown }).Office = mock;
  return { handlers };
}

export interface EventSpy {
  readonly event: { completed: (options?: unknown) => void };
  readonly calls: unknown[];
  /** Resolves with the first completion. */
  readonly done: Promise<unknown>;
}

export function eventSpy(): EventSpy {
  const calls: unknown[] = [];
  let resolve: (v: unknown) => void = () => undefined;
  const done = new Promise<unknown>((r) => (resolve = r));
  return {
    calls,
    done,
    event: {
      completed: (options?: unknown) => {
        calls.push(options);
        resolve(options);
      },
    },
  };
}
