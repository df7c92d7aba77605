/**
 * What may be a reaction: one emoji, as a person picks it. Dependency-free, so the picker (a
 * view) and validation share the quick set.
 */
export const reactionRules = {
  /** The row the message menu offers first; the picker has more. */
  quick: ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀"],
  /** An emoji with its modifiers and joiners (a family, a flag) fits easily; text does not. */
  maxLength: 32,
  /** Distinct emoji on one message: past this a message is a wall of them. */
  perMessage: 20,
} as const;

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
const pictographic = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** The emoji, or why it is not one: exactly one grapheme, and a pictographic one. */
export function checkEmoji(raw: unknown): { ok: true; emoji: string } | { ok: false; error: string } {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > reactionRules.maxLength) {
    return { ok: false, error: "A reaction is one emoji." };
  }
  const graphemes = [...segmenter.segment(raw)];
  if (graphemes.length !== 1 || !pictographic.test(raw)) return { ok: false, error: "A reaction is one emoji." };
  return { ok: true, emoji: raw };
}
