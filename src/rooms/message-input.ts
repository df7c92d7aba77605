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

export type Frame =
  | { ok: true; kind: "message"; body: unknown; key: string | null }
  | { ok: true; kind: "typing" }
  | { ok: true; kind: "read"; id: number }
  | { ok: true; kind: "catch-up"; after: number }
  | { ok: false; error: string };

/**
 * A frame from htmx's hx-ws:send: the sending element's fields at the top level plus `headers`
 * (an object). The composer sends `body` and `key`; the typing signal sends `typing` alone; the
 * page's read mark sends `read` (the newest message id the reader has seen); a page that sees a
 * hole in its messages sends `after` (the last message before the hole) to have it filled.
 * Checked by hand, like the body: every message passes here.
 */
const isFields = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isKey = (value: unknown): value is string => typeof value === "string" && keyPattern.test(value);
const notAMessage = { ok: false, error: "That frame is not a message." } as const;

/** Parses one socket frame; its text is then checked by `checkBody`, as the API's is. */
export function parseFrame(data: string | ArrayBufferLike | Blob): Frame {
  if (typeof data !== "string") return { ok: false, error: "Frames must be JSON text." };
  if (data.length > messageRules.maxFrameBytes) return { ok: false, error: "That frame is too large." };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, error: "That frame is not valid JSON." };
  }
  if (!isFields(json)) return notAMessage;
  const { body, key, typing, read, after, headers } = json;
  if ((key !== undefined && !isKey(key)) || (headers !== undefined && !isFields(headers))) return notAMessage;
  if (body === undefined) {
    if (typing !== undefined) return { ok: true, kind: "typing" };
    if (read !== undefined) {
      const id = Number(read);
      if (!Number.isSafeInteger(id) || id < 0) return { ok: false, error: "A read mark is a message id." };
      return { ok: true, kind: "read", id };
    }
    if (after !== undefined) {
      const id = Number(after);
      if (!Number.isSafeInteger(id) || id < 0) return { ok: false, error: "A catch-up starts after a message id." };
      return { ok: true, kind: "catch-up", after: id };
    }
  }
  return { ok: true, kind: "message", body, key: key ?? null };
}

const textOf = (raw: unknown) => (typeof raw === "string" ? raw.slice(0, messageRules.maxLength * 2) : "");
