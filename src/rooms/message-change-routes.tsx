import { type Context, Hono } from "hono";
import type { AppEnv, Deps } from "../app-env.ts";
import { requireUser } from "../http/identity.ts";
import type { User } from "../store/records.ts";
import type { Chat } from "./chat.ts";
import { findVisibleRoom } from "./find-room.ts";
import { changedOrThrow, messageIdParam } from "./message-change-outcome.ts";
import { deleteMessage, editMessage, reactTo } from "./message-changes.ts";

/**
 * Changing a message with a form, for pages without a socket (or without script): the same
 * functions as the socket's frames. An htmx request is answered with nothing (the broadcast
 * shows the change on this page too); a plain form post returns to the room.
 */
export function messageChangeRoutes(deps: Deps, chat: Chat) {
  const { store } = deps;
  const changerIn = async (c: Context<AppEnv>) => {
    const person = c.var.user as User;
    const { room, standing } = await findVisibleRoom(store, c.req.param("slug") ?? "", person);
    return { room, changer: { person, standing }, id: messageIdParam(c.req.param("id") ?? "") };
  };
  const done = (c: Context<AppEnv>, slug: string) =>
    c.req.header("hx-request") === "true" ? c.body(null, 204) : c.redirect(c.var.paths.to(`/rooms/${slug}`), 303);

  return (
    new Hono<AppEnv>()
      .post("/rooms/:slug/messages/:id/delete", requireUser, async (c) => {
        const { room, changer, id } = await changerIn(c);
        changedOrThrow(await deleteMessage(chat, room, changer, id), c.header);
        return done(c, room.slug);
      })
      .post("/rooms/:slug/messages/:id/edit", requireUser, async (c) => {
        const { room, changer, id } = await changerIn(c);
        const { body } = await c.req.parseBody();
        changedOrThrow(await editMessage(chat, room, changer, id, body), c.header);
        return done(c, room.slug);
      })
      // Toggles the person's emoji; `on` ("true" or "false") sets it whatever it was.
      .post("/rooms/:slug/messages/:id/reactions", requireUser, async (c) => {
        const { room, changer, id } = await changerIn(c);
        const { emoji, on } = await c.req.parseBody();
        const wanted = on === "true" ? true : on === "false" ? false : undefined;
        changedOrThrow(await reactTo(chat, room, changer, id, emoji, wanted), c.header);
        return done(c, room.slug);
      })
  );
}
