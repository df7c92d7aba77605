import { z } from "zod";
import { messageRules } from "./message-rules.ts";

// Control characters other than tab and newline have no place in chat text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

const bodySchema = z
  .string({ error: "A message needs text." })
  .transform((body) => body.replace(/\r\n?/g, "\n").replace(controlCharacters, "").trim())
  .pipe(
    z
      .string()
      .min(1, "Type a message first.")
      .max(messageRules.maxLength, `Messages are at most ${messageRules.maxLength} characters.`),
  );

/** An idempotency key: the composer's server-issued nonce plus the page's send counter. */
export const keySchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * A frame from htmx's hx-ws:send: the sending element's fields at the top level plus `headers`.
 * The composer sends `body` and `key`; the typing signal sends `typing` alone; the page's read
 * mark sends `read` (the newest message id the reader has seen).
 */
const frameSchema = z.object({
  body: z.unknown().optional(),
  key: keySchema.optional(),
  typing: z.unknown().optional(),
  read: z.unknown().optional(),
  headers: z.record(z.string(), z.unknown()).optional(),
});

export type Checked = { ok: true; body: string } | { ok: false; error: string; body: string };

/**
 * Validates message text from any source (socket frame, JSON API, form post). `emptyAllowed`:
 * a message with an image may have no text (then its body is empty).
 */
export function checkBody(raw: unknown, { emptyAllowed = false } = {}): Checked {
  if (emptyAllowed && (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")))
    return { ok: true, body: "" };
  const parsed = bodySchema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid message.", body: textOf(raw) };
}

export type Frame =
  | { ok: true; kind: "message"; body: unknown; key: string | null }
  | { ok: true; kind: "typing" }
  | { ok: true; kind: "read"; id: number }
  | { ok: false; error: string };

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
  const frame = frameSchema.safeParse(json);
  if (!frame.success) return { ok: false, error: "That frame is not a message." };
  if (frame.data.body === undefined) {
    if (frame.data.typing !== undefined) return { ok: true, kind: "typing" };
    if (frame.data.read !== undefined) {
      const id = Number(frame.data.read);
      if (!Number.isSafeInteger(id) || id < 0) return { ok: false, error: "A read mark is a message id." };
      return { ok: true, kind: "read", id };
    }
  }
  return { ok: true, kind: "message", body: frame.data.body, key: frame.data.key ?? null };
}

const textOf = (raw: unknown) => (typeof raw === "string" ? raw.slice(0, messageRules.maxLength * 2) : "");
