import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Deps } from "../app-env.ts";
import { isOwner } from "../rooms/access.ts";
import type { Chat } from "../rooms/chat.ts";
import { createInvite, inviteUrl, revokeInvite } from "../rooms/invites.ts";
import {
  addMember,
  deleteRoom,
  removeMember,
  roomAsSeenBy,
  roomInCharge,
  setMemberRole,
  unbanPerson,
} from "../rooms/membership.tsx";
import { broadcastMembers } from "../rooms/room-changes.tsx";
import type { RoomInvite, RoomMember, RoomRole, User } from "../store/records.ts";
import { callerOf } from "./caller.ts";

/** How many members the API lists at most, as the member list does. */
const membersListed = 500;

const memberJson = (member: Pick<RoomMember, "username" | "displayName" | "role">) => ({
  username: member.username,
  displayName: member.displayName,
  role: member.role,
});

const inviteJson = (invite: RoomInvite) => ({
  id: invite.id,
  createdAt: invite.createdAt.toISOString(),
  expiresAt: invite.expiresAt.toISOString(),
});

/** A JSON object body, or a 400 that says what to send. */
const objectBody = async (c: Context, shape: string): Promise<Record<string, unknown>> => {
  const body = await c.req.json().catch(() => undefined);
  if (typeof body !== "object" || body === null)
    throw new HTTPException(400, { message: `Send a JSON object: ${shape}.` });
  return body as Record<string, unknown>;
};

/**
 * A room's people over JSON, with the pages' rules (the same functions of src/rooms/membership.tsx):
 * members, bans, roles, invite links, and deleting the room.
 */
export function memberApiRoutes(deps: Deps, chat: Chat) {
  const { store } = deps;
  const requireCaller = callerOf(deps);
  const caller = (c: Context<AppEnv>) => c.var.user as User;
  const membership = (c: Context<AppEnv>) => ({ store, sessionSockets: chat.sessionSockets, paths: c.var.paths });

  return (
    new Hono<AppEnv>()
      .get("/rooms/:slug/members", requireCaller, async (c) => {
        const { room } = await roomAsSeenBy(store, c.req.param("slug"), caller(c));
        return c.json({ members: (await store.members.roster(room.id, membersListed)).map(memberJson) });
      })
      .post("/rooms/:slug/members", requireCaller, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), caller(c));
        const { username } = await objectBody(c, '{"username": "…"}');
        const person = await addMember(store, room, username);
        const standing = await store.rooms.standing(room.id, person.id);
        const member = { ...person, role: standing.role ?? ("member" as const) };
        await broadcastMembers(chat, room, { added: member });
        return c.json({ member: memberJson(member) }, 201);
      })
      .delete("/rooms/:slug/members/:username", requireCaller, async (c) => {
        const user = caller(c);
        const { room, standing } = await roomInCharge(store, c.req.param("slug"), user);
        const removed = await removeMember(membership(c), room, { ...standing, id: user.id }, c.req.param("username"), {
          ban: false,
        });
        await broadcastMembers(chat, room, { removed });
        return c.body(null, 204);
      })
      .put("/rooms/:slug/members/:username/role", requireCaller, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), caller(c), isOwner);
        const { role } = await objectBody(c, '{"role": "moderator" | "member"}');
        const person = await setMemberRole(store, room, c.req.param("username"), role);
        await broadcastMembers(chat, room, { role: { id: person.id, role: role as RoomRole } });
        return c.json({ member: memberJson({ ...person, role: role as RoomMember["role"] }) });
      })
      .put("/rooms/:slug/bans/:username", requireCaller, async (c) => {
        const user = caller(c);
        const { room, standing } = await roomInCharge(store, c.req.param("slug"), user);
        const removed = await removeMember(membership(c), room, { ...standing, id: user.id }, c.req.param("username"), {
          ban: true,
        });
        await broadcastMembers(chat, room, { removed });
        return c.body(null, 204);
      })
      .delete("/rooms/:slug/bans/:username", requireCaller, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), caller(c));
        await unbanPerson(store, room, c.req.param("username"));
        return c.body(null, 204);
      })
      .get("/rooms/:slug/invites", requireCaller, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), caller(c));
        return c.json({ invites: (await store.invites.listLive(room.id, deps.now())).map(inviteJson) });
      })
      // The code is in this answer alone: only its digest is kept.
      .post("/rooms/:slug/invites", requireCaller, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), caller(c));
        const { code, invite } = await createInvite(deps, room, caller(c));
        const origin = deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
        return c.json({ invite: { ...inviteJson(invite), url: inviteUrl(origin, c.var.paths, code) } }, 201);
      })
      .delete("/rooms/:slug/invites/:id", requireCaller, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), caller(c));
        await revokeInvite(deps, room, c.req.param("id"));
        return c.body(null, 204);
      })
      // As on the settings page, the room's name confirms it: a script's slip cannot delete a room.
      .delete("/rooms/:slug", requireCaller, async (c) => {
        const { room } = await roomInCharge(store, c.req.param("slug"), caller(c), isOwner);
        const { confirm } = await objectBody(c, '{"confirm": "<the room\'s name>"}');
        if (confirm !== room.name) throw new HTTPException(422, { message: "Send the room's name as confirm." });
        await deleteRoom(membership(c), room);
        return c.body(null, 204);
      })
  );
}
