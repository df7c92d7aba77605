import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { eventually } from "../support/eventually.ts";
import { fragment, idsIn, messagesIn } from "../support/html.ts";
import { redisCommand } from "../support/redis.ts";
import { canStartRedisCluster } from "../support/redis-cluster.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstancesOverOwnRedisCluster } from "../support/room-server.ts";

const needsCluster = requirement(
  canStartRedisCluster(),
  "redis-server 7 and redis-cli (the cluster tests start their own)",
);

/** The list a page shows after swapping the frame: a frame may carry several updates, the last one stands. */
const presentIn = (html: string) =>
  [...([...fragment(html).querySelectorAll("ul.present")].at(-1)?.querySelectorAll(".present-name") ?? [])].map(
    (name) => name.textContent,
  );
const listing = (names: string[]) => (frame: string) =>
  frame.includes('class="present"') && JSON.stringify(presentIn(frame)) === JSON.stringify(names);

/** Two real instances over a three-node Redis Cluster of the test's own (REDIS_CLUSTER_NODES). */
describe.skipIf(needsCluster.skip)("two instances over a Redis Cluster", () => {
  const { room, cluster, busIs: busBecomes } = roomOnTwoInstancesOverOwnRedisCluster("Sharded");
  const storedCount = (count: number) =>
    eventually(`${count} stored messages`, async () => {
      const stored = await room.alice.messages(room.slug);
      return stored.length >= count ? stored : undefined;
    });
  /** The node whose slot holds the room's channel: the one that has it among its shard channels. */
  const roomNode = async () => {
    const addresses = cluster.current?.addresses ?? [];
    for (const [i, address] of addresses.entries()) {
      const reply = await redisCommand(`redis://${address}`, "PUBSUB", "SHARDCHANNELS", "*room:*");
      if (reply.includes("room:")) return i;
    }
    throw new Error("no node carries the room's channel");
  };

  it("carries each instance's messages to the other's sockets, through the node of the room's slot", async () => {
    await busBecomes("up");
    await room.alice.post(room.slug, "hello from the cluster");
    const sockets = await room.everyoneEverywhere("hello from the cluster");
    const [aliceOnA, , , bobOnB] = sockets;
    if (!aliceOnA || !bobOnB) throw new Error("four sockets expected");
    aliceOnA.send({ body: "from A" });
    bobOnB.send({ body: "from B" });
    await Promise.all(
      sockets.map((socket) =>
        socket.frame(() => ["from A", "from B"].every((body) => socket.frames.some((f) => f.includes(body)))),
      ),
    );
    // Sharded pub/sub: only the node that owns the channel's slot has it.
    expect(await roomNode()).toBeGreaterThanOrEqual(0);
    for (const socket of sockets) socket.close();
  });

  it("shows who is here whichever instance they are on", async () => {
    const [one, two] = room.instances;
    if (!one || !two) throw new Error("two instances expected");
    const alice = socketOf(room.alice, one.url, room.slug);
    await alice.frame(listing(["alice"]));
    const bob = socketOf(room.bob, two.url, room.slug);
    await alice.frame(listing(["alice", "bob"]));
    await bob.frame(listing(["alice", "bob"]));
    const from = alice.frames.length;
    bob.close();
    await alice.frame(listing(["alice"]), from);
    alice.close();
  });

  it("keeps both instances serving through a node's crash, and leaves every socket with every message", async () => {
    const current = cluster.current;
    if (!current) throw new Error("no cluster");
    await room.alice.post(room.slug, "before the node goes");
    const sockets = await room.everyoneEverywhere("before the node goes");
    const [aliceOnA, bobOnA, , bobOnB] = sockets;
    if (!aliceOnA || !bobOnA || !bobOnB) throw new Error("four sockets expected");
    const send = (from: number, to: number) => {
      for (let i = from; i < to; i++) (i % 2 ? bobOnB : aliceOnA).send({ body: `sharded ${i}` });
    };
    const before = (await storedCount(0)).length;

    const node = await roomNode();
    send(0, 30);
    await current.crash(node); // while those 30 are still on their way
    const crashed = performance.now();
    send(30, 60);
    const down = await busBecomes("down");
    const noticed = performance.now() - crashed;
    for (const report of down) expect(report).toMatchObject({ status: "degraded", db: "up", bus: "down" });
    send(60, 90);

    // Still storing, and still serving its own sockets: A's messages reach A's sockets.
    await storedCount(before + 90);
    const fromA = Array.from({ length: 45 }, (_, k) => `sharded ${2 * k}`);
    await Promise.all(
      [aliceOnA, bobOnA].map((socket) =>
        socket.frame(() => {
          const bodies = new Set(socket.frames.flatMap(messagesIn).map((m) => m.body));
          return fromA.every((body) => bodies.has(body));
        }),
      ),
    );
    expect((await room.alice.call(`/rooms/${room.slug}`)).status).toBe(200);

    await current.restart(node);
    const restarted = performance.now();
    const up = await busBecomes("up");
    const recovered = performance.now() - restarted;
    for (const report of up) expect(report).toMatchObject({ status: "ok", db: "up", bus: "up" });
    send(90, 120);

    const stored = await storedCount(before + 120);
    const storedIds = stored.map((m) => m.id);
    await Promise.all(
      sockets.map((socket, n) =>
        eventually(`socket ${n} to hold all ${storedIds.length} stored messages`, async () => {
          const ids = new Set(socket.frames.flatMap(idsIn));
          return storedIds.every((id) => ids.has(id)) || undefined;
        }),
      ),
    );
    console.log(
      `cluster outage: node ${node} (the room's) crashed; both instances reported it within ${noticed.toFixed(0)} ms, ` +
        `were back ${recovered.toFixed(0)} ms after it restarted, and every socket held all ${storedIds.length} messages ` +
        `after ${(performance.now() - restarted).toFixed(0)} ms`,
    );
    for (const socket of sockets) socket.close();
  }, 90_000);
});
