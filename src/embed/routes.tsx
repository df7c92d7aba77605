import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { EmbedPage, type EmbedVisitor } from "../../views/embed/page.tsx";
import { firstIssue } from "../accounts/credentials.ts";
import { deactivatedMessage } from "../accounts/deactivation.ts";
import { randomToken } from "../accounts/secrets.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import { framedPolicy } from "../http/security-headers.ts";
import { isSameOrigin } from "../rooms/access.ts";
import type { Chat } from "../rooms/chat.ts";
import { parseChanges, parseCursor } from "../rooms/cursor.ts";
import { findRoom } from "../rooms/find-room.ts";
import { lastPage } from "../rooms/history.ts";
import { historyFragment } from "../rooms/history-fragment.tsx";
import { type Admit, admitting, roomSocket } from "../rooms/socket.tsx";
import type { EmbedSettings, Room } from "../store/records.ts";
import { type Appearance, appearanceOf, appearanceParams } from "./appearance-rules.ts";
import { createGuest, externalPerson } from "./embed-people.ts";
import { findEmbedSession, startEmbedSession } from "./embed-sessions.ts";
import { checkHostToken } from "./host-token.ts";
import { nicknameSchema } from "./nickname.ts";
import { forgetGuest, rememberedGuest, rememberGuest } from "./returning-guest.ts";
import { ViewerConnection } from "./viewer-socket.ts";

/** A room its creator opened to at least one site; any other is refused alike. */
async function embeddable(deps: Deps, slug: string | undefined): Promise<{ room: Room; settings: EmbedSettings }> {
  const room = await findRoom(deps.store, slug);
  // A private or direct room is never embedded: outside it, it does not exist.
  if (room.visibility !== "public") throw new HTTPException(404, { message: "There is no room here." });
  const settings = await deps.store.embeds.settings(room.id);
  if (!settings?.allowedOrigins.length)
    throw new HTTPException(404, { message: "This room is not shared with other sites." });
  return { room, settings };
}

const query = (params: Record<string, string>) => {
  const search = new URLSearchParams(params).toString();
  return search ? `?${search}` : "";
};

/**
 * `GET /embed/:slug` and what it needs: the room for another site's iframe, with who may speak
 * there (guests by nickname, the site's own people by a token it signs), its history
 * fragments and its socket. The session lives in the frame's URL (see embed-sessions.ts), and a
 * guest's in a partitioned cookie too, so the host site's other pages find them again.
 */
export function embedRoutes(deps: Deps, chat: Chat) {
  const { store } = deps;

  /** The page as the visitor gets it, framed only by the room's allowed origins. */
  const page = async (
    c: Context<AppEnv>,
    target: { room: Room; settings: EmbedSettings; appearance: Appearance },
    visitor: EmbedVisitor,
    notice?: string,
    status: 200 | 401 | 403 | 422 = 200,
  ) => {
    const { room, settings, appearance } = target;
    const [history, members, present] = await Promise.all([
      lastPage(store, room),
      store.rooms.memberCount(room.id),
      chat.presence.list(room.id).catch(() => []),
    ]);
    const nonce = randomToken(12);
    c.header(
      "Content-Security-Policy",
      framedPolicy(settings.allowedOrigins, nonce, { linkedPictures: deps.identify !== undefined }),
    );
    return c.render(
      <EmbedPage
        room={room}
        messages={history.messages}
        hasOlder={history.hasMore}
        whole={{ through: history.through, change: history.change }}
        members={members}
        present={present}
        visitor={visitor}
        appearance={appearance}
        query={query(appearanceParams(appearance))}
        nonce={nonce}
        notice={notice}
      />,
      status,
    );
  };

  /** Into the frame's URL: the session, with the site's appearance kept. */
  const enter = (c: Context<AppEnv>, room: Room, appearance: Appearance, session: string) =>
    c.redirect(c.var.paths.to(`/embed/${room.slug}${query({ ...appearanceParams(appearance), session })}`), 303);

  /** A socket for someone signed in to this room's embed; the room page's rules from there on. */
  const admitSpeaker: Admit = (c) =>
    admitting(async () => {
      if (!isSameOrigin(c, deps.config)) throw new HTTPException(403, { message: "foreign origin" });
      const { room } = await embeddable(deps, c.req.param("slug"));
      const found = await findEmbedSession(deps, c.req.query("session"), room);
      if (!found) throw new HTTPException(401, { message: "this session has ended" });
      const { after } = parseCursor(c.req.query());
      const changes = parseChanges(c.req.query());
      return { ok: true, user: found.user, session: found.id, room, after: after ?? null, changes };
    });
  const speakerSocket = roomSocket(deps, chat, admitSpeaker);
  const readerSocket = deps.upgradeWebSocket(async (c) => {
    const closing = (code: number, reason: string) => ({
      onOpen: (_event: Event, ws: { close: (code: number, reason: string) => void }) => ws.close(code, reason),
    });
    if (!isSameOrigin(c, deps.config)) return closing(4403, "foreign origin");
    const found = await embeddable(deps, c.req.param("slug")).catch(() => null);
    if (!found) return closing(4404, "not shared");
    const { after } = parseCursor(c.req.query());
    return new ViewerConnection(chat, found.room, after ?? null, parseChanges(c.req.query()));
  });

  return new Hono<AppEnv>()
    .get("/embed/:slug", async (c) => {
      const { room, settings } = await embeddable(deps, c.req.param("slug"));
      const appearance = appearanceOf(c.req.query(), settings.allowedOrigins);
      const target = { room, settings, appearance };
      const visitor: EmbedVisitor = { kind: "visitor", guests: settings.guests };
      const token = c.req.query("token");
      if (token) {
        const checked = await checkHostToken(token, room, settings.secret, store.embeds, deps.now());
        if (!checked.ok) return page(c, target, visitor, checked.error, 401);
        const user = await externalPerson(store.users, room, checked.person.sub, checked.person.name);
        if (user.deactivatedAt) return page(c, target, visitor, deactivatedMessage, 403);
        // The same sub is the same person: a ban on them holds whatever token the site signs next.
        if ((await store.rooms.standing(room.id, user.id)).banned)
          return page(c, target, visitor, "You were banned from this room.", 403);
        return enter(c, room, appearance, await startEmbedSession(deps, user, room));
      }
      const session = c.req.query("session");
      if (!session) {
        // A guest coming back on another page of the host site: the same person, not a new member.
        const remembered = settings.guests ? rememberedGuest(c) : undefined;
        const guest = remembered ? await findEmbedSession(deps, remembered, room) : null;
        if (guest?.user.kind === "guest")
          return page(c, target, { kind: "speaker", user: guest.user, session: remembered as string });
        if (remembered) forgetGuest(c);
        return page(c, target, visitor);
      }
      const found = await findEmbedSession(deps, session, room);
      if (!found) return page(c, target, visitor, "Your session here has ended: reload the page to join again.", 401);
      return page(c, target, { kind: "speaker", user: found.user, session });
    })
    .post("/embed/:slug/guest", async (c) => {
      const { room, settings } = await embeddable(deps, c.req.param("slug"));
      const appearance = appearanceOf(c.req.query(), settings.allowedOrigins);
      const target = { room, settings, appearance };
      if (!settings.guests) {
        return page(c, target, { kind: "visitor", guests: false }, "Guests cannot write in this room.", 403);
      }
      const { nickname } = await c.req.parseBody();
      const parsed = nicknameSchema.safeParse(nickname);
      if (!parsed.success) {
        const typed = typeof nickname === "string" ? nickname : "";
        return page(
          c,
          target,
          { kind: "visitor", guests: true, nickname: typed, error: firstIssue(parsed.error) },
          undefined,
          422,
        );
      }
      const guest = await createGuest(store.users, parsed.data);
      const session = await startEmbedSession(deps, guest, room);
      rememberGuest(c, session);
      return enter(c, room, appearance, session);
    })
    .get("/embed/:slug/messages", async (c) => {
      const { room } = await embeddable(deps, c.req.param("slug"));
      return c.html(await historyFragment(store, room, c.req.query(), c.var.paths));
    })
    .get("/embed/:slug/ws", (c, next) => (c.req.query("session") ? speakerSocket(c, next) : readerSocket(c, next)));
}
