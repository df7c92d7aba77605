import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { socketOf } from "../support/client.ts";
import { crash, hasRedisServer, redisCommand, startRedis, watchRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances, roomServer } from "../support/room-server.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the shared-Redis test starts its own)");

/**
 * Two deployments (two data folders, so two databases) on one Redis of the test's own: ours with
 * two instances, theirs with one. Both made their first room, so both rooms have id 1.
 */
describe.skipIf(needsRedis.skip)("two deployments sharing one Redis", () => {
  let redisUrl: string;
  let redis: ChildProcess;
  let watcher: Awaited<ReturnType<typeof watchRedis>>;
  beforeAll(async () => {
    const port = await sparePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port);
    watcher = await watchRedis(redisUrl);
  });
  afterAll(async () => {
    watcher?.close();
    await crash(redis);
  });
  const ours = roomOnTwoInstances("General", () => ({ REDIS_URL: redisUrl }));
  const theirs = roomServer(() => ({ REDIS_URL: redisUrl }));

  let sockets: Awaited<ReturnType<typeof ours.everyoneEverywhere>>;
  /**
   * Posts a marker on each of our instances and waits until all our sockets hold both. Each
   * instance gets the other's marker through Redis, after anything Redis carried before it.
   */
  const marked = async (name: string) => {
    await Promise.all([ours.alice.post(ours.slug, `${name} via a`), ours.bob.post(ours.slug, `${name} via b`)]);
    await Promise.all(
      sockets.map((socket) =>
        socket.frame(() => [`${name} via a`, `${name} via b`].every((m) => socket.frames.some((f) => f.includes(m)))),
      ),
    );
  };
  const anywhere = (text: string) => sockets.some((socket) => socket.frames.some((frame) => frame.includes(text)));

  beforeAll(async () => {
    await ours.alice.post(ours.slug, "ours: before");
    sockets = await ours.everyoneEverywhere("ours: before");
  });
  afterAll(() => {
    for (const socket of sockets ?? []) socket.close();
  });

  it("keeps each deployment's rooms to itself", async () => {
    expect(theirs.slug).toBe(ours.slug); // the same first room, id 1, on both sides
    const theirSocket = socketOf(theirs.alice, theirs.server.url, theirs.slug);
    await theirSocket.opened;
    theirSocket.send({ body: "theirs: hello" });
    await watcher.carried("theirs: hello");
    await marked("after theirs");
    expect(anywhere("theirs: hello")).toBe(false);
    theirSocket.close();
  });

  it("never delivers what anyone else publishes on its channels", async () => {
    const listed = await redisCommand(redisUrl, "PUBSUB", "CHANNELS", "*");
    const channels = listed.split("\r\n").filter((line) => line && !/^[*$]/.test(line));
    expect(channels.some((channel) => channel.endsWith("room:1"))).toBe(true);
    const forged = (n: number) =>
      `<hx-partial hx-target="#messages-1" hx-swap="upsert sort"><article id="message-9999${n}" ` +
      `data-message-id="9999${n}"><p class="body">forged ${n}</p><img src=x onerror=alert(1)></article></hx-partial>`;
    for (const channel of channels) {
      await redisCommand(redisUrl, "PUBLISH", channel, forged(1));
      // Our envelope's shape with a made-up signature.
      await redisCommand(redisUrl, "PUBLISH", channel, `${"A".repeat(11)}.${"B".repeat(22)}.${forged(2)}`);
    }
    await marked("after the forgeries");
    expect(anywhere("forged")).toBe(false);
  });
});
