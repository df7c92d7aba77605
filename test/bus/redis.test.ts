import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import type { Bus, BusStatus } from "../../src/bus/bus.ts";
import { createRedisBus } from "../../src/bus/redis.ts";
import { crash, hasRedisServer, listenersOf, redisCommand, startRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the bus tests start their own)");
const identity = { namespace: "test-ns", key: randomBytes(32) };

/** The Redis bus on its own, over a redis-server of the test's own. */
describe.skipIf(needsRedis.skip)("the Redis bus", () => {
  let port: number;
  let url: string;
  let redis: ChildProcess;
  let bus: Bus;
  const logs: string[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const becomes = (status: BusStatus) => until(() => bus.status() === status);
  const receiver = () => {
    const got: string[] = [];
    const handler = (payload: string) => {
      got.push(payload);
      wake();
    };
    return { got, handler, received: (payload: string) => until(() => got.includes(payload)) };
  };

  beforeAll(async () => {
    port = await sparePort();
    url = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port);
    bus = createRedisBus(url, identity, (line) => logs.push(line));
    bus.onStatus(wake);
    await becomes("up");
  });
  afterAll(async () => {
    await bus.close();
    await crash(redis);
  });

  it("listens to a room's channel only while someone here does, and hands over each fragment once", async () => {
    expect(await listenersOf(url, "test-ns:room:1")).toBe(0);
    const room = receiver();
    const unsubscribe = await bus.subscribe("room:1", room.handler);
    expect(await listenersOf(url, "test-ns:room:1")).toBe(1);
    await bus.publish("room:1", "<p>one</p>");
    await bus.publish("room:1", "<p>two</p>");
    await room.received("<p>two</p>");
    expect(room.got).toEqual(["<p>one</p>", "<p>two</p>"]);
    await unsubscribe();
    expect(await listenersOf(url, "test-ns:room:1")).toBe(0);
  });

  it("hands over only what its own deployment sealed, and says once that it dropped the rest", async () => {
    const room = receiver();
    await bus.subscribe("room:4", room.handler);
    // Another instance of this deployment, and another deployment that chose the same namespace.
    const sibling = createRedisBus(url, identity, () => {});
    const neighbour = createRedisBus(url, { namespace: "test-ns", key: randomBytes(32) }, () => {});
    for (const other of [sibling, neighbour]) other.onStatus(wake);
    await until(() => sibling.status() === "up" && neighbour.status() === "up");

    await neighbour.publish("room:4", "<p>from next door</p>");
    await redisCommand(url, "PUBLISH", "test-ns:room:4", "<script>alert(1)</script>");
    const forged = `${"A".repeat(11)}.${"B".repeat(22)}.<p>forged</p>`;
    await redisCommand(url, "PUBLISH", "test-ns:room:4", forged);
    // Published after those, through Redis: once it is here, they would have been too.
    await sibling.publish("room:4", "<p>from a sibling</p>");
    await room.received("<p>from a sibling</p>");
    expect(room.got).toEqual(["<p>from a sibling</p>"]);
    expect(logs.filter((line) => line.includes("did not sign"))).toEqual([
      "bus: dropped a payload on test-ns:room:4 that this deployment did not sign; any more are dropped without a word",
    ]);
    await Promise.all([sibling.close(), neighbour.close()]);
  });

  it("delivers here through an outage, says so once, and listens again when Redis returns", async () => {
    const room = receiver();
    await bus.subscribe("room:2", room.handler);
    await crash(redis);
    await becomes("down");
    await bus.publish("room:2", "<p>during</p>");
    await bus.publish("room:2", "<p>still during</p>");
    expect(room.got).toEqual(["<p>during</p>", "<p>still during</p>"]);

    const joinedMeanwhile = receiver();
    await bus.subscribe("room:3", joinedMeanwhile.handler); // resolves at once while down
    redis = await startRedis(port);
    await becomes("up");
    expect(await listenersOf(url, "test-ns:room:2")).toBe(1);
    expect(await listenersOf(url, "test-ns:room:3")).toBe(1);
    await bus.publish("room:2", "<p>after</p>");
    await bus.publish("room:3", "<p>hello three</p>");
    await Promise.all([room.received("<p>after</p>"), joinedMeanwhile.received("<p>hello three</p>")]);
    expect(room.got).toEqual(["<p>during</p>", "<p>still during</p>", "<p>after</p>"]);

    const changes = logs.map((line) => /is up|is down|cannot publish|publishing .* again/.exec(line)?.[0]);
    expect(changes.filter(Boolean)).toEqual([
      "is up",
      "is down",
      "cannot publish",
      "is up",
      "publishing to redis again",
    ]);
  });
});
