import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { Replace } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import { type EmbedForm, RoomSettingsPage } from "../../views/rooms/settings.tsx";
import { RoomTopic, topicId } from "../../views/rooms/show.tsx";
import { firstIssue } from "../accounts/credentials.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import type { Channels } from "../delivery/channels.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import { roomTopic } from "../delivery/topics.ts";
import { embedSettingsOf, newSecret, parseEmbedChange } from "../embed/embed-settings.ts";
import { requireUser } from "../http/identity.ts";
import type { Room, User, UserKind } from "../store/records.ts";
import { roomTopicSchema } from "./create-room.ts";
import { findVisibleRoom } from "./find-room.ts";

/** Only the room's creator changes its settings. */
const ownRoom = async (deps: Deps, slug: string | undefined, user: User): Promise<Room> => {
  const { room } = await findVisibleRoom(deps.store, slug, user);
  if (room.createdBy !== user.id)
    throw new HTTPException(403, { message: "Only the room's creator can change its settings." });
  return room;
};

const typed = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * GET/POST /rooms/:slug/settings: the topic, and how other sites may embed the room (allowed
 * origins, guests, the signing secret). Each form posts only its own fields; a field left out
 * keeps its value. A new topic reaches everyone in the room at once, as a fragment over the
 * room's socket like any message.
 */
export function roomSettingsRoutes(
  deps: Deps,
  channels: Pick<Channels, "publish">,
  sessionSockets: Pick<SessionSockets, "endSession" | "endEmbed">,
) {
  /** Ends embed sessions the change took away (and their open sockets, on every instance). */
  const endEmbedSessions = async (room: Room, kind?: UserKind) => {
    for (const session of await deps.store.sessions.deleteForRoom(room.id, kind))
      await sessionSockets.endSession(session);
  };
  /**
   * Un-shared: the embed's readers would otherwise stream on, anonymous, for as long as they stay
   * open. Its readers and speakers close with 4404 ("no longer shared here"), on every instance.
   */
  const unshare = async (room: Room) => {
    await sessionSockets.endEmbed(room.id, await deps.store.sessions.deleteForRoom(room.id));
  };

  /** Where the snippet loads from: the public origin, or this request's. */
  const originOf = (c: Context) => deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;

  const page = async (
    c: Context<AppEnv>,
    user: User,
    room: Room,
    form: { topic?: string; error?: string; embedForm?: EmbedForm } = {},
    status: 200 | 422 = 200,
  ) => {
    const embed = await embedSettingsOf(deps.store, room);
    return c.render(<RoomSettingsPage user={user} room={room} embed={embed} origin={originOf(c)} {...form} />, status);
  };

  return new Hono<AppEnv>()
    .get("/rooms/:slug/settings", requireUser, async (c) => {
      const user = c.var.user as User;
      return page(c, user, await ownRoom(deps, c.req.param("slug"), user));
    })
    .post("/rooms/:slug/settings", requireUser, async (c) => {
      const user = c.var.user as User;
      const room = await ownRoom(deps, c.req.param("slug"), user);
      const form = await c.req.parseBody();

      if (form.rotate_secret !== undefined) {
        await embedSettingsOf(deps.store, room);
        await deps.store.embeds.setSecret(room.id, newSecret());
        // A rotation answers a leaked secret: whoever came in with a token leaves with it.
        await endEmbedSessions(room, "external");
        return c.redirect(c.var.paths.to(`/rooms/${room.slug}/settings#embed`), 303);
      }

      const embed = parseEmbedChange(form);
      if (!embed.ok) {
        const rejected = { origins: typed(form.allowed_origins), error: embed.error };
        return page(c, user, room, { embedForm: rejected }, 422);
      }
      if (form.topic !== undefined) {
        const parsed = roomTopicSchema.safeParse(typed(form.topic));
        if (!parsed.success)
          return page(c, user, room, { topic: typed(form.topic) ?? "", error: firstIssue(parsed.error) }, 422);
        await setTopic(room, parsed.data, c.var.paths);
      }
      const { allowedOrigins, guests } = embed.change;
      if (allowedOrigins !== undefined || guests !== undefined) {
        const current = await embedSettingsOf(deps.store, room);
        const next = { allowedOrigins: allowedOrigins ?? current.allowedOrigins, guests: guests ?? current.guests };
        await deps.store.embeds.save(room.id, next, current.secret);
        if (!next.allowedOrigins.length) await unshare(room);
        else if (current.guests && !next.guests) await endEmbedSessions(room, "guest");
        return c.redirect(c.var.paths.to(`/rooms/${room.slug}/settings#embed`), 303);
      }
      return c.redirect(c.var.paths.to(`/rooms/${room.slug}`), 303);
    });

  async function setTopic(room: Room, topic: string, paths: Paths) {
    await deps.store.rooms.setTopic(room.id, topic);
    const changed = { ...room, topic };
    channels.publish(
      roomTopic(room),
      await render(
        <Replace target={topicId(room)}>
          <RoomTopic room={changed} />
        </Replace>,
        paths,
      ),
    );
  }
}
