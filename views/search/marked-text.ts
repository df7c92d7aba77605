import { matchMarks } from "../../src/store/records.ts";
import { escapeHtml } from "../escape.ts";

const { start, end } = matchMarks;
const marked = new RegExp(`${start}([^${start}${end}]*)${end}`, "g");
const stray = new RegExp(`[${start}${end}]`, "g");

/**
 * A found message's text with its matched words in <mark>: the whole text escaped first, then the
 * database's marks (control characters no message holds, which escaping leaves alone) turned into
 * elements, pair by pair, so no user text ever becomes markup.
 */
export const markedHtml = (highlighted: string): string =>
  escapeHtml(highlighted).replace(marked, "<mark>$1</mark>").replace(stray, "");
