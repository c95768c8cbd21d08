/**
 * The on-send check (Smart Alerts): does an outgoing message go against a contact strategy?
 *
 * Staff must adhere to a strategy once it is in place (policy 9.11). Two of the restrictions of
 * 9.9 are about who writes to the person, so they can be caught at the moment of sending:
 *   - single point of contact: only the SPOC (or the strategy's dedicated address) writes to them;
 *   - advocate only: contact goes through their advocate, so the advocate must be a recipient.
 *
 * This module is what the on-send handler bundles. It runs in classic Outlook on Windows inside a
 * JavaScript-only runtime (no DOM, no localStorage, no IndexedDB, no ES imports), so it imports
 * nothing at run time, uses no newer syntax than ES2017 (test/onsend checks this), and reads only
 * a small "send digest" that the taskpane keeps in the user's Office roaming settings
 * (src/app/send-digest.ts builds and publishes it; Microsoft's outlook-set-signature sample reads
 * roaming settings from its event handler the same way).
 *
 * The digest holds no addresses of members of the public: a person's addresses are stored as
 * HMAC-SHA256 keys of the normalised address under the organisation's secret (issue 16; the
 * secret is kept in the shared record and on the device, never in the mailbox), and the check keys
 * each recipient the same way to look it up. Without the secret a candidate address cannot be
 * tested. A version 2 digest (unkeyed SHA-256, written before) is still read until it is replaced.
 */

/**
 * Where each device keeps its copy of the organisation's send-check secret for the handler:
 * OfficeRuntime.storage (Outlook's event runtime on Windows) and the add-in origin's own storage
 * (the browser runtimes of Outlook on the web and new Outlook). Never roaming settings.
 */
export const DIGEST_SECRET_STORAGE_KEY = "csm.sendCheckKey";

/** The roaming-settings key the digest is stored under. */
export const SEND_DIGEST_SETTING = "csm.sendDigest";
/** The version the product writes (3: keyed by the organisation's secret); 2 (unkeyed) is still read. */
export const SEND_DIGEST_VERSION = 3;
const LEGACY_DIGEST_VERSION = 2;
/** Smart Alerts truncates `errorMessage` beyond 500 characters (m365-reference §1.2). */
export const ERROR_MESSAGE_MAX = 500;

export interface DigestStrategy {
  /** The matter the strategy covers (9.8: it relates only to that matter). */
  readonly matter: string;
  /** Single point of contact (staff UPN / address), when the strategy has one. */
  readonly spoc?: string;
  /** The strategy's dedicated address: sending from it also counts as allowed. */
  readonly dedicated?: string;
  /** Advocate-only: the advocate's name, and the hash of their email address when recorded. */
  readonly advocate?: { readonly name: string; readonly key?: string };
}

export interface DigestPerson {
  /** The person's reference in the record (their person id). */
  readonly ref: string;
  /** Hashes of the person's email addresses (digestKey). */
  readonly keys: readonly string[];
  readonly strategies: readonly DigestStrategy[];
  /** Recorded reasonable adjustments a written reply should honour, in words (8, 9.13). */
  readonly adjustments?: readonly string[];
}

/** The digest in memory (what the check reads); stored compactly (see encodeDigest). */
export interface SendDigest {
  /** When it was computed (ISO-8601). */
  readonly at: string;
  /**
   * Which organisation secret keyed the addresses (secretId), in a version 3 digest; absent in a
   * legacy (version 2, unkeyed) digest, which is still read.
   */
  readonly kid?: string;
  readonly people: readonly DigestPerson[];
  /** Present when the digest did not fit its size budget: how many people it covers of how many. */
  readonly partial?: { readonly included: number; readonly total: number };
}

export interface OutgoingRecipient {
  readonly address: string;
  readonly name?: string;
}

/** An outgoing message as the check sees it. */
export interface OutgoingMessage {
  /** The From address (a shared mailbox when sending as one); "" when unknown. */
  readonly from: string;
  /** The signed-in member of staff. */
  readonly user: string;
  /** To, Cc and Bcc. */
  readonly recipients: readonly OutgoingRecipient[];
}

export type SendProblem = "not-spoc" | "advocate-missing";

export interface SendFinding {
  readonly person: DigestPerson;
  readonly recipient: OutgoingRecipient;
  readonly strategy: DigestStrategy;
  readonly problems: readonly SendProblem[];
}

export interface SendDecision {
  /** Every (person, strategy) the message goes against, in recipient order. */
  readonly findings: readonly SendFinding[];
  /** The alert text (≤ 500 characters), or null when the message may go. */
  readonly message: string | null;
}

/** Addresses compare case-insensitively after trimming (record-format §5). */
export function normaliseAddress(address: string): string {
  return String(address).trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4) over UTF-8, small and dependency-free: the JavaScript-only runtime has no
// guaranteed crypto.subtle or TextEncoder. Verified against node:crypto in test/onsend.

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

function utf8(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  return hex(sha256Bytes(utf8(text)));
}

function hex(bytes: readonly number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++)
    out += ((bytes[i] as number) < 16 ? "0" : "") + (bytes[i] as number).toString(16);
  return out;
}

/** SHA-256 of `input` (bytes), as 32 bytes. */
function sha256Bytes(input: readonly number[]): number[] {
  const bytes = input.slice();
  const bitLength = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  // Message length in bits as a 64-bit big-endian integer (the high word is 0 below 512 MB).
  const high = Math.floor(bitLength / 0x100000000);
  bytes.push((high >>> 24) & 255, (high >>> 16) & 255, (high >>> 8) & 255, high & 255);
  bytes.push((bitLength >>> 24) & 255, (bitLength >>> 16) & 255, (bitLength >>> 8) & 255, bitLength & 255);

  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w: number[] = new Array(64);
  for (let offset = 0; offset < bytes.length; offset += 64) {
    for (let t = 0; t < 16; t++) {
      const j = offset + t * 4;
      w[t] =
        ((bytes[j] as number) << 24) |
        ((bytes[j + 1] as number) << 16) |
        ((bytes[j + 2] as number) << 8) |
        (bytes[j + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let k = h[7] as number;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + (K[t] as number) + (w[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + b) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + k) | 0;
  }
  const out: number[] = [];
  for (let i = 0; i < 8; i++) {
    const word = (h[i] as number) >>> 0;
    out.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  }
  return out;
}

function fromHex(text: string): number[] | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(text)) return null;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 2) out.push(parseInt(text.slice(i, i + 2), 16));
  return out;
}

/** HMAC-SHA256 (RFC 2104) of the UTF-8 bytes of `text` under `key` (bytes), as hex. */
export function hmacSha256Hex(key: readonly number[], text: string): string {
  let k = key.length > 64 ? sha256Bytes(key) : key.slice();
  while (k.length < 64) k = k.concat([0]);
  const inner = k.map((b) => b ^ 0x36).concat(utf8(text));
  const outer = k.map((b) => b ^ 0x5c).concat(sha256Bytes(inner));
  return hex(sha256Bytes(outer));
}

/**
 * The unkeyed key of a digest written before issue 16 (version 2): the first 48 bits of SHA-256
 * over the normalised address. Anyone holding the digest and a list of candidate addresses can test
 * them (a 200,000-address dictionary took 0.42 s), so it is only read, never written by the product.
 */
export function digestKey(address: string): string {
  return sha256Hex("csm-send-digest:" + normaliseAddress(address)).slice(0, 12);
}

/**
 * The organisation's send-check secret: 32 random bytes as 64 hex digits, kept in the shared
 * record's settings list (readable only with the record site's grant) and on each device for the
 * on-send handler (never in the mailbox, so never beside the digest). src/app/digest-secret.ts.
 */
export type DigestSecret = string;

/** The secret's bytes, or null when it is not 32 bytes of lower-case hex. */
export function secretBytes(secret: DigestSecret): number[] | null {
  const bytes = fromHex(secret);
  return bytes !== null && bytes.length === 32 ? bytes : null;
}

/**
 * Which secret a digest was keyed with (the first 64 bits of HMAC over a fixed label): the on-send
 * check uses a digest only with the secret it was written with, and says nothing otherwise.
 */
export function secretId(secret: DigestSecret): string | null {
  const key = secretBytes(secret);
  return key === null ? null : hmacSha256Hex(key, "csm-send-digest-key-id").slice(0, 16);
}

/**
 * The key an email address is stored and looked up under (digest version 3): the first 64 bits of
 * HMAC-SHA256 under the organisation's secret over the normalised address. Without the secret a
 * candidate address cannot be tested, so the length only has to rule out accidents: with 2,000
 * addresses in the digest, another recipient matches one by chance about once in 10^16 sends
 * (and the cost would be an alert the sender can dismiss). Shorter keys leave room in the 32 KB of
 * roaming settings for more people.
 */
const KEY_HEX = 16;

export function keyedDigestKey(secret: DigestSecret, address: string): string | null {
  const key = secretBytes(secret);
  return key === null ? null : hmacSha256Hex(key, "csm-send-digest:" + normaliseAddress(address)).slice(0, KEY_HEX);
}

/** The key function of a digest: keyed by the secret (version 3) or, for a legacy digest, unkeyed. */
export function keyerFor(digest: SendDigest, secret: DigestSecret | null): ((address: string) => string) | null {
  if (digest.kid === undefined) return digestKey;
  if (secret === null || secretId(secret) !== digest.kid) return null;
  const key = secretBytes(secret) as number[];
  return (address) => hmacSha256Hex(key, "csm-send-digest:" + normaliseAddress(address)).slice(0, KEY_HEX);
}

// ---------------------------------------------------------------------------------------------
// The stored form. Roaming settings hold 32 KB in all, so the digest is stored as arrays, with the
// staff addresses (SPOCs, dedicated addresses) listed once and referred to by position:
//
//   { "v": 3, "kid": secretId, "at": ISO, "staff": [address, …],   (version 2: no "kid", unkeyed)
//     "people": [ [ref, [key, …], [strategy, …], adjustments?], … ], "partial"?: [included, total] }
//   strategy    = [matter, spoc, dedicated, advocateName?, advocateKey?]   spoc/dedicated: staff index or -1
//   adjustments = bits of ADJUSTMENT_WORDS (1 large print, 2 easy read, 4 interpreter, 8 extra time)
//
// Anything malformed reads as "no digest", and the message then goes.

/** The adjustments a written reply can honour (8, 9.13), in the alert's words, by bit. */
export const ADJUSTMENT_WORDS: readonly string[] = [
  "large print",
  "easy read",
  "an interpreter",
  "extra time to respond",
];

type WireStrategy =
  [string, number, number] | [string, number, number, string] | [string, number, number, string, string];
type WirePerson = [string, string[], WireStrategy[]] | [string, string[], WireStrategy[], number];
interface WireDigest {
  v: number;
  kid?: string;
  at: string;
  staff: string[];
  people: WirePerson[];
  partial?: [number, number];
}

/** The digest as stored in roaming settings (JSON text). */
export function encodeDigest(digest: SendDigest): string {
  const staff: string[] = [];
  const index = (address: string | undefined): number => {
    if (address === undefined) return -1;
    let i = staff.indexOf(address);
    if (i < 0) i = staff.push(address) - 1;
    return i;
  };
  const people: WirePerson[] = digest.people.map((p) => {
    const strategies = p.strategies.map((s): WireStrategy => {
      const head: [string, number, number] = [s.matter, index(s.spoc), index(s.dedicated)];
      if (!s.advocate) return head;
      return s.advocate.key !== undefined
        ? [head[0], head[1], head[2], s.advocate.name, s.advocate.key]
        : [head[0], head[1], head[2], s.advocate.name];
    });
    let bits = 0;
    for (const word of p.adjustments || []) {
      const i = ADJUSTMENT_WORDS.indexOf(word);
      if (i >= 0) bits |= 1 << i;
    }
    return bits > 0 ? [p.ref, p.keys.slice(), strategies, bits] : [p.ref, p.keys.slice(), strategies];
  });
  const wire: WireDigest =
    digest.kid !== undefined
      ? { v: SEND_DIGEST_VERSION, kid: digest.kid, at: digest.at, staff, people }
      : { v: LEGACY_DIGEST_VERSION, at: digest.at, staff, people };
  if (digest.partial) wire.partial = [digest.partial.included, digest.partial.total];
  return JSON.stringify(wire);
}

function isString(x: unknown): x is string {
  return typeof x === "string";
}

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every(isString);
}

function isIndex(x: unknown, staff: readonly string[]): x is number {
  return typeof x === "number" && x >= -1 && x < staff.length && Math.floor(x) === x;
}

function readStrategy(x: unknown, staff: readonly string[]): DigestStrategy | null {
  if (!Array.isArray(x) || x.length < 3 || x.length > 5) return null;
  const matter = x[0];
  const spoc = x[1];
  const dedicated = x[2];
  const advocateName = x[3];
  const advocateKey = x[4];
  if (!isString(matter) || !isIndex(spoc, staff) || !isIndex(dedicated, staff)) return null;
  if (x.length >= 4 && !isString(advocateName)) return null;
  if (x.length === 5 && !isString(advocateKey)) return null;
  const out: { matter: string; spoc?: string; dedicated?: string; advocate?: { name: string; key?: string } } = {
    matter,
  };
  if (spoc >= 0) out.spoc = staff[spoc];
  if (dedicated >= 0) out.dedicated = staff[dedicated];
  if (isString(advocateName))
    out.advocate = isString(advocateKey) ? { name: advocateName, key: advocateKey } : { name: advocateName };
  return out;
}

function readPerson(x: unknown, staff: readonly string[]): DigestPerson | null {
  if (!Array.isArray(x) || x.length < 3 || x.length > 4) return null;
  const ref = x[0];
  const keys = x[1];
  const wireStrategies = x[2];
  const bits = x.length === 4 ? x[3] : 0;
  if (!isString(ref) || !isStringArray(keys) || !Array.isArray(wireStrategies) || typeof bits !== "number") return null;
  const strategies: DigestStrategy[] = [];
  for (const w of wireStrategies) {
    const strategy = readStrategy(w, staff);
    if (strategy === null) return null;
    strategies.push(strategy);
  }
  const adjustments = ADJUSTMENT_WORDS.filter((_word, i) => (bits & (1 << i)) !== 0);
  return adjustments.length > 0 ? { ref, keys, strategies, adjustments } : { ref, keys, strategies };
}

/** Malformed text reads as no digest; the error itself tells the caller nothing it can use. */
const unreadable = (_error: unknown): null => null;

/** The digest as stored (its JSON text, or the parsed object), or null when absent or malformed. */
export function parseDigest(raw: unknown): SendDigest | null {
  let value = raw;
  if (isString(value)) {
    try {
      value = JSON.parse(value);
    } catch (error) {
      return unreadable(error);
    }
  }
  if (typeof value !== "object" || value === null) return null;
  const d = value as Record<string, unknown>;
  if (!isString(d.at) || !isStringArray(d.staff) || !Array.isArray(d.people)) return null;
  if (d.v === SEND_DIGEST_VERSION ? !isString(d.kid) || !/^[0-9a-f]{16}$/.test(d.kid) : d.v !== LEGACY_DIGEST_VERSION)
    return null;
  const kid = d.v === SEND_DIGEST_VERSION ? (d.kid as string) : undefined;
  const staff = d.staff;
  const people: DigestPerson[] = [];
  for (const p of d.people) {
    const person = readPerson(p, staff);
    if (person === null) return null;
    people.push(person);
  }
  const partial = d.partial;
  if (partial !== undefined) {
    if (
      !Array.isArray(partial) ||
      partial.length !== 2 ||
      typeof partial[0] !== "number" ||
      typeof partial[1] !== "number"
    )
      return null;
    const withPartial: SendDigest = { at: d.at, people, partial: { included: partial[0], total: partial[1] } };
    return kid === undefined ? withPartial : { at: d.at, kid, people, partial: withPartial.partial };
  }
  // No object spread here: ES2017 (see the file's header).
  return kid === undefined ? { at: d.at, people } : { at: d.at, kid, people };
}

// ---------------------------------------------------------------------------------------------
// The decision.

/**
 * Finds every strategy the outgoing message goes against (pure; no I/O). A keyed digest is read
 * only with the secret it was written with; without it nothing is found (the message goes).
 */
export function findProblems(
  digest: SendDigest,
  message: OutgoingMessage,
  secret: DigestSecret | null = null,
): SendFinding[] {
  const keyOf = keyerFor(digest, secret);
  if (keyOf === null) return [];
  const byKey: { [key: string]: DigestPerson } = {};
  for (const person of digest.people) for (const key of person.keys) byKey[key] = person;

  const recipientKeys: { [key: string]: true } = {};
  const keyed: { recipient: OutgoingRecipient; key: string }[] = [];
  for (const recipient of message.recipients) {
    if (!recipient || !isString(recipient.address) || recipient.address.indexOf("@") < 0) continue;
    const key = keyOf(recipient.address);
    recipientKeys[key] = true;
    keyed.push({ recipient, key });
  }

  const senders = [normaliseAddress(message.from || ""), normaliseAddress(message.user || "")].filter((s) => s !== "");
  const findings: SendFinding[] = [];
  const seen: { [ref: string]: true } = {};
  for (const { recipient, key } of keyed) {
    const person = byKey[key];
    if (!person || seen[person.ref]) continue;
    seen[person.ref] = true;
    for (const strategy of person.strategies) {
      const problems: SendProblem[] = [];
      if (strategy.spoc !== undefined) {
        // 9.9 SPOC: only the single point of contact writes to them; a dedicated address of the same
        // strategy also counts as allowed (record-format §5).
        const allowed = [normaliseAddress(strategy.spoc)];
        if (strategy.dedicated !== undefined) allowed.push(normaliseAddress(strategy.dedicated));
        if (senders.length > 0 && !senders.some((s) => allowed.indexOf(s) >= 0)) problems.push("not-spoc");
      }
      if (strategy.advocate !== undefined) {
        // 9.9 advocate only: contact goes through the advocate, so the advocate must be on the message.
        const advocateKey = strategy.advocate.key;
        if (advocateKey === undefined || !recipientKeys[advocateKey]) problems.push("advocate-missing");
      }
      if (problems.length > 0) findings.push({ person, recipient, strategy, problems });
    }
  }
  return findings;
}

function who(recipient: OutgoingRecipient): string {
  const name = isString(recipient.name) ? recipient.name.trim() : "";
  const address = recipient.address.trim();
  return name !== "" && normaliseAddress(name) !== normaliseAddress(address) ? name + " (" + address + ")" : address;
}

/** The one sentence that says how the message goes against the strategy. */
export function findingSentence(finding: SendFinding, sender: string): string {
  const s = finding.strategy;
  const head = who(finding.recipient) + " has a contact strategy for " + s.matter + " (policy 9.9): ";
  const notSpoc = finding.problems.indexOf("not-spoc") >= 0;
  const noAdvocate = finding.problems.indexOf("advocate-missing") >= 0;
  // A digest written since issue 16 carries no advocate's name: "their advocate" alone.
  const advocate = s.advocate && s.advocate.name.trim() !== "" ? ", " + s.advocate.name : "";
  const from = sender !== "" ? sender : "someone else";
  if (notSpoc && noAdvocate) {
    return (
      head +
      "only the single point of contact, " +
      s.spoc +
      ", writes to them, through their advocate" +
      advocate +
      "; this message is from " +
      from +
      " and does not include the advocate."
    );
  }
  if (notSpoc)
    return (
      head + "only the single point of contact, " + s.spoc + ", writes to them, and this message is from " + from + "."
    );
  return head + "contact goes through their advocate" + advocate + ", who is not a recipient of this message.";
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

/** The whole alert: the sentence, any adjustments to honour, the choice. At most 500 characters. */
export function alertMessage(findings: readonly SendFinding[], sender: string): string | null {
  const first = findings[0];
  if (!first) return null;
  const parts: string[] = [findingSentence(first, sender)];
  const others: { [ref: string]: true } = {};
  for (const f of findings) if (f.person.ref !== first.person.ref) others[f.person.ref] = true;
  const more = Object.keys(others).length;
  if (more > 0)
    parts.push(
      more === 1
        ? "Another recipient has a contact strategy too."
        : more + " other recipients have contact strategies too.",
    );
  const adjustments = first.person.adjustments || [];
  // 8.4 and 9.13: recorded reasonable adjustments should be adhered to in the reply.
  if (adjustments.length > 0)
    parts.push("Their recorded adjustments: " + adjustments.join(", ") + "; make sure the reply honours them.");
  const choice =
    "Choose Send Anyway if it is right to send (for example, it is about another matter, 9.8), or Don't Send to change it.";
  // The choice always survives: the body gives way when the whole would be over the limit.
  return clip(parts.join(" "), ERROR_MESSAGE_MAX - choice.length - 1) + " " + choice;
}

/** The decision for one outgoing message (`secret`: this device's copy of the organisation's secret). */
export function decideSend(
  digest: SendDigest | null,
  message: OutgoingMessage,
  secret: DigestSecret | null = null,
): SendDecision {
  if (!digest || digest.people.length === 0) return { findings: [], message: null };
  const findings = findProblems(digest, message, secret);
  const sender = message.from || message.user || "";
  return { findings, message: alertMessage(findings, sender.trim()) };
}
