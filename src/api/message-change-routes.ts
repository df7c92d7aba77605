import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Deps } from "../app-env.ts";
import type { Chat } from "../rooms/chat.ts";
import { findVisibleRoom } from "../rooms/find-room.ts";
import { changedOrThrow, messageIdParam } from "../rooms/message-change-outcome.ts";
import { deleteMessage, editMessage, reactTo } from "../rooms/message-changes.ts";
import type { User } from "../store/records.ts";
import { callerOf } from "./caller.ts";
import { messageJson } from "./json.ts";

/**
 * Changing a message over JSON, with the socket's and the pages' rules (src/rooms/message-changes.ts):
 * `PATCH` the text (the author), `DELETE` it (the author, a moderator, the owner), and `PUT` or
 * `DELETE` one's own emoji. Anyone else gets 403; someone who may not see the room, 404.
 */
export function messageChangeApiRoutes(deps: Deps, chat: Chat) {
  const { store } = deps;
  const requireCaller = callerOf(deps);
  const changerIn = async (c: Context<AppEnv>) => {
    const person = c.var.user as User;
    const { room, standing } = await findVisibleRoom(store, c.req.param("slug") ?? "", person);
    return { room, changer: { person, standing }, id: messageIdParam(c.req.param("id") ?? "") };
  };
  const answer = (c: Context<AppEnv>, result: Parameters<typeof changedOrThrow>[0]) =>
    c.json({ message: messageJson(changedOrThrow(result, c.header), c.var.paths, (c.var.user as User).id) });

  return new Hono<AppEnv>()
    .patch("/rooms/:slug/messages/:id", requireCaller, async (c) => {
      const { room, changer, id } = await changerIn(c);
      const input = await c.req.json().catch(() => undefined);
      if (typeof input !== "object" || input === null || Array.isArray(input)) {
        throw new HTTPException(400, { message: 'Send a JSON object: {"body": "…"}.' });
      }
      return answer(c, await editMessage(chat, room, changer, id, (input as { body?: unknown }).body));
    })
    .delete("/rooms/:slug/messages/:id", requireCaller, async (c) => {
      const { room, changer, id } = await changerIn(c);
      changedOrThrow(await deleteMessage(chat, room, changer, id), c.header);
      return c.body(null, 204);
    })
    .put("/rooms/:slug/messages/:id/reactions/:emoji", requireCaller, async (c) => {
      const { room, changer, id } = await changerIn(c);
      return answer(c, await reactTo(chat, room, changer, id, c.req.param("emoji"), true));
    })
    .delete("/rooms/:slug/messages/:id/reactions/:emoji", requireCaller, async (c) => {
      const { room, changer, id } = await changerIn(c);
      return answer(c, await reactTo(chat, room, changer, id, c.req.param("emoji"), false));
    });
}
