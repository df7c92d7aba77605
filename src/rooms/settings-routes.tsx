import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { Replace } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import { RoomSettingsPage } from "../../views/rooms/settings.tsx";
import { RoomTopic, topicId } from "../../views/rooms/show.tsx";
import { firstIssue } from "../accounts/credentials.ts";
import { requireUser } from "../accounts/sessions.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import type { Channels } from "../delivery/channels.ts";
import { roomTopic } from "../delivery/topics.ts";
import type { Room, User } from "../store/records.ts";
import { roomTopicSchema } from "./create-room.ts";
import { findRoom } from "./find-room.ts";

/** Only the room's creator changes its settings. */
const ownRoom = async (deps: Deps, slug: string | undefined, user: User): Promise<Room> => {
  const room = await findRoom(deps.store, slug);
  if (room.createdBy !== user.id)
    throw new HTTPException(403, { message: "Only the room's creator can change its settings." });
  return room;
};

/**
 * GET/POST /rooms/:slug/settings. A new topic reaches everyone in the room at once, as a
 * fragment over the room's socket like any message.
 */
export function roomSettingsRoutes(deps: Deps, channels: Pick<Channels, "publish">) {
  return new Hono<AppEnv>()
    .get("/rooms/:slug/settings", requireUser, async (c) => {
      const user = c.var.user as User;
      return c.html(<RoomSettingsPage user={user} room={await ownRoom(deps, c.req.param("slug"), user)} />);
    })
    .post("/rooms/:slug/settings", requireUser, async (c) => {
      const user = c.var.user as User;
      const room = await ownRoom(deps, c.req.param("slug"), user);
      const { topic } = await c.req.parseBody();
      const parsed = roomTopicSchema.safeParse(typeof topic === "string" ? topic : undefined);
      if (!parsed.success) {
        const kept = typeof topic === "string" ? topic : "";
        return c.html(<RoomSettingsPage user={user} room={room} topic={kept} error={firstIssue(parsed.error)} />, 422);
      }
      await deps.store.rooms.setTopic(room.id, parsed.data);
      const changed = { ...room, topic: parsed.data };
      channels.publish(
        roomTopic(room),
        await render(
          <Replace target={topicId(room)}>
            <RoomTopic room={changed} />
          </Replace>,
        ),
      );
      return c.redirect(`/rooms/${room.slug}`, 303);
    });
}
