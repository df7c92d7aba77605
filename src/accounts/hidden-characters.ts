/**
 * Characters a name must not hold: invisible ones (zero-width spaces and joiners, soft hyphens,
 * word joiners, byte-order marks, the Hangul fillers that render as blanks) and the controls of
 * text direction (U+202A–202E, U+2066–2069, the marks U+200E, U+200F, U+061C). A name is shown
 * beside messages and in "Here now": with them, "alice" and "al\u200bice" look like one person,
 * and U+202E turns the rest of the line around (a name that reads as someone else's, or a
 * token name that hides what it is). Nearly all are Unicode's "format" category (Cf).
 *
 * Emoji made of several are allowed: a zero-width joiner between two pictographs (a family), and
 * the tag characters of a subdivision flag (England, Scotland, Wales).
 */
const emojiSequences =
  /(?<=\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})|(?<=\u{1F3F4})[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
const hidden = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** True when `text` holds an invisible or text-direction character outside an emoji sequence. */
export const hasHiddenCharacters = (text: string) => hidden.test(text.replace(emojiSequences, ""));
