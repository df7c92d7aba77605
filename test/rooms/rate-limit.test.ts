import { describe, expect, it } from "vitest";
import { createRateLimit } from "../../src/rooms/rate-limit.ts";

describe("the per-sender rate limit", () => {
  it("lets a burst through, then refuses and says when the next send fits", () => {
    let t = 1_000_000;
    const limit = createRateLimit({ burst: 3, perSecond: 4 }, () => t);
    expect(limit.nextTokenIn("alice")).toBe(0);
    expect([1, 2, 3].map(() => limit.take("alice"))).toEqual([true, true, true]);
    expect(limit.take("alice")).toBe(false);
    expect(limit.nextTokenIn("alice")).toBe(250);
    t += 100;
    expect(limit.nextTokenIn("alice")).toBe(150);
    expect(limit.take("alice")).toBe(false);
    t += 150;
    expect(limit.nextTokenIn("alice")).toBe(0);
    expect(limit.take("alice")).toBe(true);
    // Another sender has a bucket of their own.
    expect(limit.take("bob")).toBe(true);
  });
});
