import { describe, expect, it } from "vitest";
import { createTokenBuckets } from "../../src/http/token-buckets.ts";

describe("token buckets", () => {
  it("allow a burst, then one every period, and say how long to wait", () => {
    let now = 0;
    const buckets = createTokenBuckets({ burst: 3, everySeconds: 60 }, () => now);
    expect([1, 2, 3].map(() => buckets.take("a").ok)).toEqual([true, true, true]);
    expect(buckets.take("a")).toEqual({ ok: false, retryAfter: 60 });
    now = 45_000;
    expect(buckets.take("a")).toEqual({ ok: false, retryAfter: 15 });
    now = 60_000;
    expect(buckets.take("a").ok).toBe(true);
    expect(buckets.take("b").ok).toBe(true);
  });

  it("stay bounded in memory when callers keep changing keys", () => {
    const buckets = createTokenBuckets({ burst: 1, everySeconds: 3600 }, () => 0);
    for (let i = 0; i < 30_000; i++) buckets.take(`key-${i}`);
    // The oldest keys were forgotten: they get a fresh burst, as a new address would.
    expect(buckets.take("key-0").ok).toBe(true);
    expect(buckets.take("key-29999").ok).toBe(false);
  });
});
