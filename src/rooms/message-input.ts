import { z } from "zod";
import { messageRules } from "./message-rules.ts";

// Control characters other than tab and newline have no place in chat text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: what cleaning removes or rewrites
const needsCleaning = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** An idempotency key: the composer's server-issued nonce plus the page's send counter. */
const keyPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const keySchema = z.string().regex(keyPattern);

export type Checked = { ok: true; body: string } | { ok: false; error: string; body: string };

/**
 * Validates message text from any source (socket frame, JSON API, form post). `emptyAllowed`:
 * a message with an image may have no text (then its body is empty).
 */
export function checkBody(raw: unknown, { emptyAllowed = false } = {}): Checked {
  if (emptyAllowed && (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")))
    return { ok: true, body: "" };
  // By hand, not with a schema: this runs for every message, and zod's general machinery took
  // as long as storing one (bench/message-path.ts).
  if (typeof raw !== "string") return { ok: false, error: "A message needs text.", body: textOf(raw) };
  const body = (needsCleaning.test(raw) ? raw.replace(/\r\n?/g, "\n").replace(controlCharacters, "") : raw).trim();
  if (!body) return { ok: false, error: "Type a message first.", body: textOf(raw) };
  if (body.length > messageRules.maxLength) {
    return {
      ok: false,
      error: `Messages are at most ${messageRules.maxLength.toLocaleString("en-US")} characters.`,
      body: textOf(raw),
    };
  }
  return { ok: true, body };
}

/** Whether a frame's or a form's `key` is a well-formed idempotency key (a schema costs too much per message). */
export const isKey = (value: unknown): value is string => typeof value === "string" && keyPattern.test(value);

const textOf = (raw: unknown) => (typeof raw === "string" ? raw.slice(0, messageRules.maxLength * 2) : "");
