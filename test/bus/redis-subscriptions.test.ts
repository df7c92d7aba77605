import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { connect } from "../../src/bus/redis.ts";
import { createSubscriptions } from "../../src/bus/redis-subscriptions.ts";
import { crash, hasRedisServer, listenersOf, redisCommand, startRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the subscription tests start their own)");

/** The rooms wanted against those listened to, on a real subscribing connection. */
describe.skipIf(needsRedis.skip)("the Redis bus's subscriptions", () => {
  let url: string;
  let redis: ChildProcess;
  let subscriber: ReturnType<typeof connect>;

  beforeAll(async () => {
    const port = await sparePort();
    url = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port);
    subscriber = connect(url, "parley:test-subscribe");
    await once(subscriber, "ready");
  });
  afterAll(async () => {
    subscriber.disconnect();
    await crash(redis);
  });

  it("after a connect, listens to every room wanted, those joined meanwhile too, before saying so", async () => {
    let listening = false;
    const rooms = createSubscriptions(
      subscriber,
      {
        failed: (error) => expect.fail(error.message),
        listening: (all) => {
          listening = all;
        },
        status: () => (listening ? "up" : "down"),
      },
      (line) => expect.fail(line),
    );
    subscriber.on("message", rooms.deliver);
    const heard: string[] = [];
    const hear = (who: string) => (payload: string) => heard.push(`${who}: ${payload}`);
    await rooms.subscribe("room:1", hear("ann"));
    await rooms.subscribe("room:2", hear("bo"));
    expect(await listenersOf(url, "room:1")).toBe(0); // wanted, not listened to before the connect

    const resubscribed = rooms.resubscribe();
    await rooms.subscribe("room:3", hear("cy")); // while room:1 and room:2 are being subscribed
    await rooms.subscribe("room:3", hear("cy"));
    expect(listening).toBe(false);
    await resubscribed;
    expect(listening).toBe(true);
    expect(rooms.listened()).toBe(3);
    for (const room of ["room:1", "room:2", "room:3"]) expect(await listenersOf(url, room)).toBe(1);

    const delivered = once(subscriber, "message");
    await redisCommand(url, "PUBLISH", "room:3", "<p>hi</p>");
    await delivered;
    expect(heard).toEqual(["cy: <p>hi</p>", "cy: <p>hi</p>"]);
  });
});
