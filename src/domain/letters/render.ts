/**
 * Blocks → HTML for an Outlook message body. Every piece of text is escaped here, once, so a
 * template can never inject markup (a person's name such as `<b>` or `Tom & Jerry` prints as
 * written). Styles are inline because mail clients drop <style> elements.
 *
 * Reasonable adjustments (8.4, 9.6): `large-print` sets the type to at least 18 pt; `easy-read`
 * selects the template's short-sentence wording and a larger, more spacious layout.
 */
import type { Adjustment } from "../events";
import { FONT_FAMILY, ORGANISATION, TYPE_SIZES } from "./config";
import type { Block, Letter, LetterContext, LetterTemplate, Wording } from "./types";

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Escaped text with the writer's line breaks kept. */
function inline(text: string): string {
  return escapeHtml(text.trim()).replace(/\r?\n/g, "<br>");
}

export interface Presentation {
  readonly wording: Wording;
  readonly largePrint: boolean;
  /** Body text size in points. */
  readonly size: number;
}

export function presentationFor(adjustments: readonly Adjustment[]): Presentation {
  const largePrint = adjustments.some((a) => a.kind === "large-print");
  const easyRead = adjustments.some((a) => a.kind === "easy-read");
  const size = largePrint ? TYPE_SIZES.largePrint : easyRead ? TYPE_SIZES.easyRead : TYPE_SIZES.standard;
  return { wording: easyRead ? "easy-read" : "standard", largePrint, size };
}

export function renderBlocks(blocks: readonly Block[], p: Presentation): string {
  const lineHeight = p.wording === "easy-read" ? 1.8 : 1.5;
  const gap = p.wording === "easy-read" ? "1.2em" : "1em";
  const para = `margin:0 0 ${gap} 0`;
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case "p":
        out.push(`<p style="${para}">${inline(b.text)}</p>`);
        break;
      case "heading":
        out.push(`<h2 style="font-size:${p.size + 2}pt;font-weight:bold;margin:0 0 0.5em 0">${inline(b.text)}</h2>`);
        break;
      case "list":
        if (b.items.length === 0) break;
        out.push(
          `<ul style="${para};padding-left:1.5em">${b.items.map((i) => `<li style="margin:0 0 0.5em 0">${inline(i)}</li>`).join("")}</ul>`,
        );
        break;
    }
  }
  const style = `font-family:${FONT_FAMILY};font-size:${p.size}pt;line-height:${lineHeight};color:#000000`;
  return `<div lang="en-GB" style="${style}">${out.join("")}</div>`;
}

export function organisationOf(ctx: LetterContext): string {
  return ctx.organisation?.trim() || ORGANISATION;
}

/** Renders a template with the facts, in the wording and type the person's adjustments call for. */
export function renderLetter<F>(template: LetterTemplate<F>, facts: F, ctx: LetterContext): Letter {
  const p = presentationFor(ctx.adjustments);
  return { subject: template.subject(facts, ctx), html: renderBlocks(template.body(facts, ctx, p.wording), p) };
}
