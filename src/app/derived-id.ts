/**
 * Deterministic ids (record-format §1): events that must happen once per real-world thing (the
 * contact for one message, a breach of one restriction by one contact) take an id derived from
 * that thing, so two staff acting on the same message, or a retry after a dropped connection,
 * append the same id and the store keeps one.
 *
 * Two independent 53-bit string hashes (cyrb53 with different seeds) give 106 bits: a collision
 * between two different messages is not a practical concern. Ids stay within 1–64 characters of
 * `[A-Za-z0-9_-]` whatever the input (Outlook item ids are long and contain `+/=`).
 */

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `prefix-` + 28 hex digits, from the parts (joined unambiguously). */
export function derivedId(prefix: string, ...parts: readonly string[]): string {
  const key = parts.map((p) => `${p.length}:${p}`).join("|");
  const hex = (n: number): string => n.toString(16).padStart(14, "0");
  return `${prefix}-${hex(cyrb53(key, 1))}${hex(cyrb53(key, 2))}`;
}

/**
 * What identifies an email message whoever received it: its Internet Message-ID where the host
 * knows it (the same in every mailbox), else its host id (unique to one mailbox).
 */
export function messageKey(message: { readonly id: string; readonly internetMessageId?: string }): string {
  return message.internetMessageId ?? message.id;
}

/** The contact id (and event id) for an email message (its messageKey): one per message, whoever logs it. */
export function messageContactId(messageId: string): string {
  return derivedId("msg", messageId);
}

/** The breach id (and event id) for one restriction of one strategy breached by one contact. */
export function breachIdFor(contactId: string, strategyId: string, restriction: string): string {
  return derivedId("breach", contactId, strategyId, restriction);
}
