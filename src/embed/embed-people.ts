import type { Room, User } from "../store/records.ts";
import type { UserQueries } from "../store/store.ts";

/** Usernames for people who never chose one: drawn until free, within the account rules (a–z, 0–9, -). */
const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
const suffix = (length: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => alphabet[byte % alphabet.length]).join("");

/** "Ada Lovelace" → "ada-lovelace": a readable stem; empty when the name has no Latin letters or digits. */
const stemOf = (name: string) =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 20)
    .replace(/-+$/, "");

async function drawUsername(create: (username: string) => Promise<User | null>, stem: string): Promise<User> {
  for (let tries = 0; tries < 5; tries++) {
    const made = await create(`${stem}-${suffix(6)}`);
    if (made) return made;
  }
  throw new Error("no free username after 5 draws");
}

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
