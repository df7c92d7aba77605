import { randomBytes } from "node:crypto";
import type { BusIdentity } from "../bus/identity.ts";
import { connectTo, type RedisTarget } from "../bus/redis-connection.ts";
import { noFaults, type RedisFaults, refusal } from "../bus/redis-faults.ts";
import type { Limiter } from "./limiter.ts";
import { createMemoryLimiter } from "./memory-limiter.ts";

/**
 * GCRA (the generic cell rate algorithm), atomically in Redis, on Redis's clock so every instance
 * agrees: the key holds the theoretical arrival time of the next request; a request is allowed
 * while that stays within `burst` intervals of now, and the key expires when it is all paid back
 * (an idle key takes no memory). Returns {1, 0} allowed, or {0, ms to wait}.
 *
 * No key of ours is ever further ahead than `burst` intervals: a value beyond that (a SET by
 * someone else that would hold an account out for a year) is taken as a spent burst and written
 * back so, and one that is not a number as no key at all. Nobody waits longer than one interval.
 */
const gcra = `
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local furthest = now + burst * interval
if tat > furthest then
  tat = furthest
  redis.call('SET', KEYS[1], tat, 'PX', tat - now)
end
local next = tat + interval
local wait = next - now - burst * interval
if wait > 0 then return {0, wait} end
redis.call('SET', KEYS[1], next, 'PX', next - now)
return {1, 0}
`;

/**
 * What is held open, as a sorted set per key: members `<instance>:<id>` scored with the moment
 * they expire. Drops the expired, then adds the member unless the key is at its cap (1 / 0).
 * Each instance re-scores its own members every third of their lifetime; a crashed one stops,
 * and what it held stops counting within `holdTtlMs`. A member scored beyond that lifetime is
 * none of ours (someone filling a session's cap for a year): it goes.
 */
const hold = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '(' .. (now + tonumber(ARGV[3])), '+inf')
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;

/** How long an instance's word that it holds a socket lasts unless it says it again. */
export const holdTtlMs = 30_000;

/** A limit check that has not answered by then is decided here instead: a send never waits long on Redis. */
const answerWithinMs = 500;

type RedisWithGcra = ReturnType<typeof connectTo> & {
  gcra(key: string, interval: number, burst: number): Promise<[number, number]>;
  hold(key: string, member: string, cap: number, ttlMs: number): Promise<number>;
};

/** How the limiter hears of the part it plays in Redis's health: see src/bus/redis-faults.ts. */
const part = "limits";

/**
 * Limits shared by every instance through Redis (`<namespace>:limit:<name>:<key>`; each script
 * touches that one key, so on a cluster each runs on the node of its key's slot). While Redis
 * is away or slow, each instance holds the same limits in its own memory: a Redis outage must
 * not stop chat, and a flood at one instance is still held there. Said once per outage.
 *
 * It follows the bus's heartbeat (`faults.answers()`): while the bus knows Redis is down, every
 * check is decided here at once, with no round trip that could only time out, and a check still
 * waiting when the bus finds Redis gone is decided here at that moment. Before, a hung Redis
 * made every send wait out the timeout below.
 */
export function createRedisLimiter(
  target: RedisTarget,
  identity: Pick<BusIdentity, "namespace">,
  {
    log = console.error,
    ttlMs = holdTtlMs,
    faults = noFaults,
  }: { log?: (line: string) => void; ttlMs?: number; faults?: RedisFaults } = {},
): Limiter & { ready: Promise<void> } {
  const redis = connectTo(target, `${identity.namespace}:limits`, { commandTimeout: answerWithinMs }) as RedisWithGcra;
  redis.on("error", () => {}); // the bus reports Redis's health
  const ready = new Promise<void>((resolve) => redis.once("ready", () => resolve()));
  redis.defineCommand("gcra", { numberOfKeys: 1, lua: gcra });
  redis.defineCommand("hold", { numberOfKeys: 1, lua: hold });
  const instance = randomBytes(6).toString("hex");
  /** What this instance holds, by key: re-scored on a timer, so nothing outlives a crash. */
  const mine = new Map<string, Set<string>>();
  const holdKey = (name: string, key: string) => `${identity.namespace}:open:${name}:${key}`;
  const member = (id: string) => `${instance}:${id}`;
  const refresh = () =>
    Promise.all(
      [...mine].flatMap(([key, ids]) =>
        [...ids].map((id) => redis.hold(key, member(id), Number.MAX_SAFE_INTEGER, ttlMs)),
      ),
    );
  const timer = setInterval(
    () => {
      if (reachable()) refresh().catch((error) => failed(error));
    },
    Math.max(100, Math.floor(ttlMs / 3)),
  );
  timer.unref?.();
  const local = createMemoryLimiter();
  /** The checks waiting on Redis now: the bus finding it gone settles them at once. */
  const waiting = new Set<(answer: "lost") => void>();
  faults.onLost(() => {
    for (const settle of waiting) settle("lost");
    waiting.clear();
  });
  /** Whether Redis went away after answering: said once, and once again when it is back. */
  let away = false;
  let answered = false;
  const goneAway = (why: string) => {
    if (!away && answered) log(`limits: Redis did not answer (${why}); each instance limits on its own`);
    away = true;
  };
  const reachable = () => redis.status === "ready" && faults.answers();
  const failed = (error: Error) => {
    // A refused command is a setting to fix (/healthz names it); no answer is said here, once.
    if (refusal(error) !== null) faults.failed(part, error);
    goneAway(error.message);
  };
  /** Redis's answer, or "lost" as soon as the bus says Redis is down. */
  const ask = <T>(command: Promise<T>) =>
    new Promise<T | "lost">((resolve, reject) => {
      waiting.add(resolve);
      command.then(resolve, reject).finally(() => waiting.delete(resolve));
    });
  const worked = () => {
    if (away && answered) log("limits: Redis answers again; limits are shared again");
    away = false;
    answered = true;
    faults.succeeded(part);
  };

  return {
    ready,
    async take(name, key, limit) {
      // Not connected (starting, or Redis away): decide here at once rather than queue.
      if (!reachable()) {
        goneAway(redis.status === "ready" ? "the bus finds it down" : redis.status);
        return local.takeNow(name, key, limit);
      }
      try {
        const answer = await ask(redis.gcra(`${identity.namespace}:limit:${name}:${key}`, limit.everyMs, limit.burst));
        if (answer === "lost") {
          goneAway("the bus finds it down");
          return local.takeNow(name, key, limit);
        }
        worked();
        const [allowed, wait] = answer;
        // The script bounds the wait by the limit; this bounds it whatever Redis returns.
        return allowed === 1 ? { ok: true } : { ok: false, retryAfterMs: Math.min(Math.max(1, wait), limit.everyMs) };
      } catch (error) {
        failed(error as Error);
        return local.takeNow(name, key, limit);
      }
    },
    async hold(name, key, id, cap) {
      const at = holdKey(name, key);
      if (reachable()) {
        try {
          const answer = await ask(redis.hold(at, member(id), cap, ttlMs));
          if (answer === 0) return false;
          if (answer !== "lost") worked();
        } catch (error) {
          // Redis away: counted here only; the registry still holds the session to its cap on this instance.
          failed(error as Error);
        }
      }
      mine.set(at, (mine.get(at) ?? new Set<string>()).add(id));
      return true;
    },
    async release(name, key, id) {
      const at = holdKey(name, key);
      const ids = mine.get(at);
      if (!ids?.delete(id)) return;
      if (ids.size === 0) mine.delete(at);
      if (!reachable()) return; // it expires within ttlMs, as a crashed instance's would
      await redis.zrem(at, member(id)).catch((error: Error) => failed(error));
    },
    async close() {
      clearInterval(timer);
      redis.disconnect();
    },
  };
}
