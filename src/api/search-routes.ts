import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Deps } from "../app-env.ts";
import { findMessages } from "../search/find-messages.ts";
import { readSearch } from "../search/search-input.ts";
import type { User } from "../store/records.ts";
import { callerOf } from "./caller.ts";
import { messageJson } from "./json.ts";

/**
 * GET /api/search?q=&room=&before=&limit=: messages as the history API gives them, each with its
 * room, newest first. `before` of the next page is the last id given (`older`, null at the end).
 */
export function searchApiRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/search", callerOf(deps), async (c) => {
    const input = readSearch(c.req.query());
    if (!input.words.length) throw new HTTPException(400, { message: "Give q: the words to search for." });
    const { found, older } = await findMessages(deps.store, c.var.user as User, input);
    return c.json({
      messages: found.map((message) => ({
        ...messageJson(message, c.var.paths),
        room: { slug: message.room.slug, name: message.room.name, url: c.var.paths.to(`/rooms/${message.room.slug}`) },
      })),
      older: older ?? null,
    });
  });
}
