import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { bearerUser } from "../accounts/api-tokens.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import { retryAfter } from "../http/retry-after.ts";
import { createRoom } from "../rooms/create-room.ts";
import { parseCursor } from "../rooms/cursor.ts";
import { openDirectRoom } from "../rooms/direct-rooms.ts";
import { findVisibleRoom } from "../rooms/find-room.ts";
import { historyPage } from "../rooms/history.ts";
import { keySchema } from "../rooms/message-input.ts";
import { type Posting, post } from "../rooms/messages.ts";
import type { RoomActivity, User } from "../store/records.ts";
import { callerOf } from "./caller.ts";
import { messageJson, roomJson } from "./json.ts";

/** The request's JSON object, or a 400 naming the shape expected. */
const jsonObject = async (request: Request, shape: string): Promise<Record<string, unknown>> => {
  const input = await request.json().catch(() => undefined);
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new HTTPException(400, { message: `Send a JSON object: ${shape}.` });
  }
  return input as Record<string, unknown>;
};

/**
 * The JSON API: the same functions as the pages and the socket, answered as JSON. Errors are
 * thrown as HTTPExceptions and rendered by errors.tsx as `{ "error": "…" }` with their status.
 */
export function apiRoutes(deps: Deps, posting: Posting) {
  const { store } = deps;
  const requireCaller = callerOf(deps);

  return (
    new Hono<AppEnv>()
      // Public rooms, and the caller's own private and direct ones: never a room they may not see.
      .get("/rooms", async (c) => {
        const caller = (await bearerUser(c, deps)) ?? c.var.user;
        // As on the home page: the caller's own rooms, then the public ones they are neither in
        // nor banned from (a room someone is banned from does not exist for them).
        const listed = await store.rooms.listWithActivity(undefined, caller?.id);
        const own = caller ? await store.rooms.listJoinedBy(caller.id) : [];
        const newest = (room: RoomActivity) => room.lastMessage?.id ?? 0;
        const rooms = [...listed, ...own].sort((a, b) => newest(b) - newest(a));
        return c.json({ rooms: rooms.map((room) => roomJson(room, c.var.paths)) });
      })
      .post("/rooms", requireCaller, async (c) => {
        const input = await jsonObject(c.req.raw, '{"name": "…", "visibility": "public"}');
        const created = await createRoom(store, c.var.user as User, {
          name: input.name,
          topic: input.topic,
          visibility: input.visibility,
        });
        if ("error" in created) throw new HTTPException(422, { message: created.error });
        return c.json({ room: roomJson({ ...created.room, lastMessage: null }, c.var.paths) }, 201);
      })
      .post("/dm", requireCaller, async (c) => {
        const input = await jsonObject(c.req.raw, '{"usernames": ["…"]}');
        const opened = await openDirectRoom(store, c.var.user as User, input.usernames);
        if ("error" in opened) throw new HTTPException(422, { message: opened.error });
        return c.json({ room: roomJson({ ...opened.room, lastMessage: null }, c.var.paths) });
      })
      .get("/rooms/:slug/messages", requireCaller, async (c) => {
        const { room } = await findVisibleRoom(store, c.req.param("slug"), c.var.user as User);
        const page = await historyPage(store, room, parseCursor(c.req.query()));
        const viewer = (c.var.user as User).id;
        return c.json({ messages: page.messages.map((message) => messageJson(message, c.var.paths, viewer)) });
      })
      .post("/rooms/:slug/messages", requireCaller, async (c) => {
        const user = c.var.user as User;
        const { room } = await findVisibleRoom(store, c.req.param("slug"), user);
        const input = await c.req.json().catch(() => undefined);
        if (typeof input !== "object" || input === null) {
          throw new HTTPException(400, { message: 'Send a JSON object: {"body": "…"}.' });
        }
        const header = c.req.header("idempotency-key");
        const key = keySchema.safeParse(header);
        if (header !== undefined && !key.success) {
          throw new HTTPException(400, {
            message: "Idempotency-Key must be 1–64 characters of A–Z, a–z, 0–9, _ and -.",
          });
        }
        const { body, reply_to: replyTo } = input as { body?: unknown; reply_to?: unknown };
        const result = await post(posting, room, user, { body, key: key.data ?? null, replyTo });
        if (!result.ok) {
          if (result.status === 429) c.header("Retry-After", retryAfter(result.retryAfterMs));
          throw new HTTPException(result.status, { message: result.error });
        }
        await store.rooms.join(room.id, user.id);
        // A retried request with the same key gets the first answer's message, not a second copy.
        return c.json({ message: messageJson(result.message, c.var.paths, user.id) }, result.created ? 201 : 200);
      })
  );
}
