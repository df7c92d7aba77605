import type { Room, User } from "../../src/store/records.ts";

/** What a direct room is called for one of its people: the others' usernames (its name lists everyone's). */
export function directName(room: Pick<Room, "name">, viewer: Pick<User, "username">): string {
  const others = room.name.split(", ").filter((name) => name !== viewer.username);
  return others.length ? others.join(", ") : room.name;
}

/** The room as this person sees it: a direct room named by the others in it, any other as it is. */
export function seenBy<R extends Pick<Room, "name" | "visibility">>(room: R, viewer: Pick<User, "username">): R {
  return room.visibility === "direct" ? { ...room, name: directName(room, viewer) } : room;
}
