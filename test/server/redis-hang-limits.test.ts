import { describe, expect, it } from "vitest";
import { hasRedisServer } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstancesOverOwnRedis } from "../support/room-server.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the hang test starts its own)");

/** How long the shared limiter waits for Redis before deciding on its own (src/limits/redis-limiter.ts). */
const limiterWaitsMs = 500;

/** Two instances with rate limits on (the default), on a Redis of the test's own that hangs. */
describe.skipIf(needsRedis.skip)("rate limits while Redis hangs", () => {
  const { room, redis, busIs: busBecomes } = roomOnTwoInstancesOverOwnRedis("Held", () => ({ RATE_LIMIT: "on" }));

  it("are decided on each instance at once while the bus knows Redis is down, so sends stay quick", async () => {
    await room.alice.post(room.slug, "before the hang");
    const [aliceOnA, , , bobOnB] = await room.everyoneEverywhere("before the hang");
    if (!aliceOnA || !bobOnB) throw new Error("four sockets expected");
    let sent = 0;
    const acknowledged = async (socket: typeof aliceOnA) => {
      const key = `held${++sent}`;
      const started = performance.now();
      socket.send({ body: `held ${sent}`, key });
      await socket.frame((frame) => frame.includes(`#pending-${key}"`));
      return performance.now() - started;
    };

    redis.signal("SIGSTOP");
    const times: number[] = [];
    try {
      await busBecomes("down");
      // One after another, as a person types: each waited out the limiter's timeout before.
      for (let i = 0; i < 10; i++) times.push(await acknowledged(aliceOnA), await acknowledged(bobOnB));
    } finally {
      redis.signal("SIGCONT");
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.POSITIVE_INFINITY;
    console.log(
      `rate limits in a hang: ${times.length} acknowledgements, median ${median.toFixed(0)} ms ` +
        `(${times.map((t) => t.toFixed(0)).join(", ")})`,
    );
    // Every one acknowledged, in order; and decided here rather than after the limiter's timeout.
    expect(times).toHaveLength(20);
    expect(median).toBeLessThan(limiterWaitsMs / 2);
    await busBecomes("up");
    const stored = await room.alice.messages(room.slug);
    expect(stored.map((m) => m.body).filter((body) => body.startsWith("held "))).toEqual(
      Array.from({ length: 20 }, (_, i) => `held ${i + 1}`),
    );
  }, 60_000);
});
