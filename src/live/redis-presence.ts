import { randomBytes } from "node:crypto";
import type { BusIdentity } from "../bus/identity.ts";
import { connect } from "../bus/redis.ts";
import { byName, type PresenceStore, type Present } from "./presence-store.ts";

/** How long an instance's word that someone is here lasts unless it says it again. */
export const presenceTtlMs = 30_000;

/**
 * Presence shared by every instance through Redis: one sorted set per room, each member
 * `<instance>|<the person as JSON>` scored with the moment it expires. Every instance
 * re-scores its own members a few times per lifetime; a crashed instance stops, and its people
 * drop out of every list within `ttlMs`. Several tabs on several instances list a person once.
 */
export function createRedisPresence(
  url: string,
  identity: Pick<BusIdentity, "namespace">,
  { ttlMs = presenceTtlMs, log = console.error }: { ttlMs?: number; log?: (line: string) => void } = {},
): PresenceStore {
  // Unlike the bus, presence may wait a moment for its connection (at start, after a blip):
  // a command queues until it is up, and gives up after the connection's command timeout.
  const redis = connect(url, `${identity.namespace}:presence`, { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => {}); // the bus reports Redis's health; presence just waits for it
  const instance = randomBytes(6).toString("hex");
  const key = (roomId: number) => `${identity.namespace}:presence:room:${roomId}`;
  const member = (person: Present) => `${instance}|${JSON.stringify(person)}`;
  const mine = new Map<number, Map<number, Present>>();

  const refresh = async () => {
    const expires = Date.now() + ttlMs;
    const batch = redis.multi();
    for (const [roomId, people] of mine) {
      for (const person of people.values()) batch.zadd(key(roomId), expires, member(person));
      batch.pexpire(key(roomId), ttlMs);
    }
    await batch.exec();
  };
  const timer = setInterval(() => refresh().catch(() => {}), Math.max(100, Math.floor(ttlMs / 3)));
  timer.unref?.();

  return {
    async add(roomId, person) {
      let people = mine.get(roomId);
      if (!people) {
        people = new Map();
        mine.set(roomId, people);
      }
      const before = people.get(person.id);
      people.set(person.id, person);
      const batch = redis.multi();
      // Added again with a new name or picture: the old entry goes, or the list would show both.
      if (before && member(before) !== member(person)) batch.zrem(key(roomId), member(before));
      await batch
        .zadd(key(roomId), Date.now() + ttlMs, member(person))
        .pexpire(key(roomId), ttlMs)
        .exec();
    },
    async remove(roomId, personId) {
      const people = mine.get(roomId);
      const person = people?.get(personId);
      if (!people || !person) return;
      people.delete(personId);
      if (people.size === 0) mine.delete(roomId);
      await redis.zrem(key(roomId), member(person));
    },
    async list(roomId) {
      const now = Date.now();
      const replies = await redis
        .multi()
        .zremrangebyscore(key(roomId), "-inf", now)
        .zrangebyscore(key(roomId), now, "+inf")
        .exec();
      const [error, entries] = replies?.[1] ?? [new Error("no reply"), []];
      if (error) throw error;
      const people = new Map<number, Present>();
      for (const entry of entries as string[]) {
        try {
          const person = JSON.parse(entry.slice(entry.indexOf("|") + 1)) as Present;
          people.set(person.id, person);
        } catch {
          // Not ours to read (an older format): it expires by itself.
        }
      }
      return [...people.values()].sort(byName);
    },
    async close() {
      clearInterval(timer);
      // Leaving on purpose: say so at once rather than letting every entry expire.
      const batch = redis.multi();
      for (const [roomId, people] of mine)
        for (const person of people.values()) batch.zrem(key(roomId), member(person));
      await batch.exec().catch((error: unknown) => log(`presence: could not clear on close: ${error}`));
      redis.disconnect();
    },
  };
}
