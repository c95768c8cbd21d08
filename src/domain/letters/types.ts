/**
 * Letters as data. A template (templates/*.ts) turns the facts of one policy step into blocks of
 * plain text; render.ts turns blocks into escaped HTML styled for the person's recorded
 * reasonable adjustments (8.4, 9.6: "considering any specific needs and reasonable adjustments").
 */
import type { Adjustment } from "../events";

/** One piece of a letter. All text is plain text: the renderer escapes it. */
export type Block =
  | { readonly kind: "p"; readonly text: string }
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] };

/** What every letter needs to know about who writes to whom. */
export interface LetterContext {
  /** The person's name as recorded. */
  readonly recipientName: string;
  /** The person's recorded reasonable adjustments (NeedsRecorded): large print, easy read … */
  readonly adjustments: readonly Adjustment[];
  /** The member of staff who signs the letter. */
  readonly sender: { readonly name: string; readonly role?: string };
  /** Defaults to ORGANISATION in config.ts. */
  readonly organisation?: string;
  /** How the person can get in touch about adjustments (an address or phone number), if known. */
  readonly contactPoint?: string;
}

/** Which wording a letter uses: the standard text, or short sentences for easy read. */
export type Wording = "standard" | "easy-read";

/** A template: the subject line and the body, in both wordings. Pure: facts in, blocks out. */
export interface LetterTemplate<F> {
  readonly subject: (facts: F, ctx: LetterContext) => string;
  readonly body: (facts: F, ctx: LetterContext, wording: Wording) => readonly Block[];
}

/** What the letter functions return: ready for Outlook's reply or new-message form. */
export interface Letter {
  readonly subject: string;
  readonly html: string;
}
