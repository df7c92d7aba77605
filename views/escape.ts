import { escapeToBuffer, raw } from "hono/utils/html";

/**
 * Text made safe for HTML content and quoted attributes, by hono's own escaper (the one its
 * `html` template and JSX use): `& < > " '`. For the message partial, which builds its HTML by
 * concatenation: the tagged template's general machinery cost more than the message's text.
 */
export function escapeHtml(text: string): string {
  const buffer: [string] = [""];
  escapeToBuffer(text, buffer);
  return buffer[0];
}

/** Marks finished HTML as such, so JSX and `html` templates embed it as it is. */
export const trusted = (markup: string) => raw(markup);
