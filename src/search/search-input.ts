import { HTTPException } from "hono/http-exception";
import { parseCursor } from "../rooms/cursor.ts";
import { searchRules, wordsOf } from "./search-rules.ts";

/** A search as asked: the text typed, its words, a room's slug, and where the page starts. */
export interface SearchInput {
  text: string;
  words: string[];
  room?: string;
  before?: number;
  limit: number;
}

/**
 * Reads `q`, `room`, `before` and `limit` alike for the page and the API. No text at all is a
 * value (`words` empty), which the page shows as its empty state and the API refuses; the rest is
 * a 422 that says what to change, and a bad cursor the 400 of every cursor.
 */
export function readSearch(query: Record<string, string | undefined>): SearchInput {
  const { before, limit } = parseCursor({ before: query.before, limit: query.limit });
  const text = (query.q ?? "").trim();
  const room = query.room?.trim() || undefined;
  if (text.length > searchRules.maxLength) {
    throw new HTTPException(422, { message: `Search for at most ${searchRules.maxLength} characters.` });
  }
  const words = wordsOf(text);
  if (text && !words.length) {
    throw new HTTPException(422, { message: "Search for at least one word of letters or digits." });
  }
  if (words.length > searchRules.maxWords) {
    throw new HTTPException(422, { message: `Search for at most ${searchRules.maxWords} words at once.` });
  }
  return { text, words, room, before, limit };
}
