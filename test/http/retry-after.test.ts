import { describe, expect, it } from "vitest";
import { retryAfter } from "../../src/http/retry-after.ts";

describe("Retry-After", () => {
  it("is whole seconds, rounded up, so a client that waits that long is not refused again", () => {
    expect(retryAfter(1000)).toBe("1");
    expect(retryAfter(1001)).toBe("2");
    expect(retryAfter(59_400)).toBe("60");
  });

  it("is never 0, which would invite a client to retry at once", () => {
    expect(retryAfter(0)).toBe("1");
    expect(retryAfter(1)).toBe("1");
    expect(retryAfter(-5)).toBe("1");
    expect(retryAfter(Number.NaN)).toBe("1");
  });
});
