import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { hotHistogram } from "../../src/metrics/hot-histogram.ts";

describe("the message path's histogram", () => {
  it("reads on /metrics exactly as prom-client's own histogram of the same observations", async () => {
    const buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({ name: "parley_test_seconds", help: "A test.", buckets, registers: [theirs] });
    const hot = hotHistogram({ name: "parley_test_seconds", help: "A test.", buckets, registers: [ours] });
    // At 0 from the start (prom-client's shows no series until its first observation).
    expect(await ours.metrics()).toContain('parley_test_seconds_bucket{le="+Inf"} 0');

    // On a bound, between bounds, past the last one, and nothing at all.
    for (const seconds of [0, 0.0005, 0.0007, 0.001, 0.3, 2.5, 5, 7, 120, 0.01, 0.0099]) {
      reference.observe(seconds);
      hot.observe(seconds);
    }

    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('parley_test_seconds_bucket{le="+Inf"} 11');
    ours.resetMetrics();
    expect(await ours.metrics()).toContain("parley_test_seconds_count 0");
  });
});
