import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { CreateRoomForm } from "../../views/rooms/create-room-form.tsx";
import { seenBy } from "../../views/rooms/direct-name.ts";
import { HomePage } from "../../views/rooms/index.tsx";
import { membersShown } from "../../views/rooms/member-list.tsx";
import { RoomPreviewPage } from "../../views/rooms/preview.tsx";
import { RoomPage } from "../../views/rooms/show.tsx";
import { randomToken } from "../accounts/secrets.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import { requireUser } from "../http/identity.ts";
import type { User } from "../store/records.ts";
import { mayJoin, mayModerate } from "./access.ts";
import type { Chat } from "./chat.ts";
import { createRoom } from "./create-room.ts";
import { openDirectRoom } from "./direct-rooms.ts";
import { findVisibleRoom } from "./find-room.ts";
import { historyFragment } from "./history-fragment.tsx";
import { memberActions } from "./membership.tsx";
import { roomViewAt } from "./message-link.ts";
import { roomSocket } from "./socket.tsx";

/**
 * "Discover" on the home page, a page at a time: anyone can create rooms, so the list must not
 * grow every visitor's page without bound. "Your rooms" grows only by the reader's own joins.
 */
const roomsPerPage = 30;
const pageNumber = (value: string | undefined) => {
  const page = Number(value ?? 1);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Home, room creation, the room page, its history fragments and its socket. */
export function roomRoutes(deps: Deps, chat: Chat) {
  const { store } = deps;
  const home = async (user: User | null, page = 1, form: CreateRoomForm = {}) => {
    const pageOf = { limit: roomsPerPage + 1, offset: (page - 1) * roomsPerPage };
    const others = await store.rooms.listWithActivity(pageOf, user?.id);
    return (
      <HomePage
        user={user}
        joined={user ? (await store.rooms.listJoinedBy(user.id)).map((room) => seenBy(room, user)) : []}
        others={others.slice(0, roomsPerPage)}
        page={page}
        hasMore={others.length > roomsPerPage}
        form={form}
      />
    );
  };

  return (
    new Hono<AppEnv>()
      .get("/", async (c) => c.render(await home(c.var.user, pageNumber(c.req.query("page")))))
      .post("/rooms", requireUser, async (c) => {
        const user = c.var.user as User;
        const { name, topic, visibility } = await c.req.parseBody();
        const created = await createRoom(store, user, { name, topic, visibility });
        if ("error" in created) {
          const form = {
            name: text(name),
            topic: text(topic),
            visibility: text(visibility),
            error: created.error,
            existing: created.existing,
          };
          return c.render(await home(user, 1, form), 422);
        }
        return c.redirect(c.var.paths.to(`/rooms/${created.room.slug}`), 303);
      })
      // Opens (or reopens) the direct room of the sender and the people named.
      .post("/dm", requireUser, async (c) => {
        const { username } = await c.req.parseBody({ all: true });
        const opened = await openDirectRoom(store, c.var.user as User, username);
        if ("error" in opened) throw new HTTPException(422, { message: opened.error });
        return c.redirect(c.var.paths.to(`/rooms/${opened.room.slug}`), 303);
      })
      .get("/rooms/:slug", requireUser, async (c) => {
        const user = c.var.user as User;
        const found = await findVisibleRoom(store, c.req.param("slug"), user);
        const room = seenBy(found.room, user);
        const { standing } = found;
        const [page, joined, members, present, memberList] = await Promise.all([
          roomViewAt(store, room, c.req.query("at")),
          store.rooms.listJoinedBy(user.id),
          store.rooms.memberCount(room.id),
          chat.presence.list(room.id).catch(() => []),
          store.members.roster(room.id, membersShown),
        ]);
        const rooms = joined.map((each) => seenBy(each, user));
        const here = rooms.find((each) => each.id === room.id);
        // A link opens a preview; joining is a choice (the Join button posts below).
        if (!here) {
          return c.render(
            <RoomPreviewPage
              user={user}
              room={room}
              rooms={rooms}
              members={members}
              present={present}
              messages={page.messages}
              hasOlder={page.hasOlder}
              whole={page.whole}
              linked={page.linked}
              memberList={memberList}
            />,
          );
        }
        const read = { lastReadId: here?.lastReadId ?? 0, notify: here?.notify ?? ("mentions" as const) };
        return c.render(
          <RoomPage
            user={user}
            room={room}
            rooms={rooms}
            members={members}
            present={present}
            read={read}
            messages={page.messages}
            hasOlder={page.hasOlder}
            whole={page.whole}
            linked={page.linked}
            memberList={memberList}
            nonce={randomToken(9)}
            actions={memberActions({ ...standing, id: user.id })}
            manages={mayModerate(standing)}
          />,
        );
      })
      .post("/rooms/:slug/notify", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room } = await findVisibleRoom(store, c.req.param("slug"), user);
        const { notify } = await c.req.parseBody();
        if (notify !== "all" && notify !== "mentions" && notify !== "none") {
          throw new HTTPException(400, { message: "Choose all, mentions or none." });
        }
        await store.rooms.setNotify(room.id, user.id, notify);
        return c.redirect(c.var.paths.to(`/rooms/${room.slug}`), 303);
      })
      .post("/rooms/:slug/join", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room, standing } = await findVisibleRoom(store, c.req.param("slug"), user);
        // Nobody joins a private or direct room themselves (they are added); a member is in already.
        if (mayJoin(room, standing)) await store.rooms.join(room.id, user.id);
        return c.redirect(c.var.paths.to(`/rooms/${room.slug}`), 303);
      })
      // Leaving takes the room off the person's lists; it can be joined again from its preview.
      .post("/rooms/:slug/leave", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room } = await findVisibleRoom(store, c.req.param("slug"), user);
        await store.rooms.leave(room.id, user.id);
        return c.redirect(c.var.paths.to("/"), 303);
      })
      .get("/rooms/:slug/messages", requireUser, async (c) => {
        const { room } = await findVisibleRoom(store, c.req.param("slug"), c.var.user as User);
        return c.html(await historyFragment(store, room, c.req.query(), c.var.paths));
      })
      .get("/rooms/:slug/ws", roomSocket(deps, chat))
  );
}
