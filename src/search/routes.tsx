import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { SearchPage } from "../../views/search/page.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import { requireUser } from "../http/identity.ts";
import { findVisibleRoom } from "../rooms/find-room.ts";
import type { User } from "../store/records.ts";
import { findMessages } from "./find-messages.ts";
import { readSearch } from "./search-input.ts";

/** GET /search: the page (the JSON twin is src/api/search-routes.ts). */
export function searchRoutes(deps: Deps) {
  const { store } = deps;
  return new Hono<AppEnv>().get("/search", requireUser, async (c) => {
    const user = c.var.user as User;
    const query = c.req.query();
    const input = (() => {
      try {
        return readSearch(query);
      } catch (error) {
        // A search the box can show again with its reason; a bad cursor or room stays an error page.
        if (error instanceof HTTPException && error.status === 422) return error;
        throw error;
      }
    })();
    if (input instanceof HTTPException) {
      const room = query.room ? (await findVisibleRoom(store, query.room, user)).room : undefined;
      const text = (query.q ?? "").trim();
      return c.render(
        <SearchPage user={user} text={text} room={room} found={[]} error={input.message} searched={false} />,
        422,
      );
    }
    if (!input.words.length) {
      const room = input.room ? (await findVisibleRoom(store, input.room, user)).room : undefined;
      return c.render(<SearchPage user={user} text="" room={room} found={[]} searched={false} />);
    }
    const { found, room, older } = await findMessages(store, user, input);
    return c.render(
      <SearchPage user={user} text={input.text} room={room} found={found} older={older} searched={true} />,
    );
  });
}
