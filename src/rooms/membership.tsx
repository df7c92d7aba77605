import { HTTPException } from "hono/http-exception";
import { Replace } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import { ConnectionEnding, endingId } from "../../views/rooms/connection.tsx";
import type { MemberActions } from "../../views/rooms/member-list.tsx";
import { closeCodes } from "../delivery/close-codes.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import type { Room, RoomMember, RoomRole, Standing, User } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { isOwner, mayBeAdded, mayModerate, mayRemove } from "./access.ts";
import type { Chat } from "./chat.ts";
import { findVisibleRoom } from "./find-room.ts";

/** What changing a room's people needs: the store, and the sockets to end on every instance. */
export type Membership = Pick<Chat, "store" | "paths"> & { sessionSockets: Pick<SessionSockets, "endInRoom"> };

/** The room and what the person is to it (findVisibleRoom: whoever may not see it gets a made-up slug's 404). */
export const roomAsSeenBy = findVisibleRoom;

/** The room, for someone `may` allows (owners and moderators unless told); 403 for anyone else who sees it. */
export async function roomInCharge(
  store: Store,
  slug: string | undefined,
  user: User,
  may: (standing: Standing) => boolean = mayModerate,
) {
  const found = await roomAsSeenBy(store, slug, user);
  if (!may(found.standing)) {
    const who = may === isOwner ? "owner" : "owner and moderators";
    throw new HTTPException(403, { message: `Only the room's ${who} can do that.` });
  }
  return found;
}

const personNamed = async (store: Store, username: unknown) => {
  const person = typeof username === "string" && username ? await store.users.findByUsername(username) : null;
  if (!person) throw new HTTPException(404, { message: "There is nobody by that username." });
  const { passwordHash: _hash, ...user } = person;
  return user;
};

/** Adds a person (by username) as a member; someone banned must be unbanned first. */
export async function addMember(store: Store, room: Room, username: unknown): Promise<User> {
  const person = await personNamed(store, username);
  const standing = await store.rooms.standing(room.id, person.id);
  if (!mayBeAdded(room, standing)) {
    const why = standing.banned
      ? `@${person.username} is banned from this room: unban them first.`
      : "Nobody can be added to a direct conversation.";
    throw new HTTPException(409, { message: why });
  }
  await store.members.add(room.id, person.id);
  return person;
}

/**
 * Removes a member, or bans a person (a member or not); either way their open sockets in the
 * room close at once on every instance, each told why first. Where the room is now hidden from
 * them (private, or banned) the close is 4404, the same as a room that does not exist.
 */
export async function removeMember(
  membership: Membership,
  room: Room,
  actor: Standing & { id: number },
  username: unknown,
  { ban }: { ban: boolean },
): Promise<User> {
  const { store, sessionSockets, paths } = membership;
  const person = await personNamed(store, username);
  const standing = await store.rooms.standing(room.id, person.id);
  if (!ban && standing.role === null)
    throw new HTTPException(404, { message: `@${person.username} is not a member here.` });
  if (!mayRemove(actor, standing)) {
    const whom = standing.role === "owner" ? "the room's owner" : "a moderator: only the owner can";
    throw new HTTPException(403, { message: `You cannot ${ban ? "ban" : "remove"} ${whom}.` });
  }
  if (ban) await store.members.ban(room.id, person.id, actor.id);
  else await store.members.remove(room.id, person.id);
  const hidden = ban || room.visibility !== "public";
  const text = ban ? `You were banned from ${room.name}.` : `You were removed from ${room.name}.`;
  await sessionSockets.endInRoom({
    room: room.id,
    user: person.id,
    code: hidden ? closeCodes.noSuchRoom : closeCodes.forbidden,
    reason: ban ? "banned" : "removed",
    notice: await endingNotice(room, text, paths),
  });
  return person;
}

export async function unbanPerson(store: Store, room: Room, username: unknown): Promise<User> {
  const person = await personNamed(store, username);
  await store.members.unban(room.id, person.id);
  return person;
}

/** The owner makes a member a moderator, or a moderator a member again; the owner stays owner. */
export async function setMemberRole(store: Store, room: Room, username: unknown, role: unknown): Promise<User> {
  if (role !== "moderator" && role !== "member")
    throw new HTTPException(400, { message: "Choose moderator or member." });
  const person = await personNamed(store, username);
  const standing = await store.rooms.standing(room.id, person.id);
  if (standing.role === null) throw new HTTPException(404, { message: `@${person.username} is not a member here.` });
  if (standing.role === "owner") throw new HTTPException(403, { message: "The owner stays the owner." });
  await store.members.setRole(room.id, person.id, role satisfies RoomRole);
  return person;
}

/** The room and all of it, gone; every open socket of it closes (4404) on every instance, told why. */
export async function deleteRoom(membership: Membership, room: Room): Promise<void> {
  await membership.store.rooms.delete(room.id);
  await membership.sessionSockets.endInRoom({
    room: room.id,
    code: closeCodes.noSuchRoom,
    reason: "deleted",
    notice: await endingNotice(room, `${room.name} was deleted.`, membership.paths),
  });
}

const endingNotice = (room: Room, text: string, paths: Membership["paths"]) =>
  render(
    <Replace target={endingId(room)}>
      <ConnectionEnding room={room} text={text} />
    </Replace>,
    paths,
  );

/** What `viewer` may do to each member, for the member list; undefined for those who run nothing. */
export function memberActions(viewer: Standing & { id: number }): ((member: RoomMember) => MemberActions) | undefined {
  if (!mayModerate(viewer)) return undefined;
  return (member) => {
    const removable = member.id !== viewer.id && mayRemove(viewer, { role: member.role, banned: false });
    return { remove: removable, ban: removable, role: isOwner(viewer) && member.role !== "owner" };
  };
}
