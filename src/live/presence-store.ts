import type { User } from "../store/records.ts";

/**
 * Someone in a room, as presence lists them: enough to show their name and avatar, and `kind` to
 * tag a guest (an entry an older instance wrote has none: shown untagged).
 */
export type Present = Pick<User, "id" | "username" | "displayName" | "avatar"> & Partial<Pick<User, "kind">>;

/**
 * Who is in which room, across every instance. Each instance records only its own people
 * (room-presence.ts counts their tabs and calls `add` for the first, `remove` after the last);
 * `list` answers for the whole deployment. Shared stores expire what an instance stops
 * refreshing, so the people of a crashed instance leave by themselves.
 */
export interface PresenceStore {
  add(roomId: number, person: Present): Promise<void>;
  remove(roomId: number, personId: number): Promise<void>;
  /** Everyone present in the room on any instance, once each, by name. */
  list(roomId: number): Promise<Present[]>;
  close(): Promise<void>;
}

export const byName = (a: Present, b: Present) => a.username.localeCompare(b.username);

/** One instance: presence is this process's own memory. */
export function createMemoryPresence(): PresenceStore {
  const rooms = new Map<number, Map<number, Present>>();
  return {
    async add(roomId, person) {
      let people = rooms.get(roomId);
      if (!people) {
        people = new Map();
        rooms.set(roomId, people);
      }
      people.set(person.id, person);
    },
    async remove(roomId, personId) {
      const people = rooms.get(roomId);
      people?.delete(personId);
      if (people?.size === 0) rooms.delete(roomId);
    },
    async list(roomId) {
      return [...(rooms.get(roomId)?.values() ?? [])].sort(byName);
    },
    async close() {},
  };
}
