import { type Context, Hono } from "hono";
import { type EmbedForm, RoomSettingsPage } from "../../views/rooms/settings.tsx";
import { firstIssue } from "../accounts/credentials.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import { embedSettingsOf, newSecret, parseEmbedChange } from "../embed/embed-settings.ts";
import { requireUser } from "../http/identity.ts";
import type { Room, User, UserKind } from "../store/records.ts";
import { isOwner } from "./access.ts";
import type { Chat } from "./chat.ts";
import { renameRoom, roomTopicSchema } from "./create-room.ts";
import { deleteRoom, roomInCharge } from "./membership.tsx";
import { broadcastRoomChange } from "./room-changes.tsx";

/** Its owner and moderators change a room's settings; whoever may not see it gets a made-up slug's 404. */
const ownRoom = async (deps: Deps, slug: string | undefined, user: User): Promise<Room> =>
  (await roomInCharge(deps.store, slug, user)).room;

const typed = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * GET/POST /rooms/:slug/settings: the name and topic, and how other sites may embed the room (allowed
 * origins, guests, the signing secret). Each form posts only its own fields; a field left out
 * keeps its value. A new name or topic reaches everyone in the room at once, as a fragment over
 * the room's socket like any message, and a new name every page that lists the room.
 * POST /rooms/:slug/delete: the owner alone, typing the room's name; everything of it goes, and
 * every open socket of it closes.
 */
export function roomSettingsRoutes(
  deps: Deps,
  chat: Pick<Chat, "channels" | "activity" | "paths" | "roomRecords">,
  sessionSockets: Pick<SessionSockets, "endSession" | "endEmbed" | "endInRoom">,
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
    form: { name?: string; topic?: string; error?: string; embedForm?: EmbedForm; deleteError?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const embed = await embedSettingsOf(deps.store, room);
    const owner = isOwner(await deps.store.rooms.standing(room.id, user.id));
    return c.render(
      <RoomSettingsPage user={user} room={room} embed={embed} origin={originOf(c)} owner={owner} {...form} />,
      status,
    );
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
      let changed = room;
      if (form.name !== undefined && typed(form.name) !== room.name) {
        const renamed = await renameRoom(deps.store, room, form.name);
        if ("error" in renamed) {
          const kept = { name: typed(form.name) ?? "", topic: typed(form.topic), error: renamed.error };
          return page(c, user, room, kept, renamed.taken ? 409 : 422);
        }
        changed = renamed.room;
      }
      const renamed = changed !== room;
      if (form.topic !== undefined) {
        const parsed = roomTopicSchema.safeParse(typed(form.topic));
        if (!parsed.success) {
          if (renamed) await broadcastRoomChange(chat, changed, { renamed });
          return page(c, user, changed, { topic: typed(form.topic) ?? "", error: firstIssue(parsed.error) }, 422);
        }
        if (parsed.data !== room.topic) {
          await deps.store.rooms.setTopic(room.id, parsed.data);
          changed = { ...changed, topic: parsed.data };
        }
      }
      // Name and topic in one frame, so the header never shows one changed and not the other.
      if (changed !== room) await broadcastRoomChange(chat, changed, { renamed });
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
    })
    .post("/rooms/:slug/delete", requireUser, async (c) => {
      const user = c.var.user as User;
      const { room } = await roomInCharge(deps.store, c.req.param("slug"), user, isOwner);
      const { confirm } = await c.req.parseBody();
      if (typed(confirm)?.trim() !== room.name) {
        return page(c, user, room, { deleteError: `Type the room's name, ${room.name}, to delete it.` }, 422);
      }
      await deleteRoom({ store: deps.store, sessionSockets, paths: c.var.paths }, room);
      return c.redirect(c.var.paths.to("/"), 303);
    });
}
