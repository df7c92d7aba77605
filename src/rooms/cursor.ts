import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { pageSizes } from "./history.ts";

const messageId = z.coerce
  .number({ error: "Cursors are message ids." })
  .int("Cursors are message ids.")
  .min(0, "Cursors are message ids.");

/** Where a page of history starts: `before` or `after` a message id (the room's order key), and how many. */
const cursorSchema = z
  .object({
    before: messageId.optional(),
    after: messageId.optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1, `limit is 1 to ${pageSizes.max}.`)
      .max(pageSizes.max, `limit is 1 to ${pageSizes.max}.`)
      .default(pageSizes.page),
  })
  .refine((q) => q.before === undefined || q.after === undefined, "Give before or after, not both.");

export type Cursor = { before?: number; after?: number; limit: number };

/**
 * Reads `?before=`, `?after=` and `?limit=` the same way for the room's fragments, its socket
 * and the JSON API; a bad cursor is a 400 there all alike.
 */
export function parseCursor(query: Record<string, string | undefined>): Cursor {
  const parsed = cursorSchema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw new HTTPException(400, { message: parsed.error.issues[0]?.message ?? "Bad cursor." });
}

const changeNumber = z.coerce.number().int().min(0);

/**
 * `?changes=`: the room's change number a reconnecting page has every change up to (its
 * catch-up then carries the changes since, not only new messages); absent from pages that do
 * not count changes. Anything but a whole number is ignored, as if absent.
 */
export function parseChanges(query: Record<string, string | undefined>): number | undefined {
  if (query.changes === undefined) return undefined;
  const parsed = changeNumber.safeParse(query.changes);
  return parsed.success ? parsed.data : undefined;
}
