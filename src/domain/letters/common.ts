/** Openings and closings every letter shares, so a change of tone is made in one place. */
import { ADJUSTMENT_LABELS } from "../catalogue";
import { listInWords } from "../describe";
import { organisationOf } from "./render";
import type { Block, LetterContext, Wording } from "./types";

export const p = (text: string): Block => ({ kind: "p", text });
export const heading = (text: string): Block => ({ kind: "heading", text });
export const list = (items: readonly string[]): Block => ({ kind: "list", items });

export function greeting(ctx: LetterContext): Block {
  return p(`Dear ${ctx.recipientName.trim() || "Sir or Madam"},`);
}

export function signOff(ctx: LetterContext): Block {
  const role = ctx.sender.role?.trim();
  return p(`Yours sincerely,\n${ctx.sender.name}${role ? `\n${role}` : ""}\n${capitalise(organisationOf(ctx))}`);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * How to ask for reasonable adjustments (8.1, 8.4, 9.6), naming those already recorded so the
 * person can see they have been honoured.
 */
export function adjustmentsBlocks(ctx: LetterContext, wording: Wording): Block[] {
  const where = ctx.contactPoint?.trim() ? ` at ${ctx.contactPoint.trim()}` : "";
  const recorded = ctx.adjustments.map((a) => ADJUSTMENT_LABELS[a.kind].toLowerCase());
  const out: Block[] = [];
  if (wording === "easy-read") {
    if (recorded.length > 0) out.push(p(`We know you need: ${listInWords(recorded)}.`));
    out.push(p(`Do you need more help to contact us?`), p(`Please tell us${where}.`));
    return out;
  }
  if (recorded.length > 0) {
    out.push(p(`We have noted the support you asked for (${listInWords(recorded)}) and will keep to it.`));
  }
  out.push(
    p(
      `If you have a health condition or disability, or need any other support to contact us (for example large print, easy read, an interpreter or an advocate), please tell us${where} and we will make reasonable adjustments.`,
    ),
  );
  return out;
}
