import type { Room, User } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { directSlug } from "./hidden-slugs.ts";

/** Enough for a small group; a direct room is not a way to reach everyone at once. */
export const maxDirectPeople = 8;

export type OpenDirectResult = { room: Room } | { error: string };

const namesOf = (usernames: unknown): string[] => {
  const list = Array.isArray(usernames) ? usernames : [usernames];
  const names = list
    .filter((name): name is string => typeof name === "string")
    .map((name) => name.trim().toLowerCase());
  return [...new Set(names.filter((name) => name !== ""))];
};

/**
 * The direct room of exactly the sender and the people named: the one they already have, or a
 * new one with all of them in it at once. Its name lists their usernames (each person sees the
 * others'); its slug is random, so nobody else can find it by guessing.
 */
export async function openDirectRoom(store: Store, sender: User, usernames: unknown): Promise<OpenDirectResult> {
  const names = namesOf(usernames).filter((name) => name !== sender.username.toLowerCase());
  if (names.length === 0) return { error: "Name someone to write to." };
  if (names.length > maxDirectPeople) return { error: `A direct message goes to ${maxDirectPeople} people at most.` };
  const people: User[] = [];
  for (const name of names) {
    const person = await store.users.findByUsername(name);
    // Embed guests and a host's people cannot sign in to read it: only accounts are written to.
    if (person?.kind !== "account") return { error: `No one goes by “${name}” here.` };
    const { passwordHash: _, ...user } = person;
    people.push(user);
  }
  const everyone = [sender, ...people];
  const name = everyone
    .map((person) => person.username)
    .sort()
    .join(", ");
  for (let tries = 0; tries < 3; tries++) {
    const room = await store.rooms.openDirect(
      { name, slug: directSlug(), createdBy: sender.id },
      everyone.map((person) => person.id),
    );
    if (room) return { room };
  }
  return { error: "Could not open the conversation: try again." };
}
