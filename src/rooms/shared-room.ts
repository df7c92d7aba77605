import type { Room } from "../store/records.ts";

const known = new Map<number, WeakRef<Room>>();

const same = (a: Room, b: Room) =>
  a.slug === b.slug &&
  a.name === b.name &&
  a.topic === b.topic &&
  a.createdBy === b.createdBy &&
  a.visibility === b.visibility &&
  a.createdAt.getTime() === b.createdAt.getTime();

/**
 * One object for a room's record across the sockets that hold it: each socket's admission reads
 * the room afresh, and a thousand sockets in one room would otherwise keep a thousand copies.
 * A room changed since (renamed) gets its new record shared from then on. Held weakly: a room
 * nobody holds is collected.
 */
export function sharedRoom(room: Room): Room {
  const held = known.get(room.id)?.deref();
  if (held && same(held, room)) return held;
  known.set(room.id, new WeakRef(room));
  return room;
}

/**
 * The room changed (renamed, a new topic), on any instance (src/delivery/room-records.ts): the
 * record this instance's open sockets hold takes the change in place, so what they render and hand on from now on (a message's hooks, notices)
 * names the room as it is now, not as it was when they opened.
 */
export function refreshSharedRoom({ id, name, topic }: Pick<Room, "id" | "name" | "topic">): void {
  const held = known.get(id)?.deref();
  if (held) Object.assign(held, { name, topic });
}
