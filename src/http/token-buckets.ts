/** A limit: up to `burst` at once, then one more every `everySeconds`. */
export interface Limit {
  burst: number;
  everySeconds: number;
}

/**
 * Token buckets by key (an IP, an account), in memory and per instance: a flood at one
 * instance is held there. `take` answers how long to wait when the bucket is empty, which is
 * what a 429's `Retry-After` tells the client.
 */
export function createTokenBuckets(limit: Limit, now = () => Date.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = 1 / (limit.everySeconds * 1000);
  return {
    /** Uses one token; `{ retryAfter }` in whole seconds when there is none left. */
    take(key: string): { ok: true } | { ok: false; retryAfter: number } {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return { ok: false, retryAfter: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
      bucket.tokens -= 1;
      if (buckets.size > maxKeys) forget(buckets, limit, t, perMs);
      return { ok: true };
    },
  };
}

const maxKeys = 10_000;

/**
 * Buckets that have refilled carry no information: drop them. If a caller with many addresses
 * still keeps more than `maxKeys` busy, the oldest go (a fresh burst for them, bounded memory).
 */
function forget(buckets: Map<string, { tokens: number; at: number }>, limit: Limit, t: number, perMs: number) {
  for (const [key, bucket] of buckets) {
    if (bucket.tokens + (t - bucket.at) * perMs >= limit.burst) buckets.delete(key);
  }
  for (const key of buckets.keys()) {
    if (buckets.size <= maxKeys / 2) break;
    buckets.delete(key);
  }
}
