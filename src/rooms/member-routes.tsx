import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { MemberListRefresh, membersShown } from "../../views/rooms/member-list.tsx";
import { InviteGonePage, type Management, MembersPage } from "../../views/rooms/members-page.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import { requireUser } from "../http/identity.ts";
import type { Room, RoomRole, Standing, User } from "../store/records.ts";
import { isOwner, mayModerate } from "./access.ts";
import type { Chat } from "./chat.ts";
import { createInvite, inviteUrl, joinByInvite, revokeInvite } from "./invites.ts";
import {
  addMember,
  memberActions,
  removeMember,
  roomAsSeenBy,
  roomInCharge,
  setMemberRole,
  unbanPerson,
} from "./membership.tsx";
import { broadcastMembers } from "./room-changes.tsx";

/**
 * A room's people: its member list (a fragment for the popover, a page without script), adding,
 * removing, banning and roles, and invite links. Every route asks src/rooms/access.ts through
 * `roomAsSeenBy` / `roomInCharge`: whoever may not see the room gets a made-up slug's 404.
 */
export function memberRoutes(deps: Deps, chat: Chat) {
  const { store } = deps;
  const originOf = (c: Context) => deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;

  const listOf = async (room: Room, viewer: Standing & { id: number }) => {
    const [members, count, present] = await Promise.all([
      store.members.roster(room.id, membersShown),
      store.rooms.memberCount(room.id),
      chat.presence.list(room.id).catch(() => []),
    ]);
    const here = new Set(present.map((person) => person.id));
    return { members, count, here, actions: memberActions(viewer), manages: mayModerate(viewer) };
  };

  /** The members page; for owners and moderators with adding, invites and bans. */
  const page = async (
    c: Context<AppEnv>,
    room: Room,
    standing: Standing,
    extra: Pick<Management, "add" | "newInvite"> = {},
    status: 200 | 201 | 404 | 409 = 200,
  ) => {
    const user = c.var.user as User;
    const viewer = { ...standing, id: user.id };
    const list = await listOf(room, viewer);
    const manage = mayModerate(standing)
      ? {
          invites: await store.invites.listLive(room.id, deps.now()),
          banned: await store.members.banned(room.id),
          ...extra,
        }
      : undefined;
    return c.render(<MembersPage user={user} room={room} list={list} manage={manage} />, status);
  };

  const backToMembers = (c: Context<AppEnv>, room: Room) =>
    c.redirect(c.var.paths.to(`/rooms/${room.slug}/members`), 303);

  return (
    new Hono<AppEnv>()
      // Asked for each time the member list opens ("here now" stays current); a page without script.
      .get("/rooms/:slug/members", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room, standing } = await roomAsSeenBy(store, c.req.param("slug"), user);
        if (c.req.header("hx-request") !== "true") return page(c, room, standing);
        const list = await listOf(room, { ...standing, id: user.id });
        return c.render(<MemberListRefresh room={room} {...list} />);
      })
      .post("/rooms/:slug/members", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room, standing } = await roomInCharge(store, c.req.param("slug"), user);
        const { username } = await c.req.parseBody();
        try {
          const person = await addMember(store, room, username);
          await broadcastMembers(chat, room, { added: { ...person, role: "member" } });
        } catch (error) {
          if (!(error instanceof HTTPException) || error.status === 403) throw error;
          const add = { username: typeof username === "string" ? username : "", error: error.message };
          return page(c, room, standing, { add }, error.status === 409 ? 409 : 404);
        }
        return backToMembers(c, room);
      })
      .post("/rooms/:slug/members/:username/remove", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room, standing } = await roomInCharge(store, c.req.param("slug"), user);
        const removed = await removeMember(chat, room, { ...standing, id: user.id }, c.req.param("username"), {
          ban: false,
        });
        await broadcastMembers(chat, room, { removed });
        return backToMembers(c, room);
      })
      .post("/rooms/:slug/members/:username/ban", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room, standing } = await roomInCharge(store, c.req.param("slug"), user);
        const removed = await removeMember(chat, room, { ...standing, id: user.id }, c.req.param("username"), {
          ban: true,
        });
        await broadcastMembers(chat, room, { removed });
        return backToMembers(c, room);
      })
      .post("/rooms/:slug/members/:username/unban", requireUser, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), c.var.user as User);
        await unbanPerson(store, room, c.req.param("username"));
        return backToMembers(c, room);
      })
      .post("/rooms/:slug/members/:username/role", requireUser, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), c.var.user as User, isOwner);
        const { role } = await c.req.parseBody();
        const person = await setMemberRole(store, room, c.req.param("username"), role);
        await broadcastMembers(chat, room, { role: { id: person.id, role: role as RoomRole } });
        return backToMembers(c, room);
      })
      // The link is shown once, on the page this answers with: only its digest is kept.
      .post("/rooms/:slug/invites", requireUser, async (c) => {
        const user = c.var.user as User;
        const { room, standing } = await roomInCharge(store, c.req.param("slug"), user);
        const { code, invite } = await createInvite(deps, room, user);
        const newInvite = { url: inviteUrl(originOf(c), c.var.paths, code), expiresAt: invite.expiresAt };
        return page(c, room, standing, { newInvite }, 201);
      })
      .post("/rooms/:slug/invites/:id/revoke", requireUser, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), c.var.user as User);
        await revokeInvite(deps, room, c.req.param("id"));
        return c.redirect(c.var.paths.to(`/rooms/${room.slug}/members#invites`), 303);
      })
      // Signed-out visitors sign in first and come back here (requireUser's next=).
      .get("/invites/:code", requireUser, async (c) => {
        const user = c.var.user as User;
        const joined = await joinByInvite(deps, c.req.param("code"), user);
        if (!joined) return c.render(<InviteGonePage user={user} />, 404);
        return c.redirect(c.var.paths.to(`/rooms/${joined.slug}`), 303);
      })
  );
}
