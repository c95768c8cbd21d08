/**
 * Links from the review queue to the message a contact is (9.10: every diverted message is
 * reviewed, so the reviewer needs the message itself). A ContactLogged from mail keeps where the
 * message is (`message: {itemId, mailbox?}`, domain ContactLoggedExtras); each surface picks how
 * to turn that into a link:
 *
 * - Outlook on the web, from Exchange's documented read-form query string: the item identifier
 *   in an Outlook on the web URL is the item's EWS identifier, URL-encoded, appended to the
 *   endpoint's query string (Exchange Web Services reference, WebClientReadFormQueryString;
 *   Graph's message `webLink` has the same form):
 *   `https://outlook.office.com/owa/?ItemID=<encoded id>&exvsurl=1&viewmodel=ReadMessageItem`.
 *   Graph (REST) ids are the same identifier in URL-safe base64 (`-` and `_` for `/` and `+`,
 *   which an EWS id never contains), so they are turned back into the EWS form first.
 * - The preview and its local record: the preview page on that message (`?select=<id>`).
 */

export interface MessageLocation {
  readonly itemId: string;
  readonly mailbox?: string;
}

/** Turns a stored location into a link, or null when this surface cannot link to it. */
export type MessageLinker = (location: MessageLocation) => string | null;

/** Reads `data.message` of a ContactLogged defensively (an extra field: an imported record may hold anything). */
export function messageLocationOf(data: unknown): MessageLocation | null {
  const m = (data as { message?: unknown } | null)?.message as { itemId?: unknown; mailbox?: unknown } | undefined;
  if (!m || typeof m !== "object" || typeof m.itemId !== "string" || m.itemId.trim() === "") return null;
  return typeof m.mailbox === "string" && m.mailbox.trim() !== ""
    ? { itemId: m.itemId, mailbox: m.mailbox }
    : { itemId: m.itemId };
}

/** A Graph (REST, URL-safe) id in EWS form; an EWS id is unchanged. */
export function toEwsId(id: string): string {
  return id.replace(/-/g, "/").replace(/_/g, "+");
}

export const OUTLOOK_WEB_ORIGIN = "https://outlook.office.com";

/** The Outlook on the web link that opens the message for reading. */
export function outlookWebMessageLink(location: MessageLocation, origin = OUTLOOK_WEB_ORIGIN): string {
  return `${origin}/owa/?ItemID=${encodeURIComponent(toEwsId(location.itemId))}&exvsurl=1&viewmodel=ReadMessageItem`;
}

/** Links to the preview page (`base`, e.g. "./" next to teams.html) with the message selected. */
export function previewMessageLinker(base: string): MessageLinker {
  return (location) => `${base}?select=${encodeURIComponent(location.itemId)}`;
}

export const outlookWebMessageLinker: MessageLinker = (location) => outlookWebMessageLink(location);
