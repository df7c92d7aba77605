import type { Config } from "../config.ts";
import type { Limiter } from "../limits/limiter.ts";
import { createMemoryLimiter } from "../limits/memory-limiter.ts";
import { createRedisLimiter } from "../limits/redis-limiter.ts";
import { createMemoryPresence, type PresenceStore } from "../live/presence-store.ts";
import { createRedisPresence } from "../live/redis-presence.ts";
import type { Store } from "../store/store.ts";
import type { Bus } from "./bus.ts";
import { busIdentity } from "./identity.ts";
import { createMemoryBus } from "./memory.ts";
import { createRedisBus } from "./redis.ts";
import type { RedisTarget } from "./redis-connection.ts";
import { createRedisFaults, noFaults, type RedisFaults } from "./redis-faults.ts";

/** A bus chosen and not yet opened: whether it is shared is known before the store it needs is open. */
export interface BusChoice {
  readonly shared: boolean;
  open(store: Pick<Store, "deployment">): Promise<Bus>;
}

type RedisSettings = Pick<Config, "REDIS_URL" | "REDIS_CLUSTER_NODES" | "BUS_NAMESPACE">;

/** One Redis (REDIS_URL), a cluster (REDIS_CLUSTER_NODES), or none: one instance on its own. */
export const redisTarget = (config: RedisSettings): RedisTarget | undefined =>
  config.REDIS_CLUSTER_NODES ? { cluster: config.REDIS_CLUSTER_NODES } : config.REDIS_URL;

/**
 * Redis when REDIS_URL or REDIS_CLUSTER_NODES is set (several instances), else the in-process bus (one instance).
 * Only Redis needs the deployment's identity, kept in the store: in-process topics never leave
 * the process. So the choice comes first, and the store opens knowing what the bus will say.
 */
export function chooseBus(
  config: RedisSettings,
  { log, lag }: { log?: (line: string) => void; lag?: (seconds: number) => void } = {},
): BusChoice {
  const target = redisTarget(config);
  if (!target) return { shared: false, open: async () => createMemoryBus() };
  return {
    shared: true,
    async open(store) {
      const bus = createRedisBus(target, await busIdentity(store, config.BUS_NAMESPACE), log, { lag });
      // Presence and the limits follow the bus (./redis-faults.ts): until it is up they keep to this
      // instance. A moment for it, as for the limits' connection below; never a hang.
      const up = new Promise<void>((resolve) => bus.onStatus((status) => status === "up" && resolve()));
      await Promise.race([up, new Promise((resolve) => setTimeout(resolve, limiterConnectMs).unref?.())]);
      return bus;
    },
  };
}

/**
 * How presence and the shared limits follow the bus's view of Redis, and where their refused
 * commands show (/healthz). Nothing to follow on a bus nobody else hears.
 */
export const createFaults = (bus: Bus, log: (line: string) => void = console.error): RedisFaults =>
  bus.shared ? createRedisFaults(bus, log) : noFaults;

/** Presence shared through Redis with the other instances, or this process's own memory. */
export async function createPresence(
  config: RedisSettings,
  store: Pick<Store, "deployment">,
  faults: RedisFaults = noFaults,
  log?: (line: string) => void,
): Promise<PresenceStore> {
  const target = redisTarget(config);
  if (!target) return createMemoryPresence();
  return createRedisPresence(target, await busIdentity(store, config.BUS_NAMESPACE), { faults, log });
}

/** Rate limits every instance shares through Redis, or this process's own. */
export async function createLimiter(
  config: RedisSettings,
  store: Pick<Store, "deployment">,
  faults: RedisFaults = noFaults,
  log?: (line: string) => void,
): Promise<Limiter> {
  const target = redisTarget(config);
  if (!target) return createMemoryLimiter();
  const limiter = createRedisLimiter(target, await busIdentity(store, config.BUS_NAMESPACE), { faults, log });
  // Shared from the first request on: a moment for the connection, never a hang on a Redis
  // that is down (then each instance limits on its own until it answers).
  await Promise.race([limiter.ready, new Promise((resolve) => setTimeout(resolve, limiterConnectMs).unref?.())]);
  return limiter;
}

/** How long an instance starting up waits for the limits' Redis connection. */
const limiterConnectMs = 2_000;
