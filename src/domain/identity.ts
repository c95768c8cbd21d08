/**
 * Identifiers (record-format §5–§6): who a contact is from. Addresses compare case-insensitively
 * after trimming; phone numbers on digits only, with a leading 0044, 440 or 44 read as 0
 * (`+44 (0)7700 900123` = `07700900123`). A `from` containing `@` is an email address.
 */

export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  for (const prefix of ["0044", "440", "44"]) {
    if (digits.startsWith(prefix)) return `0${digits.slice(prefix.length)}`;
  }
  return digits;
}

export function isEmailIdentifier(from: string): boolean {
  return from.includes("@");
}

/** A key under which an identifier is indexed: `e:` + address or `p:` + digits. */
export function identifierKey(from: string): string {
  return isEmailIdentifier(from) ? `e:${normaliseEmail(from)}` : `p:${normalisePhone(from)}`;
}

export function sameEmail(a: string, b: string): boolean {
  return normaliseEmail(a) === normaliseEmail(b);
}

export function samePhone(a: string, b: string): boolean {
  const x = normalisePhone(a);
  return x !== "" && x === normalisePhone(b);
}
