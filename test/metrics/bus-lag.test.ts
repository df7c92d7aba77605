import { describe, expect, it } from "vitest";
import { parsePrometheus, sampleOf } from "../support/prometheus.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);
const token = "bus-lag-metrics-token-0123456789";
// One namespace for both instances (env is read once per instance), apart from other tests' on the shared Redis.
const namespace = `lag-${process.pid}-${Date.now()}`;

/** Two real instances through Redis: each measures how long the other's fragments took to come. */
describe.skipIf(needsRedis.skip)("the bus's metrics between instances", () => {
  const room = roomOnTwoInstances(`Lag ${Date.now()}`, () => ({
    REDIS_URL: sharedRedisUrl,
    BUS_NAMESPACE: namespace,
    METRICS_TOKEN: token,
    LOG_LEVEL: "warn",
  }));

  it("says the bus is up and observes the lag of every fragment from the other instance", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    const scrape = async (url: string) =>
      parsePrometheus(await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text());
    await room.alice.post(room.slug, "lag marker");
    const sockets = await room.everyoneEverywhere("lag marker");
    const before = sampleOf(await scrape(b.url), "parley_bus_lag_seconds_count") ?? Number.NaN;
    await room.alice.post(room.slug, "from the first instance");
    await Promise.all(sockets.map((socket) => socket.frame((frame) => frame.includes("from the first instance"))));
    const after = await scrape(b.url);
    expect(sampleOf(after, "parley_bus_up")).toBe(1);
    expect(sampleOf(after, "parley_bus_lag_seconds_count")).toBeGreaterThanOrEqual(before + 1);
    // The hosts share a clock here: a hop through a local Redis takes well under a second.
    expect(sampleOf(after, "parley_bus_lag_seconds_bucket", { le: "1" })).toBe(
      sampleOf(after, "parley_bus_lag_seconds_count"),
    );
    for (const socket of sockets) socket.close();
  }, 60_000);
});
