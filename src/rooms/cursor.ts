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
