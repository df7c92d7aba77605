/**
 * A token bucket per sender: bursts up to `burst`, then `perSecond`. In memory, per instance:
 * enough to stop one client flooding a room; cross-instance limits come with hardening.
 */
export function createRateLimit({ burst, perSecond }: { burst: number; perSecond: number }, now = () => Date.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** The sender's bucket, refilled up to now. */
  const refill = (key: string, t: number) => {
    const bucket = buckets.get(key) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    return bucket;
  };
  return {
    /** True when the sender may act now (and uses one token). */
    take(key: string): boolean {
      const bucket = refill(key, now());
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      if (buckets.size > 10_000) forgetFull(buckets, burst);
      return true;
    },
    /**
     * Milliseconds until the sender's next token (0 when one is there now), so a refused
     * client can wait exactly that long instead of guessing and being refused again.
     */
    nextTokenIn(key: string): number {
      const bucket = buckets.get(key);
      if (!bucket) return 0;
      const missing = 1 - refill(key, now()).tokens;
      return missing <= 0 ? 0 : Math.ceil((missing / perSecond) * 1000);
    },
  };
}

/** Full buckets carry no information: drop them so the map stays small. */
function forgetFull(buckets: Map<string, { tokens: number }>, burst: number) {
  for (const [key, bucket] of buckets) if (bucket.tokens >= burst - 1) buckets.delete(key);
}

export type RateLimit = ReturnType<typeof createRateLimit>;
