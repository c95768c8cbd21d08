/**
 * Settings shared by every letter. Edit here to change the organisation's name or the type sizes.
 * Sizes are in points because Outlook renders inline `pt` sizes consistently on every client.
 */
export const ORGANISATION = "the Office of the Police and Crime Commissioner";

/** Body text size for each presentation. Large print is at least 16 pt (RNIB clear print guidance). */
export const TYPE_SIZES = {
  standard: 12,
  easyRead: 14,
  largePrint: 18,
} as const;

export const FONT_FAMILY = "Arial, Helvetica, sans-serif";
