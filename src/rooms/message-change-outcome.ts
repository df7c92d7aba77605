import { HTTPException } from "hono/http-exception";
import { retryAfter } from "../http/retry-after.ts";
import type { Message } from "../store/records.ts";
import type { ChangeResult } from "./message-changes.ts";

/**
 * A change's result as routes answer it: the changed message, or its refusal thrown as the
 * HTTPException errors.tsx renders (a page, or JSON under /api), with Retry-After on a 429.
 */
export function changedOrThrow(result: ChangeResult, header: (name: string, value: string) => void): Message {
  if (result.ok) return result.message;
  if (result.status === 429 && result.retryAfterMs !== undefined) {
    header("Retry-After", retryAfter(result.retryAfterMs));
  }
  throw new HTTPException(result.status, { message: result.error });
}

/** A message id from the path: anything but a positive whole number is no message at all (404). */
export function messageIdParam(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HTTPException(404, { message: "There is no such message here." });
  return id;
}
