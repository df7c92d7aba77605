import { createEnvelope } from "../bus/envelope.ts";
import type { BusIdentity } from "../bus/identity.ts";
import { connectTo, type RedisTarget } from "../bus/redis-connection.ts";
import { noFaults, type RedisFaults } from "../bus/redis-faults.ts";
import { byName, type PresenceStore, type Present } from "./presence-store.ts";

/** How long an instance's word that someone is here lasts unless it says it again. */
export const presenceTtlMs = 30_000;

const part = "presence";
/** Runs `run` every `ms` without keeping the process alive; returns the function that stops it. */
const repeat = (ms: number, run: () => unknown) => {
  const timer = setInterval(run, ms);
  timer.unref?.();
  return () => clearInterval(timer);
};
/** Leavers remembered while Redis is away, at most. */
const maxLeftMeanwhile = 10_000;

/**
 * Presence shared by every instance through Redis (one server or a cluster; every command and
 * MULTI touches one room's key, so names need no hash tag): one sorted set per room, each member the
 * person as JSON, sealed like the bus's payloads (`<instance>.<tag>.<json>`, ../bus/envelope.ts)
 * for that room's key, and scored with the moment it expires. Anyone who can write to the Redis
 * could otherwise put "The CEO" in everyone's "Here now" with one ZADD, or rename a real person:
 * an entry that this deployment did not seal for this room is never shown, and neither is one
 * that claims to last longer than an instance ever asks (a forged score cannot keep someone
 * listed). Every instance re-scores its own members a few times per lifetime; a crashed instance
 * stops, and its people drop out of every list within `ttlMs`. Several tabs on several instances
 * list a person once.
 *
 * It follows the bus's view of Redis (`faults`): while Redis is down, nothing is sent to it; this
 * instance lists its own people, and Redis learns of the changes at the next refresh.
 */
export function createRedisPresence(
  target: RedisTarget,
  identity: Pick<BusIdentity, "namespace" | "key">,
  {
    ttlMs = presenceTtlMs,
    log = console.error,
    faults = noFaults,
    now = Date.now,
    every = repeat,
  }: {
    ttlMs?: number;
    log?: (line: string) => void;
    faults?: RedisFaults;
    /** The clock entries are scored by, and the refresh's timer (a test's, to run them by hand). */
    now?: () => number;
    every?: (ms: number, run: () => unknown) => () => void;
  } = {},
): PresenceStore {
  // Unlike the bus, presence may wait a moment for its connection (at start, after a blip):
  // a command queues until it is up, and gives up after the connection's command timeout.
  const redis = connectTo(target, `${identity.namespace}:presence`, {
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
  });
  redis.on("error", () => {}); // the bus reports Redis's health; presence just waits for it
  const envelope = createEnvelope(identity.key);
  const key = (roomId: number) => `${identity.namespace}:presence:room:${roomId}`;
  const member = (roomId: number, person: Present) => envelope.seal(key(roomId), JSON.stringify(person));
  const mine = new Map<number, Map<number, Present>>();
  /** Members that left while Redis was away: taken out at the next refresh. */
  const leftMeanwhile: [string, string][] = [];

  /** A command of presence's; its failure is counted or reported (../bus/redis-faults.ts), never thrown. */
  const attempt = async <T>(command: () => Promise<T>): Promise<T | undefined> => {
    if (!faults.answers()) return undefined;
    try {
      const result = await command();
      faults.succeeded(part);
      return result;
    } catch (error) {
      faults.failed(part, error);
      return undefined;
    }
  };
  /** MULTI replies carry each command's error apart: the first one fails the whole. */
  const exec = async (batch: ReturnType<typeof redis.multi>) => {
    const replies = await batch.exec();
    const failed = replies?.find(([error]) => error)?.[0];
    if (failed) throw failed;
    return replies ?? [];
  };

  /**
   * One MULTI per room: each touches that room's key only, so on a Redis Cluster it runs on the
   * node of the key's slot (a MULTI over several rooms' keys would be refused, CROSSSLOT).
   */
  const refresh = () =>
    attempt(async () => {
      const expires = now() + ttlMs;
      const batches = new Map<string, ReturnType<typeof redis.multi>>();
      const batchFor = (at: string) => batches.get(at) ?? batches.set(at, redis.multi()).get(at);
      for (const [at, gone] of leftMeanwhile.splice(0)) batchFor(at)?.zrem(at, gone);
      for (const [roomId, people] of mine) {
        const batch = batchFor(key(roomId));
        for (const person of people.values()) batch?.zadd(key(roomId), expires, member(roomId, person));
        batch?.pexpire(key(roomId), ttlMs);
      }
      await Promise.all([...batches.values()].map(exec));
    });
  const stopRefreshing = every(Math.max(100, Math.floor(ttlMs / 3)), refresh);
  const here = (roomId: number) => [...(mine.get(roomId)?.values() ?? [])].sort(byName);

  return {
    async add(roomId, person) {
      let people = mine.get(roomId);
      if (!people) {
        people = new Map();
        mine.set(roomId, people);
      }
      const before = people.get(person.id);
      people.set(person.id, person);
      await attempt(() => {
        const batch = redis.multi();
        // Added again with a new name or picture: the old entry goes, or the list would show both.
        const old = before && member(roomId, before);
        if (old && old !== member(roomId, person)) batch.zrem(key(roomId), old);
        return exec(batch.zadd(key(roomId), now() + ttlMs, member(roomId, person)).pexpire(key(roomId), ttlMs));
      });
    },
    async remove(roomId, personId) {
      const people = mine.get(roomId);
      const person = people?.get(personId);
      if (!people || !person) return;
      people.delete(personId);
      if (people.size === 0) mine.delete(roomId);
      const gone = member(roomId, person);
      const done = await attempt(() => redis.zrem(key(roomId), gone));
      // Past the bound, a long outage's leavers just expire, as a crashed instance's people do.
      if (done === undefined && leftMeanwhile.length < maxLeftMeanwhile) leftMeanwhile.push([key(roomId), gone]);
    },
    async list(roomId) {
      const at = now();
      // No instance asks for more than ttlMs (another's clock may run a little ahead): an entry
      // scored beyond that is forged to linger, and goes.
      const latest = at + 2 * ttlMs;
      const replies = await attempt(() =>
        exec(
          redis
            .multi()
            .zremrangebyscore(key(roomId), "-inf", at)
            .zremrangebyscore(key(roomId), `(${latest}`, "+inf")
            .zrangebyscore(key(roomId), at, latest),
        ),
      );
      // Redis away: the people this instance knows of, until it answers again.
      if (!replies) return here(roomId);
      const people = new Map<number, Present>();
      for (const entry of (replies[2]?.[1] ?? []) as string[]) {
        const json = envelope.open(key(roomId), entry);
        if (json === null) continue; // not sealed by this deployment for this room: never shown
        try {
          const person = JSON.parse(json) as Present;
          people.set(person.id, person);
        } catch {
          // Sealed yet unreadable: an older format of ours; it expires by itself.
        }
      }
      return [...people.values()].sort(byName);
    },
    async close() {
      stopRefreshing();
      // Leaving on purpose: say so at once rather than letting every entry expire.
      if (faults.answers()) {
        const leaving = [...mine].map(([roomId, people]) =>
          redis.zrem(key(roomId), ...[...people.values()].map((person) => member(roomId, person))),
        );
        await Promise.all(leaving).catch((error: unknown) => log(`presence: could not clear on close: ${error}`));
      }
      redis.disconnect();
    },
  };
}
