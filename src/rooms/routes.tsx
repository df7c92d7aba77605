import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { LoadOlder, olderId } from "../../views/messages/list.tsx";
import { Replace } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import { HomePage } from "../../views/rooms/index.tsx";
import { RoomPage } from "../../views/rooms/show.tsx";
import { requireUser } from "../accounts/sessions.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import type { User } from "../store/records.ts";
import { messagesFragment } from "./broadcasts.tsx";
import type { Channels } from "./channels.ts";
import { createRoom } from "./create-room.ts";
import { createdSince, lastPage, pageBefore } from "./history.ts";
import type { RateLimit } from "./rate-limit.ts";
import { roomSocket } from "./socket.tsx";

const cursor = (value: string | undefined) => {
  if (value === undefined) return undefined;
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 0) throw new HTTPException(400, { message: "Cursors are message ids." });
  return id;
};

/** Home, room creation, the room page, its history fragments and its socket. */
export function roomRoutes(deps: Deps, channels: Channels, rateLimit: RateLimit | null) {
  const { store } = deps;
  const home = async (user: User | null, form: { name?: string; error?: string } = {}) => (
    <HomePage
      user={user}
      joined={user ? await store.rooms.listJoinedBy(user.id) : []}
      all={await store.rooms.listWithActivity()}
      {...form}
    />
  );
  const findRoom = async (slug: string) => {
    const room = await store.rooms.findBySlug(slug);
    if (!room) throw new HTTPException(404, { message: "There is no room here." });
    return room;
  };

  return new Hono<AppEnv>()
    .get("/", async (c) => c.html(await home(c.var.user)))
    .post("/rooms", requireUser, async (c) => {
      const user = c.var.user as User;
      const { name } = await c.req.parseBody();
      const created = await createRoom(store, user, name);
      if ("error" in created) {
        return c.html(await home(user, { name: typeof name === "string" ? name : "", error: created.error }), 422);
      }
      return c.redirect(`/rooms/${created.room.slug}`, 303);
    })
    .get("/rooms/:slug", requireUser, async (c) => {
      const user = c.var.user as User;
      const room = await findRoom(c.req.param("slug"));
      await store.rooms.join(room.id, user.id);
      const page = await lastPage(store, room);
      return c.html(<RoomPage user={user} room={room} messages={page.messages} hasOlder={page.hasOlder} />);
    })
    .get("/rooms/:slug/messages", requireUser, async (c) => {
      const room = await findRoom(c.req.param("slug"));
      const before = cursor(c.req.query("before"));
      const after = cursor(c.req.query("after"));
      if (before !== undefined) {
        const page = await pageBefore(store, room, before);
        const older = (
          <Replace target={olderId(room)}>
            <LoadOlder room={room} before={page.hasOlder ? (page.messages[0]?.id ?? null) : null} />
          </Replace>
        );
        return c.html((await messagesFragment(room, page.messages)) + (await render(older)));
      }
      const messages =
        after === undefined ? (await lastPage(store, room)).messages : await createdSince(store, room, after);
      return c.html(await messagesFragment(room, messages));
    })
    .get("/rooms/:slug/ws", roomSocket(deps, channels, rateLimit));
}
