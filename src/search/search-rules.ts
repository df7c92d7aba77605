/** What a search may ask for: dependency-free, shared by the routes and the page's form. */
export const searchRules = {
  /** The most a search box takes. */
  maxLength: 200,
  /** The most words one search looks for (each must be in a message for it to be found). */
  maxWords: 10,
} as const;

/**
 * The words a search looks for: runs of letters and digits, as both databases' full-text indexes
 * cut text into words, lower-cased and each once. Punctuation and query syntax are never passed on.
 */
export const wordsOf = (text: string): string[] => [
  ...new Set((text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => word.toLowerCase())),
];
