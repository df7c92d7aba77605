import type { Config } from "../config.ts";
import type { Bus } from "./bus.ts";
import { createMemoryBus } from "./memory.ts";
import { createRedisBus } from "./redis.ts";

/** Redis when REDIS_URL is set (several instances), else the in-process bus (one instance). */
export function createBus(config: Pick<Config, "REDIS_URL">): Bus {
  return config.REDIS_URL ? createRedisBus(config.REDIS_URL) : createMemoryBus();
}
