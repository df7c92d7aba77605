import { drawUsername, stemOf } from "../accounts/drawn-usernames.ts";
import type { Room } from "../store/records.ts";
import type { UserQueries } from "../store/store.ts";

/** A guest of an embedded room: their nickname is their display name; their username is drawn. */
export const createGuest = (users: Pick<UserQueries, "createEmbedded">, nickname: string) =>
  drawUsername((username) => users.createEmbedded({ username, displayName: nickname, kind: "guest" }), "guest");

/**
 * The Parley user for a person an embedding site signed in: one per room and `sub` (the room's
 * secret is the site's key, so two rooms never share a `sub`), their name kept current.
 */
export const externalPerson = (users: Pick<UserQueries, "createEmbedded">, room: Room, sub: string, name: string) =>
  drawUsername(
    (username) =>
      users.createEmbedded({ username, displayName: name, kind: "external", externalId: `${room.id}:${sub}` }),
    stemOf(name) || "member",
  );
