/**
 * The preview's mailbox file (issue 3 item 5):
 * {"organisationDomains": ["opcc.example"], "messages": [{"id", "from": {"name", "address"},
 *  "to": [{"name", "address"}], "cc": [...], "subject", "receivedAt", "body", "matterRef"?,
 *  "internetMessageId"?}]}  (internetMessageId: the same message in two staff mailboxes, for training
 *  on what happens when two people receive one message; by default each message stands alone)
 * Optional extras: "now" (the preview's clock starts there, so a sample reads the same on any
 * day), "user" ({name, address}: the member of staff using the pane). Unknown fields are ignored.
 */
import type { MailAddress, MailMessage } from "../../app/mail-host";

export interface Mailbox {
  readonly organisationDomains: readonly string[];
  readonly messages: readonly MailMessage[];
  readonly now?: string;
  readonly user?: MailAddress;
}

export class MailboxFormatError extends Error {
  override name = "MailboxFormatError";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function address(v: unknown, where: string): MailAddress {
  if (!isObject(v) || typeof v["address"] !== "string" || !v["address"].includes("@")) {
    throw new MailboxFormatError(`${where} must be {"name", "address"} with an email address`);
  }
  return { name: typeof v["name"] === "string" ? v["name"] : "", address: v["address"].trim() };
}

function addresses(v: unknown, where: string): MailAddress[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new MailboxFormatError(`${where} must be a list of {"name", "address"}`);
  return v.map((x, i) => address(x, `${where}[${i}]`));
}

export function parseMailbox(raw: unknown): Mailbox {
  if (!isObject(raw)) throw new MailboxFormatError("the mailbox must be a JSON object");
  const domains = raw["organisationDomains"];
  if (
    !Array.isArray(domains) ||
    domains.length === 0 ||
    !domains.every((d) => typeof d === "string" && d.trim() !== "")
  ) {
    throw new MailboxFormatError('organisationDomains must be a list of at least one domain, e.g. ["opcc.example"]');
  }
  if (!Array.isArray(raw["messages"])) throw new MailboxFormatError("messages must be a list");
  const ids = new Set<string>();
  const messages = raw["messages"].map((m: unknown, i: number): MailMessage => {
    const where = `messages[${i}]`;
    if (!isObject(m)) throw new MailboxFormatError(`${where} must be an object`);
    const id = m["id"];
    if (typeof id !== "string" || id.trim() === "")
      throw new MailboxFormatError(`${where}.id must be a non-empty string`);
    if (ids.has(id)) throw new MailboxFormatError(`${where}.id "${id}" is used twice`);
    ids.add(id);
    const receivedAt = m["receivedAt"];
    if (typeof receivedAt !== "string" || !OFFSET_DATE_TIME.test(receivedAt) || Number.isNaN(Date.parse(receivedAt))) {
      throw new MailboxFormatError(`${where}.receivedAt must be a date-time with offset, e.g. 2026-11-03T09:30:00Z`);
    }
    const internetMessageId = m["internetMessageId"];
    if (internetMessageId !== undefined && (typeof internetMessageId !== "string" || internetMessageId.trim() === "")) {
      throw new MailboxFormatError(`${where}.internetMessageId must be a non-empty string when given`);
    }
    const matterRef = m["matterRef"];
    if (matterRef !== undefined && (typeof matterRef !== "string" || matterRef.trim() === "")) {
      throw new MailboxFormatError(`${where}.matterRef must be a non-empty string when given`);
    }
    return {
      id,
      from: address(m["from"], `${where}.from`),
      to: addresses(m["to"], `${where}.to`),
      cc: addresses(m["cc"], `${where}.cc`),
      subject: typeof m["subject"] === "string" ? m["subject"] : "",
      receivedAt,
      bodyPreview: typeof m["body"] === "string" ? m["body"] : "",
      ...(typeof matterRef === "string" ? { matterRef } : {}),
      ...(typeof internetMessageId === "string" ? { internetMessageId } : {}),
    };
  });
  const now = raw["now"];
  if (now !== undefined && (typeof now !== "string" || !OFFSET_DATE_TIME.test(now))) {
    throw new MailboxFormatError("now must be a date-time with offset when given");
  }
  const user = raw["user"] === undefined ? undefined : address(raw["user"], "user");
  return {
    organisationDomains: domains.map((d: string) => d.trim()),
    messages,
    ...(typeof now === "string" ? { now } : {}),
    ...(user ? { user } : {}),
  };
}
