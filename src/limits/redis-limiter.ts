import type { BusIdentity } from "../bus/identity.ts";
import { connect } from "../bus/redis.ts";
import type { Limiter } from "./limiter.ts";
import { createMemoryLimiter } from "./memory-limiter.ts";

/**
 * GCRA (the generic cell rate algorithm), atomically in Redis, on Redis's clock so every instance
 * agrees: the key holds the theoretical arrival time of the next request; a request is allowed
 * while that stays within `burst` intervals of now, and the key expires when it is all paid back
 * (an idle key takes no memory). Returns {1, 0} allowed, or {0, ms to wait}.
 */
const gcra = `
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local next = tat + interval
local wait = next - now - burst * interval
if wait > 0 then return {0, wait} end
redis.call('SET', KEYS[1], next, 'PX', next - now)
return {1, 0}
`;

/** A limit check that has not answered by then is decided here instead: a send never waits long on Redis. */
const answerWithinMs = 500;

type RedisWithGcra = ReturnType<typeof connect> & {
  gcra(key: string, interval: number, burst: number): Promise<[number, number]>;
};

/**
 * Limits shared by every instance through Redis (`<namespace>:limit:<name>:<key>`). While Redis
 * is away or slow, each instance holds the same limits in its own memory: a Redis outage must
 * not stop chat, and a flood at one instance is still held there. Said once per outage.
 */
export function createRedisLimiter(
  url: string,
  identity: Pick<BusIdentity, "namespace">,
  { log = console.error }: { log?: (line: string) => void } = {},
): Limiter & { ready: Promise<void> } {
  const redis = connect(url, `${identity.namespace}:limits`, { commandTimeout: answerWithinMs }) as RedisWithGcra;
  redis.on("error", () => {}); // the bus reports Redis's health
  const ready = new Promise<void>((resolve) => redis.once("ready", () => resolve()));
  redis.defineCommand("gcra", { numberOfKeys: 1, lua: gcra });
  const local = createMemoryLimiter();
  /** Whether Redis went away after answering: said once, and once again when it is back. */
  let away = false;
  let answered = false;
  const goneAway = (why: string) => {
    if (!away && answered) log(`limits: Redis did not answer (${why}); each instance limits on its own`);
    away = true;
  };

  return {
    ready,
    async take(name, key, limit) {
      // Not connected (starting, or Redis away): decide here at once rather than queue.
      if (redis.status !== "ready") {
        goneAway(redis.status);
        return local.takeNow(name, key, limit);
      }
      try {
        const [allowed, wait] = await redis.gcra(
          `${identity.namespace}:limit:${name}:${key}`,
          limit.everyMs,
          limit.burst,
        );
        if (away && answered) log("limits: Redis answers again; limits are shared again");
        away = false;
        answered = true;
        return allowed === 1 ? { ok: true } : { ok: false, retryAfterMs: wait };
      } catch (error) {
        goneAway((error as Error).message);
        return local.takeNow(name, key, limit);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
