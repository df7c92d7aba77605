import type { Limit, Limiter, Verdict } from "./limiter.ts";

/** Keys kept before the full (refilled) ones are dropped: bounded memory whatever callers send. */
const maxKeys = 10_000;

/**
 * Token buckets in this process: a burst, then one token every `everyMs`. One instance's limits,
 * and every instance's stand-in while Redis is away (redis-limiter.ts).
 */
export function createMemoryLimiter(now = () => Date.now()): Limiter & {
  takeNow: (name: string, key: string, limit: Limit) => Verdict;
} {
  const buckets = new Map<string, { tokens: number; at: number; limit: Limit }>();

  function takeNow(name: string, key: string, limit: Limit): Verdict {
    const t = now();
    const id = `${name}\n${key}`;
    const bucket = buckets.get(id) ?? { tokens: limit.burst, at: t, limit };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (t - bucket.at) / limit.everyMs);
    bucket.at = t;
    buckets.set(id, bucket);
    if (bucket.tokens < 1) return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) * limit.everyMs) };
    bucket.tokens -= 1;
    if (buckets.size > maxKeys) forget(t);
    return { ok: true };
  }

  /** Refilled buckets carry no information; if busy ones still crowd the map, the oldest go (a fresh burst). */
  function forget(t: number) {
    for (const [id, bucket] of buckets) {
      if (bucket.tokens + (t - bucket.at) / bucket.limit.everyMs >= bucket.limit.burst) buckets.delete(id);
    }
    for (const id of buckets.keys()) {
      if (buckets.size <= maxKeys / 2) break;
      buckets.delete(id);
    }
  }

  const held = new Map<string, Set<string>>();
  return {
    takeNow,
    take: async (name, key, limit) => takeNow(name, key, limit),
    hold: async (name, key, id, cap) => {
      const ids = held.get(`${name}\n${key}`) ?? new Set<string>();
      if (ids.size >= cap) return false;
      held.set(`${name}\n${key}`, ids.add(id));
      return true;
    },
    release: async (name, key, id) => {
      const ids = held.get(`${name}\n${key}`);
      if (ids?.delete(id) && ids.size === 0) held.delete(`${name}\n${key}`);
    },
    close: async () => {},
  };
}
