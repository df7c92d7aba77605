import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Deps } from "../app-env.ts";
import { retryAfter } from "../http/retry-after.ts";
import { parseCursor } from "../rooms/cursor.ts";
import { findRoom } from "../rooms/find-room.ts";
import { historyPage } from "../rooms/history.ts";
import { keySchema } from "../rooms/message-input.ts";
import { type Posting, post } from "../rooms/messages.ts";
import type { User } from "../store/records.ts";
import { callerOf } from "./caller.ts";
import { messageJson, roomJson } from "./json.ts";

/**
 * The JSON API: the same functions as the pages and the socket, answered as JSON. Errors are
 * thrown as HTTPExceptions and rendered by errors.tsx as `{ "error": "…" }` with their status.
 */
export function apiRoutes(deps: Deps, posting: Posting) {
  const { store } = deps;
  const requireCaller = callerOf(deps);

  return new Hono<AppEnv>()
    .get("/rooms", async (c) =>
      c.json({ rooms: (await store.rooms.listWithActivity()).map((room) => roomJson(room, c.var.paths)) }),
    )
    .get("/rooms/:slug/messages", requireCaller, async (c) => {
      const room = await findRoom(store, c.req.param("slug"));
      const page = await historyPage(store, room, parseCursor(c.req.query()));
      return c.json({ messages: page.messages.map((message) => messageJson(message, c.var.paths)) });
    })
    .post("/rooms/:slug/messages", requireCaller, async (c) => {
      const user = c.var.user as User;
      const room = await findRoom(store, c.req.param("slug"));
      const input = await c.req.json().catch(() => undefined);
      if (typeof input !== "object" || input === null) {
        throw new HTTPException(400, { message: 'Send a JSON object: {"body": "…"}.' });
      }
      const header = c.req.header("idempotency-key");
      const key = keySchema.safeParse(header);
      if (header !== undefined && !key.success) {
        throw new HTTPException(400, { message: "Idempotency-Key must be 1–64 characters of A–Z, a–z, 0–9, _ and -." });
      }
      const body = (input as { body?: unknown }).body;
      const result = await post(posting, room, user, { body, key: key.data ?? null });
      if (!result.ok) {
        if (result.status === 429) c.header("Retry-After", retryAfter(result.retryAfterMs));
        throw new HTTPException(result.status, { message: result.error });
      }
      await store.rooms.join(room.id, user.id);
      // A retried request with the same key gets the first answer's message, not a second copy.
      return c.json({ message: messageJson(result.message, c.var.paths) }, result.created ? 201 : 200);
    });
}
